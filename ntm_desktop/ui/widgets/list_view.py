"""The table every short list of the ledger uses: whole rows selected, sortable, no row numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView


def list_table(
    model: QAbstractItemModel,
    stretch: int,
    widths: dict[int, int] | None = None,
    sort: tuple[int, Qt.SortOrder] | None = (0, Qt.SortOrder.AscendingOrder),
) -> QTableView:
    """Columns fit their contents, ``stretch`` takes the room left, ``widths`` start at a given width (or
    their heading's, in the language shown, if wider)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    room = 2 * head.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, head)
    room += head.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, head) if sort else 0
    for column, width in (widths or {}).items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(column, max(width, head.fontMetrics().horizontalAdvance(title) + room))
    if sort is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(*sort)
    return table
