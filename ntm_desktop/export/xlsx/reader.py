"""Reading a filled-in ledger sheet into help records, with every cell problem tied to its row and column."""

from __future__ import annotations

import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ntm_desktop.core.days import why_no_day
from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import MAX_MONEY
from ntm_desktop.core.oserrors import reason
from ntm_desktop.core.text import clean
from ntm_desktop.export.xlsx.layout import COLUMNS, HELP_KEYS, ITEM_KEYS, LEDGER_SHEET, Column, column_for
from ntm_desktop.services.ledger.parsing import parse_kind, parse_quantity, parse_value

_DMY = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_YMD = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
log = logging.getLogger(__name__)
HEADER_SEARCH = 5
"""The header row may sit under a title: look for it in the first rows."""


@dataclass
class Line:
    """One item line as read, with the row it came from."""

    row: int
    kind: str
    name: str
    quantity: Decimal
    unit: str
    value_vnd: int | None


@dataclass
class Record:
    """One help record: its first row's help columns and its item lines."""

    row: int
    cells: dict[str, Any]
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def where(row: int, column: Column | None = None) -> str:
    if column is None:
        return tr("row {row}", row=row)
    return tr("row {row}, column “{column}”", row=row, column=column.header)


_UNREADABLE = (ValueError, TypeError, SyntaxError, OverflowError, EOFError, zlib.error)
"""What a damaged or hostile workbook raises while it is parsed (invalid XML — ``ParseError`` is a
``SyntaxError`` —, entities defusedxml forbids, bad numbers, a cut-off compressed stream)."""


def read_sheet(path: Path) -> tuple[str, list[tuple[int, tuple[Any, ...]]]]:
    """The ledger sheet's name and its non-empty rows as (row number, values)."""
    if not path.exists():
        raise NotFound(tr("There is no file {path}.", path=str(path)))
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, *_UNREADABLE):
        raise InvalidInput(tr("{path} is not an Excel workbook (.xlsx).", path=str(path))) from None
    try:
        sheet = book[LEDGER_SHEET] if LEDGER_SHEET in book.sheetnames else book.worksheets[0]
        rows = [
            (n, tuple(values))
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(_blank(v) is False for v in values)
        ]
        return sheet.title, rows
    except (zipfile.BadZipFile, KeyError, OSError, *_UNREADABLE) as exc:
        log.warning("Cannot read the workbook %s: %r", path, exc)
        raise InvalidInput(
            tr("{path} cannot be read as an Excel workbook: {reason}", path=str(path), reason=_why(exc))
        ) from None
    finally:
        book.close()


def _why(exc: BaseException) -> str:
    """Why a workbook's sheet cannot be read, in the officer's language (the zip, XML and openpyxl
    libraries say it in English, in their own terms; the log keeps their words)."""
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return tr("the file is damaged or was cut short (copy it again from the one who sent it)")
    if isinstance(exc, OSError):
        return reason(exc)
    if isinstance(exc, KeyError):
        return tr("a part of the workbook is missing")
    if isinstance(exc, SyntaxError) or type(exc).__module__.startswith("defusedxml"):
        return tr("the sheet's contents are damaged or were not written by a spreadsheet program")
    return tr("a cell holds a value that cannot be read")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header(rows: list[tuple[int, tuple[Any, ...]]]) -> tuple[int, dict[int, Column]]:
    """The header row and which column stands where; wrong columns are refused with a clear message."""
    for row, values in rows[:HEADER_SEARCH]:
        found = {i: column_for(v) for i, v in enumerate(values) if not _blank(v)}
        if sum(1 for c in found.values() if c is not None) >= 3:
            return row, _checked_columns(row, values, found)
    expected = ", ".join(c.header for c in COLUMNS)
    raise InvalidInput(
        tr("The sheet has no header row with the template's columns. Expected: {columns}", columns=expected)
    )


def _checked_columns(row: int, values: tuple[Any, ...], found: dict[int, Column | None]) -> dict[int, Column]:
    problems = [
        Problem(
            where(row),
            tr(
                "unknown column “{header}”; the template's columns are: {columns}",
                header=clean(str(values[i])),
                columns=", ".join(c.header for c in COLUMNS),
            ),
        )
        for i, col in found.items()
        if col is None
    ]
    columns = {i: col for i, col in found.items() if col is not None}
    have = {col.key for col in columns.values()}
    missing = [c.header for c in COLUMNS if c.required and c.key not in have]
    if missing:
        problems.append(Problem(where(row), tr("missing columns: {columns}", columns=", ".join(missing))))
    if problems:
        raise InvalidInput(problems)
    # a problem names the column as this sheet heads it ("Ngày" in a sheet from an older template)
    return {i: replace(col, header=clean(str(values[i]))) for i, col in columns.items()}


def records(
    rows: list[tuple[int, tuple[Any, ...]]], start: int, columns: dict[int, Column]
) -> Iterator[Record]:
    """Help records: a row with a date, supporter, title or id starts one; rows below with only item
    columns add item lines to it."""
    current: Record | None = None
    for row, values in rows:
        if row <= start:
            continue
        cells = {
            col.key: values[i] for i, col in columns.items() if i < len(values) and not _blank(values[i])
        }
        if any(key in cells for key in ("id", "date", "supporters", "title")):
            if current is not None:
                yield current
            current = Record(row, {k: v for k, v in cells.items() if k in HELP_KEYS})
        elif current is None:
            problem = Problem(
                where(row), tr("this row has no date, supporter or title, and no help above it")
            )
            yield Record(row, {}, problems=[problem])
            continue
        if any(key in cells for key in ITEM_KEYS):
            current.lines.append(_line(current, row, cells, columns))
    if current is not None:
        yield current


def _line(record: Record, row: int, cells: dict[str, Any], columns: dict[int, Column]) -> Line:
    problems: list[Problem] = []
    by_key = {c.key: c for c in columns.values()}
    kind = parse_kind(str(cells.get("kind", "")), where(row, by_key["kind"]), problems)
    unit = clean(str(cells.get("unit", "")))
    raw_quantity = cells.get("quantity")
    if raw_quantity is None:
        problems.append(Problem(where(row, by_key["quantity"]), tr("is required")))
        quantity = Decimal(0)
    elif isinstance(raw_quantity, int | float):
        quantity = Decimal(str(raw_quantity))  # a negative one is refused by the ledger's own checks
    else:
        quantity = parse_quantity(kind, unit, str(raw_quantity), where(row, by_key["quantity"]), problems)
    value = _money(cells.get("value_vnd"), where(row, by_key.get("value_vnd")), problems)
    record.problems += problems
    return Line(row, kind, clean(str(cells.get("name", ""))), quantity, unit, value)


def _money(raw: object, at: str, problems: list[Problem]) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, int | float):
        value = Decimal(str(raw))
        if value.is_nan() or value < 0 or value != value.to_integral_value():
            problems.append(Problem(at, tr("must be a whole number of đồng ≥ 0, or empty")))
            return None
        if value > MAX_MONEY:  # 1E400 in the sheet's XML reads as infinity
            problems.append(Problem(at, tr("“{text}” is too large for an amount of money", text=str(raw))))
            return None
        return int(value)
    return parse_value(str(raw), at, problems)


def read_date(raw: object) -> date | None:
    """A date cell, or text written 31/12/2023 or 2023-12-31; None when it is neither."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    written = _written_date(clean(str(raw)))
    if written is None:
        return None
    try:
        return date(*written)
    except ValueError:
        return None


def no_date_text(raw: object) -> str:
    """Why a cell :func:`read_date` cannot read is no date: a day written in the right form that does not
    exist says why, as every form and command does ("31/02/2019 … tháng 2/2019 có 28 ngày"); anything
    else, how to write a date."""
    text = clean(str(raw))
    written = _written_date(text)
    why = why_no_day(text, *written) if written is not None else ""
    return why or tr("“{text}” is not a date. Write it as 2023-12-31 or 31/12/2023", text=text)


def _written_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as ``text`` writes them, 31/12/2023 or 2023-12-31, whether or not that day is."""
    for pattern, order in ((_DMY, (3, 2, 1)), (_YMD, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            return int(match[order[0]]), int(match[order[1]]), int(match[order[2]])
    return None


def split_list(raw: object) -> tuple[str, ...]:
    """ "Sở Nội vụ; Ban Dân vận" → both names; a number cell (criterion 2) → "2"."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return tuple(part for part in (clean(p) for p in re.split(r"[;\n]", str(raw))) if part)
