"""``receiver recognise`` and ``receiver recognitions``: the province's decisions recognising a commune's
year (xã đạt chuẩn nông thôn mới, nâng cao, kiểu mẫu, hiện đại), registered into the ``receiver`` group.

    ntm-desktop receiver recognise 01234 --year 2025 --decision "123/QĐ-UBND" --date 2025-12-20 --level ntm
    ntm-desktop receiver recognise 01234 --year 2025 --level ntm --withdraw --reason "Ghi nhầm xã"
    ntm-desktop receiver recognitions --year 2025 [--json]
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from ntm_desktop.cli.support import (
    COMMUNE_CODE,
    json_flag,
    open_workspace,
    parse_date,
    print_json,
    table,
    year_option,
)
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.i18n import tr
from ntm_desktop.receiver.values import RECOGNITION_LEVELS, recognition_level_label


def register_in(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser(
        "recognise", parents=[common], help="record the decision recognising a commune's year"
    )
    p.add_argument("code", metavar="CODE", help=COMMUNE_CODE)
    year_option(p, required=True, help="the year the decision recognises")
    p.add_argument(
        "--level",
        required=True,
        choices=list(RECOGNITION_LEVELS),
        help="ntm: new rural commune; nang_cao: advanced; kieu_mau: model; hien_dai: modern",
    )
    p.add_argument("--decision", default="", help='its number and symbol, e.g. "123/QĐ-UBND"')
    p.add_argument("--date", help="the decision's date, YYYY-MM-DD")
    p.add_argument("--withdraw", action="store_true", help="withdraw one recorded by mistake (--reason)")
    p.add_argument("--reason", default="", help="why it is withdrawn")
    p.set_defaults(handler=run_recognise)
    p = rsub.add_parser("recognitions", parents=[common], help="the decisions recognising communes")
    year_option(p, required=False, help="only the decisions of this year")
    json_flag(p)
    p.set_defaults(handler=run_recognitions)


def run_recognise(args: argparse.Namespace) -> int:
    with _receiver(args) as ws:
        if args.withdraw:
            ws.receiver.withdraw_recognition(args.code, args.year, args.level, args.reason)
            print(tr("Withdrawn; the decision stays in the history with the reason."))
            return 0
        earlier = [r for r in ws.receiver.recognitions(args.year, args.code) if r.level == args.level]
        ws.receiver.recognise(
            args.code,
            args.year,
            decision=args.decision,
            decided_on=parse_date(args.date, "date"),
            level=args.level,
        )
        row = next((r for r in ws.receiver.units(args.year) if args.code in (r.code, *r.predecessors)), None)
    print(
        tr(
            "Recorded: {code}, {year} recognised as {level} by decision {decision} of {date}.",
            code=args.code,
            year=args.year,
            level=recognition_level_label(args.level),
            decision=args.decision.strip(),
            date=f"{parse_date(args.date, 'date'):%d/%m/%Y}",
        )
    )
    for was in earlier:  # recording the same level again corrects it: say what it replaced
        print(
            tr(
                "It replaces decision {decision} of {date}, recorded earlier (kept in the history).",
                decision=was.decision,
                date=f"{was.decided_on:%d/%m/%Y}",
            )
        )
    if row is not None and row.criteria_met is not None and not row.reached_standard:
        print(
            tr(
                "Note: by the approved figures the commune meets {met}/{total} criteria in {year}.",
                met=row.criteria_met,
                total=row.criteria_total,
                year=args.year,
            )
        )
    return 0


def run_recognitions(args: argparse.Namespace) -> int:
    with _receiver(args) as ws:
        found = ws.receiver.recognitions(args.year)
    if args.json:
        print_json([asdict(r) for r in found])
        return 0
    if not found:
        print(tr("No recognition decisions are recorded."))
    body = [
        [r.code, str(r.year), recognition_level_label(r.level), r.decision, f"{r.decided_on:%d/%m/%Y}"]
        for r in found
    ]
    if body:
        print(table(body, [tr("Code"), tr("Year"), tr("Recognised as"), tr("Decision"), tr("Decision date")]))
    return 0


def _receiver(args: argparse.Namespace) -> Any:
    return open_receiver(args)


def open_receiver(args: argparse.Namespace) -> Any:
    ws = open_workspace(args, need_commune=False)
    if not ws.receiver.is_receiver():
        ws.close()
        raise Conflict(
            tr(
                "{path} is not a receiving unit's data file. Set it up with: ntm-desktop receiver setup "
                "--code …",
                path=ws.where,
            )
        )
    return ws
