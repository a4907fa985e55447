"""``report commune | supporter | progress`` (``report seal``, ``verify`` and ``certificate``: cmd_signing).

Signing: ``--sign --key FILE.p12 --passphrase-env VAR`` or ``--sign --pkcs11-lib PATH --token-label LABEL
--pin-env VAR``. Secrets are read from environment variables, never from the command line (which other
users of the computer can see). A wrong passphrase or PIN writes no file and exits 5.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import open_workspace, parse_date
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr

NAMES = ("report",)


def _signing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sign", action="store_true", help="sign the report digitally")
    add_key_options(p)


def add_key_options(p: argparse.ArgumentParser) -> None:
    """A key file and its passphrase, or a USB token and its PIN (for --sign and report seal)."""
    g = p.add_argument_group("signing key")
    g.add_argument("--key", metavar="FILE.p12", help="key file (.p12/.pfx)")
    g.add_argument(
        "--passphrase-env", metavar="VAR", help="environment variable holding the key's passphrase"
    )
    g.add_argument("--pkcs11-lib", metavar="PATH", help="the token's PKCS#11 driver (.dll/.so)")
    g.add_argument("--token-label", metavar="LABEL", help="label of the USB token")
    g.add_argument("--pin-env", metavar="VAR", help="environment variable holding the token's PIN")


def _header_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--number", type=int, help="the văn thư's number (blank if not given)")
    p.add_argument("--date", help="date of the report (default today), YYYY-MM-DD or DD/MM/YYYY")
    p.add_argument("--signer", help="officer who signs (default: the one marked in the commune details)")
    _signing_options(p)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rep = sub.add_parser("report", parents=[common], help="make a PDF report, optionally signed")
    rsub = rep.add_subparsers(dest="report_command", metavar="KIND", required=True)

    p = rsub.add_parser("commune", parents=[common], help="the commune's annual report on the criteria")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--no-recipient", action="store_true", help='leave out "Kính gửi"')
    _header_options(p)
    p.set_defaults(handler=run_commune)

    p = rsub.add_parser("supporter", parents=[common], help="what one supporter did for the commune")
    p.add_argument("--supporter", required=True, metavar="ID", help="the supporter's id or name")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    _header_options(p)
    p.set_defaults(handler=run_supporter)

    p = rsub.add_parser("progress", parents=[common], help="every indicator, year by year")
    p.add_argument("--from-year", type=int)
    p.add_argument("--to-year", type=int)
    _header_options(p)
    p.set_defaults(handler=run_progress)

    from ntm_desktop.cli.cmd_receiver import register_report  # the receiver's summary, same options

    register_report(rsub, common, _header_options)

    from ntm_desktop.cli.cmd_signing import register_seal

    register_seal(rsub, common)


def secret(var: str | None, option: str) -> str:
    if not var:
        raise InvalidInput(
            tr("Give {option} with the name of an environment variable.", option=option), option
        )
    value = os.environ.get(var)
    if value is None:
        raise InvalidInput(tr("The environment variable {var} is not set.", var=var), option)
    return value


def key_from(args: argparse.Namespace) -> Any:
    """The key the options name, or None when not signing."""
    from ntm_desktop.reports import FileKey, TokenKey

    if not args.sign:
        if args.key or args.pkcs11_lib:
            raise InvalidInput(tr("Add --sign to sign with that key."), "sign")
        return None
    if args.key and args.pkcs11_lib:
        raise InvalidInput(tr("Sign with a key file or a token, not both."), "key")
    if args.key:
        return FileKey(Path(args.key), secret(args.passphrase_env, "--passphrase-env"))
    if args.pkcs11_lib:
        if not args.token_label:
            raise InvalidInput(tr("Give --token-label with the token's label."), "token-label")
        return TokenKey(args.pkcs11_lib, args.token_label, secret(args.pin_env, "--pin-env"))
    raise InvalidInput(tr("To sign, give --key FILE.p12 or --pkcs11-lib PATH."), "key")


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
