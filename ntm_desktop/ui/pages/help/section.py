"""Hỗ trợ nhận được: the sidebar page of the help ledger, with its tabs.

Sổ hỗ trợ (the ledger) · Tổng quan hỗ trợ (charts) · Đơn vị hỗ trợ (supporters and their assignments) ·
Cán bộ biệt phái, tăng cường · Hoạt động, hội nghị. A tab is built the first time it is shown (the ledger
at once), reads its data then, and refreshes on the changes that touch it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.help.ledger_tab import LedgerTab
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.year import YearSpin, YearState

LEDGER_TAB, OVERVIEW_TAB, SUPPORTERS_TAB, CADRES_TAB, EVENTS_TAB = range(5)


class Tab(Protocol):
    def refresh(self, changes: Changes) -> None: ...

    def set_year(self, year: int) -> None: ...

    def flush(self) -> None: ...


class HelpSection(Page):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.ledger = LedgerTab(ctx, year)
        self.built: dict[int, QWidget] = {0: self.ledger}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.ledger, tr("Ledger"))
        self._factories: dict[int, Callable[[], QWidget]] = {}
        for title, factory in self._later():
            self._factories[self.tabs.count()] = factory
            self.tabs.addTab(QWidget(), title)
        self.tabs.currentChanged.connect(self._build)
        head = QHBoxLayout()
        head.addWidget(label(tr("Help received"), "title"), 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(YearSpin(year))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def _later(self) -> list[tuple[str, Callable[[], QWidget]]]:
        ctx, year = self.ctx, self.year

        def dashboard() -> QWidget:
            from ntm_desktop.ui.pages.dashboard.page import DashboardTab  # QtCharts: only when shown

            return DashboardTab(ctx, year)

        def supporters() -> QWidget:
            from ntm_desktop.ui.pages.supporters.page import SupportersTab

            return SupportersTab(ctx, year)

        def cadres() -> QWidget:
            from ntm_desktop.ui.pages.people.cadres import CadresTab

            return CadresTab(ctx, year)

        def events() -> QWidget:
            from ntm_desktop.ui.pages.people.events import EventsTab

            return EventsTab(ctx, year)

        return [
            (tr("Overview of help"), dashboard),
            (tr("Supporters"), supporters),
            (tr("Seconded cadres"), cadres),
            (tr("Events"), events),
        ]

    def _build(self, index: int) -> None:
        factory = self._factories.pop(index, None)
        if factory is None:
            return
        tab = factory()
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
        self.built[index] = tab

    def show_record(self, uid: str) -> None:
        """Show the ledger with the record ``uid`` chosen (every year, no filter hiding it)."""
        self.tabs.setCurrentIndex(LEDGER_TAB)
        self.ledger.show_record(uid)

    def tab(self, index: int) -> QWidget:
        """The tab at ``index``, built now if it was not yet."""
        self._build(index)
        return self.built[index]

    def _tabs(self) -> list[Tab]:
        return [cast(Tab, tab) for tab in self.built.values()]

    def refresh(self, changes: Changes) -> None:
        for tab in self._tabs():
            tab.refresh(changes)

    def set_year(self, year: int) -> None:
        for tab in self._tabs():
            tab.set_year(year)

    def flush(self) -> None:
        for tab in self._tabs():
            tab.flush()
