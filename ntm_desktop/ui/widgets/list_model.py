"""The app's one generic table model: a list of plain values, each column described by functions of the
row (the ledger's short lists — supporters, assignments, cadres, events, a supporter's help — and the
receiver's summary tables), behind a proxy that searches without accents and sorts text the Vietnamese
way (numbers and dates by their own sort key)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from ntm_desktop.core.text import fold
from ntm_desktop.ui.collate import compare

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    """A sort key (a number, a date); by default the text, in Vietnamese order."""
    right: bool = False
    tip: Callable[[Any], str] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    """The text's colour (e.g. a status), if any."""
    centre: bool = False
    mono: bool = False
    """Shown in a fixed-width font (a key fingerprint, read out group by group)."""
    top: bool = False
    """At the top of its cell (beside another cell's wrapped lines), not in the middle."""
    background: Callable[[Any], QColor | None] | None = None
    """The cell's background (e.g. a value that differs from the other version's), if any."""

    @property
    def alignment(self) -> int:
        side = Qt.AlignmentFlag.AlignLeft
        if self.right:
            side = Qt.AlignmentFlag.AlignRight
        elif self.centre:
            side = Qt.AlignmentFlag.AlignHCenter
        return int(side | (Qt.AlignmentFlag.AlignTop if self.top else Qt.AlignmentFlag.AlignVCenter))


class ListModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._keys: list[str | None] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._keys = [None] * len(self.rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def set_titles(self, titles: Sequence[str]) -> None:
        """New headings for the columns (one that names what is shown, e.g. which computer made it)."""
        self.columns = [replace(c, title=t) for c, t in zip(self.columns, titles, strict=True)]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            column = self.columns[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and (column.right or column.centre):
                # a heading set flush right was drawn against the section's edge, its last letter cut
                # ("Số người tham dự", "Giá trị" at 1366×768): centred over its figures instead
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(row)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            return column.background(row)
        if role == Qt.ItemDataRole.FontRole and column.mono:
            return QFont("DejaVu Sans Mono")
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return self._key(index.row())
        return None

    def sort_key(self, row: int, column: int) -> Any:
        c = self.columns[column]
        return c.sort(self.rows[row]) if c.sort else c.text(self.rows[row])

    def key(self, row: int) -> str:
        """The folded text of the row's columns (what the search looks in)."""
        return self._key(row)

    def _key(self, row: int) -> str:
        key = self._keys[row]
        if key is None:
            key = self._keys[row] = fold(" ".join(c.text(self.rows[row]) for c in self.columns))
        return key


class ListFilter(QSortFilterProxyModel):
    """Rows whose text holds every word searched (accents and case ignored), sorted the Vietnamese way.

    It asks the source model in Python, not through ``index.data()``: PySide6 6.12 drops a reference to
    ``None`` each time a value comes back as ``None`` that way (6.12.0 is excluded in pyproject.toml)."""

    def __init__(self, source: ListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.9
            self._words = fold(text).split()
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        key = self.source.key(source_row)
        return all(word in key for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a = self.source.sort_key(left.row(), left.column())
        b = self.source.sort_key(right.row(), right.column())
        if isinstance(a, str) and isinstance(b, str):
            return compare(a, b) < 0
        if a is None or b is None:
            return a is None and b is not None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def row_at(self, index: Index) -> Any:
        return self.source.row_at(self.mapToSource(index).row()) if index.isValid() else None
