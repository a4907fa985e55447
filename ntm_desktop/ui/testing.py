"""Helpers for the GUI tests: a context on a test's own workspace, with preferences under its tmp folder
and errors collected instead of shown (a test fails on any it did not expect)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager

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
