"""``report commune | supporter | progress``, ``verify FILE.pdf`` and ``certificate new``.

Signing (:mod:`ntm_desktop.cli.report_options`): a wrong passphrase or PIN writes no file and exits 5.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_desktop.cli.report_options import header_options, key_from, secret
from ntm_desktop.cli.support import open_workspace, parse_date, print_json, year_arg
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr

NAMES = ("report", "verify", "certificate")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rep = sub.add_parser("report", parents=[common], help="make a PDF report, optionally signed")
    rsub = rep.add_subparsers(dest="report_command", metavar="KIND", required=True)

    p = rsub.add_parser("commune", parents=[common], help="the commune's annual report on the criteria")
    p.add_argument("--year", type=year_arg, required=True)
    p.add_argument("--no-recipient", action="store_true", help='leave out "Kính gửi"')
    header_options(p)
    p.set_defaults(handler=run_commune)

    p = rsub.add_parser("supporter", parents=[common], help="what one supporter did for the commune")
    p.add_argument("--supporter", required=True, metavar="ID", help="the supporter's id or name")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    header_options(p)
    p.set_defaults(handler=run_supporter)

    p = rsub.add_parser("progress", parents=[common], help="every indicator, year by year")
    p.add_argument("--from-year", type=year_arg)
    p.add_argument("--to-year", type=year_arg)
    header_options(p)
    p.set_defaults(handler=run_progress)

    from ntm_desktop.cli.cmd_receiver import register_report  # the receiver's summary, same options

    register_report(rsub, common, header_options)

    p = sub.add_parser("verify", parents=[common], help="check a signed report (exit 5 if changed)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--trust", action="append", default=[], metavar="FINGERPRINT", help="a trusted signer")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_verify)

    cert = sub.add_parser("certificate", parents=[common], help="signing certificates for reports")
    csub = cert.add_subparsers(dest="certificate_command", metavar="ACTION", required=True)
    p = csub.add_parser("new", parents=[common], help="make a key and a self-signed certificate (.p12)")
    p.add_argument("--name", required=True, help="the signer's full name")
    p.add_argument("--title", default="", help="e.g. Chủ tịch UBND xã")
    p.add_argument("--organisation", default="", help="default: Ủy ban nhân dân <commune>, if set up")
    p.add_argument("--out", required=True, metavar="FILE.p12")
    p.add_argument("--passphrase-env", required=True, metavar="VAR")
    p.add_argument(
        "--days", type=bounded_int(1, 36_500), default=3 * 365, help="valid for this many days (default 1095)"
    )
    p.set_defaults(handler=run_new_certificate)


def _produce(args: argparse.Namespace, request: Any) -> int:
    from ntm_desktop.core import vntime
    from ntm_desktop.reports import make_report

    key = key_from(args)
    with open_workspace(args) as ws:
        made = make_report(ws, request, Path(args.out), key)
    print(tr("Saved {path} ({pages} pages).", path=str(made.path), pages=made.pages))
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
    return {"number": args.number, "date": parse_date(args.date, "date"), "signer": args.signer}


def run_commune(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import CommuneReport

    return _produce(args, CommuneReport(year=args.year, recipient=not args.no_recipient, **_common(args)))


def run_supporter(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import SupporterReport

    request = SupporterReport(
        supporter=args.supporter,
        start=parse_date(args.start, "from"),
        end=parse_date(args.end, "to"),
        **_common(args),
    )
    return _produce(args, request)


def run_progress(args: argparse.Namespace) -> int:
    from ntm_desktop.reports import ProgressReport

    request = ProgressReport(first_year=args.from_year, last_year=args.to_year, **_common(args))
    return _produce(args, request)


def run_verify(args: argparse.Namespace) -> int:
    from ntm_desktop.signing import verify_pdf
    from ntm_desktop.signing.verdict import as_json, details, verdict

    result = verify_pdf(Path(args.file), trusted=args.trust)
    if args.json:
        print_json(as_json(result))
        return 0 if result.ok else 5
    for heading, lines in details(result):
        print(heading)
        width = max(len(label) for label, _ in lines)
        for label, value in lines:
            print(f"  {label.ljust(width)}  {value}")
        print()
    print(verdict(result))
    for problem in result.problems():
        print(f"- {problem}")
    return 0 if result.ok else 5


def run_new_certificate(args: argparse.Namespace) -> int:
    from ntm_desktop.signing import create_certificate, format_fingerprint

    passphrase = secret(args.passphrase_env, "--passphrase-env")
    organisation = args.organisation or _organisation(args)
    if args.days < 1:
        raise InvalidInput([Problem("days", tr("A certificate is valid for 1 to 3650 days"))])
    fp = create_certificate(args.name, args.title, organisation, Path(args.out), passphrase, args.days)
    print(tr("Saved the key and certificate in {path}.", path=args.out))
    print(tr("Certificate fingerprint (SHA-256): {fp}", fp=format_fingerprint(fp)))
    return 0


def _organisation(args: argparse.Namespace) -> str:
    """ "Ủy ban nhân dân xã Bằng Thành" when a data file with a commune exists (none is created)."""
    from ntm_desktop.core.errors import NtmError
    from ntm_desktop.core.paths import is_server_location, resolve_db_path
    from ntm_desktop.reports.wording import in_text

    db = getattr(args, "db", None)
    if is_server_location(db):
        return ""  # a server holds a receiving office, no commune
    if not resolve_db_path(getattr(args, "data_dir", None), db).exists():
        return ""
    try:
        with open_workspace(args) as ws:
            unit = ws.unit.home()
    except NtmError:  # no commune set up: the certificate names no organisation
        return ""
    return f"Ủy ban nhân dân {in_text(unit.name, unit.type)}"
