"""``receiver units`` and ``receiver status``: every commune's year as the receiving unit sees it, and one
commune's sign-off state — set it, and read its history (each step and recognition decision, in Vietnam time).

    ntm-desktop receiver units --year 2025
    ntm-desktop receiver status 01234 --year 2025 --set returned --reason "Thiếu minh chứng tiêu chí 2"
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ntm_desktop.cli.cmd_recognise import open_receiver
from ntm_desktop.cli.support import COMMUNE_CODE, json_flag, print_json, table, year_option
from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_change
from ntm_desktop.receiver import recognition_history
from ntm_desktop.receiver.values import NOT_REPORTED, RecognitionChange, UnitRow, status_label

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


def register_units(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser("units", parents=[common], help="every commune's year: criteria, state, bundles")
    year_option(p, required=True)
    json_flag(p)
    p.set_defaults(handler=run_units)


def register_status(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser("status", parents=[common], help="a commune's sign-off state (show or set)")
    p.add_argument("code", metavar="CODE", help=COMMUNE_CODE)
    year_option(p, required=True)
    p.add_argument(
        "--set",
        dest="new_status",
        choices=["reviewed", "approved", "returned"],
        help="the new state (returned: back to the commune to correct); without it, only show",
    )
    p.add_argument("--reason", default="", help="required to return a year or reopen an approved one")
    p.add_argument(
        "--indicator",
        metavar="CODE",
        help="with --set returned: the indicator (or criterion) the commune must correct, e.g. 17.1 "
        "(default: the year as a whole, pointed at its first assessment)",
    )
    json_flag(p)
    p.set_defaults(handler=run_status)


def criteria_text(row: UnitRow) -> str:
    return f"{row.criteria_met}/{row.criteria_total}" if row.criteria_met is not None else "—"


def none_yet(national: bool) -> str:
    """What an office with no commune yet does next (instead of an empty table)."""
    if national:
        return tr(
            "No commune is known here yet: no province's roll-up has been imported. Trust each province's "
            "key (ntm-desktop keys trust FILE.ntmkey), then import its roll-up (ntm-desktop bundle import "
            "FILE.ntmsync)."
        )
    return tr(
        "No commune is known here yet. Import the communes' bundles (ntm-desktop bundle import "
        "FILE.ntmsync, after keys trust FILE.ntmkey), or list the communes that must report "
        "(ntm-desktop receiver expect FILE.csv)."
    )


def _row_json(row: UnitRow) -> dict[str, Any]:
    return asdict(row)


def run_units(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        rows = ws.receiver.units(args.year)
        national = not rows and ws.receiver.info().level == "national"
    if args.json:
        print_json([_row_json(r) for r in rows])
        return 0
    if not rows:
        print(none_yet(national))
        return 0
    header = [tr("Code"), tr("Commune"), tr("Criteria met"), tr("Change"), tr("State"), tr("Last bundle"),
              tr("Pending")]  # fmt: skip
    body = [
        [
            r.code,
            r.name + (f" (+{', '.join(r.predecessors)})" if r.predecessors else ""),
            criteria_text(r),
            format_change(r.change),
            status_label(r.status),
            f"{vntime.to_vn(r.last_bundle_at):%d/%m/%Y} #{r.last_bundle_seq}" if r.last_bundle_at else "—",
            _open(r),
        ]
        for r in rows
    ]
    print(table(body, header))
    for r in rows:
        if r.merge_requests:
            print(_merge_request(r))
    return 0


def _merge_request(r: UnitRow) -> str:
    """A commune's own claim to have merged others: shown for the receiver to decide, never applied."""
    return tr(
        "{code} {name} declares {codes} as communes merged into it. This is not applied: if it is right, "
        "run: ntm-desktop receiver merge CODE --into {code}",
        code=r.code,
        name=r.name,
        codes=", ".join(r.merge_requests),
    )


def _open(r: UnitRow) -> str:
    parts = []
    if r.open_conflicts:
        parts.append(trn("{n} conflict", "{n} conflicts", r.open_conflicts))
    if r.open_corrections:
        parts.append(trn("{n} correction", "{n} corrections", r.open_corrections))
    if r.open_amendments:
        parts.append(trn("{n} amendment", "{n} amendments", r.open_amendments))
    return ", ".join(parts)


def _to_correct(ws: Workspace, args: argparse.Namespace) -> tuple[str, str]:
    """The commune's assessment of ``--indicator`` in the year, as the record its correction is about."""
    from ntm_desktop.services.kinds.assessments import ASSESSMENTS

    if args.new_status != "returned":
        raise InvalidInput(tr("--indicator goes with --set returned"), "indicator")
    for a in ws.progress.assessments(args.year, unit_code=args.code):
        if (a.indicator or a.criterion) == args.indicator:
            return ASSESSMENTS.list_name, a.record_id
    raise NotFound(
        tr(
            "{code} has no assessment of {indicator} for {year}.",
            code=args.code,
            indicator=args.indicator,
            year=args.year,
        )
    )


def run_status(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        if args.new_status:
            record = _to_correct(ws, args) if args.indicator else None
            ws.receiver.set_status(args.code, args.year, args.new_status, args.reason, record=record)
        row = next((r for r in ws.receiver.units(args.year) if args.code in (r.code, *r.predecessors)), None)
        history = ws.receiver.status_history(args.code, args.year)
        if row is None and not history:  # a mistyped code is said so, as --set says it, not "not reported"
            raise NotFound(tr("There is no unit {code} in this data file.", code=args.code))
    status = row.status if row else NOT_REPORTED
    if args.json:
        print_json(
            {"code": args.code, "year": args.year, "status": status, "history": [asdict(h) for h in history]}
        )
        return 0
    print(tr("{code}, {year}: {status}", code=args.code, year=args.year, status=status_label(status)))
    for h in history:
        if isinstance(h, RecognitionChange):
            step, why = recognition_history.describe(h), ""
        else:
            why = f" — {h.reason}" if h.reason else ""
            step = f"{status_label(h.from_status)} → {status_label(h.to_status)}"
        print(f"  {vntime.format_vn(h.at, seconds=False, offset=False)}  {step}  ({h.actor}){why}")
    return 0
