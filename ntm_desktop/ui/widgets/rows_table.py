"""A sortable, searchable read-only table on the app's :class:`ListModel`: the receiver's summary tables and
the Sync page's key lists show plain values of the core through it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel


class RowsTable(QTableView):
    def __init__(
        self,
        columns: Sequence[Column],
        stretch: int = 0,
        parent: QWidget | None = None,
        proxy: type[ListFilter] = ListFilter,
    ) -> None:
        super().__init__(parent)
        self.rows_model = ListModel(columns, self)
        self.proxy = proxy(self.rows_model, self)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        head = self.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.rows_model.set_rows(rows)

    def chosen(self) -> list[Any]:
        """The values of the rows the officer selected, in the table's order."""
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return [self.proxy.row_at(self.proxy.index(r, 0)) for r in sorted(rows)]

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row, in its current order."""
        p = self.proxy
        return [
            [str(p.index(r, c).data() or "") for c in range(p.columnCount())] for r in range(p.rowCount())
        ]
