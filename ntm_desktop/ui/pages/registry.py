"""Builds the main window's pages, in sidebar order (see ``main_window.page_titles``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.pages.placeholders import help_page, sync_page
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.pages.settings import SettingsPage
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from ntm_desktop.ui.main_window import MainWindow

CRITERIA_PAGE = 1


def build_pages(window: MainWindow, ctx: AppContext, year: YearState) -> list[Page]:
    settings = SettingsPage(ctx, window.open_folder)
    settings.language_chosen.connect(window.language_requested)
    return [
        OverviewPage(ctx, year, lambda: window.go_to(CRITERIA_PAGE)),
        CriteriaPage(ctx, year),
        help_page(),
        ReportsPage(ctx, year),
        sync_page(),
        settings,
    ]
