"""What the Sync and receiver UI tests share (no tests here): a commune that recorded a little and exported
its bundle, a province office, contexts whose errors go down the real error dialog, and waiting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.errors import open_dialogs, report
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.year import YearState
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, help_record, receiver, supporter

YEAR = 2025


class Errors(list[BaseException]):
    """Everything sent down the one error path; each is also shown in the real error dialog."""

    def __call__(self, exc: BaseException) -> None:
        self.append(exc)
        report(exc)


def context(ws: Workspace, folder: Path) -> tuple[AppContext, Errors]:
    errors = Errors()
    prefs = Prefs(QSettings(str(folder / f"prefs-{ws.path.parent.name}.ini"), QSettings.Format.IniFormat))
    return AppContext(ws, Hub(), TaskManager(on_error=errors), prefs), errors


def settle(
    qtbot: object, ctx: AppContext, until: Callable[[], bool] = lambda: True, timeout: int = 30_000
) -> None:
    """Let the database worker finish and its callbacks run, then wait for ``until``."""
    qtbot.waitUntil(lambda: not ctx.tasks.busy() and until(), timeout=timeout)  # type: ignore[attr-defined]


def year_state(year: int = YEAR) -> YearState:
    return YearState(year, 2016, 2030)


def record_a_little(ws: Workspace, met: int = 17) -> None:
    """A year of criteria (``met`` of 19 met) and one help record, as a commune officer enters them."""
    cs = ws.criteria.for_year(YEAR)
    for n, c in enumerate(cs.criteria):
        ws.progress.record(YEAR, criterion=c.code, met=n < met)
    help_record(
        ws, "Bê tông hóa đường vào trường Tiểu học Bằng Thành II", supporter(ws, "Sở Nội vụ tỉnh Bắc Kạn")
    )


@dataclass
class Offices:
    """A commune (01234) and its province office (19), each with a UI context of its own."""

    commune: Workspace
    province: Workspace
    usb: Path
    commune_ctx: AppContext
    commune_errors: Errors
    province_ctx: AppContext
    province_errors: Errors


@pytest.fixture
def offices(qapp: QApplication, tmp_path: Path) -> Iterator[Offices]:
    usb = tmp_path / "usb"
    usb.mkdir()
    c, p = commune(tmp_path), receiver(tmp_path)
    record_a_little(c)
    c_ctx, c_errors = context(c, tmp_path)
    p_ctx, p_errors = context(p, tmp_path)
    yield Offices(c, p, usb, c_ctx, c_errors, p_ctx, p_errors)
    for ctx in (c_ctx, p_ctx):
        ctx.tasks.wait()
    for dialog in open_dialogs():
        dialog.close()
    c.close()
    p.close()
