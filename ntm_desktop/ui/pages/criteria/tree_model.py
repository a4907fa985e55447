"""Criteria → indicators for one year, as a real item model, and the proxy that filters and sorts it.

Rows: the set's criteria at the top level, each with its indicators as children (a criterion judged as a
whole has none). ``internalId`` says where a row lives: 0 for a criterion, ``criterion row + 1`` for an
indicator of that criterion.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import fold, is_ascii_digits
from ntm_desktop.criteria.model import Criterion, Indicator
from ntm_desktop.ui.collate import compare
from ntm_desktop.ui.pages.criteria import present
from ntm_desktop.ui.pages.criteria.data import YearData
from ntm_desktop.ui.style import STATUS_BACKGROUNDS, STATUS_COLOURS

Index = QModelIndex | QPersistentModelIndex

CODE, NAME, VALUE, STATUS, COUNT, CHANGE, TARGET = range(7)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's status key: met, not_met, partial, unknown or undecided."""


def headers() -> tuple[str, ...]:
    return (
        tr("Code"),
        tr("Criterion / indicator"),
        tr("Value"),
        tr("Result"),
        tr("Indicators met"),
        tr("Since last year"),
        tr("Target"),
    )


class CriteriaTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._data: YearData | None = None
        self._headers = headers()
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- loading -------------------------------------------------------------------------------

    def load(self, data: YearData | None) -> None:
        """Show ``data``; when the set is the same, rows stay (selection and expansion are kept)."""
        same = data is not None and self._data is not None and data.structure == self._data.structure
        if not same:
            self.beginResetModel()
            self._data = data
            self.endResetModel()
            return
        self._data = data
        last = self.columnCount() - 1
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, last))
        for row in range(self.rowCount()):
            parent = self.index(row, 0)
            children = self.rowCount(parent)
            if children:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(children - 1, last, parent))

    @property
    def year_data(self) -> YearData | None:
        return self._data

    def node(self, index: Index) -> tuple[Criterion, Indicator | None] | None:
        """The criterion (and indicator, for a child row) at ``index``."""
        if self._data is None or not index.isValid():
            return None
        criteria = self._data.cs.criteria
        if index.internalId() == 0:
            return criteria[index.row()], None
        criterion = criteria[index.internalId() - 1]
        return criterion, criterion.indicators[index.row()]

    def find(self, code: str, indicator: bool = True) -> QModelIndex:
        if self._data is None:
            return QModelIndex()
        for row, c in enumerate(self._data.cs.criteria):
            if not indicator and c.code == code:
                return self.index(row, 0)
            for child, i in enumerate(c.indicators):
                if indicator and i.code == code:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    # ---- structure -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if self._data is None:
            return 0
        if not parent.isValid():
            return len(self._data.cs.criteria)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._data.cs.criteria[parent.row()].indicators)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    # ---- data ----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.node(index)
        if found is None or self._data is None:
            return None
        criterion, indicator = found
        status = self._status(criterion, indicator)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(criterion, indicator, column, status)
        if role == STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return STATUS_COLOURS[present.status_colour_key(status)]
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            return STATUS_BACKGROUNDS[present.status_colour_key(status)]
        if role == Qt.ItemDataRole.FontRole and (indicator is None or column == STATUS):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(criterion, indicator, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COUNT, TARGET):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _status(self, criterion: Criterion, indicator: Indicator | None) -> str:
        assert self._data is not None
        if indicator is None:
            row = self._data.status_of(criterion)
            return row.status if row else present.UNKNOWN
        a = self._data.by_indicator.get(indicator.code)
        return present.indicator_status(a.value if a else None, a.met if a else None)

    def _text(self, criterion: Criterion, indicator: Indicator | None, column: int, status: str) -> str:
        assert self._data is not None
        if column == CODE:
            return indicator.code if indicator else criterion.code
        if column == NAME:
            return indicator.name if indicator else criterion.name
        if column == STATUS:
            return present.status_label(status)
        a = self._data.assessment(criterion, indicator)
        if column == VALUE:
            return present.display_value(indicator, a.value) if a else ""
        if indicator is not None:
            if column == CHANGE:
                before = self._data.previous_by_indicator.get(indicator.code)
                return present.change_text(
                    present.change_of(before.met if before else None, a.met if a else None)
                )
            return ""
        row = self._data.status_of(criterion)
        if column == COUNT:
            return f"{row.indicators_met}/{row.indicators_total}" if row and row.indicators_total else ""
        if column == CHANGE:
            return present.change_text(row.change) if row else ""
        if column == TARGET:
            return str(row.target_year) if row and row.target_year else ""
        return ""

    def _tooltip(self, criterion: Criterion, indicator: Indicator | None, column: int) -> str | None:
        assert self._data is not None
        if column == NAME:
            return indicator.name if indicator else criterion.name
        if column == CHANGE and indicator is not None and self._data.summary.previous_year is not None:
            before = self._data.previous_by_indicator.get(indicator.code)
            if before is not None:
                return tr(
                    "In {year}: {value}",
                    year=self._data.summary.previous_year,
                    value=present.display_value(indicator, before.value) or "—",
                )
        a = self._data.assessment(criterion, indicator)
        if column == STATUS and a is not None and a.basis:
            return a.basis
        return None


_CODE_PART = re.compile(r"([0-9]+)")
_STATUS_ORDER = (present.NOT_MET, present.PARTIAL, present.UNDECIDED, present.UNKNOWN, present.MET)


def code_key(code: str) -> tuple[tuple[int, str], ...]:
    """ "2.10" after "2.9", "10" after "9"."""
    return tuple(
        (int(p), "") if is_ascii_digits(p) else (0, p) for p in _CODE_PART.split(code) if p not in ("", ".")
    )


class CriteriaFilter(QSortFilterProxyModel):
    """Search by code or name (accents and case ignored) and show only rows that still need work."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._only_open = False
        self.setRecursiveFilteringEnabled(True)
        # Rows stay put while the officer edits; the filter is re-applied when it changes.
        self.setDynamicSortFilter(False)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_only_open(self, only: bool) -> None:
        self.beginFilterChange()
        self._only_open = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        code_index = model.index(source_row, CODE, source_parent)
        if self._only_open and model.data(code_index, STATUS_ROLE) == present.MET:
            return False
        if not self._needle:
            return True
        # A criterion that matches brings all its indicators along.
        return self._matches(source_row, source_parent) or (
            source_parent.isValid() and self._matches(source_parent.row(), source_parent.parent())
        )

    def _matches(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        code = str(model.data(model.index(source_row, CODE, source_parent)) or "")
        name = str(model.data(model.index(source_row, NAME, source_parent)) or "")
        return self._needle in fold(code) or self._needle in fold(name)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if left.column() == STATUS:  # what needs work first
            return _STATUS_ORDER.index(model.data(left, STATUS_ROLE)) < _STATUS_ORDER.index(
                model.data(right, STATUS_ROLE)
            )
        a, b = str(model.data(left) or ""), str(model.data(right) or "")
        if left.column() == CODE:
            return code_key(a) < code_key(b)
        return compare(a, b) < 0
