"""Start-up as the officer sees it: the overview's figures appear from the snapshot kept at the last close,
before the data file is open, and the real figures replace them once it is; a file changed since shows
"Đang mở tệp dữ liệu…" instead of numbers that may be stale; closing keeps the snapshot again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from ntm_desktop.core import startup_snapshot
from ntm_desktop.services.overview import load_figures
from ntm_desktop.services.rollup import MET
from ntm_desktop.ui.first_page import keep_figures, kept_figures
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        ws.progress.record(2023, indicator="3.1", value="90")
        ws.progress.record(2023, indicator="3.2", value="có")
        ws.progress.record(2023, criterion="19", met=True)
    return path


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QApplication]:
    apply_language(qapp, "vi")
    yield qapp
    apply_language(qapp, "vi")


def keep_snapshot(path: Path, every_criterion_met: bool = False) -> None:
    """The snapshot the app keeps on closing (optionally with other figures, to tell them apart)."""
    with Workspace.open(path) as ws:
        figures = load_figures(ws, 2023)
    if every_criterion_met:
        assert figures.summary is not None
        criteria = tuple(dataclasses.replace(c, status=MET) for c in figures.summary.criteria)
        figures = dataclasses.replace(
            figures, summary=dataclasses.replace(figures.summary, criteria=criteria)
        )
    keep_figures(path, figures)


def started(qapp: QApplication, path: Path, tmp_path: Path) -> Startup:
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    return startup


def close(startup: Startup) -> None:
    if shiboken6.isValid(startup.window):
        startup.window.close()
    startup.close()


def test_the_overview_shows_the_snapshot_before_the_file_opens_and_the_real_figures_after(
    qtbot, vietnamese: QApplication, data_file: Path, tmp_path: Path
) -> None:
    keep_snapshot(data_file, every_criterion_met=True)  # so the two can be told apart
    startup = started(vietnamese, data_file, tmp_path)
    try:
        preview = startup.window.stack.currentWidget()
        assert isinstance(preview, OverviewPage)
        assert startup.ctx is None  # the data file is not open yet
        assert preview.count.text() == "19/19"
        assert preview.title.text() == SAMPLE_UNIT.name
        assert not startup.window.nav.isEnabled() and not preview.enter.isEnabled()
        qtbot.waitUntil(lambda: bool(startup.window.pages))
        page = startup.window.current_page()
        assert isinstance(page, OverviewPage) and page is not preview
        assert page.count.text() == "2/19"
        assert startup.window.stack.currentWidget() is startup.window.slots[0]
        assert startup.window.nav.isEnabled()
    finally:
        close(startup)


def test_a_file_changed_since_the_snapshot_says_it_is_opening_instead(
    qtbot, vietnamese: QApplication, data_file: Path, tmp_path: Path
) -> None:
    keep_snapshot(data_file)
    with Workspace.open(data_file) as ws:  # e.g. "ntm-desktop progress set" in between
        ws.progress.record(2023, criterion="18", met=True)
    startup = started(vietnamese, data_file, tmp_path)
    try:
        assert startup.window.stack.currentWidget() is not startup.window.preview
        assert startup.window.preview is None
        assert startup.window.notice.text() == "Đang mở tệp dữ liệu…"
        qtbot.waitUntil(lambda: bool(startup.window.pages))
        page = startup.window.current_page()
        assert isinstance(page, OverviewPage) and page.count.text() == "3/19"
    finally:
        close(startup)


def test_closing_keeps_the_figures_of_the_year_on_screen(
    qtbot, vietnamese: QApplication, data_file: Path, tmp_path: Path
) -> None:
    startup = started(vietnamese, data_file, tmp_path)
    qtbot.waitUntil(lambda: bool(startup.window.pages))
    assert startup.year is not None
    startup.year.set(2022)
    close(startup)
    figures = kept_figures(data_file, remembered_year=2022)
    assert figures is not None and figures.summary is not None
    assert (figures.year, figures.summary.met) == (2022, 0)
    assert [(s.year, s.met) for s in figures.history] == [(2023, 2)]
    assert kept_figures(data_file, remembered_year=2023) is None  # the app would open at another year
    assert startup_snapshot.snapshot_path(data_file).is_file()
