"""``report narrative``: the sections of the yearly report the officer writes.

report narrative --year 2025 --json
report narrative --year 2025 --section debt --text "Đến ngày 31/12/2025, xã không có nợ đọng…"
report narrative --year 2025 --section proposals --file kien-nghi.txt
report narrative --year 2025 --section criteria --accept     # keep the suggested sentences as written
report narrative --year 2025 --section criteria --clear      # back to the suggested sentences
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import open_workspace, print_json, year_option
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.narrative_values import SECTIONS


def register_narrative(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser(
        "narrative",
        parents=[common],
        help="the yearly report's sections the officer writes: show or write one",
    )
    year_option(p, required=True)
    p.add_argument("--section", metavar="KEY", help="one of: " + ", ".join(SECTIONS))
    what = p.add_mutually_exclusive_group()
    what.add_argument("--text", help="the section's text (each line is a paragraph)")
    what.add_argument("--file", metavar="FILE", help="read the section's text from a UTF-8 text file")
    what.add_argument("--accept", action="store_true", help="keep the suggested text as the section's text")
    what.add_argument("--clear", action="store_true", help="forget the written text: print the suggestion")
    p.add_argument(
        "--json", action="store_true", help='print {"year", "sections": [{"key", "title", "text", "edited"}]}'
    )
    p.set_defaults(handler=run_narrative)


def _text(args: argparse.Namespace) -> str | None:
    if args.file is None:
        return args.text  # type: ignore[no-any-return]
    try:
        return Path(args.file).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(tr("{path} is not a UTF-8 text file.", path=args.file), field="file") from None


def run_narrative(args: argparse.Namespace) -> int:
    from ntm_desktop.reports.narratives import for_year

    writing = args.text is not None or args.file is not None or args.accept or args.clear
    if writing and not args.section:
        raise InvalidInput(
            tr("Say which section with --section KEY ({keys}).", keys=", ".join(SECTIONS)), "section"
        )
    if args.section and args.section not in SECTIONS:
        raise InvalidInput(
            tr("unknown section “{key}”; use one of: {keys}", key=args.section, keys=", ".join(SECTIONS)),
            "section",
        )
    text = _text(args)
    with open_workspace(args) as ws:
        if writing:
            _write(ws, args, text)
        shown = for_year(ws, args.year)
    if args.section:
        shown = [s for s in shown if s.key == args.section]
    if args.json:
        print_json({"year": args.year, "sections": [s.to_json() for s in shown]})
    elif not writing:
        for s in shown:
            state = tr("written") if s.edited else tr("suggested from the data")
            print(f"== {s.key}: {s.title} ({state})")
            print(s.text or tr("(empty)"))
            print()
    return 0


def _write(ws: Any, args: argparse.Namespace, text: str | None) -> None:
    from ntm_desktop.reports.narratives import for_year

    year, key = args.year, args.section
    if args.clear:
        changes = ws.narratives.clear(year, key)
    else:
        if args.accept:
            text = next(s.suggestion for s in for_year(ws, year) if s.key == key)
        changes = ws.narratives.write(year, key, text or "")
    title = next(s.title for s in for_year(ws, year) if s.key == key)
    if not changes.action:
        print(tr("Nothing changed: “{section}” of {year} already says that.", section=title, year=year))
    elif args.clear:
        print(tr("“{section}” of {year} now shows the suggested text again.", section=title, year=year))
    else:
        print(tr("Saved “{section}” of {year}.", section=title, year=year))
