"""The item lines of a help record as an editable table: kind, name, quantity, unit, value in đồng.

The officer types Vietnamese numbers ("1.500", "2,5", "40 triệu"); each cell is read as it is typed, and a
cell that cannot be read turns red with its message as tooltip (the form also shows it under the table).
A cash line counts in đồng and its value is its amount, filled in by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_decimal, format_money, format_quantity, parse_decimal, parse_money
from ntm_desktop.core.text import clean
from ntm_desktop.services.ledger import ItemDraft
from ntm_desktop.services.ledger.kinds import CASH_UNIT, DEFAULT_UNITS, item_kind_label
from ntm_desktop.ui.style import ERROR_COLOUR, MUTED_COLOUR

KIND, NAME, QUANTITY, UNIT, VALUE = range(5)
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_BACKGROUND = QColor("#fbe5e2")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Line:
    """One line as typed."""

    kind: str = "cash"
    name: str = ""
    quantity: str = ""
    unit: str = CASH_UNIT
    value: str = ""

    @classmethod
    def of(cls, item: ItemDraft) -> Line:
        value = "" if item.value_vnd is None or item.kind == "cash" else format_decimal(item.value_vnd)
        return cls(item.kind, item.name, format_quantity(item.quantity), item.unit, value)


@dataclass(frozen=True)
class Read:
    """A line read: the item, or the message of each cell that could not be read."""

    item: ItemDraft | None
    errors: dict[int, str]


def read_line(line: Line) -> Read:
    errors: dict[int, str] = {}
    cash = line.kind == "cash"
    unit = CASH_UNIT if cash else clean(line.unit) or DEFAULT_UNITS.get(line.kind, "")
    quantity = Decimal(0)
    try:
        if not clean(line.quantity):
            raise InvalidInput(tr("Write how much was given"))
        if cash or unit == CASH_UNIT:
            quantity = Decimal(parse_money(line.quantity))
        else:
            quantity = parse_decimal(line.quantity)
    except InvalidInput as exc:
        errors[QUANTITY] = exc.message
    value: int | None = None
    if cash:
        value = int(quantity)
    elif clean(line.value):
        try:
            value = parse_money(line.value)
        except InvalidInput as exc:
            errors[VALUE] = exc.message
    if not unit:
        errors[UNIT] = tr("Write the unit, e.g. tấn, suất, ngày công")
    if errors:
        return Read(None, errors)
    return Read(
        ItemDraft(kind=line.kind, quantity=quantity, unit=unit, name=clean(line.name), value_vnd=value), {}
    )


class ItemsModel(QAbstractTableModel):
    """Lines added, removed or changed are Qt's own signals (rows inserted or removed, data changed,
    reset): the editor's total and messages follow those."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self._read: list[Read] = []
        self._headers = [tr("Kind"), tr("Name"), tr("Quantity"), tr("Unit of measure"), tr("Value (đồng)")]
        self._muted, self._error = QColor(MUTED_COLOUR), QColor(ERROR_COLOUR)

    # ---- lines ---------------------------------------------------------------------------------

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self._read = [read_line(line) for line in self.lines]
        self.endResetModel()

    def add_line(self, kind: str = "cash") -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        line = Line(kind=kind, unit=DEFAULT_UNITS.get(kind, ""))
        self.lines.append(line)
        self._read.append(read_line(line))
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            del self._read[row]
            self.endRemoveRows()

    def items(self) -> list[ItemDraft]:
        """The lines that could be read (the form refuses to save while any could not)."""
        return [r.item for r in self._read if r.item is not None]

    def problems(self) -> list[tuple[int, int, str]]:
        """(row, column, message) of every cell that could not be read."""
        return [
            (row, col, text) for row, r in enumerate(self._read) for col, text in sorted(r.errors.items())
        ]

    def value(self) -> tuple[int, int]:
        """(value in money, of which cash) of the lines that could be read."""
        items = self.items()
        return sum(i.value_vnd or 0 for i in items), sum(i.value_vnd or 0 for i in items if i.kind == "cash")

    # ---- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
                return self._headers[section]
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        line = self.lines[index.row()]
        fixed = line.kind == "cash" and index.column() in (UNIT, VALUE)
        return flags if fixed else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        row, column = index.row(), index.column()
        line, read = self.lines[row], self._read[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(line, read, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edited(line, column)
        if role == KIND_ROLE:
            return line.kind
        if role == Qt.ItemDataRole.ToolTipRole:
            return read.errors.get(column)
        if role == Qt.ItemDataRole.BackgroundRole and column in read.errors:
            return ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in read.errors:
                return self._error
            if self._is_default(line, column):
                return self._muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (QUANTITY, VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _is_default(line: Line, column: int) -> bool:
        return (column == NAME and not clean(line.name)) or (column in (UNIT, VALUE) and line.kind == "cash")

    @staticmethod
    def _shown(line: Line, read: Read, column: int) -> str:
        item = read.item
        if column == KIND:
            return item_kind_label(line.kind)
        if column == NAME:
            return clean(line.name) or item_kind_label(line.kind)
        if column == QUANTITY:
            return (
                format_quantity(item.quantity)
                if item is not None and QUANTITY not in read.errors
                else line.quantity
            )
        if column == UNIT:
            return CASH_UNIT if line.kind == "cash" else line.unit
        if column == VALUE:
            if item is not None:
                return format_money(item.value_vnd) if item.value_vnd is not None else ""
            return line.value
        return ""

    @staticmethod
    def _edited(line: Line, column: int) -> str:
        return {
            KIND: line.kind,
            NAME: line.name,
            QUANTITY: line.quantity,
            UNIT: line.unit,
            VALUE: line.value,
        }.get(column, "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        line = self.lines[row]
        text = "" if value is None else str(value)
        if column == KIND:
            line = self._with_kind(line, text)
        else:
            line = replace(line, **{("kind", "name", "quantity", "unit", "value")[column]: text})
        self.lines[row] = line
        self._read[row] = read_line(line)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
        return True

    @staticmethod
    def _with_kind(line: Line, kind: str) -> Line:
        """A new kind brings its usual unit when the unit was the old kind's usual one (or empty)."""
        unit = line.unit
        if not clean(unit) or unit == DEFAULT_UNITS.get(line.kind, "") or line.kind == "cash":
            unit = DEFAULT_UNITS.get(kind, "")
        value = "" if line.kind == "cash" else line.value
        return replace(line, kind=kind, unit=unit, value=value)
