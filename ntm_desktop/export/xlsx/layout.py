"""The ledger sheet's columns: one row per item line, the help's own columns on its first row.

The same columns serve the export (so an exported ledger can be edited and imported again) and the
template officers fill in. Headers are Vietnamese, in the words of the help form for the same fields
("Ngày nhận", "Thôn, bản", "Số hộ được hưởng": :func:`~ntm_desktop.core.fieldlabels.field_name`).
Reading matches them ignoring accents and case, and still takes the headers of the templates NTM Desktop
0.2.0 and earlier wrote (``former``: "Ngày", "Thôn", "Số hộ hưởng lợi" …), so a sheet an officer filled
in last year still imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_desktop.core.text import fold

LEDGER_SHEET = "Sổ hỗ trợ"
TOTALS_SHEET = "Tổng hợp"
SUPPORTERS_SHEET = "Đơn vị hỗ trợ"
GUIDE_SHEET = "Hướng dẫn"

MONEY_FORMAT = "#,##0"
"""Whole đồng with a thousands separator; Excel and LibreOffice draw it as 40.000.000 on a Vietnamese
system (the separators follow the computer's regional settings; a file cannot force them)."""
QUANTITY_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
MILLION_FORMAT = "#,##0.00"
NOT_CONVERTED = "chưa quy đổi"
"""What a totals table's money cell says for help in kind nobody put a value on (as the PDF; never 0)."""
DATE_FORMAT = "dd/mm/yyyy"


def money_value(vnd: int, records: int = 1) -> int | str:
    """A totals row's value in đồng, or "chưa quy đổi" when it counts help (``records``) that nobody put a
    value on: goods or labour worth 0 đồng read as worthless. A row with no help at all stays 0."""
    return vnd if vnd or not records else NOT_CONVERTED


def money_pair(vnd: int, records: int = 1) -> list[int | float | str]:
    """A row's value in đồng and in triệu đồng, or "chưa quy đổi" twice (:func:`money_value`)."""
    value = money_value(vnd, records)
    return [value, value / 1_000_000] if isinstance(value, int) else [value, value]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False
    help_level: bool = False
    """Belongs to the help record (its first row), not to an item line."""
    former: tuple[str, ...] = ()
    """Headers earlier templates gave this column, still read (never written)."""


COLUMNS: tuple[Column, ...] = (
    Column("id", "Mã", 14, help_level=True),
    Column("date", "Ngày nhận", 12, required=True, help_level=True, former=("Ngày",)),
    Column("supporters", "Đơn vị hỗ trợ", 30, required=True, help_level=True),
    Column("title", "Nội dung hỗ trợ", 44, required=True, help_level=True),
    Column("village", "Thôn, bản", 14, help_level=True, former=("Thôn",)),
    Column("criteria", "Phục vụ tiêu chí", 12, help_level=True, former=("Tiêu chí",)),
    Column("kind", "Loại", 18, required=True),
    Column("name", "Tên", 28, former=("Tên hiện vật, công việc",)),
    Column("quantity", "Số lượng", 14, required=True),
    Column("unit", "Đơn vị tính", 12, required=True),
    Column("value_vnd", "Giá trị (đồng)", 20, former=("Giá trị quy ra tiền (đồng)",)),
    Column("description", "Mô tả", 30, help_level=True, former=("Ghi chú",)),
    Column("households", "Số hộ được hưởng", 10, help_level=True, former=("Số hộ hưởng lợi",)),
    Column("persons", "Số người được hưởng", 10, help_level=True, former=("Số người hưởng lợi",)),
    Column("funding_source", "Nguồn vốn", 20, help_level=True),
)
BY_KEY = {c.key: c for c in COLUMNS}
HELP_KEYS = tuple(c.key for c in COLUMNS if c.help_level)
ITEM_KEYS = tuple(c.key for c in COLUMNS if not c.help_level)


def column_for(header: object) -> Column | None:
    """The column a header names ("Ngay nhan", "NGÀY NHẬN" and "Ngày nhận" alike, and the former "Ngày")."""
    if not isinstance(header, str):
        return None
    return _BY_HEADER.get(fold(header))


_BY_HEADER = {fold(name): c for c in COLUMNS for name in (c.header, *c.former)}


def letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index (0 → A)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text
