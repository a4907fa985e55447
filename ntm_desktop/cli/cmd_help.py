"""``help totals | add | list | evidence | export-xlsx | template | import-xlsx`` (the supporters they
name: ``cmd_supporters``)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import (
    EXCEL_IN,
    EXCEL_OUT,
    count_arg,
    json_flag,
    open_workspace,
    parse_date,
    print_json,
    print_notes,
    shortened,
    table,
    year_option,
)
from ntm_desktop.core.errors import Conflict, InvalidInput, Problem
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_money_words, format_quantity, million_text
from ntm_desktop.services.ledger import HelpDraft
from ntm_desktop.services.ledger.kinds import (
    FUNDING_SOURCES,
    UNSPECIFIED,
    find_funding_source,
    funding_source_choices,
    funding_source_label,
    item_kind_label,
)
from ntm_desktop.services.ledger.parsing import ITEM_FORMAT, parse_item
from ntm_desktop.services.ledger.totals import BREAKDOWNS, HelpFilter, HelpTotals
from ntm_desktop.services.ledger.wording import totals_sentence
from ntm_desktop.workspace import Workspace

NAMES = ("ho-tro", "help")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    hp = sub.add_parser(
        "ho-tro", aliases=["help"], parents=[common], help="help received (hỗ trợ): add, list, totals, Excel"
    )
    hsub = hp.add_subparsers(dest="help_command", metavar="ACTION", required=True)
    _register_help(hsub, common)
    _register_excel(hsub, common)


def _register_help(hsub: Any, common: argparse.ArgumentParser) -> None:
    p = hsub.add_parser("totals", parents=[common], help="what was received, added up")
    _filters(p)
    p.add_argument(
        "--by",
        choices=BREAKDOWNS,
        help="one row per supporter, criterion, village, year, month or funding source",
    )
    p.add_argument("--json", action="store_true", help="print the records-v1 totals object")
    p.set_defaults(handler=run_totals)

    _register_add(hsub, common)

    p = hsub.add_parser("evidence", parents=[common], help="a help record's evidence files: list or attach")
    p.add_argument("record", metavar="UID", help="the record's id (as help list shows it) or uid")
    p.add_argument(
        "--add", action="append", default=[], metavar="FILE", help="attach a file; repeat for more"
    )
    json_flag(p)
    p.set_defaults(handler=run_evidence)

    p = hsub.add_parser("list", parents=[common], help="help records, oldest first")
    _filters(p)
    json_flag(p)
    p.set_defaults(handler=run_list)


def _register_add(hsub: Any, common: argparse.ArgumentParser) -> None:
    p = hsub.add_parser("add", parents=[common], help="record help received")
    p.add_argument("--date", required=True, help="YYYY-MM-DD or DD/MM/YYYY")
    p.add_argument(
        "--supporter",
        action="append",
        required=True,
        metavar="NAME_OR_ID",
        help="who gave it (a name or an id; repeat when units co-operated)",
    )
    p.add_argument("--title", required=True, help="what the help was")
    p.add_argument(
        "--item",
        action="append",
        required=True,
        metavar=f'"{ITEM_FORMAT}"',
        help='e.g. "cash;;40.000.000" or "material;Xi măng;343;tấn;1,2 tỷ"; repeat for more',
    )
    p.add_argument("--description", default="", help="more about the help (optional)")
    p.add_argument("--village", default="", help="the village (thôn, bản) it went to")
    p.add_argument("--criterion", action="append", default=[], help="criterion code the help serves")
    p.add_argument("--households", type=count_arg, help="how many households it reached")
    p.add_argument("--persons", type=count_arg, help="how many people it reached")
    p.add_argument(
        "--funding-source",
        metavar="CODE",
        help="where the resources came from: " + ", ".join(FUNDING_SOURCES) + " (or a Vietnamese name)",
    )
    p.add_argument("--allow-duplicate", action="store_true", help="save even if it looks already recorded")
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="FILE",
        help="attach a file (photo, minutes); repeat",
    )
    p.set_defaults(handler=run_add)


def _register_excel(hsub: Any, common: argparse.ArgumentParser) -> None:
    p = hsub.add_parser("export-xlsx", parents=[common], help="the ledger and its totals as an Excel file")
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_OUT)
    year_option(p, required=False, help="only this year's help (default: every year)")
    p.set_defaults(handler=run_export_xlsx)

    p = hsub.add_parser("template", parents=[common], help="an empty Excel sheet to fill in and import")
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_OUT)
    p.set_defaults(handler=run_template)

    p = hsub.add_parser("import-xlsx", parents=[common], help="import help from a filled-in Excel template")
    p.add_argument("file", metavar="FILE.xlsx", help=EXCEL_IN)
    p.add_argument("--yes", action="store_true", help="import without asking (otherwise only a preview)")
    json_flag(p)
    p.set_defaults(handler=run_import_xlsx)


def _filters(p: argparse.ArgumentParser) -> None:
    year_option(p, required=False, help="only help received in this year, e.g. 2025")
    p.add_argument("--supporter", metavar="NAME_OR_ID", help="only help this supporter gave")
    p.add_argument("--criterion", help="only help serving this criterion")
    p.add_argument("--village", help="only help that went to this village")
    p.add_argument(
        "--funding-source",
        metavar="CODE",
        help="only help from this funding source (unspecified: none recorded)",
    )


def _filter_args(ws: Workspace, args: argparse.Namespace) -> dict[str, Any]:
    supporter = _supporter_uid(ws, args.supporter, "supporter") if args.supporter else None
    source = None
    if args.funding_source is not None:
        problems: list[Problem] = []
        unspecified = args.funding_source.strip() in ("", UNSPECIFIED)
        source = UNSPECIFIED if unspecified else _funding_source(args.funding_source, problems)
        if problems:
            raise InvalidInput(problems)
    return {
        "supporter": supporter,
        "criterion": args.criterion,
        "village": args.village,
        "funding_source": source,
    }


def _supporter_uid(ws: Workspace, text: str, field: str) -> str:
    found = ws.supporters.find(text)
    if len(found) == 1:
        return found[0].uid
    if not found:
        raise InvalidInput(
            tr(
                "No supporter is called “{name}”. See: ntm-desktop supporters list; add one with: "
                "ntm-desktop supporters add --name …",
                name=text,
            ),
            field=field,
        )
    names = "; ".join(f"{s.name} (id {s.record_id})" for s in found[:5])
    raise InvalidInput(
        tr(
            "“{name}” matches several supporters: {names}. Give the id or the full name.",
            name=text,
            names=names,
        ),
        field=field,
    )


# ---- totals ----------------------------------------------------------------------------------------


def run_totals(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        filters = _filter_args(ws, args)
        if args.by:
            rows = ws.help.breakdown(args.by, HelpFilter(args.year, **filters))
            if args.json:
                print_json([r.__dict__ for r in rows])
            else:
                print(
                    table(
                        [
                            [r.label, str(r.records), million_text(r.value_vnd), million_text(r.cash_vnd)]
                            for r in rows
                        ],
                        [tr("Group"), tr("Records"), tr("Value"), tr("Cash")],
                    )
                )
            return 0
        totals = ws.help.totals(HelpFilter(args.year, **filters))
        unit = ws.unit.home()
    if args.json:
        print_json(totals.to_json())
    else:
        print(_totals_text(totals, unit.name, args.year))
    return 0


def _totals_text(t: HelpTotals, unit_name: str, year: int | None) -> str:
    title = (
        tr("Help received by {unit} in {year}", unit=unit_name, year=year)
        if year
        else tr("Help received by {unit}, all years", unit=unit_name)
    )
    lines = [title, totals_sentence(t)]
    if t.items:
        rows = [
            [
                item_kind_label(i.kind),
                i.name,
                f"{format_quantity(i.quantity)} {i.unit}",
                million_text(i.value_vnd) if i.value_vnd else "—",
            ]
            for i in t.items
        ]
        lines += ["", table(rows, [tr("Kind"), tr("Item"), tr("Quantity"), tr("Value")])]
    if any(g.key != UNSPECIFIED for g in t.by_funding_source):
        rows = [
            [funding_source_label(g.key), str(g.records), million_text(g.value_vnd)]
            for g in t.by_funding_source
        ]
        lines += ["", table(rows, [tr("Funding source"), tr("Records"), tr("Value")])]
    return "\n".join(lines)


# ---- add and list ----------------------------------------------------------------------------------


def _draft(ws: Workspace, args: argparse.Namespace) -> HelpDraft:
    """The draft from the options, or every problem with them at once."""
    problems: list[Problem] = []
    day: date | None = None
    try:
        day = parse_date(args.date, "date")
    except InvalidInput as exc:  # named as the form names it, "Ngày nhận", as the service's checks do
        problems += [replace(p, within="help") for p in exc.problems]
    supporters = []
    for i, text in enumerate(args.supporter):
        try:
            supporters.append(_supporter_uid(ws, text, f"supporter[{i}]"))
        except InvalidInput as exc:
            problems += exc.problems
    source = _funding_source(args.funding_source, problems)
    items = []
    for i, text in enumerate(args.item):
        item, found = parse_item(text, f"item[{i}]")
        problems += found
        if item is not None:
            items.append(item)
    draft = HelpDraft(
        date=day or date.min,
        title=args.title,
        supporters=tuple(supporters),
        items=tuple(items),
        description=args.description,
        village=args.village,
        criteria=tuple(args.criterion),
        households=args.households,
        persons=args.persons,
        funding_source=source,
    )
    if problems:  # add what the form's own checks find (a missing title …), one message per field
        skip = ("items", "supporters", *(p.path for p in problems))  # already reported one by one
        problems += [p for p in ws.help.check(draft) if not p.path.startswith(skip)]
        raise InvalidInput(problems)
    return draft


def _funding_source(text: str | None, problems: list[Problem]) -> str:
    if not text or not text.strip():
        return ""
    code = find_funding_source(text)
    if code is None:
        message = tr(
            "unknown funding source “{code}”; use one of: {codes}",
            code=text.strip(),
            codes=funding_source_choices(),
        )
        problems.append(Problem("funding_source", message))
        return ""
    return code


def run_add(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        draft = _draft(ws, args)
        twins = ws.help.probable_duplicates(draft)
        if twins and not args.allow_duplicate:
            raise Conflict(
                tr(
                    "This looks already recorded: {title} on {date} (id {id}). Nothing was saved. "
                    "Add --allow-duplicate to save it anyway.",
                    title=twins[0].title,
                    date=twins[0].date.strftime("%d/%m/%Y"),
                    id=twins[0].record_id,
                )
            )
        changes = ws.help.add(draft, evidence=[Path(e) for e in args.evidence])
        saved = ws.help.get(changes.ids[0])
    print_notes(changes)
    print(
        tr(
            "Saved: {title} ({date}), value {value}. Id: {id}",
            title=saved.title,
            date=saved.date.strftime("%d/%m/%Y"),
            value=format_money_words(saved.value_vnd),
            id=saved.record_id,
        )
    )
    return 0


def _help_uid(ws: Workspace, text: str) -> str:
    """The uid of the live help record whose id or uid is ``text``."""
    key = text.strip()
    for h in ws.help.list():
        if key in (h.uid, h.record_id):
            return h.uid
    raise InvalidInput(
        tr("No help record has the id “{id}”. See: ntm-desktop ho-tro list --json", id=text), field="record"
    )


def run_evidence(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        uid = _help_uid(ws, args.record)
        if args.add:
            ws.help.attach_evidence(uid, [Path(f) for f in args.add])
        files = ws.help.evidence(uid)
    if args.json:
        print_json(
            [{"name": f.filename, "sha256": f.sha256, "size": f.size, "path": str(f.path)} for f in files]
        )
        return 0
    if args.add:
        print(trn("Attached {n} file.", "Attached {n} files.", len(args.add)))
    if not files:
        print(tr("No evidence files."))
        return 0
    print(
        table(
            [[f.filename, format_quantity(f.size), f.sha256[:12]] for f in files],
            [tr("File"), tr("Bytes"), "SHA-256"],
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        records = ws.help.list(HelpFilter(args.year, **_filter_args(ws, args)))
    if args.json:
        print_json([h.to_json() for h in records])
        return 0
    rows = [
        [
            h.record_id[:36],  # what ``ho-tro evidence ID`` asks for, as ``supporters list`` shows its ids
            h.date.strftime("%d/%m/%Y"),
            shortened(h.title, 60),
            shortened("; ".join(h.supporter_names), 40),
            format_money_words(h.value_vnd),
        ]
        for h in records
    ]
    print(table(rows, [tr("Id"), tr("Date"), tr("What was given"), tr("Supporter"), tr("Value")]))
    print(trn("{n} record", "{n} records", len(records)))
    return 0


# ---- Excel -------------------------------------------------------------------------------------------


def run_export_xlsx(args: argparse.Namespace) -> int:
    from ntm_desktop.export.xlsx import export_ledger

    with open_workspace(args) as ws:
        count = export_ledger(ws, Path(args.file), year=args.year)
    print(trn("Wrote {path} ({n} help record)", "Wrote {path} ({n} help records)", count, path=args.file))
    return 0


def run_template(args: argparse.Namespace) -> int:
    from ntm_desktop.export.xlsx import write_template

    with open_workspace(args, need_commune=False) as ws:
        known = [s.name for s in ws.supporters.list()]  # offered in a pick list
    write_template(Path(args.file), known)
    print(
        tr(
            "Wrote {path}. Fill in one row per item; rows without a date continue the help above.",
            path=args.file,
        )
    )
    return 0


def run_import_xlsx(args: argparse.Namespace) -> int:
    from ntm_desktop.records.excel import apply, preview

    with open_workspace(args) as ws:
        pv = preview(ws, Path(args.file))
        if args.json and not (pv.ok and args.yes):
            print_json(pv.to_json())
        elif not args.json:
            print(pv.text())
        if not pv.ok:
            count = len(pv.problems)
            raise InvalidInput(
                trn(
                    "Nothing was imported: the sheet has {n} problem (listed above).",
                    "Nothing was imported: the sheet has {n} problems (listed above).",
                    count,
                )
            )
        if not args.yes:
            if not args.json:
                print(tr("Nothing was written. Run again with --yes to import."))
            return 0
        result = apply(ws, pv)
    if args.json:
        print_json({"preview": pv.to_json(), "result": result.to_json()})
    else:
        print(result.text())
    return 0
