"""A tab listing one of the ledger's short lists (cadres, events) with search, add, edit and remove.

Subclasses say which service holds the records, how to show them and which form edits them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.services.ledger.choices import Choices, load_choices
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel
from ntm_desktop.ui.widgets.list_view import list_table
from ntm_desktop.ui.widgets.questions import yes_or_cancel


class RemoveRecord:
    """Asks before removing (tests replace :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, what: str) -> bool:
        return yes_or_cancel(
            parent,
            tr("Remove this record?"),
            tr("Remove “{what}”? The data file keeps it in its history.", what=what),
        )


class RecordsTab(QWidget):
    kind: Kind
    service_name: str
    """The workspace's service for these records: ``cadres`` or ``events``."""
    add_text = ""
    empty_text = ""
    stretch = 0
    widths: dict[int, int] = {}  # noqa: RUF012 (read only)
    """Columns of a fixed starting width (the officer may widen them)."""
    sort_column, sort_order = 0, Qt.SortOrder.AscendingOrder

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.loaded = False
        self.choices = Choices(year)
        self.model = ListModel(self.columns(), self)
        self.proxy = ListFilter(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find (accents optional)"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.add_text)
        self.edit_button = QPushButton(tr("Edit…"))
        self.remove_button = QPushButton(tr("Remove"))
        self.history_button = QPushButton(tr("History…"))
        self.table = list_table(self.proxy, self.stretch, self.widths, (self.sort_column, self.sort_order))
        self.count = label("", "muted")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.remove_button, self.history_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(self.proxy.set_search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        self.table.doubleClicked.connect(lambda _: self.edit_current())
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.history_button.clicked.connect(self.show_history)
        self._buttons()

    # ---- what subclasses say ---------------------------------------------------------------------

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def ask(self, existing: Any | None) -> Any | None:
        """The form: a draft, or None when cancelled."""
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        raise NotImplementedError

    # ---- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        ws, year, name = self.ctx.ws, self.year, self.service_name
        self.ctx.tasks.run_db(
            lambda: (getattr(ws, name).list(), load_choices(ws, year)), self._loaded, owner=self
        )

    def _loaded(self, result: tuple[list[Any], Choices]) -> None:
        records, self.choices = result
        self.model.set_rows(records)
        self.count.setText(trn("{n} record", "{n} records", len(records)) if records else self.empty_text)
        self._buttons()

    def refresh(self, changes: Changes) -> None:
        if self.loaded and changes.touches(self.kind, Kind.SUPPORTERS, Kind.UNIT, Kind.CRITERIA):
            self.reload()

    def set_year(self, year: int) -> None:
        self.year = year
        if self.loaded:
            self.reload()

    def flush(self) -> None:
        pass

    # ---- actions ---------------------------------------------------------------------------------

    def current(self) -> Any | None:
        return self.proxy.row_at(self.table.currentIndex())

    def _buttons(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    def add_record(self) -> None:
        draft = self.ask(None)
        if draft is not None:
            self.ctx.mutate(lambda ws: getattr(ws, self.service_name).add(draft), owner=self)

    def edit_current(self) -> None:
        record = self.current()
        if record is None:
            return
        draft = self.ask(record)
        if draft is not None:
            self.ctx.mutate(lambda ws: getattr(ws, self.service_name).update(record.uid, draft), owner=self)

    def show_history(self) -> None:
        record = self.current()
        if record is not None:
            HistoryDialog.show_for(self, self.ctx, record.uid, self.describe(record))

    def remove_current(self) -> None:
        record = self.current()
        if record is not None and RemoveRecord.ask(self, self.describe(record)):
            self.ctx.mutate(lambda ws: getattr(ws, self.service_name).remove(record.uid), owner=self)
