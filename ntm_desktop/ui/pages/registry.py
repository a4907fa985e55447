"""The main window's pages, in sidebar order (see ``main_window.page_titles``).

Each entry is a factory: a page is built, and its modules imported, the first time it is shown, so
start-up pays only for the page the officer opens (the reports page alone pulls in PDF and signing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from ntm_desktop.ui.main_window import MainWindow

CRITERIA_PAGE = 1

PageFactory = Callable[[], Page]


def page_factories(window: MainWindow, ctx: AppContext, year: YearState) -> list[PageFactory]:
    def overview() -> Page:
        from ntm_desktop.ui.pages.overview import OverviewPage

        return OverviewPage(ctx, year, lambda: window.go_to(CRITERIA_PAGE))

    def criteria() -> Page:
        from ntm_desktop.ui.pages.criteria.page import CriteriaPage

        return CriteriaPage(ctx, year)

    def help_received() -> Page:
        from ntm_desktop.ui.pages.help.section import HelpSection

        return HelpSection(ctx, year)

    def reports() -> Page:
        from ntm_desktop.ui.pages.reports.page import ReportsPage

        return ReportsPage(ctx, year)

    def sync() -> Page:
        from ntm_desktop.ui.pages.placeholders import sync_page

        return sync_page()

    def settings() -> Page:
        from ntm_desktop.ui.pages.settings import SettingsPage

        page = SettingsPage(ctx, window.open_folder)
        page.language_chosen.connect(window.language_requested)
        return page

    return [overview, criteria, help_received, reports, sync, settings]
