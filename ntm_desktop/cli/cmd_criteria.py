"""``criteria sets | list | load | threshold | export-xlsx | import-xlsx | use | years``."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from ntm_desktop.cli.support import (
    EXCEL_IN,
    EXCEL_OUT,
    INDICATOR_CODE,
    json_flag,
    open_workspace,
    print_json,
    table,
    year_option,
)
from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.criteria.loading import set_to_dict
from ntm_desktop.criteria.model import Indicator
from ntm_desktop.criteria.requirement import applicable, delegated_text, judge_by_text, missing_text

NAMES = ("criteria",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    crit = sub.add_parser("criteria", parents=[common], help="criteria sets and their thresholds")
    csub = crit.add_subparsers(dest="criteria_command", metavar="ACTION", required=True)

    p = csub.add_parser("sets", parents=[common], help="the criteria sets in this data file")
    json_flag(p)
    p.set_defaults(handler=run_sets)

    p = csub.add_parser("list", parents=[common], help="criteria and indicators of a set")
    p.add_argument("--set", dest="set_id", help="set id (default: the set in force this year)")
    year_option(p, required=False, help="the set in force that year")
    json_flag(p)
    p.set_defaults(handler=run_list)

    p = csub.add_parser("load", parents=[common], help="load a criteria-set file (e.g. a province's own)")
    p.add_argument("file", metavar="FILE", help="the criteria-set file to load (JSON)")
    p.set_defaults(handler=run_load)

    p = csub.add_parser("threshold", parents=[common], help="set a threshold (makes a new revision)")
    p.add_argument("--set", dest="set_id", required=True, help="the set's id (as criteria sets shows it)")
    p.add_argument("--indicator", required=True, help=INDICATOR_CODE)
    p.add_argument("--key", help="region (e.g. TDMNPB) or commune group (1-3); omit for the general value")
    p.add_argument("--value", required=True, help="e.g. 80, có, or a level")
    p.set_defaults(handler=run_threshold)

    p = csub.add_parser("use", parents=[common], help="judge some years under another criteria set")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--set", dest="set_id", help="the set to use, e.g. a province's own")
    which.add_argument("--national", action="store_true", help="back to the national set in force")
    p.add_argument("--years", required=True, help="e.g. 2026-2030, or 2026,2027")
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")
    json_flag(p)
    p.set_defaults(handler=run_use)

    p = csub.add_parser("years", parents=[common], help="which criteria set each year is judged under")
    p.add_argument("--years", default="2016-2030", help="e.g. 2021-2030")
    json_flag(p)
    p.set_defaults(handler=run_years)

    p = csub.add_parser("follow", parents=[common], help="follow an advanced set beside the basic one")
    p.add_argument("--set", dest="set_id", required=True, help="a nâng cao, kiểu mẫu or hiện đại set")
    p.add_argument("--stop", action="store_true", help="stop following it")
    p.set_defaults(handler=run_follow)

    p = csub.add_parser(
        "export-xlsx", parents=[common], help="a criteria set as an Excel workbook to fill in"
    )
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_OUT)
    p.add_argument("--set", dest="set_id", help="the set to write (default: the one in force this year)")
    p.add_argument("--template", action="store_true", help="an empty set to fill in from the decision")
    p.add_argument("--dimension", choices=["group", "region"], default="group", help="with --template")
    p.set_defaults(handler=run_export_xlsx)

    p = csub.add_parser("import-xlsx", parents=[common], help="load a criteria set from an Excel workbook")
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_IN)
    p.add_argument("--yes", action="store_true", help="store it (otherwise only a preview)")
    json_flag(p)
    p.set_defaults(handler=run_import_xlsx)


def run_sets(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        infos = ws.criteria.sets()
    if args.json:
        print_json([i.__dict__ for i in infos])
        return 0
    rows = [
        [
            i.id,
            str(i.revision),
            f"{i.period_from}–{i.period_to}",
            i.legal_basis,
            str(i.criteria),
            str(i.indicators),
            str(i.thresholds_known),
        ]
        for i in infos
    ]
    print(
        table(
            rows,
            [
                tr("Set"),
                tr("Revision"),
                tr("Period"),
                tr("Legal basis"),
                tr("Criteria"),
                tr("Indicators"),
                tr("Thresholds known"),
            ],
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:

    with open_workspace(args, need_commune=False) as ws:
        cs = (
            ws.criteria.get(args.set_id)
            if args.set_id
            else ws.criteria.for_year(args.year or vntime.today().year)
        )
    if args.json:
        print_json(set_to_dict(cs))
        return 0
    print(f"{cs.name} — {cs.legal_basis_text}")
    for c in cs.criteria:
        print(f"{c.code:>3}. {c.name}")
        for i in c.indicators:
            thr = threshold_summary(i, cs.dimension)
            flag = "" if i.confirmed else " " + tr("(wording not confirmed)")
            print(f"      {i.code:<6} {i.name}{flag}\n             {tr('Threshold')}: {thr}")
    return 0


def threshold_summary(i: Indicator, dimension: str) -> str:
    """ "chung ≥ 80; TDMNPB ≥ 70" or what is missing and where it is written."""
    if not i.threshold.has_any():
        found = applicable(i, None, None)
        if found.kind == "text":
            return judge_by_text(found.cited)
        return delegated_text(i.cited) if i.delegated else missing_text(i.cited)
    symbol = i.direction or "="
    parts = []
    for key, value in i.threshold.entries():
        name = tr("general") if key is None else key
        shown = format_decimal(value) if isinstance(value, Decimal) else str(value)
        parts.append(f"{name} {symbol} {shown}")
    return "; ".join(parts)


def run_load(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        cs, _, notice = ws.criteria.load_file(args.file)
    print(tr("Loaded {id}, revision {revision}", id=cs.id, revision=cs.revision))
    if notice:
        print(notice)
    return 0


def run_threshold(args: argparse.Namespace) -> int:
    from ntm_desktop.services.progress_values import coerce_value

    with open_workspace(args, need_commune=False) as ws:
        current = ws.criteria.get(args.set_id)
        indicator = current.find_indicator(args.indicator)
        value = coerce_value(indicator, args.value) if indicator is not None else args.value
        cs, _ = ws.criteria.set_threshold(args.set_id, args.indicator, args.key, value)
    print(tr("Saved as {id}, revision {revision}", id=cs.id, revision=cs.revision))
    return 0


def run_export_xlsx(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ntm_desktop.export.criteria_xlsx import write_set, write_template

    path = Path(args.file)
    if args.template:
        write_template(path, args.dimension)
        print(tr("Wrote {path}: an empty criteria set to fill in.", path=args.file))
        return 0
    with open_workspace(args, need_commune=False) as ws:
        cs = ws.criteria.get(args.set_id) if args.set_id else ws.criteria.for_year(_this_year())
    write_set(cs, path)
    print(tr("Wrote {path}: {id}, revision {revision}.", path=args.file, id=cs.id, revision=cs.revision))
    return 0


def run_import_xlsx(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ntm_desktop.export.criteria_xlsx import apply, preview

    with open_workspace(args, need_commune=False) as ws:
        pv = preview(ws, Path(args.file))
        if args.json and not (pv.ok and args.yes):
            print_json(pv.to_json())
        elif not args.json:
            print(pv.text())
        if not pv.ok:
            raise InvalidInput(
                trn(
                    "Nothing was imported: the workbook has {n} problem (listed above).",
                    "Nothing was imported: the workbook has {n} problems (listed above).",
                    len(pv.problems),
                )
            )
        if not args.yes:
            if not args.json:
                print(tr("Nothing was written. Run again with --yes to import."))
            return 0
        cs, _ = apply(ws, pv)
    if args.json:
        print_json(pv.to_json() | {"saved_revision": cs.revision})
    else:
        print(tr("Saved as {id}, revision {revision}", id=cs.id, revision=cs.revision))
    return 0


def _this_year() -> int:

    return vntime.today().year


def run_use(args: argparse.Namespace) -> int:
    from ntm_desktop.services.criteria_years import parse_years

    years = parse_years(args.years)
    with open_workspace(args, need_commune=False) as ws:
        result = ws.criteria_years.use(None if args.national else args.set_id, years, args.reason)
    if args.json:
        print_json(
            {
                "set": result.set_id,
                "years": list(result.years),
                "rejudged": [r.to_json() | {"year": r.year, "moved": r.moved} for r in result.rejudged],
            }
        )
        return 0
    which = result.set_id or tr("the national set in force")
    print(tr("{years}: judged under {set}.", years=args.years, set=which))
    for line in result.lines():
        print("  " + line)
    return 0


def run_years(args: argparse.Namespace) -> int:
    from ntm_desktop.services.criteria_years import parse_years

    with open_workspace(args, need_commune=False) as ws:
        rows = ws.criteria_years.choices(parse_years(args.years))
    if args.json:
        print_json(
            [
                {"year": c.year, "set": c.set_id, "national": c.national, "chosen": c.chosen,
                 "reason": c.reason, "origin": c.origin, "chosen_by": c.chosen_by}
                for c in rows
            ]
        )  # fmt: skip
        return 0
    table_rows = [
        [str(c.year), c.set_id or "—", tr("chosen") if c.chosen else tr("national"), c.reason] for c in rows
    ]
    print(table(table_rows, [tr("Year"), tr("Set"), tr("Chosen how"), tr("Reason")]))
    return 0


def run_follow(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        ws.criteria_years.follow(args.set_id, not args.stop)
        followed = ws.criteria_years.followed_ids()
    print(tr("Advanced sets followed: {ids}", ids=", ".join(followed) or "—"))
    return 0
