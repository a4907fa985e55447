"""``bundle`` and ``receipt``: carrying records between a commune and its province on a USB stick
(the keys that sign them: ``cmd_keys``).

Exit codes: 0 done, 2 wrong usage, 3 a bundle was rejected or is invalid (the message says why, and
nothing of it was written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.cli import cmd_bundle_log
from ntm_desktop.cli.support import (
    COMMUNE_CODE,
    first_use_flag,
    json_flag,
    open_workspace,
    print_json,
    table,
    year_option,
)
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import capped
from ntm_desktop.services.kinds.registry import correctable
from ntm_desktop.sync.preview import Preview
from ntm_desktop.sync.views import ConflictView

NAMES = ("bundle", "receipt")
REJECTED = 3

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    _register_bundle(sub, common)
    _register_receipt(sub, common)


def _register_bundle(sub: Any, common: argparse.ArgumentParser) -> None:
    bun = sub.add_parser(
        "bundle", parents=[common], help="signed sync bundles (USB): export, inspect, import"
    )
    bsub = bun.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)

    p = bsub.add_parser("export", parents=[common], help="write a bundle of the commune's changes")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write the bundle into (the USB stick)"
    )
    p.add_argument("--full", action="store_true", help="every record, not only unconfirmed changes")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--unit", metavar="CODE", help="receiver: write a reverse bundle for this commune")
    target.add_argument(
        "--recovery-for",
        metavar="CODE",
        help="receiver: everything held of this commune, for a lost laptop (revokes its keys)",
    )
    target.add_argument(
        "--to",
        choices=["national"],
        help="province: the year's roll-up for the national office (needs --year)",
    )
    year_option(p, required=False, help="with --to national: the year whose decisions go")
    json_flag(p)
    p.set_defaults(handler=run_export, parser=p)

    p = bsub.add_parser("inspect", parents=[common], help="what importing a bundle would do (writes nothing)")
    p.add_argument("file", metavar="FILE", help="the bundle file (.ntmsync)")
    first_use_flag(
        p, help="look at it as if the key of a unit not known yet were trusted (nothing is remembered)"
    )
    json_flag(p)
    p.set_defaults(handler=run_inspect)

    p = bsub.add_parser("import", parents=[common], help="import bundles, each one all or nothing")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="the bundle files (.ntmsync); several may be given"
    )
    p.add_argument("--dry-run", action="store_true", help="only say what would change")
    first_use_flag(p)
    json_flag(p)
    p.set_defaults(handler=run_import)

    _register_bundle_state(bsub, common)


def _register_bundle_state(bsub: Any, common: argparse.ArgumentParser) -> None:
    cmd_bundle_log.register(bsub, common)
    p = bsub.add_parser("status", parents=[common], help="unconfirmed changes, missing bundles, conflicts")
    json_flag(p)
    p.set_defaults(handler=run_status)

    p = bsub.add_parser("conflicts", parents=[common], help="records edited in two places at once")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    json_flag(p)
    p.set_defaults(handler=run_conflicts)

    p = bsub.add_parser("resolve", parents=[common], help="keep one version of a conflicting record")
    p.add_argument("id", metavar="ID", help="the conflict's id, as bundle conflicts shows it")
    p.add_argument(
        "--keep",
        required=True,
        choices=["local", "incoming"],
        help="local: this data file's version; incoming: the bundle's",
    )
    p.set_defaults(handler=run_resolve)

    p = bsub.add_parser("corrections", parents=[common], help="correction requests (sent or received)")
    json_flag(p)
    p.set_defaults(handler=run_corrections)

    p = bsub.add_parser(
        "request-correction", parents=[common], help="receiver: ask a commune to correct a record"
    )
    p.add_argument("--unit", required=True, metavar="CODE", help=COMMUNE_CODE)
    p.add_argument("--kind", required=True, choices=correctable(), help="the kind of record")
    p.add_argument("--id", required=True, dest="record_id", metavar="RECORD_ID", help="the record's id")
    p.add_argument("--reason", required=True, help="what is to be corrected and why (sent to the commune)")
    p.set_defaults(handler=run_request_correction)


def _register_receipt(sub: Any, common: argparse.ArgumentParser) -> None:
    rec = sub.add_parser("receipt", parents=[common], help="receipts: what the receiver holds")
    rsub = rec.add_subparsers(dest="receipt_command", metavar="ACTION", required=True)
    p = rsub.add_parser("export", parents=[common], help="receiver: write signed receipts")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write the receipts into (the USB stick)"
    )
    p.add_argument("--unit", metavar="CODE", help="only for this commune (default: every commune)")
    json_flag(p)
    p.set_defaults(handler=run_receipt_export)
    p = rsub.add_parser("import", parents=[common], help="commune: take in the receiver's receipt")
    p.add_argument("file", metavar="FILE", help="the receipt file from the receiving unit (.ntmsync)")
    first_use_flag(p)
    json_flag(p)
    p.set_defaults(handler=run_receipt_import)


# ---- bundles ------------------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    if args.to == "national":
        return _export_national(args)
    with open_workspace(args, need_commune=False) as ws:
        if args.recovery_for:
            result = ws.sync.export_recovery(Path(args.out), args.recovery_for)
        elif args.unit:
            result = ws.sync.export_reverse(Path(args.out), args.unit)
        else:
            result = ws.sync.export(Path(args.out), full=args.full)
    if args.json:
        print_json(result.to_json())
    else:
        print(result.path)
        print(result.text(), file=sys.stderr)
    return 0


def _export_national(args: argparse.Namespace) -> int:
    if args.year is None:  # wrong usage (exit 2), as a required option left out is
        args.parser.error(tr("the following arguments are required: %s") % "--year")
    with open_workspace(args, need_commune=False) as ws:
        done = ws.receiver.export_national(Path(args.out), args.year)
    result = done.result
    if args.json:
        print_json(result.to_json() | {"communes": done.communes, "not_kept": list(done.not_kept),
                                        "left_out": list(done.foreign)})  # fmt: skip
        return 0
    print(result.path)
    communes = trn("{n} commune", "{n} communes", done.communes)
    bundles = trn("{n} commune bundle", "{n} commune bundles", result.files)
    print(tr("Roll-up of {year} for the national office: {communes}, {bundles}.",
             year=args.year, communes=communes, bundles=bundles), file=sys.stderr)  # fmt: skip
    if done.not_kept:
        print(tr("Not carried (received before this version kept bundles; ask these communes for a full "
                 "bundle): {codes}", codes=", ".join(done.not_kept)), file=sys.stderr)  # fmt: skip
    if done.foreign:
        print(tr("Left out, of another province: {codes}", codes=", ".join(done.foreign)), file=sys.stderr)
    if not done.communes:
        from ntm_desktop.receiver.rollup import empty_text  # the data layer, loaded only when needed

        print(empty_text(args.year), file=sys.stderr)
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        preview = ws.sync.inspect(Path(args.file), trust_on_first_use=args.trust_on_first_use)
    _show_preview(preview, args.json)
    return 0 if preview.can_import else REJECTED


def _show_preview(preview: Preview, as_json: bool) -> None:
    if as_json:
        print_json(preview.to_json())
    else:
        print(preview.text())


def run_import(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    with open_workspace(args, need_commune=False) as ws:
        if args.dry_run:
            return _dry_run(ws, files, args)
        report = ws.sync.import_bundles(files, trust_on_first_use=args.trust_on_first_use)
    if args.json:
        print_json(report.to_json())
    elif shown := report.text(refused=False):  # each refusal once, below, on the error stream
        print(shown)
    for outcome in report.rejected:
        message = capped(outcome.message, max_lines=8)
        print(tr("Refused: {file}: {message}", file=outcome.path.name, message=message), file=sys.stderr)
    return REJECTED if report.rejected else 0


def _dry_run(ws: Workspace, files: list[Path], args: argparse.Namespace) -> int:
    """Preview every bundle; one that cannot be read is reported and the others are still previewed."""
    previews: list[Preview] = []
    unsound: list[tuple[Path, NtmError]] = []
    for f in files:
        try:
            previews.append(ws.sync.inspect(f, trust_on_first_use=args.trust_on_first_use))
        except NtmError as refused:
            unsound.append((f, refused))
    coming = {p.place() for p in previews if p.can_import and not p.already_imported}
    previews = [p.without_filled(coming) for p in previews]  # a bundle missing before it comes here too
    if args.json:
        unread = [{"path": str(f), "status": "rejected", "message": str(e)} for f, e in unsound]
        print_json([p.to_json() for p in previews] + unread)
    elif previews:  # none when every file was refused: only the refusals, below, are said
        print("\n".join(f"{p.path.name}:\n{p.text()}" for p in previews))
    for f, why in unsound:
        print(tr("Refused: {file}: {message}", file=f.name, message=capped(str(why), 8)), file=sys.stderr)
    return 0 if not unsound and all(p.can_import for p in previews) else REJECTED


def run_status(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        me = ws.sync.keys.show()
        pending = None if ws.settings.role == "receiver" else ws.sync.pending_count()
        gaps = ws.sync.gaps()
        conflicts = len(ws.sync.conflicts())
        corrections = len(ws.sync.corrections(status="open"))
        role = ws.settings.role
    if args.json:
        print_json(
            {
                "unit": me.unit_code,
                "role": role,
                "pending": pending,
                "gaps": [g.to_json() | {"message": g.text()} for g in gaps],
                "conflicts": conflicts,
                "corrections": corrections,
            }
        )
        return 0
    if pending is not None:
        print(trn("{n} change not yet confirmed", "{n} changes not yet confirmed", pending))
    for gap in gaps:
        print(gap.text())
    print(tr("Open conflicts: {count}", count=conflicts))
    print(tr("Open correction requests: {count}", count=corrections))
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        found = ws.sync.conflicts(status=None if args.all else "open")
    if args.json:
        print_json([c.to_json() for c in found])
        return 0
    if not found:
        print(tr("No conflicts."))
        return 0
    print(table([_conflict_row(c) for c in found], _conflict_header()))
    return 0


def _conflict_header() -> list[str]:
    return [
        "ID",
        tr("Unit"),
        tr("List"),
        tr("Record"),
        tr("Local version"),
        tr("Incoming version"),
        tr("Status"),
    ]


def _conflict_row(c: ConflictView) -> list[str]:
    from ntm_desktop.sync.conflicts import record_name, state_text  # the merge's modules: only when listing
    from ntm_desktop.sync.labels import extra_label, unit_label

    def side(deleted: bool, origin: str) -> str:
        return (tr("removed") + " " if deleted else "") + tr("by {device}", device=origin)

    return [
        c.id,
        unit_label(c.unit_code, c.unit_name),  # "xã Bằng Thành (01234)", as the Sync page's title names it
        extra_label(c.kind),
        record_name(c),
        side(c.local.deleted, c.local.origin),
        side(c.incoming.deleted, c.incoming.origin),
        state_text(c.status, c.resolution),
    ]


def run_resolve(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        ws.sync.resolve(args.id, keep=args.keep)
    print(tr("Resolved: the {keep} version is kept as a new version.", keep=args.keep))
    return 0


def run_corrections(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        found = ws.sync.corrections()
    if args.json:
        print_json([c.to_json() for c in found])
        return 0
    if not found:
        print(tr("No correction requests."))
        return 0
    from ntm_desktop.sync.labels import extra_label  # the list's name in words, as the Sync page says it

    states = {"open": tr("Still open"), "done": tr("Done")}
    rows = [
        [
            c.id,
            c.unit_code,
            extra_label(c.kind),
            c.record_id,
            c.reason,
            c.requested_by,
            states.get(c.status, c.status),
        ]
        for c in found
    ]
    print(
        table(
            rows, ["ID", tr("Unit"), tr("List"), tr("Record"), tr("Reason"), tr("Requested by"), tr("Status")]
        )
    )
    return 0


def run_request_correction(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        view = ws.sync.request_correction(args.unit, args.kind, args.record_id, args.reason)
    print(
        tr(
            "Correction request {id} will go in the next reverse bundle for {unit}.",
            id=view.id,
            unit=view.unit_code,
        )
    )
    return 0


# ---- receipts ---------------------------------------------------------------------------------------


def run_receipt_export(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        results = ws.sync.export_receipt(Path(args.out), for_unit=args.unit)
    if args.json:
        print_json([r.to_json() for r in results])
    else:
        for r in results:
            print(r.path)
    return 0


def run_receipt_import(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        result = ws.sync.import_receipt(Path(args.file), trust_on_first_use=args.trust_on_first_use)
    if args.json:
        print_json(result.to_json())
    else:
        print(result.text())
    return 0
