"""The receiver's summary of a year as an Excel file: the same tables as the summary report's PDF
(:func:`ntm_desktop.reports.summary.tables`), one sheet each, figures as numbers an officer can add up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm_desktop.core import vntime
from ntm_desktop.core.files import write_with
from ntm_desktop.export.xlsx.cells import append
from ntm_desktop.export.xlsx.layout import (
    DECIMAL_FORMAT,
    MILLION_FORMAT,
    MONEY_FORMAT,
    money_pair,
    money_value,
)
from ntm_desktop.reports.summary import LEVEL_VI, STATUS_VI, SummaryTables, tables
from ntm_desktop.services.ledger.kinds import ITEM_KINDS, SUPPORTER_KINDS

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)

SHEETS = (
    "Các xã",
    "Chưa báo cáo",
    "Hỗ trợ theo loại",
    "Hỗ trợ theo xã",
    "Hỗ trợ theo đơn vị",
    "Cán bộ biệt phái",
    "Phân bố tiêu chí",
    "Đạt chuẩn",
)


def export_summary(ws: Workspace, path: Path, year: int) -> SummaryTables:
    """Write the year's summary tables to ``path`` (atomically); returns what was written."""
    t = tables(ws, year)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, (header, widths, rows) in zip(SHEETS, _contents(t), strict=True):
        _sheet(book.create_sheet(name), t, name, header, widths, rows)
    write_with(path, book.save)
    return t


def _number(q: Decimal) -> int | float:
    return int(q) if q == q.to_integral_value() else float(q)


def _when(at: datetime | None) -> Any:
    """Vietnam time (Excel keeps no zone), whatever the zone of the computer that writes the file."""
    return vntime.to_vn(at).replace(tzinfo=None) if at else None


Content = tuple[list[str], Sequence[int], list[list[Any]]]


def _units(t: SummaryTables) -> Content:
    header = ["Mã xã", "Tên xã", "Số tiêu chí đạt", "Tổng số tiêu chí", "So với năm trước", "Tình trạng",
              "Lần gửi gần nhất", "Số thứ tự gói", "Xung đột chưa xử lý", "Đề nghị sửa chưa xong",
              "Đề nghị điều chỉnh chờ xử lý", "Có cán bộ biệt phái", "Xã tiền thân", "Công nhận đạt chuẩn",
              "Quyết định công nhận", "Ngày quyết định"]  # fmt: skip
    rows = [
        [
            r.code,
            r.name,
            r.criteria_met,
            r.criteria_total,
            r.change,
            STATUS_VI.get(r.status, r.status),
            _when(r.last_bundle_at),
            r.last_bundle_seq,
            r.open_conflicts,
            r.open_corrections,
            r.open_amendments,
            "Có" if r.has_cadre else "",
            ", ".join(r.predecessors),
            "; ".join(LEVEL_VI.get(x.level, x.level) for x in r.recognitions),
            "; ".join(x.decision for x in r.recognitions),
            r.recognitions[0].decided_on if r.recognitions else None,
        ]
        for r in t.rows
    ]
    return header, (10, 30, 10, 10, 10, 20, 18, 10, 10, 10, 10, 10, 16, 26, 18, 14), rows


def _missing(t: SummaryTables) -> Content:
    rows = [[r.code, r.name, _when(r.last_bundle_at)] for r in t.missing]
    return ["Mã xã", "Tên xã", "Lần gửi gần nhất"], (10, 30, 18), rows


def _kinds(t: SummaryTables) -> Content:
    header = ["Loại", "Tên hiện vật, công việc", "Số lượng", "Đơn vị tính", "Giá trị (đồng)",
              "Giá trị (triệu đồng)"]  # fmt: skip
    rows: list[list[Any]] = [
        [
            ITEM_KINDS.get(i.kind, (i.kind,))[0],
            i.name,
            _number(i.quantity),
            i.unit,
            *money_pair(i.value_vnd),
        ]
        for i in t.totals.items
    ]
    rows.append(["Tổng cộng", "", None, "", *money_pair(t.totals.value_vnd, t.totals.records)])
    return header, (20, 34, 12, 12, 18, 16), rows


def _by_unit(t: SummaryTables) -> Content:
    rows = [[u.code, u.name, u.records, money_value(u.value_vnd, u.records), u.cash_vnd] for u in t.by_unit]
    total = money_value(t.totals.value_vnd, t.totals.records)
    rows.append(["", "Tổng cộng", t.totals.records, total, t.totals.cash_vnd])
    return ["Mã xã", "Tên xã", "Số lượt", "Giá trị (đồng)", "Tiền mặt (đồng)"], (10, 30, 10, 18, 18), rows


def _commune(code: str, name: str) -> str:
    """'Xã Bằng Thành, mã 01234' as the receiver's messages name a commune, but in the workbook's own
    language, Vietnamese, whatever the language of the window or command that wrote it (through
    ``tr`` an English export read 'Xã Bằng Thành, code 01234' among Vietnamese words)."""
    return f"{name}, mã {code}" if name else f"xã {code}"


def _supporters(t: SummaryTables) -> Content:
    header = ["Cơ quan, đơn vị hỗ trợ", "Loại", "Số xã", "Các xã", "Số lượt", "Giá trị (đồng)",
              "Tiền mặt (đồng)"]  # fmt: skip
    names = {r.code: r.name for r in t.rows}
    rows = [
        [
            s.name,
            SUPPORTER_KINDS.get(s.kind, (s.kind,))[0],
            len(s.communes),
            "; ".join(_commune(code, names.get(code, "")) for code in s.communes),
            s.records,
            money_value(s.value_vnd, s.records),
            s.cash_vnd,
        ]
        for s in t.by_supporter
    ]
    return header, (40, 20, 8, 50, 10, 18, 18), rows


def _cadres(t: SummaryTables) -> Content:
    header = ["Mã xã", "Tên xã", "Cán bộ biệt phái, tăng cường", "Số tiêu chí đạt", "Tổng số tiêu chí",
              "Đạt chuẩn"]  # fmt: skip
    rows = [
        [
            c.code,
            c.name,
            "; ".join(c.cadres),
            c.criteria_met,
            c.criteria_total,
            "Đạt" if c.reached_standard else "Chưa đạt",
        ]
        for c in t.cadres
    ]
    return header, (10, 30, 40, 10, 10, 10), rows


def _distribution(t: SummaryTables) -> Content:
    judged = sum(t.distribution.values())
    rows = [[met, n, n / judged if judged else 0] for met, n in sorted(t.distribution.items(), reverse=True)]
    return ["Số tiêu chí đạt", "Số xã", "Tỷ lệ"], (14, 10, 10), rows


def _standard(t: SummaryTables) -> Content:
    counts = t.standard
    rows: list[list[Any]] = [
        ["Tự đánh giá đạt đủ các tiêu chí", counts["self_assessed"]],
        ["Trong đó: đã được xem xét hoặc phê duyệt", counts["reviewed"]],
        ["Trong đó: đã được phê duyệt", counts["approved"]],
        ["Được công nhận đạt chuẩn theo quyết định", counts["recognised"]],
    ]
    return ["Nội dung", "Số xã"], (44, 10), rows


MAKERS = (_units, _missing, _kinds, _by_unit, _supporters, _cadres, _distribution, _standard)
"""Each sheet's header, column widths and rows, in the order of :data:`SHEETS`."""


def _contents(t: SummaryTables) -> list[Content]:
    return [make(t) for make in MAKERS]


def _sheet(
    sheet: Worksheet,
    t: SummaryTables,
    name: str,
    header: list[str],
    widths: Sequence[int],
    rows: list[list[Any]],
) -> None:
    append(sheet, [f"{name.upper()} — NĂM {t.year}"])
    sheet["A1"].font = Font(bold=True, size=13)
    append(sheet, [t.info.name])
    for cell in append(sheet, header):
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    last: tuple[Any, ...] = ()
    for values in rows:
        last = append(sheet, values)
        for cell, head in zip(last, header, strict=False):
            _format(cell, head)
    if rows and rows[-1] and "Tổng cộng" in rows[-1][:2]:
        for cell in last:
            cell.font = BOLD
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A4"


def _format(cell: Any, head: str) -> None:
    if isinstance(cell.value, datetime):
        cell.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(cell.value, date):
        cell.number_format = "dd/mm/yyyy"
    elif "triệu" in head:
        cell.number_format = MILLION_FORMAT
    elif head == "Tỷ lệ":
        cell.number_format = "0.0%"
    elif "đồng" in head:
        cell.number_format = MONEY_FORMAT
    elif head == "Số lượng":
        cell.number_format = MONEY_FORMAT if isinstance(cell.value, int) else DECIMAL_FORMAT
