"""``progress set | show | history | target``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ntm_desktop.cli.support import (
    INDICATOR_CODE,
    json_flag,
    open_workspace,
    parse_bool,
    parse_date,
    print_json,
    print_notes,
    shortened,
    table,
    year_option,
)
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.vntime import iso_vn
from ntm_desktop.services.overview import YearRecognition, recognition_line, year_recognitions
from ntm_desktop.services.rollup import YearSummary, status_text

if TYPE_CHECKING:
    from ntm_desktop.sync.reverse.decisions import Answer
    from ntm_desktop.workspace import Workspace

NAMES = ("progress",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    prog = sub.add_parser("progress", parents=[common], help="record and show criteria progress")
    psub = prog.add_subparsers(dest="progress_command", metavar="ACTION", required=True)

    p = psub.add_parser("set", parents=[common], help="record an indicator (or a whole criterion) for a year")
    year_option(p, required=True)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--indicator", help=INDICATOR_CODE)
    target.add_argument("--criterion", help="criterion code, for a criterion judged as a whole")
    p.add_argument("--value", help='e.g. 85 or "82,5" (percent), có/không (yes/no)')
    p.add_argument("--met", help="yes|no: Đạt / Chưa đạt, as the officer judges it")
    p.add_argument("--note", help="evidence, explanation")
    p.add_argument("--date", help="assessed on (YYYY-MM-DD)")
    p.add_argument("--by", help="officer's name")
    p.add_argument("--set", dest="set_id", help="criteria set (default: the one in force that year)")
    p.add_argument("--evidence", action="append", default=[], metavar="FILE", help="attach a file")
    p.set_defaults(handler=run_set)

    p = psub.add_parser("show", parents=[common], help="the year's standing, criterion by criterion")
    year_option(p, required=True)
    p.add_argument("--set", dest="set_id", help="an advanced set followed (default: the year's own set)")
    json_flag(p)
    p.set_defaults(handler=run_show)

    p = psub.add_parser("history", parents=[common], help="criteria met, year by year")
    json_flag(p)
    p.set_defaults(handler=run_history)

    p = psub.add_parser("target", parents=[common], help="the year by which a criterion should be met")
    p.add_argument("--criterion", required=True, help="criterion code, e.g. 17")
    year_option(p, required=True, help="the year it should be met by, e.g. 2027")
    p.add_argument("--plan", default=None, help="how the commune plans to meet it")
    p.set_defaults(handler=run_target)


def run_set(args: argparse.Namespace) -> int:
    from pathlib import Path

    with open_workspace(args) as ws:
        changes = ws.progress.record(
            args.year,
            indicator=args.indicator,
            criterion=args.criterion,
            value=args.value if args.value is not None else _value_kept(ws, args),
            met=parse_bool(args.met, "met"),
            note=args.note,
            assessed_on=parse_date(args.date, "date"),
            assessed_by=args.by,
            set_id=args.set_id,
            evidence=[Path(e) for e in args.evidence],
        )
        summary = ws.progress.summary(args.year, set_id=args.set_id)
    print_notes(changes)
    print(
        tr("Saved. {year}: {met}/{total} criteria met", year=args.year, met=summary.met, total=summary.total)
    )
    return 0


def _value_kept(ws: Workspace, args: argparse.Namespace) -> Any:
    """With no ``--value``, the value already recorded: adding a note or a file to an indicator must not
    erase its figure (``--value ""`` clears it on purpose)."""
    if not args.indicator:
        return None
    set_id = args.set_id or ws.criteria.set_id_for_year(args.year)
    return next(
        (
            a.value
            for a in ws.progress.assessments(args.year)
            if a.indicator == args.indicator and a.set_id == set_id
        ),
        None,
    )


def summary_json(s: YearSummary) -> dict[str, Any]:
    return {
        "year": s.year,
        "criteria_set": s.set_id,
        "criteria_set_revision": s.set_revision,
        "criteria_met": s.met,
        "criteria_total": s.total,
        "previous_year": s.previous_year,
        "previous_met": s.previous_met,
        "criteria": [
            {
                "code": c.code,
                "name": c.name_vi,
                "status": c.status,
                "indicators_met": c.indicators_met,
                "indicators_total": c.indicators_total,
                "change": c.change or None,
                "target_year": c.target_year,
            }
            for c in s.criteria
        ],
    }


def run_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        s = ws.progress.summary(args.year, set_id=args.set_id)
        answer = ws.sync.answers().get(args.year)
        recognised = [r for r in year_recognitions(ws.sync.recognitions()) if r.year == args.year]
    if args.json:
        print_json(summary_json(s) | province_json(answer, recognised))
        return 0
    rows = [
        [
            c.code,
            shortened(c.name, 48),
            status_text(c.status),
            f"{c.indicators_met}/{c.indicators_total}" if c.indicators_total else "—",
        ]
        for c in s.criteria
    ]
    print(table(rows, [tr("No."), tr("Criterion"), tr("Status"), tr("Indicators met")]))
    print()
    print(tr("{met}/{total} criteria met", met=s.met, total=s.total))
    for r in recognised:
        print(recognition_line(r))
    return 0


def province_json(answer: Answer | None, recognised: list[YearRecognition]) -> dict[str, Any]:
    """What the receiving unit said about the year, from the bundles it sent back: its decision
    (``null`` before any) and the decisions recognising the year (withdrawn ones left out)."""
    decision = answer.decision if answer is not None else None
    return {
        "answer": None
        if decision is None
        else {
            "status": decision.status,
            "reason": decision.reason,
            "decided_at": iso_vn(decision.decided_at) if decision.decided_at else None,
            "decided_by": decision.decided_by,
            "receiver_code": decision.receiver_code,
        },
        "recognitions": [
            {
                "level": r.level,
                "decision": r.decision,
                "date": r.decided_on.isoformat(),
                "decided_by": r.decided_by,
            }
            for r in recognised
        ],
    }


def run_history(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        history = ws.progress.history()
    if args.json:
        print_json(
            [
                {"year": h.year, "criteria_set": h.set_id, "criteria_met": h.met, "criteria_total": h.total}
                for h in history
            ]
        )
        return 0
    for h in history:
        print(f"{h.year}: {tr('{met}/{total} criteria met', met=h.met, total=h.total)}")
    return 0


def run_target(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        ws.progress.set_target(args.criterion, args.year, args.plan)
    print(tr("Saved."))
    return 0
