"""The options every report command shares (``report commune|supporter|progress|summary``): the heading,
its dates (days of the years the app works with, as the Reports page's date boxes offer), and signing
with ``--sign --key FILE.p12 --passphrase-env VAR`` or ``--sign --pkcs11-lib PATH --token-label LABEL
--pin-env VAR``. Secrets are read from environment variables, never from the command line (which other
users of the computer can see)."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import PASSPHRASE_ENV, count_arg, parse_date
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR


def signing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sign", action="store_true", help="sign the report digitally")
    add_key_options(p)


def add_key_options(p: argparse.ArgumentParser) -> None:
    """A key file and its passphrase, or a USB token and its PIN (for --sign and report seal)."""
    g = p.add_argument_group("signing key")
    g.add_argument("--key", metavar="FILE.p12", help="key file (.p12/.pfx)")
    g.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_ENV)
    g.add_argument("--pkcs11-lib", metavar="PATH", help="the token's PKCS#11 driver (.dll/.so)")
    g.add_argument("--token-label", metavar="LABEL", help="label of the USB token")
    g.add_argument("--pin-env", metavar="VAR", help="environment variable holding the token's PIN")


def header_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out", required=True, metavar="FILE.pdf", help="the report file to write, e.g. bao-cao-2025.pdf"
    )
    p.add_argument("--number", type=count_arg, help="the văn thư's number (blank if not given)")
    p.add_argument("--date", help="date of the report (default today), YYYY-MM-DD or DD/MM/YYYY")
    p.add_argument("--signer", help="officer who signs (default: the one marked in the commune details)")
    signing_options(p)


def date_option(option: str) -> str:
    """A date option as the officer reads it: the Reports page's word for the box, then what was typed
    ("Từ ngày (--from)"); a bare "from" named neither."""
    words = {"--date": tr("Date"), "--from": tr("From"), "--to": tr("To")}[option]
    return tr("{field} ({option})", field=words, option=option)


def report_day(text: str | None, option: str) -> date | None:
    """A report's ``--date``, ``--from`` or ``--to``: a day of the years 2000–2100, as the Reports page's
    date boxes offer (a report dated 2101 is refused before anything is opened, exit 3); None if not
    given. A refusal names the option as typed and how to write a day (:func:`date_option`)."""
    field = date_option(option)
    day = parse_date(text, field)
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(
            tr(
                "{text} is not in the years the app works with, {first}–{last}",
                text=str(text).strip(),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            ),
            field=field,
        )
    return day


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
