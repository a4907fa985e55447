"""``report commune | supporter | progress`` (``report seal``, ``verify`` and ``certificate``: cmd_signing).

Signing (:mod:`ntm_desktop.cli.report_options`): a wrong passphrase or PIN writes no file and exits 5.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_desktop.cli.report_options import header_options, key_from, report_day
from ntm_desktop.cli.support import open_workspace, year_arg, year_option
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr, trn

NAMES = ("report",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rep = sub.add_parser("report", parents=[common], help="make a PDF report, optionally signed")
    rsub = rep.add_subparsers(dest="report_command", metavar="KIND", required=True)

    p = rsub.add_parser("commune", parents=[common], help="the commune's annual report on the criteria")
    year_option(p, required=True)
    p.add_argument("--no-recipient", action="store_true", help='leave out "Kính gửi"')
    p.add_argument(
        "--format",
        choices=("pdf", "docx"),
        default="pdf",
        help="pdf (the official copy, may be signed) or docx (a Word copy to polish, never signed)",
    )
    header_options(p)
    p.set_defaults(handler=run_commune)

    p = rsub.add_parser("supporter", parents=[common], help="what one supporter did for the commune")
    p.add_argument("--supporter", required=True, metavar="ID", help="the supporter's id or name")
    p.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="first day counted, YYYY-MM-DD or DD/MM/YYYY (default: no limit)",
    )
    p.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="last day counted, YYYY-MM-DD or DD/MM/YYYY (default: no limit)",
    )
    header_options(p)
    p.set_defaults(handler=run_supporter)

    p = rsub.add_parser("progress", parents=[common], help="every indicator, year by year")
    p.add_argument(
        "--from-year", type=year_arg, help="first year shown, e.g. 2021 (default: the first with results)"
    )
    p.add_argument(
        "--to-year", type=year_arg, help="last year shown, e.g. 2025 (default: the last with results)"
    )
    header_options(p)
    p.set_defaults(handler=run_progress)

    from ntm_desktop.cli.cmd_receiver import register_report  # the receiver's summary, same options

    register_report(rsub, common, header_options)

    from ntm_desktop.cli.cmd_narrative import register_narrative  # report narrative --year Y …
    from ntm_desktop.cli.cmd_signing import register_seal

    register_narrative(rsub, common)

    register_seal(rsub, common)


def _produce(args: argparse.Namespace, request: Any) -> int:
    from ntm_desktop.core import vntime
    from ntm_desktop.reports import make_report

    key = key_from(args)
    with open_workspace(args) as ws:
        made = make_report(ws, request, Path(args.out), key)
    print(trn("Saved {path} ({n} page).", "Saved {path} ({n} pages).", made.pages, path=str(made.path)))
    print(tr("Data fingerprint (SHA-256): {hash}", hash=made.data_sha256))
    if made.signed is not None:
        print(
            tr(
                "Signed by {name} at {time}.",
                name=made.signed.signer_name,
                time=vntime.format_vn(made.signed.signing_time),
            )
        )
    return 0


def _common(args: argparse.Namespace) -> dict[str, Any]:
    return {"number": args.number, "date": report_day(args.date, "--date"), "signer": args.signer}


def run_commune(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import CommuneReport

    request = CommuneReport(year=args.year, recipient=not args.no_recipient, **_common(args))
    code = _word_copy(args, request) if args.format == "docx" else _produce(args, request)
    _say_unwritten(args, request.date)
    return code


def _say_unwritten(args: argparse.Namespace, day: Any) -> None:
    """Name the sections the report printed as "(Chưa có nội dung.)": the paper goes to the chairman to
    sign, and nothing else tells the officer that a section still waits for its text."""
    from ntm_desktop.reports.narratives import NOT_WRITTEN, for_year
    from ntm_desktop.services.narrative_values import section_label

    with open_workspace(args) as ws:
        empty = [s for s in for_year(ws, args.year, day) if s.printed() == [NOT_WRITTEN]]
    if empty:
        names = "; ".join(f"{section_label(s.key)} (--section {s.key})" for s in empty)
        print(tr("Nothing is written yet in: {sections}. The report prints “(Chưa có nội dung.)” there; "
                 "write them with: report narrative --year {year} --section KEY --text \"…\"",
                 sections=names, year=args.year))  # fmt: skip


def _word_copy(args: argparse.Namespace, request: Any) -> int:
    from ntm_desktop.reports import make_word_copy

    if args.sign or args.key or args.pkcs11_lib:
        raise InvalidInput(
            tr("A Word copy is not signed: sign the PDF (--format pdf --sign), the official copy."), "sign"
        )
    with open_workspace(args) as ws:
        path = make_word_copy(ws, request, Path(args.out))
    print(tr("Saved the Word copy {path}; the signed PDF stays the official copy.", path=str(path)))
    return 0


def run_supporter(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import SupporterReport

    request = SupporterReport(
        supporter=args.supporter,
        start=report_day(args.start, "--from"),
        end=report_day(args.end, "--to"),
        **_common(args),
    )
    return _produce(args, request)


def run_progress(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import ProgressReport

    request = ProgressReport(first_year=args.from_year, last_year=args.to_year, **_common(args))
    return _produce(args, request)
