"""A read-only table of plain values, described column by column, behind a sortable, searchable proxy.

The receiver's summary tables (help by kind, by item, by supporter, by criterion, by commune; cadres and
outcomes) are each a list of frozen values and a few :class:`Column` s: a header, the text shown, the key
it sorts by (numbers as numbers, names the Vietnamese way) and where it sits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ntm_desktop.core.text import fold
from ntm_desktop.ui.collate import vi_sorted

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    key: Callable[[T], Any] | None = None
    """Sort key; None sorts by the text with the Vietnamese collator."""
    align: int = LEFT
    colour: Callable[[T], QColor | None] | None = None


class RowsModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[T] = []
        self._ranks: dict[int, dict[int, int]] = {}

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._ranks = {}
        for n, column in enumerate(self.columns):
            if column.key is None:
                texts = [column.text(r) for r in self._rows]
                ordered = vi_sorted(range(len(texts)), key=texts.__getitem__)
                self._ranks[n] = {row: rank for rank, row in enumerate(ordered)}
        self.endResetModel()

    def row(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.columns[section].align
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == SORT_ROLE:
            if column.key is not None:
                return column.key(value)
            return self._ranks.get(index.column(), {}).get(index.row(), 0)
        if role == SEARCH_ROLE:
            return fold(" ".join(c.text(value) for c in self.columns))
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(value)
        return None


class RowsFilter(QSortFilterProxyModel):
    """Sorts by each column's key, and keeps the rows whose text holds what was typed (accents optional)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""

    def set_text(self, text: str) -> None:
        self._text = fold(text)
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._text:
            return True
        return self._text in str(self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE))
