"""A sortable, searchable read-only table on the app's :class:`ListModel`, and the big-number cards above
the receiver's tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QVBoxLayout, QWidget

from ntm_desktop.ui.widgets.fields import card, label
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

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row, in its current order."""
        p = self.proxy
        return [
            [str(p.index(r, c).data() or "") for c in range(p.columnCount())] for r in range(p.rowCount())
        ]


class Figure(QFrame):
    """A card with a caption, a big number and a line under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.caption = label(caption, "muted")
        self.value = label("", "big", wrap=False)
        self.note = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def show_value(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))


def titled(title: str, widget: QWidget) -> QFrame:
    box = card()
    inner = QVBoxLayout(box)
    inner.setContentsMargins(14, 10, 14, 10)
    inner.addWidget(label(title, "subtitle"))
    inner.addWidget(widget, 1)
    return box
