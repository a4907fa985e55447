"""The main window's pages, in sidebar order, for the workspace's role.

A commune records its own data: overview, criteria, help, reports, sync, settings. A receiving office
(role ``receiver``) does not record a commune's data: it sees its communes, one commune's record read-only,
help across communes, seconded cadres and results, charts, sync and settings.

Each entry is a factory: a page is built, and its modules imported, the first time it is shown, so
start-up pays only for the page the officer opens (the reports page alone pulls in PDF and signing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QIcon

from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.titles import page_titles
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from ntm_desktop.sync.reverse.decisions import Target


class Window(Protocol):
    """What the pages need of the main window (it builds them through :func:`page_entries`)."""

    language_requested: Any
    """Signal(str): the officer chose a language."""

    def go_to(self, index: int) -> None: ...

    def page(self, index: int) -> Page: ...

    def open_folder(self) -> None: ...


OVERVIEW_PAGE, CRITERIA_PAGE, HELP_PAGE, REPORTS_PAGE, SYNC_PAGE, SETS_PAGE, SETTINGS_PAGE = range(7)
"""A commune's pages, in sidebar order."""
(
    COMMUNES_PAGE,
    RECORD_PAGE,
    HELP_SUMMARY_PAGE,
    CADRES_PAGE,
    CHARTS_PAGE,
    RECEIVER_REPORTS_PAGE,
    RECEIVER_SYNC_PAGE,
    RECEIVER_SETS_PAGE,
    RECEIVER_SETTINGS_PAGE,
) = range(9)
"""A receiving office's pages, in sidebar order (the record page opens from the communes list)."""
PROVINCES_PAGE = CHARTS_PAGE + 1
"""The national office's list of provinces, after the charts (its later pages move down by one)."""
RECEIVER = "receiver"

PageFactory = Callable[[], Page]


@dataclass(frozen=True)
class PageEntry:
    icon: str | QIcon
    """The name of an icon in ``resources/icons``, or the icon itself."""
    title: str
    build: PageFactory


def page_entries(window: Window, ctx: AppContext, year: YearState) -> list[PageEntry]:
    if ctx.ws.settings.role == RECEIVER:
        return receiver_pages(window, ctx, year)
    return commune_pages(window, ctx, year)


def page_factories(window: Window, ctx: AppContext, year: YearState) -> list[PageFactory]:
    return [entry.build for entry in page_entries(window, ctx, year)]


def commune_pages(window: Window, ctx: AppContext, year: YearState) -> list[PageEntry]:
    def overview() -> Page:
        from ntm_desktop.ui.pages.overview import OverviewPage

        return OverviewPage(ctx, year, lambda: window.go_to(CRITERIA_PAGE), lambda t: open_record(window, t))

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
        from ntm_desktop.ui.pages.sync.page import SyncPage

        return SyncPage(ctx, receiver=False)

    factories = [
        overview,
        criteria,
        help_received,
        reports,
        sync,
        lambda: _sets(ctx),
        lambda: _settings(window, ctx),
    ]
    return [
        PageEntry(name, title, build) for (name, title), build in zip(page_titles(), factories, strict=True)
    ]


def receiver_pages(window: Window, ctx: AppContext, year: YearState) -> list[PageEntry]:
    from ntm_desktop.ui.pages.receiver.icons import receiver_icon

    def open_commune(code: str) -> None:
        from ntm_desktop.ui.pages.receiver.record_page import RecordPage

        page = window.page(RECORD_PAGE)
        if isinstance(page, RecordPage):
            page.show_commune(code)

    def communes() -> Page:
        from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage

        return CommunesPage(ctx, year, open_commune, signs_off=not is_national(ctx))

    def record() -> Page:
        from ntm_desktop.ui.pages.receiver.record_page import RecordPage

        return RecordPage(ctx, year)

    def help_across() -> Page:
        from ntm_desktop.ui.pages.receiver.help_page import HelpAcrossPage

        return HelpAcrossPage(ctx, year)

    def cadres() -> Page:
        from ntm_desktop.ui.pages.receiver.cadres_page import CadresPage

        return CadresPage(ctx, year)

    def charts() -> Page:
        from ntm_desktop.ui.pages.receiver.charts_page import ChartsPage

        return ChartsPage(ctx, year)

    def reports() -> Page:
        from ntm_desktop.ui.pages.reports.form import RECEIVER_KINDS
        from ntm_desktop.ui.pages.reports.page import ReportsPage

        return ReportsPage(ctx, year, RECEIVER_KINDS)

    def sync() -> Page:
        from ntm_desktop.ui.pages.sync.page import SyncPage

        return SyncPage(ctx, receiver=True, national=is_national(ctx))

    national = [PageEntry(receiver_icon("provinces"), tr("Provinces"), lambda: _provinces(window, ctx, year))]
    return [
        PageEntry(receiver_icon("communes"), tr("Communes"), communes),
        PageEntry("reports", tr("Commune record"), record),
        PageEntry("help", tr("Help summary"), help_across),
        PageEntry(receiver_icon("people"), tr("Cadres and results"), cadres),
        PageEntry("overview", tr("Charts"), charts),
        *(national if is_national(ctx) else []),
        PageEntry("reports", tr("Reports"), reports),
        PageEntry("sync", tr("Sync"), sync),
        PageEntry("criteria", tr("Criteria sets"), lambda: _sets(ctx)),
        PageEntry("settings", tr("Settings"), lambda: _settings(window, ctx)),
    ]


def is_national(ctx: AppContext) -> bool:
    """The workspace is the national office's (it lists the provinces that send it their roll-up)."""
    from ntm_desktop.receiver.info import LEVEL
    from ntm_desktop.receiver.values import NATIONAL

    return bool(ctx.ws.settings.get(LEVEL) == NATIONAL)


def _provinces(window: Window, ctx: AppContext, year: YearState) -> Page:
    from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
    from ntm_desktop.ui.pages.receiver.provinces_page import ProvincesPage

    def open_province(code: str, name: str) -> None:
        page = window.page(COMMUNES_PAGE)  # shown, built on first use
        if isinstance(page, CommunesPage):
            page.show_province(code, name)

    return ProvincesPage(ctx, year, open_province)


def _sets(ctx: AppContext) -> Page:
    from ntm_desktop.ui.pages.criteria_sets.page import SetsPage

    return SetsPage(ctx)


def open_record(window: Window, target: Target) -> None:
    """Show the record a correction request names: an assessment on the Criteria page, a help record in
    the ledger."""
    if target.kind == "help":
        from ntm_desktop.ui.pages.help.section import HelpSection

        help_page = window.page(HELP_PAGE)
        if isinstance(help_page, HelpSection):
            help_page.show_record(target.uid)
        return
    from ntm_desktop.ui.pages.criteria.page import CriteriaPage

    criteria = window.page(CRITERIA_PAGE)
    if isinstance(criteria, CriteriaPage):
        criteria.select_code(target.code, target.indicator)


def _settings(window: Window, ctx: AppContext) -> Page:
    from ntm_desktop.ui.pages.settings import SettingsPage

    page = SettingsPage(ctx, window.open_folder)
    page.language_chosen.connect(window.language_requested)
    return page
