""" "Saved at 09:30" beside an assessment and beside a report section is Vietnam time, as every other time
the app shows: a laptop whose clock zone is UTC (or anything else) must not say the officer saved at
02:30 what was saved at half past nine in Hà Nội."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ntm_desktop.core import vntime
from ntm_desktop.services.narrative_values import SECTIONS
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE, REPORTS_PAGE
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace

WAIT = 30_000

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="the clock's zone is set through TZ")


@pytest.fixture
def ctx(qapp: QApplication, ws: Workspace, tmp_path: Path) -> Iterator[tuple[AppContext, Errors]]:
    """The app on a computer whose clock is set to UTC (seven hours behind Vietnam)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC0"
    time.tzset()
    apply_language(qapp, "vi")
    context, errors = make_context(ws, tmp_path)
    yield context, errors
    context.tasks.wait()
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def saved_now() -> set[str]:
    """ "Đã lưu lúc HH:MM" in Vietnam time, this minute or the one before (the save may cross one)."""
    now = vntime.now()
    return {f"Đã lưu lúc {t:%H:%M}" for t in (now, now - timedelta(minutes=1))}


def test_an_assessment_says_when_it_was_saved_in_vietnam_time(qtbot, ctx: tuple[AppContext, Errors]) -> None:
    context, errors = ctx
    page = open_page(context, 2023, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    page.select_code("3.1")
    qtbot.keyClicks(page.editor.value.line, "85")
    with qtbot.waitSignal(page.editor.saved, timeout=WAIT):
        pass
    assert page.editor.state.text() in saved_now()
    assert not errors


def test_a_report_section_says_when_it_was_saved_in_vietnam_time(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    page = open_page(context, 2023, REPORTS_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, ReportsPage) and page.sections is not None
    editor = page.sections
    qtbot.waitUntil(lambda: editor.list.count() == len(SECTIONS), timeout=WAIT)
    page.tabs.setCurrentIndex(1)
    editor.list.setCurrentRow(list(SECTIONS).index("debt"))
    editor.text.setFocus()
    editor.text.insertPlainText("Xã không có nợ đọng xây dựng cơ bản.")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.state.text() in saved_now()
    assert not errors
