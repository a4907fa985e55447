"""``summary`` and ``receiver …``: the receiving unit's side — its communes, sign-off, mergers, the year's
summary (JSON, text, Excel) — and ``report summary`` (registered into the ``report`` group). ``receiver
units`` and ``receiver status`` are in :mod:`cmd_signoff`, ``recognise`` in :mod:`cmd_recognise`.

    ntm-desktop receiver setup --code 19 --signer "Nguyễn Thị Hà" --signer-title "Chánh Văn phòng"
    ntm-desktop receiver expect xa-thai-nguyen.csv
    ntm-desktop receiver units --year 2025
    ntm-desktop receiver status 01234 --year 2025 --set returned --reason "Thiếu minh chứng tiêu chí 2"
    ntm-desktop receiver recognise 01234 --year 2025 --decision "123/QĐ-UBND" --date 2025-12-20 --level ntm
    ntm-desktop summary --year 2025 --json
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ntm_desktop.cli import cmd_move, cmd_recognise, cmd_signoff
from ntm_desktop.cli.cmd_recognise import open_receiver
from ntm_desktop.cli.cmd_signoff import criteria_text, none_yet
from ntm_desktop.cli.support import (
    COMMUNE_CODE,
    EXCEL_OUT,
    json_flag,
    open_workspace,
    print_json,
    table,
    year_option,
)
from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_money_words, million_text
from ntm_desktop.receiver.values import LEVELS, NOT_REPORTED, status_label
from ntm_desktop.services.ledger.wording import totals_sentence
from ntm_desktop.sync.labels import extra_label

NAMES = ("summary", "receiver")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("summary", parents=[common], help="receiver: the year's summary of all communes")
    year_option(p, required=True)
    p.add_argument(
        "--json",
        action="store_true",
        help='{"year", "units", "reached_standard", "provinces", "help"} (README)',
    )
    p.set_defaults(handler=run_summary)

    rec = sub.add_parser("receiver", parents=[common], help="receiving unit: communes, sign-off, mergers")
    rsub = rec.add_subparsers(dest="receiver_command", metavar="ACTION", required=True)
    _register_setup(rsub, common)

    cmd_signoff.register_units(rsub, common)
    cmd_signoff.register_status(rsub, common)
    cmd_recognise.register_in(rsub, common)
    cmd_move.register_in(rsub, common)

    p = rsub.add_parser("expect", parents=[common], help="register the communes expected to report (CSV)")
    p.add_argument("file", metavar="FILE.csv", help="lines of code,name[,type]")
    p.set_defaults(handler=run_expect)

    p = rsub.add_parser(
        "merge", parents=[common], help="a commune merged in 2025: its history counts for the one it joined"
    )
    p.add_argument("predecessor", metavar="PRED", help=COMMUNE_CODE)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--into", metavar="SUCC", help="the commune it became part of")
    target.add_argument("--undo", action="store_true", help="count its data for itself again")
    p.set_defaults(handler=run_merge)

    p = rsub.add_parser("export-xlsx", parents=[common], help="the year's summary tables as Excel")
    year_option(p, required=True)
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_OUT)
    p.set_defaults(handler=run_export_xlsx)

    _register_amendments(rsub, common)


def _register_amendments(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser("amendments", parents=[common], help="changes to approved years, waiting")
    p.add_argument("--all", action="store_true", help="decided ones too")
    json_flag(p)
    p.set_defaults(handler=run_amendments)

    p = rsub.add_parser("amendment", parents=[common], help="accept or reject a change to an approved year")
    p.add_argument("id", metavar="ID", help="the change's id, as receiver amendments shows it")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--accept", action="store_true", help="the approved year takes the change")
    choice.add_argument("--reject", action="store_true", help="the approved year stays as it was")
    p.add_argument("--reason", default="", help="why it is rejected (sent to the commune)")
    p.set_defaults(handler=run_amendment)


def _register_setup(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser("setup", parents=[common], help="make a new data file a receiving unit's")
    p.add_argument(
        "--code", help="the receiving unit's code: province (2 digits), district (3); national: 00"
    )
    _receiver_fields(p)
    p.set_defaults(handler=run_setup, parser=p)
    p = rsub.add_parser("edit", parents=[common], help="change the receiving unit's details (not its code)")
    _receiver_fields(p)
    p.set_defaults(handler=run_edit)


def _receiver_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="e.g. Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên")
    p.add_argument(
        "--level",
        choices=list(LEVELS),
        help="province (from 1/7/2025), district (before) or national (the central office, code 00)",
    )
    p.add_argument("--parent", help="parent agency on documents, e.g. UBND tỉnh Thái Nguyên")
    p.add_argument("--province-code", help="the province's code, when the receiver is a district")
    p.add_argument("--place", help="place of issue on documents, e.g. Thái Nguyên")
    p.add_argument("--signer", help="who signs the summary report")
    p.add_argument("--signer-title", help="e.g. Chánh Văn phòng")


def register_report(rsub: Any, common: argparse.ArgumentParser, options: Callable[[Any], None]) -> None:
    """``report summary``: called by ``cmd_report`` with its header and signing options."""
    p = rsub.add_parser("summary", parents=[common], help="receiver: the year's summary of all communes")
    year_option(p, required=True)
    options(p)
    p.set_defaults(handler=run_report_summary)


# ---- handlers --------------------------------------------------------------------------------------


def _fields(args: argparse.Namespace) -> dict[str, str | None]:
    """The receiving unit's details as ``setup`` and ``edit`` both take them (``None``: not given)."""
    return {
        "level": args.level,
        "name": args.name,
        "parent": args.parent,
        "province_code": args.province_code,
        "place": args.place,
        "signer_name": args.signer,
        "signer_title": args.signer_title,
    }


def run_edit(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        ws.receiver.configure(**_fields(args))
        info = ws.receiver.info()
    print(tr("Saved: {name} ({code}), signed by {signer}", name=info.name, code=info.code,
             signer=info.signer_name or "—"))  # fmt: skip
    return 0


def run_setup(args: argparse.Namespace) -> int:
    from ntm_desktop.receiver import info as receiver_info  # the data layer, loaded only when needed

    if not args.code and args.level != "national":  # only the national office's code goes without saying
        args.parser.error(tr("the following arguments are required: %s") % "--code")
    receiver_info.check_new(args.code, **_fields(args))  # before a data file is made
    with open_workspace(args, need_commune=False, create=True) as ws:
        ws.receiver.set_up(code=args.code, **_fields(args))
        info = ws.receiver.info()
    print(tr("{name} ({code}) receives the communes' reports in {path}", name=info.name, code=info.code,
             path=ws.where))  # fmt: skip
    return 0


def run_summary(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        summary = ws.receiver.summary(args.year)
        if args.json:
            print_json(summary)
            return 0
        rows = ws.receiver.units(args.year)
        totals = ws.receiver.help_totals(args.year)
        info = ws.receiver.info()
    print(tr("{name}: summary of {year}", name=info.name, year=args.year))
    print()
    national = info.level == "national"
    if national and summary["provinces"]:
        print(_provinces_table(summary["provinces"]))
        print()
    if not rows:
        if not (national and summary["provinces"]):  # a roll-up of no commune yet was imported
            print(none_yet(national))
        return 0
    print(
        table(
            [[r.code, r.name, criteria_text(r), status_label(r.status)] for r in rows],
            [tr("Code"), tr("Commune"), tr("Criteria met"), tr("State")],
        )
    )
    late = [r for r in rows if r.status == NOT_REPORTED]
    print()
    sent = len(rows) - len(late)
    print(trn("{sent}/{n} commune has reported.", "{sent}/{n} communes have reported.", len(rows), sent=sent))
    print(_standard_sentence(summary["reached_standard"]))
    if late:
        print(tr("Not reported yet: {names}", names=", ".join(f"{r.name} ({r.code})" for r in late)))
    print(tr("Help received by all communes: {text}", text=totals_sentence(totals)))
    return 0


def _provinces_table(provinces: list[dict[str, Any]]) -> str:
    """The national office's line per province whose roll-up it imported (``--json``'s "provinces")."""
    counts = ("units", "reported", "approved", "recognised")
    rows = [
        [p["code"], p["name"], *(str(p[k]) for k in counts), format_money_words(p["help"]["value_vnd"])]
        for p in provinces
    ]
    header = [tr("Code"), tr("Province"), tr("Communes expected"), tr("Reported"), tr("Approved")]
    text = table(rows, [*header, tr("Recognised"), tr("Help received")])
    return "\n".join(line.rstrip() for line in text.splitlines())


def _standard_sentence(counts: dict[str, int]) -> str:
    return trn(
        "Every criterion met by its own figures: {n} commune; of those reviewed: "
        "{reviewed}, approved: {approved}. Recognised by decision: {recognised}.",
        "Every criterion met by their own figures: {n} communes; of those reviewed: "
        "{reviewed}, approved: {approved}. Recognised by decision: {recognised}.",
        counts["self_assessed"],
        **counts,
    )


def run_expect(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        changes = ws.receiver.expect_units_file(Path(args.file))
    expected = len(changes.ids)
    print(trn("{n} commune is expected to report.", "{n} communes are expected to report.", expected))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        ws.receiver.set_successor(args.predecessor, "" if args.undo else args.into)
    if args.undo:
        print(tr("{pred} counts for itself again.", pred=args.predecessor))
    else:
        print(tr("The data of {pred} now count for {succ}.", pred=args.predecessor, succ=args.into))
    return 0


def run_export_xlsx(args: argparse.Namespace) -> int:
    from ntm_desktop.reports.summary_xlsx import export_summary

    with open_receiver(args) as ws:
        t = export_summary(ws, Path(args.file), args.year)
    print(
        trn(
            "Saved {path}: {n} commune, help worth {value}.",
            "Saved {path}: {n} communes, help worth {value}.",
            len(t.rows),
            path=args.file,
            value=million_text(t.totals.value_vnd),
        )
    )
    return 0


def run_amendments(args: argparse.Namespace) -> int:
    from ntm_desktop.receiver.compare import record_title

    with open_receiver(args) as ws:
        found = ws.receiver.amendments(None if args.all else "open")
    if args.json:
        print_json([asdict(a) for a in found])
        return 0
    if not found:
        print(tr("No changes to approved years are waiting."))
    states = {"open": tr("waiting"), "accepted": tr("accepted"), "rejected": tr("rejected"),
              "superseded": tr("replaced by a later change")}  # fmt: skip
    rows = [
        [a.id, a.unit_code, str(a.year), f"{extra_label(a.kind)}: {record_title(a)}",
         tr("removal") if a.removes else tr("change"), states.get(a.status, a.status)]
        for a in found
    ]  # fmt: skip
    if rows:  # the id is what 'receiver amendment ID --accept' takes
        print(table(rows, ["ID", tr("Code"), tr("Year"), tr("Record"), tr("What"), tr("State")]))
    return 0


def run_amendment(args: argparse.Namespace) -> int:
    with open_receiver(args) as ws:
        if args.accept:
            ws.receiver.accept_amendment(args.id)
            print(tr("Accepted: the change is now in the approved data."))
        else:
            ws.receiver.reject_amendment(args.id, args.reason)
            print(tr("Rejected: the approved data stay; the commune will be asked to check the record."))
    return 0


def run_report_summary(args: argparse.Namespace) -> int:
    from ntm_desktop.cli.report_options import key_from, report_day
    from ntm_desktop.reports import SummaryReport, make_report

    key = key_from(args)
    request = SummaryReport(
        year=args.year, number=args.number, date=report_day(args.date, "--date"), signer=args.signer
    )
    with open_receiver(args) as ws:
        made = make_report(ws, request, Path(args.out), key)
    print(trn("Saved {path} ({n} page).", "Saved {path} ({n} pages).", made.pages, path=str(made.path)))
    print(tr("Data fingerprint (SHA-256): {hash}", hash=made.data_sha256))
    if made.signed is not None:
        when = vntime.format_vn(made.signed.signing_time)
        print(tr("Signed by {name} at {time}.", name=made.signed.signer_name, time=when))
    return 0
