"""Reading a criteria-set workbook back into the set's file shape, remembering which cell each value
came from, so that every problem ``parse_set`` finds is reported with its cell ("Trang 'Chỉ tiêu', ô D14")."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, fold
from ntm_desktop.criteria.model import Dimension
from ntm_desktop.criteria.reading import FORMAT, FORMAT_VERSION
from ntm_desktop.export.criteria_xlsx.cell_values import CellReader
from ntm_desktop.export.criteria_xlsx.layout import (
    DIMENSION_LABELS,
    DIRECTION_LABELS,
    GROUP_COLUMNS,
    GROUPS_SHEET,
    ITEMS_SHEET,
    KIND_LABELS,
    LEVEL_LABELS,
    SET_ROWS,
    SET_SHEET,
    Column,
    header_index,
    item_columns,
)

Cells = dict[str, str]
"""A path in the set's dict (``criteria[2].indicators[0].threshold.general``) → where it was read."""


@dataclass
class Sheets:
    """What the workbook holds, as the set's dict, and where each part of it came from."""

    data: dict[str, Any] = field(default_factory=dict)
    cells: Cells = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    places: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Each cell named, by its sheet's place in the workbook, its row and column: problems are listed in
    the order the officer reads the workbook."""

    def at(self, sheet: Worksheet, row: int, column: int | None = None, label: object = None) -> str:
        """The cell's name ("Trang tính “Bộ tiêu chí”, ô B7 (Phiên bản)"): with the words of its row or
        column, so the officer knows which value is meant without opening the workbook."""
        name = cell_name(sheet.title, row, column)
        if isinstance(label, str) and label.strip():
            name = f"{name} ({label.strip()})"
        self.places.setdefault(name, (sheet.parent.sheetnames.index(sheet.title), row, column or 0))
        return name

    def in_order(self, problems: list[Problem]) -> list[Problem]:
        """Problems sorted by the cell they name, in reading order; those naming no cell last, in turn."""
        end = (len(self.places) + 1, 0, 0)
        return sorted(problems, key=lambda p: self.places.get(p.path, end))


def cell_name(sheet: str, row: int, column: int | None = None) -> str:
    if column is None:
        return tr("Sheet “{sheet}”, row {row}", sheet=sheet, row=row)
    return tr("Sheet “{sheet}”, {cell}", sheet=sheet, cell=f"{get_column_letter(column)}{row}")


def read_workbook(path: Path) -> Sheets:
    if not path.exists():
        raise NotFound(tr("There is no file {path}.", path=str(path)))
    try:
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise InvalidInput(tr("{path} is not an Excel workbook (.xlsx).", path=str(path))) from None
    try:
        return _read(book)
    finally:
        book.close()


def _read(book: Workbook) -> Sheets:
    missing = [name for name in (SET_SHEET, ITEMS_SHEET) if name not in book.sheetnames]
    if missing:
        raise InvalidInput(
            tr(
                "The workbook has no sheet {sheets}: it is not a criteria-set workbook.",
                sheets=", ".join(f"“{m}”" for m in missing),
            )
        )
    out = Sheets()
    dimension = _set_sheet(book[SET_SHEET], out)
    out.data["groups"] = _groups(book[GROUPS_SHEET], out) if GROUPS_SHEET in book.sheetnames else []
    out.data["criteria"] = _items(book[ITEMS_SHEET], dimension, out)
    return out


# ---- the set sheet ---------------------------------------------------------------------------------


def _set_sheet(sheet: Worksheet, out: Sheets) -> Dimension:
    labels = {fold(label): key for key, label in SET_ROWS}
    values: dict[str, Any] = {}
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row=row, column=1).value
        key = labels.get(fold(str(label))) if label is not None else None
        if key is not None:
            values[key] = (sheet.cell(row=row, column=2).value, out.at(sheet, row, 2, label))
    r = CellReader(out.problems)
    where = {key: at for key, (_, at) in values.items()}
    raw = {key: value for key, (value, _) in values.items()}
    dimension = r.code(raw.get("dimension"), DIMENSION_LABELS, where.get("dimension"), "group")
    d = out.data
    d["format"], d["format_version"] = FORMAT, FORMAT_VERSION
    d["id"] = r.text(raw.get("id"))
    d["revision"] = r.whole(raw.get("revision"), where.get("revision"), default=1)
    d["name_vi"], d["name_en"] = r.text(raw.get("name_vi")), r.text(raw.get("name_en"))
    d["level"] = r.code(raw.get("level"), LEVEL_LABELS, where.get("level"), "ntm")
    d["period"] = {
        "from": r.whole(raw.get("period_from"), where.get("period_from")),
        "to": r.whole(raw.get("period_to"), where.get("period_to")),
    }
    d["legal_basis"] = {
        "document": r.text(raw.get("document")),
        "date": r.date(raw.get("date"), where.get("date")),
        "issuer": r.text(raw.get("issuer")),
        "effective": r.date(raw.get("effective"), where.get("effective")),
        "part": r.text(raw.get("part")),
    }
    d["dimension"] = dimension
    d["sources"] = r.lines(raw.get("sources"))
    d["note_vi"], d["note_en"] = r.text(raw.get("note_vi")), r.text(raw.get("note_en"))
    paths = {
        "id": "id", "revision": "revision", "name_vi": "name_vi", "name_en": "name_en", "level": "level",
        "period_from": "period", "document": "legal_basis.document", "date": "legal_basis.date",
        "effective": "legal_basis.effective", "part": "legal_basis.part", "issuer": "legal_basis.issuer",
        "dimension": "dimension", "sources": "sources", "note_vi": "note_vi", "note_en": "note_en",
    }  # fmt: skip
    for key, path in paths.items():
        if key in where:
            out.cells[path] = where[key]
    out.cells.setdefault("legal_basis", out.at(sheet, 1))
    out.cells.setdefault("", out.at(sheet, 1))
    return dimension  # type: ignore[return-value]


# ---- groups ----------------------------------------------------------------------------------------


def _groups(sheet: Worksheet, out: Sheets) -> list[dict[str, Any]]:
    columns = _header(sheet, [Column(k, h, 0) for k, h in GROUP_COLUMNS], out)
    r = CellReader(out.problems)
    groups: list[dict[str, Any]] = []
    for row in _filled_rows(sheet):
        cells = {
            col.key: (sheet.cell(row=row, column=n).value, out.at(sheet, row, n, col.header))
            for n, col in columns.items()
        }
        path = f"groups[{len(groups)}]"
        out.cells[path] = out.at(sheet, row)
        for key, (_, at) in cells.items():
            out.cells[f"{path}.{key}"] = at
        groups.append(
            {
                "code": r.code_text(_get(cells, "code")[0]),
                "name_vi": r.text(_get(cells, "name_vi")[0]),
                "name_en": r.text(_get(cells, "name_en")[0]),
                "confirmed": r.flag(*_get(cells, "confirmed")),
            }
        )
    return groups


# ---- criteria and indicators -----------------------------------------------------------------------


def _items(sheet: Worksheet, dimension: Dimension, out: Sheets) -> list[dict[str, Any]]:
    columns = _header(sheet, list(item_columns(dimension)), out)
    criteria: list[dict[str, Any]] = []
    for row in _filled_rows(sheet):
        cells = {
            col.key: (sheet.cell(row=row, column=n).value, out.at(sheet, row, n, col.header))
            for n, col in columns.items()
        }
        code = CellReader(out.problems).code_text(cells.get("code", (None, None))[0])
        has_kind = _filled(cells.get("kind", (None, None))[0])
        if has_kind or "." in code:  # an indicator, of the criterion above
            if not criteria:
                code_at = _column_of(columns, "code")
                out.problems.append(
                    Problem(
                        out.at(sheet, row, code_at, columns[code_at].header if code_at else None),
                        tr("indicator {code} must come under the row of its criterion", code=code),
                    )
                )
                continue
            parent = criteria[-1]
            path = f"criteria[{len(criteria) - 1}].indicators[{len(parent['indicators'])}]"
            parent["indicators"].append(_indicator(cells, dimension, out))
        else:
            path = f"criteria[{len(criteria)}]"
            criteria.append(_criterion(cells, out))
        out.cells[path] = out.at(sheet, row)
        for key, (_, at) in cells.items():
            for sub in _paths_of(key):
                out.cells[f"{path}.{sub}"] = at
    return criteria


def _criterion(cells: dict[str, tuple[Any, str]], out: Sheets) -> dict[str, Any]:
    r = CellReader(out.problems)
    group = r.text(_get(cells, "group")[0])
    return {
        "code": r.code_text(_get(cells, "code")[0]),
        "group": group or None,
        "name_vi": r.text(_get(cells, "name_vi")[0]),
        "name_en": r.text(_get(cells, "name_en")[0]),
        "confirmed": r.flag(*_get(cells, "confirmed")),
        "sources": r.lines(_get(cells, "sources")[0]),
        "requirement_vi": r.text(_get(cells, "requirement_vi")[0]),
        "requirement_en": r.text(_get(cells, "requirement_en")[0]),
        "requirement_by_key": _by_key(cells, "req", r),
        "requirement_confirmed": r.flag(*_get(cells, "threshold_confirmed")),
        "source": _citation(cells, r),
        "delegated": r.flag(*_get(cells, "delegated")),
        "note": r.text(_get(cells, "note")[0]),
        "indicators": [],
    }


def _indicator(cells: dict[str, tuple[Any, str]], dimension: Dimension, out: Sheets) -> dict[str, Any]:
    r = CellReader(out.problems)
    kind = r.code(_get(cells, "kind")[0], KIND_LABELS, _get(cells, "kind")[1], "")
    direction = r.code(_get(cells, "direction")[0], DIRECTION_LABELS, _get(cells, "direction")[1], "") or None
    threshold = {
        "general": r.threshold(kind, *_get(cells, "general")),
        "by_region": {},
        "by_group": {},
    }
    found = {
        key[4:]: r.threshold(kind, value, at) for key, (value, at) in cells.items() if key.startswith("key:")
    }
    threshold["by_group" if dimension == "group" else "by_region"] = {
        k: v for k, v in found.items() if v is not None
    }
    return {
        "code": r.code_text(_get(cells, "code")[0]),
        "name_vi": r.text(_get(cells, "name_vi")[0]),
        "name_en": r.text(_get(cells, "name_en")[0]),
        "unit": "%"
        if kind == "percent" and not r.text(_get(cells, "unit")[0])
        else r.text(_get(cells, "unit")[0]),
        "kind": kind,
        "direction": direction,
        "threshold": threshold,
        "requirement_vi": r.text(_get(cells, "requirement_vi")[0]),
        "requirement_en": r.text(_get(cells, "requirement_en")[0]),
        "requirement_by_key": _by_key(cells, "req", r),
        "confirmed": r.flag(*_get(cells, "confirmed")),
        "threshold_confirmed": r.flag(*_get(cells, "threshold_confirmed")),
        "source": _citation(cells, r),
        "delegated": r.flag(*_get(cells, "delegated")),
        "sources": r.lines(_get(cells, "sources")[0]),
        "note": r.text(_get(cells, "note")[0]),
    }


def _get(cells: dict[str, tuple[Any, str]], key: str) -> tuple[Any, str | None]:
    """A column's value on this row and its cell; (None, None) when the sheet has no such column."""
    found = cells.get(key)
    return found if found is not None else (None, None)


def _by_key(cells: dict[str, tuple[Any, str]], prefix: str, r: CellReader) -> dict[str, str]:
    texts = {
        key[len(prefix) + 1 :]: r.text(value)
        for key, (value, _) in cells.items()
        if key.startswith(f"{prefix}:")
    }
    return {k: v for k, v in texts.items() if v}


def _citation(cells: dict[str, tuple[Any, str]], r: CellReader) -> dict[str, Any] | None:
    document = r.text(cells.get("source_document", (None, None))[0])
    part = r.text(cells.get("source_part", (None, None))[0])
    day_raw, day_at = cells.get("source_date", (None, ""))
    day = r.date(day_raw, day_at)
    if not (document or part or day):
        return None
    return {"document": document, "part": part, "date": day}


def _paths_of(key: str) -> tuple[str, ...]:
    """The dict paths a column's value lands on, for reporting problems at its cell."""
    if key == "general":
        return ("threshold.general",)
    if key.startswith("key:"):
        return (f"threshold.by_group.{key[4:]}", f"threshold.by_region.{key[4:]}")
    if key.startswith("req:"):
        return (f"requirement_by_key.{key[4:]}",)
    if key.startswith("source_"):
        return (f"source.{key[7:]}",)
    if key == "threshold_confirmed":
        return ("threshold_confirmed", "requirement_confirmed")
    return (key,)


# ---- cells -----------------------------------------------------------------------------------------


def _filled_rows(sheet: Worksheet) -> list[int]:
    return [
        row
        for row in range(2, sheet.max_row + 1)
        if any(_filled(sheet.cell(row=row, column=c).value) for c in range(1, sheet.max_column + 1))
    ]


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _header(sheet: Worksheet, columns: list[Column], out: Sheets) -> dict[int, Column]:
    known = header_index(tuple(columns))
    found: dict[int, Column] = {}
    for n in range(1, sheet.max_column + 1):
        value = sheet.cell(row=1, column=n).value
        if not _filled(value):
            continue
        column = known.get(fold(str(value)))
        if column is None:
            out.problems.append(
                Problem(out.at(sheet, 1, n), tr("unknown column “{header}”", header=clean(str(value))))
            )
        else:
            found[n] = column
    return found


def _column_of(columns: dict[int, Column], key: str) -> int | None:
    return next((n for n, c in columns.items() if c.key == key), None)
