"""Writing the ledger, its totals and the empty template as .xlsx (openpyxl)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_desktop.core.files import write_with
from ntm_desktop.core.numbers import format_million
from ntm_desktop.export.xlsx.cells import append, put
from ntm_desktop.export.xlsx.layout import (
    BY_KEY,
    COLUMNS,
    DATE_FORMAT,
    DECIMAL_FORMAT,
    GUIDE_SHEET,
    LEDGER_SHEET,
    MILLION_FORMAT,
    MONEY_FORMAT,
    QUANTITY_FORMAT,
    SUPPORTERS_SHEET,
    TOTALS_SHEET,
    letter,
    money_pair,
    money_value,
)
from ntm_desktop.services.ledger.kinds import (
    COMMON_UNITS,
    FUNDING_SOURCES,
    ITEM_KINDS,
    SUPPORTER_KINDS,
)
from ntm_desktop.services.ledger.totals import HelpFilter, HelpTotals
from ntm_desktop.services.ledger.values import Help, Supporter
from ntm_desktop.services.ledger.wording import totals_sentence_vi

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
FIRST_DATA_ROW = 2
TEMPLATE_ROWS = 500
"""How many rows of the template carry the pick lists."""


def export_ledger(ws: Workspace, path: Path, year: int | None = None) -> int:
    """Write the ledger (importable again), its totals and the supporters; returns the help count."""
    records = ws.help.list(HelpFilter(year))
    totals = ws.help.totals(HelpFilter(year))
    by_supporter = ws.help.breakdown("supporter", HelpFilter(year))
    unit = ws.unit.home()
    book = Workbook()
    ledger = book.active
    assert ledger is not None
    ledger.title = LEDGER_SHEET
    _ledger_sheet(ledger, records)
    _totals_sheet(
        book.create_sheet(TOTALS_SHEET),
        totals,
        unit.name,
        year,
        [(g.label, g.records, g.value_vnd) for g in by_supporter],
    )
    _supporters_sheet(book.create_sheet(SUPPORTERS_SHEET), ws.supporters.list())
    write_with(path, book.save)
    return len(records)


def write_template(path: Path, supporters: Sequence[str] = ()) -> None:
    """The empty ledger sheet with pick lists, a guide, and the supporters already known."""
    book = Workbook()
    ledger = book.active
    assert ledger is not None
    ledger.title = LEDGER_SHEET
    _header(ledger)
    lists = book.create_sheet(GUIDE_SHEET)
    _guide(lists, supporters)
    _pick_list(ledger, "kind", _list_range("A", len(ITEM_KINDS)), strict=True)
    _pick_list(ledger, "unit", _list_range("C", len(COMMON_UNITS)), strict=False)
    _pick_list(ledger, "funding_source", _list_range("G", len(FUNDING_SOURCES)), strict=True)
    if supporters:
        _pick_list(ledger, "supporters", _list_range("E", len(supporters)), strict=False)
    write_with(path, book.save)


# ---- the ledger sheet ------------------------------------------------------------------------------


def _header(sheet: Worksheet) -> None:
    for i, col in enumerate(COLUMNS, start=1):
        cell = put(sheet, 1, i, col.header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(i)].width = col.width
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32


def _ledger_sheet(sheet: Worksheet, records: Iterable[Help]) -> None:
    _header(sheet)
    row = FIRST_DATA_ROW
    for h in records:
        help_cells: dict[str, Any] = {
            "id": h.record_id,
            "date": h.date,
            "supporters": "; ".join(h.supporter_names),
            "title": h.title,
            "village": h.village,
            "criteria": "; ".join(h.criteria),
            "funding_source": FUNDING_SOURCES[h.funding_source][0] if h.funding_source else "",
            "description": h.description,
            "households": h.households,
            "persons": h.persons,
        }
        for n, item in enumerate(h.items):
            cells: dict[str, Any] = dict(help_cells) if n == 0 else {}
            cells |= {
                "kind": ITEM_KINDS[item.kind][0],
                "name": item.name,
                "quantity": _number(item.quantity),
                "unit": item.unit,
                "value_vnd": item.value_vnd,
            }
            _put_row(sheet, row, cells)
            row += 1
    sheet.auto_filter.ref = f"A1:{letter(len(COLUMNS) - 1)}{max(row - 1, 1)}"


def _put_row(sheet: Worksheet, row: int, cells: dict[str, Any]) -> None:
    for i, col in enumerate(COLUMNS, start=1):
        value = cells.get(col.key)
        if value is None or value == "":
            continue
        cell = put(sheet, row, i, value)
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif col.key == "value_vnd":
            cell.number_format = MONEY_FORMAT
        elif col.key == "quantity":
            cell.number_format = QUANTITY_FORMAT if isinstance(value, int) else DECIMAL_FORMAT


def _number(q: Decimal) -> int | float:
    return int(q) if q == q.to_integral_value() else float(q)


# ---- totals and supporters -------------------------------------------------------------------------


def _totals_sheet(
    sheet: Worksheet,
    t: HelpTotals,
    unit_name: str,
    year: int | None,
    by_supporter: list[tuple[str, int, int]],
) -> None:
    title = f"TỔNG HỢP HỖ TRỢ XÂY DỰNG NÔNG THÔN MỚI — {unit_name.upper()}"
    append(sheet, [title])
    append(sheet, [f"Năm {year}" if year else "Tất cả các năm"])
    sheet["A1"].font = Font(bold=True, size=13)
    append(sheet, [])
    rows: list[tuple[str, Any, str]] = [
        ("Số lượt hỗ trợ", t.records, QUANTITY_FORMAT),
        ("Tổng giá trị quy ra tiền (đồng)", money_value(t.value_vnd, t.records), MONEY_FORMAT),
        ("Trong đó tiền mặt (đồng)", t.cash_vnd, MONEY_FORMAT),
        ("Tổng giá trị quy ra tiền", _million(t), "@"),
    ]
    for label, value, fmt in rows:
        append(sheet, [label, value])[1].number_format = fmt
    append(sheet, ["Tóm tắt", totals_sentence_vi(t)])
    append(sheet, [])
    _table(
        sheet,
        [
            "Loại",
            "Tên hiện vật, công việc",
            "Đơn vị tính",
            "Số lượng",
            "Giá trị (đồng)",
            "Giá trị (triệu đồng)",
        ],
        [
            [ITEM_KINDS[i.kind][0], i.name, i.unit, _number(i.quantity), *money_pair(i.value_vnd)]
            for i in t.items
        ],
    )
    append(sheet, [])
    _table(
        sheet,
        ["Đơn vị hỗ trợ", "Số lượt", "Giá trị (đồng)", "Giá trị (triệu đồng)"],
        [[label, n, *money_pair(value, n)] for label, n, value in by_supporter],
    )
    append(sheet, [])
    _table(
        sheet,
        ["Nguồn vốn", "Số lượt", "Giá trị (đồng)", "Giá trị (triệu đồng)"],
        [[_vi_source(g.key), g.records, *money_pair(g.value_vnd, g.records)] for g in t.by_funding_source],
    )
    for col, width in zip("ABCDEF", (34, 34, 16, 16, 20, 20), strict=True):
        sheet.column_dimensions[col].width = width


def _million(t: HelpTotals) -> str:
    """ "932,00 triệu đồng", or "chưa quy đổi" for help nobody put a value on (:func:`money_value`)."""
    value = money_value(t.value_vnd, t.records)
    return format_million(value) if isinstance(value, int) else value


def _vi_source(code: str) -> str:
    """The source as the sheet names it (Vietnamese, whatever the screens' language)."""
    return FUNDING_SOURCES[code][0] if code in FUNDING_SOURCES else "Chưa xác định nguồn"


def _table(sheet: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    for cell in append(sheet, header):
        cell.font, cell.fill = BOLD, HEADER_FILL
    for values in rows:
        for cell, head in zip(append(sheet, values), header, strict=False):
            if "triệu" in head:
                cell.number_format = MILLION_FORMAT
            elif "đồng" in head or head in ("Số lượng", "Số lượt"):
                cell.number_format = MONEY_FORMAT if isinstance(cell.value, int) else DECIMAL_FORMAT


def _supporters_sheet(sheet: Worksheet, supporters: Iterable[Supporter]) -> None:
    _table(
        sheet,
        ["Mã", "Tên", "Loại", "Cơ quan chủ quản"],
        [[s.record_id, s.name, SUPPORTER_KINDS.get(s.kind, (s.kind,))[0], s.parent] for s in supporters],
    )
    for col, width in zip("ABCD", (38, 44, 22, 34), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A2"


# ---- the template's guide ----------------------------------------------------------------------------

GUIDE = (
    "Cách ghi sổ hỗ trợ",
    "1. Mỗi dòng ghi một loại hỗ trợ: tiền mặt, ngày công, vật liệu, quà, thiết bị, hàng hóa, dịch vụ, "
    "công trình.",
    "2. Dòng đầu của một lượt hỗ trợ ghi Ngày nhận, Đơn vị hỗ trợ, Nội dung hỗ trợ; các dòng tiếp theo của "
    "cùng lượt đó để trống ba cột này.",
    "3. Nhiều đơn vị cùng hỗ trợ: ghi tên các đơn vị cách nhau bằng dấu chấm phẩy (;).",
    "4. Số ghi theo kiểu Việt Nam: 40.000.000 hoặc 40 triệu; số thập phân dùng dấu phẩy: 2,5.",
    "5. Tiền mặt ghi số tiền ở cột Số lượng, đơn vị tính là đồng; cột Giá trị (đồng) có thể để trống.",
    "6. Cột Mã để trống khi thêm mới; khi sửa một tệp đã xuất, giữ nguyên cột Mã.",
    "7. Cột Nguồn vốn (không bắt buộc): chọn trong danh sách; ngân sách huyện chỉ dùng cho khoản nhận trước "
    "ngày 01/7/2025. Đất do nhân dân hiến ghi loại Khác, đơn vị tính m².",
    "8. Nhập vào phần mềm: ntm-desktop ho-tro import-xlsx TỆP.xlsx (xem trước), thêm --yes để ghi.",
)
LISTS_ROW = len(GUIDE) + 3
"""The first row of the pick lists on the guide sheet (under their header)."""


def _guide(sheet: Worksheet, supporters: Sequence[str]) -> None:
    for row, line in enumerate(GUIDE, start=1):
        put(sheet, row, 1, line)
    sheet["A1"].font = Font(bold=True, size=13)
    for column, head in (
        (1, "Loại"),
        (2, "Mã loại"),
        (3, "Đơn vị tính thường dùng"),
        (5, "Đơn vị hỗ trợ đã có"),
        (7, "Nguồn vốn"),
    ):
        put(sheet, LISTS_ROW - 1, column, head).font = BOLD
    columns = {
        1: [vi for vi, _ in ITEM_KINDS.values()],
        2: list(ITEM_KINDS),
        3: list(COMMON_UNITS),
        5: supporters,
        7: [vi for vi, _ in FUNDING_SOURCES.values()],
    }
    for column, values in columns.items():
        for n, value in enumerate(values):
            put(sheet, LISTS_ROW + n, column, value)
    for col, width in zip("ABCDEFG", (24, 12, 24, 4, 44, 4, 24), strict=True):
        sheet.column_dimensions[col].width = width


def _list_range(column: str, count: int) -> str:
    return f"'{GUIDE_SHEET}'!${column}${LISTS_ROW}:${column}${LISTS_ROW + count - 1}"


def _pick_list(sheet: Worksheet, key: str, source: str, *, strict: bool) -> None:
    index = COLUMNS.index(BY_KEY[key])
    column = letter(index)
    rule = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
    rule.add(f"{column}{FIRST_DATA_ROW}:{column}{TEMPLATE_ROWS}")
    sheet.add_data_validation(rule)
