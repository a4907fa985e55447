"""The ledger table's model: the help records a filter lets through, in the order the officer chose.

It filters and sorts itself. A ``QSortFilterProxyModel`` calls back into Python once per row for every
keystroke (a quarter of a second for 100.000 rows); this model asks the column index
(:class:`~ntm_desktop.services.ledger.browse.index.LedgerIndex`) for the rows in one go and resets.
Text columns sort with the Vietnamese collator ("Ân Thi" after "An Giang").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money
from ntm_desktop.services.ledger.browse.index import LedgerFilter, LedgerIndex, LedgerTotals, Order
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.style import MUTED_COLOUR

DATE, SUPPORTERS, TITLE, VILLAGE, CRITERIA, VALUE, CASH = range(7)
UID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def headers() -> list[str]:
    return [
        tr("Date"),
        tr("Supporters"),
        tr("Help given"),
        tr("Village"),
        tr("Criteria served"),
        tr("Value in money"),
        tr("Cash"),
    ]


def show_date(iso: str) -> str:
    """ "2019-12-10" → "10/12/2019"."""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


class HelpTableModel(QAbstractTableModel):
    """Every change of rows (filter, data, order) is a model reset: totals follow ``modelReset``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ledger = LedgerIndex()
        self.filter = LedgerFilter()
        self._sort: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.DescendingOrder)
        self._order: Order | None = None
        self._mask = b""
        self._rows: list[int] = []
        self._ranks: dict[int, list[Any]] = {}
        self._shown: dict[int, tuple[str, ...]] = {}
        self._headers = headers()
        self._muted = QColor(MUTED_COLOUR)

    # ---- what is shown -------------------------------------------------------------------------

    def set_ledger(self, ledger: LedgerIndex) -> None:
        self.ledger = ledger
        self.data_changed()

    def data_changed(self) -> None:
        """The ledger's records changed (added, replaced, removed, renamed): order and filter again."""
        self._ranks.clear()
        self._shown.clear()
        self._order = None
        self._apply()

    def set_filter(self, f: LedgerFilter) -> None:
        if f != self.filter:
            self.filter = f
            self._apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) != self._sort or self._order is None:
            self._sort = (column, order)
            self._order = None
            self._apply()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def _apply(self) -> None:
        self.beginResetModel()
        if self._order is None:
            column, order = self._sort
            self._order = self.ledger.order_by(self._keys(column), order == Qt.SortOrder.DescendingOrder)
        self._mask = self.ledger.mask(self.filter)
        self._rows = self._order.visible(self._mask)
        self.endResetModel()

    def _keys(self, column: int) -> list[Any] | None:
        ledger = self.ledger
        if column == VALUE:
            return ledger.value
        if column == CASH:
            return ledger.cash
        if column == DATE:
            return None
        if column not in self._ranks:
            texts = {
                SUPPORTERS: lambda: [ledger.supporter_names(s) for s in range(ledger.slots)],
                TITLE: lambda: ledger.title,
                VILLAGE: lambda: ledger.village,
                CRITERIA: lambda: [", ".join(ledger.criteria_codes(s)) for s in range(ledger.slots)],
            }[column]()
            self._ranks[column] = ledger.ranks(texts, lambda items: vi_sorted(items, key=str))
        return self._ranks[column]

    def totals(self) -> LedgerTotals:
        return self.ledger.totals(self._mask)

    # ---- rows ----------------------------------------------------------------------------------

    def uid_at(self, row: int) -> str | None:
        return self.ledger.uid[self._rows[row]] if 0 <= row < len(self._rows) else None

    def row_of(self, uid: str) -> int | None:
        slot = self.ledger.slot_of.get(uid)
        if slot is None:
            return None
        try:
            return self._rows.index(slot)
        except ValueError:
            return None

    # ---- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (VALUE, CASH):
                return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell and role at every paint: the common cases first, no work repeated.
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return self._texts(self._rows[row])[index.column()]
        if role == _ALIGN:
            return _RIGHT if index.column() >= VALUE else _LEFT
        if role == _FOREGROUND:
            return self._muted if index.column() == VALUE and not self.ledger.value[self._rows[row]] else None
        if role == UID_ROLE:
            return self.ledger.uid[self._rows[row]]
        if role == SORT_ROLE:
            keys = self._keys(index.column())
            slot = self._rows[row]
            return self.ledger.date[slot] if keys is None else keys[slot]
        return None

    def _texts(self, slot: int) -> tuple[str, ...]:
        """What each column shows for a record (kept for the rows painted lately)."""
        texts = self._shown.get(slot)
        if texts is None:
            if len(self._shown) > 4096:
                self._shown.clear()
            ledger = self.ledger
            value, cash = ledger.value[slot], ledger.cash[slot]
            texts = self._shown[slot] = (
                show_date(ledger.date[slot]),
                ledger.supporter_names(slot),
                ledger.title[slot],
                ledger.village[slot],
                ", ".join(ledger.criteria_codes(slot)),
                format_money(value) if value else tr("not converted"),
                format_money(cash) if cash else "",
            )
        return texts


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_ALIGN, _FOREGROUND = Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
