"""What every command shares: opening the workspace, printing JSON and tables."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.days import why_no_day
from ntm_desktop.core.errors import InvalidInput, NotFound, WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.paths import is_server_location, resolve_db_path
from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from ntm_desktop.core.changes import Changes
    from ntm_desktop.workspace import Workspace


def open_workspace(args: argparse.Namespace, need_commune: bool = True, create: bool = False) -> Workspace:
    """The workspace the options name. Only the commands that make one (``create``: init, receiver
    setup, demo, records import, certificate trust) may start a new data file; any other refuses a
    path with no file, so a mistyped ``--db`` never becomes a new, empty data file."""
    from ntm_desktop.workspace import Workspace  # imported when a command needs it, not at start-up

    db, data_dir = getattr(args, "db", None), getattr(args, "data_dir", None)
    if is_server_location(db):
        ws = open_server(str(db), Path(data_dir).expanduser() if data_dir else None)
    else:
        path = resolve_db_path(data_dir, db)
        if not create:
            require_data_file(path)
        ws = Workspace.open(path)
    if ws.read_only:
        print(
            tr(
                "Note: {path} can only be read here (read-only): you can look, not change.", path=str(ws.path)
            ),
            file=sys.stderr,
        )
    moved_to = ws.settings.get("moved_to")  # server_move.MOVED_TO (not imported: it opens workspaces)
    if moved_to:
        print(
            tr("Note: this office has moved to {where}; this file is only its archive.", where=str(moved_to)),
            file=sys.stderr,
        )
    if need_commune and not ws.unit.has_home():
        office = ws.settings.role == "receiver"
        ws.close()
        if office:  # `init` is not the answer there (and is refused on a server)
            raise NotFound(
                tr(
                    "{path} holds a receiving office's data; this command works on a commune's data file "
                    "(--db FILE of the commune).",
                    path=ws.where,
                )
            )
        raise NotFound(
            tr(
                "No commune is set up in {path}. Run: ntm-desktop init --unit-code … --unit-name … "
                "--province-code …",
                path=ws.where,
            )
        )
    return ws


def require_data_file(path: Path) -> Path:
    """``path`` if a data file is there; else :class:`WorkspaceError` (exit 4) naming it, nothing made."""
    if path.is_file():
        return path
    raise WorkspaceError(
        tr(
            "There is no data file {path}. Check the path given with --db or --data-dir; nothing was "
            "created. A new data file is made only by: ntm-desktop --db FILE init … (a commune) or "
            "receiver setup … (a receiving office).",
            path=str(path),
        )
    )


def print_notes(changes: Changes) -> None:
    """What a service wants the officer told although nothing failed (kept values, odd values)."""
    for note in changes.notes:
        print(tr("Note: {message}", message=note), file=sys.stderr)


def open_server(url: str, folder: Path | None) -> Workspace:
    """A workspace on PostgreSQL. libpq finds the password in ``PGPASSWORD`` or ``~/.pgpass``
    (``PGPASSFILE``); failing that, it is asked for on the terminal (never echoed, kept nowhere)."""
    from ntm_desktop.workspace import PasswordNeeded, Workspace

    try:
        return Workspace.open(url, folder=folder)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
    password = getpass.getpass(tr("Password for {where}: ", where=masked_location(url)))
    return Workspace.open(url, folder=folder, password=password)


def masked_location(url: str) -> str:
    from ntm_desktop.db.engine import masked

    return masked(url)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):  # an instant: Vietnam time, whatever the computer's zone (#14)
        return vntime.json_vn(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def parse_bool(text: str | None, field: str) -> bool | None:
    if text is None:
        return None
    key = text.strip().casefold()
    if key in {"yes", "y", "true", "1", "có", "co", "đạt", "dat"}:
        return True
    if key in {"no", "n", "false", "0", "không", "khong", "chưa đạt", "chua dat"}:
        return False
    raise InvalidInput(tr("Answer yes or no (có / không)"), field=field)


def parse_date(text: str | None, field: str) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    if (written := _WRITTEN_AS_DATE.fullmatch(text.strip())) is not None:  # the form is right, not the day
        year, month, day = (int(written[g] or written[g.upper()]) for g in ("y", "m", "d"))
        if why := why_no_day(written[0], year, month, day):
            raise InvalidInput(why, field=field)
    raise InvalidInput(
        tr("“{text}” is not a date. Write it as 2023-12-31 or 31/12/2023", text=text), field=field
    )


_WRITTEN_AS_DATE = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})|(?P<D>[0-9]{1,2})/(?P<M>[0-9]{1,2})/(?P<Y>[0-9]{4})"
)


def shortened(text: str, width: int) -> str:
    """``text`` as a column of ``width`` shows it: whole when it fits, else cut at a word and ended with
    "…" (cut bare, "… Tiểu học Bằng Thà" read as the whole title, misspelt)."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;·-") + "…"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def json_flag(p: argparse.ArgumentParser) -> None:
    """``--json``: the command's result as JSON (for scripts), said alike in every command's help."""
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number in ASCII digits from ``low`` to ``high`` (else "wrong usage", exit
    2, before anything is opened: ``--year -1`` or ``--households 10**30`` never reach the data)."""

    def parse(text: str) -> int:
        raw = text.strip()
        digits = raw[1:] if raw[:1] in "+-" else raw
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 12 or not low <= int(raw) <= high:
            raise argparse.ArgumentTypeError(
                tr("“{text}” is not a whole number from {low} to {high}", text=raw[:40], low=low, high=high)
            )
        return int(raw)

    parse.__name__ = "number"
    return parse


year_arg = bounded_int(FIRST_YEAR, LAST_YEAR)
count_arg = bounded_int(0, 1_000_000_000)


# ---- options said alike in every command that has them (one text each, translated in cli.json) --------

YEAR = "the year, e.g. 2025"
COMMUNE_CODE = "the commune's 5-digit code, e.g. 01234"
INDICATOR_CODE = "indicator code, e.g. 2.1"
EXCEL_OUT = "the Excel file to write (.xlsx)"
EXCEL_IN = "the filled-in Excel file to read (.xlsx)"
UNIT_TYPE = "xa (commune), phuong (ward) or dac_khu (special zone)"
RECEIVING_LEVEL = "whose office receives the reports: the province's (from 1/7/2025) or a district's (before)"
PASSPHRASE_ENV = "environment variable holding the key's passphrase"


def year_option(p: Any, *, required: bool, help: str = YEAR) -> None:
    """``--year``: a year from 2000 to 2100 (else "wrong usage" before anything is opened)."""
    p.add_argument("--year", type=year_arg, required=required, help=help)


def first_use_flag(p: Any, help: str = "accept and remember the key of a unit not known yet") -> None:
    """``--trust-on-first-use``: a unit whose key this workspace does not know yet is taken at its word."""
    p.add_argument("--trust-on-first-use", action="store_true", help=help)
