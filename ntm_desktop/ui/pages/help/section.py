"""Hỗ trợ nhận được: the sidebar page of the help ledger, with its tabs.

Sổ hỗ trợ (the ledger) · Tổng quan hỗ trợ (charts) · Đơn vị hỗ trợ (supporters and their assignments) ·
Cán bộ tăng cường (seconded cadres) · Hoạt động (meetings and campaigns). Each tab reads its data the first
time it is shown and refreshes on the changes that touch it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.dashboard.page import DashboardTab
from ntm_desktop.ui.pages.help.bool_refs import keep_bools_alive
from ntm_desktop.ui.pages.help.ledger_tab import LedgerTab
from ntm_desktop.ui.pages.people.cadres import CadresTab
from ntm_desktop.ui.pages.people.events import EventsTab
from ntm_desktop.ui.pages.supporters.page import SupportersTab
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.year import YearSpin, YearState


class Tab(Protocol):
    def refresh(self, changes: Changes) -> None: ...

    def set_year(self, year: int) -> None: ...

    def flush(self) -> None: ...


class HelpSection(Page):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_bools_alive()
        self.ledger = LedgerTab(ctx, year)
        self.dashboard = DashboardTab(ctx, year)
        self.supporters = SupportersTab(ctx, year)
        self.cadres = CadresTab(ctx, year)
        self.events = EventsTab(ctx, year)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.ledger, tr("Ledger"))
        self.tabs.addTab(self.dashboard, tr("Overview of help"))
        self.tabs.addTab(self.supporters, tr("Supporters"))
        self.tabs.addTab(self.cadres, tr("Seconded cadres"))
        self.tabs.addTab(self.events, tr("Events"))
        head = QHBoxLayout()
        head.addWidget(label(tr("Help received"), "title"), 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(YearSpin(year))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        year.changed.connect(self.set_year)

    def _tabs(self) -> list[Tab]:
        return [self.ledger, self.dashboard, self.supporters, self.cadres, self.events]

    def refresh(self, changes: Changes) -> None:
        for tab in self._tabs():
            tab.refresh(changes)

    def set_year(self, year: int) -> None:
        for tab in self._tabs():
            tab.set_year(year)

    def flush(self) -> None:
        for tab in self._tabs():
            tab.flush()
