"""The history tab: the bundle log in a sortable table, narrowed by direction and by text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.history_text import LogEntry, carried, file_text, shows_direction, shows_sender
from ntm_desktop.ui.pages.sync.history_model import (
    CONTENT,
    DIRECTION,
    FILE,
    SENDER,
    UNIT,
    WHEN,
    HistoryFilter,
    HistoryModel,
)
from ntm_desktop.ui.widgets.fields import label


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find by commune, file or content (accents optional)"))
        self.direction = QComboBox()
        self.direction.addItem(tr("Sent and received"), None)
        self.direction.addItem(tr("Sent only"), "sent")
        self.direction.addItem(tr("Received only"), "received")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a short log: fit the text
        head.setSectionResizeMode(CONTENT, QHeaderView.ResizeMode.Stretch)
        for column in (UNIT, FILE):  # cut long names, not the content (nor who sent it)
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(column, 200)
        self._national = False
        self.empty = label(tr("Nothing sent or received yet."), "muted")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.direction)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.search.textChanged.connect(self.proxy.set_text)
        self.direction.currentIndexChanged.connect(
            lambda _: self.proxy.set_direction(self.direction.currentData())
        )

    def set_entries(
        self, entries: Sequence[LogEntry], names: Mapping[str, str] | None = None, national: bool = False
    ) -> None:
        self.model.set_entries(entries, names, national)
        self._fit_roll_ups(entries, national)
        # who sent them, when any row names someone (a national office's roll-ups from an office without
        # clerks' certificates name no one: the room goes to the content)
        self.table.setColumnHidden(SENDER, not shows_sender(entries))
        self.table.setColumnHidden(DIRECTION, not shows_direction(national))
        self.direction.setVisible(shows_direction(national))  # and nothing to narrow by direction
        self.empty.setVisible(not entries)

    def _fit_roll_ups(self, entries: Sequence[LogEntry], national: bool) -> None:
        """At the national office a commune's row names the roll-up that brought it ("trong gói tổng hợp
        của tỉnh Thái Nguyên"): the File column is made wide enough to read it, in the room the two
        columns it hides leave (elsewhere it stays 200 px and cuts long file names, whose tooltip holds
        them whole)."""
        texts = [file_text(e, national) for e in entries if carried(e, national)]
        metrics = self.table.fontMetrics()
        needed = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 24
        width = min(max(200, needed), 400) if national else 200
        if national != self._national or self.table.columnWidth(FILE) < width:
            self._national = national
            self.table.horizontalHeader().resizeSection(FILE, width)

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row (as a person reads it)."""
        p = self.proxy
        return [
            [str(p.index(r, c).data() or "") for c in range(p.columnCount())] for r in range(p.rowCount())
        ]
