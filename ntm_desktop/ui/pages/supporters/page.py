"""Đơn vị hỗ trợ: who helps the commune, what each has given, and the documents that assign them.

The list shows each supporter's kind, parent body, number of help records and their value (all years).
Choosing one shows its assignments (document, date, period, criteria) and every help record it gave.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money
from ntm_desktop.services.ledger import Supporter
from ntm_desktop.services.ledger.kinds import supporter_kind_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.pages.supporters.data import Row, SupportersData, load
from ntm_desktop.ui.pages.supporters.details import SupporterDetails
from ntm_desktop.ui.pages.supporters.dialogs import SupporterDialog
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel
from ntm_desktop.ui.widgets.list_view import list_table
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.year import YearState

_WATCHED = (Kind.SUPPORTERS, Kind.HELP, Kind.CRITERIA)


def columns() -> list[Column]:
    return [
        Column(tr("Name"), lambda r: r.supporter.name, tip=lambda r: about(r.supporter)),
        Column(tr("Kind"), lambda r: supporter_kind_label(r.supporter.kind)),
        Column(tr("Belongs to"), lambda r: r.supporter.parent),
        Column(tr("Help records"), lambda r: format_decimal(r.records), sort=lambda r: r.records, right=True),
        Column(
            tr("Value given"),
            lambda r: format_money(r.value_vnd) if r.value_vnd else "",
            sort=lambda r: r.value_vnd,
            right=True,
        ),
    ]


def about(s: Supporter) -> str:
    """ "Sở Nội vụ tỉnh Bắc Kạn — Cơ quan, đơn vị · UBND tỉnh Bắc Kạn"."""
    return " — ".join([s.name, " · ".join(p for p in (supporter_kind_label(s.kind), s.parent) if p)])


class RemoveSupporter:
    @staticmethod
    def ask(parent: QWidget, supporter: Supporter) -> bool:
        return yes_or_cancel(
            parent,
            tr("Remove this supporter?"),
            tr("Remove “{name}” from the list of supporters?", name=supporter.name),
        )


class SupportersTab(QWidget):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.loaded = False
        self._pending: str | None = None
        self.data: SupportersData | None = None
        self.model = ListModel(columns(), self)
        self.proxy = ListFilter(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a supporter"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("New supporter…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.remove_button = QPushButton(tr("Remove"))
        self.history_button = QPushButton(tr("History…"))
        self.table = list_table(self.proxy, 0, {2: 220})
        self.details = SupporterDetails(ctx)
        self.count = label("", "muted")
        self._lay_out()
        self.search.textChanged.connect(self.proxy.set_search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.table.doubleClicked.connect(lambda _: self.edit_current())
        self.add_button.clicked.connect(self.add_supporter)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.history_button.clicked.connect(self.show_history)
        self._buttons()

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.remove_button)
        tools.addWidget(self.history_button)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(tools)
        box.addWidget(self.table, 1)
        box.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(left)
        split.addWidget(self.details)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 330])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(split, 1)

    # ---- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        ctx, year = self.ctx, self.year.year
        ctx.tasks.run_db(lambda: load(ctx, year), self._loaded, owner=self)

    def _loaded(self, data: SupportersData) -> None:
        kept = self.current()
        self.data = data
        self.model.set_rows(data.rows)
        total = sum(r.value_vnd for r in data.rows)
        self.count.setText(
            trn(
                "{n} supporter · {value} given in all (a record given jointly counts for each)",
                "{n} supporters · {value} given in all (a record given jointly counts for each)",
                len(data.rows),
                value=format_money(total),
            )
            if data.rows  # a new commune is told what to do, as the ledger tells it, not "0 đơn vị · 0 đ"
            else tr("No supporter yet. Press “{button}” to add the first.", button=self.add_button.text())
        )
        self.select(self._pending or (kept.uid if kept else None))
        self._pending = None
        self._chosen()

    def refresh(self, changes: Changes) -> None:
        if self.loaded and changes.touches(*_WATCHED):
            self.reload()

    def set_year(self, year: int) -> None:
        if self.loaded:
            self.reload()

    def flush(self) -> None:
        pass

    # ---- selection -------------------------------------------------------------------------------

    def current(self) -> Supporter | None:
        row = self.proxy.row_at(self.table.currentIndex())
        return row.supporter if isinstance(row, Row) else None

    def select(self, uid: str | None) -> None:
        for r in range(self.proxy.rowCount()):
            row = self.proxy.row_at(self.proxy.index(r, 0))
            if uid and row.supporter.uid == uid:
                self.table.setCurrentIndex(self.proxy.index(r, 0))
                return
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _chosen(self) -> None:
        self._buttons()
        supporter = self.current()
        if self.data is None:
            return
        assignments = [a for a in self.data.assignments if supporter and a.supporter == supporter.uid]
        self.details.show_supporter(supporter, assignments, self.data)

    def _buttons(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    # ---- actions -------------------------------------------------------------------------------

    def add_supporter(self) -> None:
        draft = SupporterDialog.ask(self, name=self.search.text())
        if draft is not None:
            self.ctx.mutate(lambda ws: ws.supporters.add(draft), lambda c: self._after(c), owner=self)

    def edit_current(self) -> None:
        supporter = self.current()
        if supporter is None:
            return
        draft = SupporterDialog.ask(self, supporter)
        if draft is not None:
            self.ctx.mutate(lambda ws: ws.supporters.update(supporter.uid, draft), owner=self)

    def show_history(self) -> None:
        supporter = self.current()
        if supporter is not None:
            HistoryDialog.show_for(self, self.ctx, supporter.uid, supporter.name)

    def remove_current(self) -> None:
        supporter = self.current()
        if supporter is None or not RemoveSupporter.ask(self, supporter):
            return
        self.ctx.mutate(
            lambda ws: ws.supporters.remove(supporter.uid),
            owner=self,
            handles=(Conflict,),
            on_invalid=self.ctx.tasks.report,
        )

    def _after(self, changes: Changes) -> None:
        self.search.clear()
        self._pending = changes.ids[0] if changes.ids else None
