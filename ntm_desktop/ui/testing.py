"""Helpers for the GUI tests: a context on a test's own workspace, with preferences under its tmp folder
and errors collected instead of shown (a test fails on any it did not expect), and the real main window
on it, which builds and wires its pages exactly as the running app does."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import USABLE
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


class Errors(list[BaseException]):
    """The errors that would have reached the error dialog."""

    def __call__(self, exc: BaseException) -> None:
        self.append(exc)


def make_prefs(folder: Path) -> Prefs:
    return Prefs(QSettings(str(folder / "ui-test.ini"), QSettings.Format.IniFormat))


def make_context(ws: Workspace, folder: Path) -> tuple[AppContext, Errors]:
    errors = Errors()
    return AppContext(ws, Hub(), TaskManager(on_error=errors), make_prefs(folder)), errors


FIELD_SIZE = USABLE
"""A commune's laptop: 1366×768 less the Windows taskbar and the window's title bar."""


def open_window(ctx: AppContext, year: int, page: int = 0, size: tuple[int, int] = FIELD_SIZE) -> MainWindow:
    """The app's main window on ``ctx``, with its pages (built and wired by the window's own factory),
    showing the page at ``page``, at a commune laptop's size."""
    sets = ctx.ws.criteria.sets()
    first = min((s.period_from for s in sets), default=year)
    last = max((s.period_to for s in sets), default=year)
    window = MainWindow(ctx.prefs, ctx.data_file, ctx.ws.where if ctx.ws.on_server else "")  # as startup does
    ctx.prefs.page = page  # the window opens on the page last shown: only that one is built
    window.attach(ctx, YearState(year, first, last, window))
    window.setWindowState(Qt.WindowState.WindowNoState)  # not maximised on the test screen's size
    window.resize(*size)
    window.show()
    return window


def open_page(ctx: AppContext, year: int, page: int, size: tuple[int, int] = FIELD_SIZE) -> Page:
    """The page at ``page`` of a main window opened on ``ctx`` (the window is the page's ``window()``)."""
    built = open_window(ctx, year, page, size).current_page()
    assert built is not None
    return built
