"""Writing a criteria set (or an empty one to fill in) as a workbook a clerk can fill from Phụ lục I."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_desktop.core.files import write_with
from ntm_desktop.criteria.model import Citation, CriteriaSet, Criterion, Dimension, Indicator, Value
from ntm_desktop.export.criteria_xlsx.layout import (
    DIMENSION_LABELS,
    DIRECTION_LABELS,
    GROUP_COLUMNS,
    GROUPS_SHEET,
    GUIDE_SHEET,
    ITEMS_SHEET,
    KIND_LABELS,
    LEVEL_LABELS,
    NO,
    SET_ROWS,
    SET_SHEET,
    YES,
    Column,
    item_columns,
    keys_of,
)
from ntm_desktop.export.xlsx.cells import put

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CRITERION_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
TEMPLATE_ROWS = 300


def write_set(cs: CriteriaSet, path: Path) -> None:
    """The set as a workbook; importing it gives the same set back (as its next revision)."""
    book = _book(cs.dimension)
    _set_sheet(book[SET_SHEET], _set_values(cs))
    _rows(book[GROUPS_SHEET], [[g.code, g.name_vi, g.name_en, _yes(g.confirmed)] for g in cs.groups])
    columns = item_columns(cs.dimension)
    rows: list[list[Any]] = []
    fills: list[int] = []
    for criterion in cs.criteria:
        fills.append(len(rows) + 2)
        rows.append(_criterion_row(criterion, cs.dimension, columns))
        rows += [_indicator_row(i, cs.dimension, columns) for i in criterion.indicators]
    sheet = book[ITEMS_SHEET]
    _rows(sheet, rows)
    for row in fills:
        for column in range(1, len(columns) + 1):
            sheet.cell(row=row, column=column).fill = CRITERION_FILL
        sheet.cell(row=row, column=3).font = BOLD
    write_with(path, book.save)


def write_template(path: Path, dimension: Dimension = "group") -> None:
    """An empty set to fill in: the sheets, their headers, the pick lists and a guide."""
    book = _book(dimension)
    values: dict[str, Any] = {
        "revision": 1,
        "level": LEVEL_LABELS["ntm"],
        "dimension": DIMENSION_LABELS[dimension],
    }
    _set_sheet(book[SET_SHEET], values)
    write_with(path, book.save)


def _book(dimension: Dimension) -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = SET_SHEET
    _header(first, [Column("label", "Thông tin", 34), Column("value", "Giá trị", 70, wrap=True)])
    _header(
        book.create_sheet(GROUPS_SHEET),
        [Column(k, h, 30 if k == "name_vi" else 14) for k, h in GROUP_COLUMNS],
    )
    items = book.create_sheet(ITEMS_SHEET)
    columns = item_columns(dimension)
    _header(items, list(columns))
    _pick_lists(items, columns)
    _guide(book.create_sheet(GUIDE_SHEET), dimension)
    return book


def _header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for n, column in enumerate(columns, start=1):
        cell = put(sheet, 1, n, column.header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = "A2"


def _rows(sheet: Worksheet, rows: Sequence[Sequence[Any]]) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None and value != "":
                put(sheet, r, c, value).alignment = wrap


def _set_sheet(sheet: Worksheet, values: dict[str, Any]) -> None:
    for r, (key, label) in enumerate(SET_ROWS, start=2):
        put(sheet, r, 1, label).font = BOLD
        value = values.get(key)
        if value is not None and value != "":
            put(sheet, r, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    levels = DataValidation(type="list", formula1=_list(LEVEL_LABELS.values()), allow_blank=True)
    dims = DataValidation(type="list", formula1=_list(DIMENSION_LABELS.values()), allow_blank=True)
    sheet.add_data_validation(levels)
    sheet.add_data_validation(dims)
    keys = [k for k, _ in SET_ROWS]
    levels.add(f"B{keys.index('level') + 2}")
    dims.add(f"B{keys.index('dimension') + 2}")


def _set_values(cs: CriteriaSet) -> dict[str, Any]:
    basis = cs.legal_basis
    return {
        "id": cs.id,
        "revision": cs.revision,
        "name_vi": cs.name_vi,
        "name_en": cs.name_en,
        "level": LEVEL_LABELS[cs.level],
        "period_from": cs.period_from,
        "period_to": cs.period_to,
        "document": basis.document,
        "part": basis.part,
        "date": _date(basis.date),
        "issuer": basis.issuer,
        "effective": _date(basis.effective),
        "dimension": DIMENSION_LABELS[cs.dimension],
        "sources": "\n".join(cs.sources),
        "note_vi": cs.note_vi,
        "note_en": cs.note_en,
    }


def _criterion_row(c: Criterion, dimension: Dimension, columns: Sequence[Column]) -> list[Any]:
    cells: dict[str, Any] = {
        "code": c.code,
        "group": c.group,
        "name_vi": c.name_vi,
        "name_en": c.name_en,
        "requirement_vi": c.requirement_vi,
        "requirement_en": c.requirement_en,
        "delegated": _yes(c.delegated),
        "confirmed": _yes(c.confirmed),
        "threshold_confirmed": _yes(c.requirement_confirmed),
        "sources": "\n".join(c.sources),
        "note": c.note,
        **_citation(c.source),
        **{f"req:{k}": text for k, text in c.requirement_by_key},
    }
    return [cells.get(col.key) for col in columns]


def _indicator_row(i: Indicator, dimension: Dimension, columns: Sequence[Column]) -> list[Any]:
    t = i.threshold
    cells: dict[str, Any] = {
        "code": i.code,
        "name_vi": i.name_vi,
        "name_en": i.name_en,
        "kind": KIND_LABELS[i.kind],
        "unit": i.unit,
        "direction": DIRECTION_LABELS[i.direction] if i.direction else None,
        "general": _value(t.general),
        **{f"key:{k}": _value(v) for k, v in t.by_region + t.by_group},
        "requirement_vi": i.requirement_vi,
        "requirement_en": i.requirement_en,
        **{f"req:{k}": text for k, text in i.requirement_by_key},
        "delegated": _yes(i.delegated),
        "confirmed": _yes(i.confirmed),
        "threshold_confirmed": _yes(i.threshold_confirmed),
        "sources": "\n".join(i.sources),
        "note": i.note,
        **_citation(i.source),
    }
    return [cells.get(col.key) for col in columns]


def _citation(c: Citation | None) -> dict[str, Any]:
    if c is None:
        return {}
    return {"source_document": c.document, "source_part": c.part, "source_date": _date(c.date)}


def _value(v: Value | None) -> Any:
    """A threshold as its cell holds it: a number, "Có"/"Không", or the level's text."""
    if v is None:
        return None
    if isinstance(v, bool):
        return _yes(v)
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def _yes(flag: bool) -> str:
    return YES if flag else NO


def _date(day: Any) -> str | None:
    """Dates as text dd/mm/yyyy: what a clerk types, whatever the computer's regional settings."""
    return day.strftime("%d/%m/%Y") if day else None


def _list(values: Any) -> str:
    return '"' + ",".join(values) + '"'


def _pick_lists(sheet: Worksheet, columns: Sequence[Column]) -> None:
    lists = {
        "kind": KIND_LABELS.values(),
        "direction": DIRECTION_LABELS.values(),
        "delegated": (YES, NO),
        "confirmed": (YES, NO),
        "threshold_confirmed": (YES, NO),
    }
    for n, column in enumerate(columns, start=1):
        if column.key in lists:
            check = DataValidation(type="list", formula1=_list(lists[column.key]), allow_blank=True)
            sheet.add_data_validation(check)
            letter = get_column_letter(n)
            check.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")


def _guide(sheet: Worksheet, dimension: Dimension) -> None:
    keys = ", ".join(keys_of(dimension))
    lines = [
        "Cách điền bộ tiêu chí (xem thêm docs/criteria-set-format.md, mục Excel)",
        "",
        "Trang “Bộ tiêu chí”: mã bộ (chữ thường, chữ số, dấu gạch ngang), tên, năm áp dụng,"
        " văn bản ban hành.",
        "Trang “Nhóm tiêu chí”: nếu văn bản chia tiêu chí thành nhóm (I, II…); có thể để trống.",
        "Trang “Chỉ tiêu”: mỗi tiêu chí một dòng (mã 1, 2…), rồi các chỉ tiêu của nó ngay dưới"
        " (mã 1.1, 1.2…; cột Loại điền cho chỉ tiêu).",
        "Một tiêu chí không có chỉ tiêu thì được đánh giá chung (Đạt / Chưa đạt).",
        f"Ngưỡng: “Chỉ tiêu chung” và từng cột {keys}; ô để trống là chưa có ngưỡng.",
        "Loại Tỷ lệ (%): ghi 80 cho 80%. Loại Có/Không: ghi Có hoặc Không."
        " Loại Mức: ghi chữ, ví dụ “mức độ 2”.",
        "So sánh: ≥ (từ … trở lên), ≤ (từ … trở xuống) hoặc =.",
        "Văn bản nguồn, điều/mục/phụ lục, ngày: nơi ghi ngưỡng đó (bỏ trống: văn bản ban hành bộ tiêu chí).",
        "“Do tỉnh quy định”: chỉ ghi Có khi văn bản giao cho tỉnh quy định mức.",
        "Không nhập ngưỡng nào không có trong văn bản.",
        "Nhập vào phần mềm: ntm-desktop criteria import-xlsx TỆP.xlsx (xem trước), thêm --yes để ghi.",
    ]
    sheet.column_dimensions["A"].width = 110
    for n, line in enumerate(lines, start=1):
        cell = put(sheet, n, 1, line)
        if n == 1:
            cell.font = BOLD
