"""Cells written as data: a string is a text cell, never a formula (a set's texts come from files and
bundles). To be replaced by the shared safe-cell writer (``export/xlsx/cells.py``) once it lands."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _UNSAFE.sub("", value)[:32_767]
        cell.data_type = "s"
        cell.quotePrefix = value.startswith(_FORMULA_STARTS)
    else:
        cell.value = value
    return cell
