"""Every date and year box of the window offers the years the app works with, 2000–2100 only
(ntm_desktop/core/years.py), as the entry forms' date boxes already did: the Reports page's period and
report date, the date an assessment was made, the year boxes.

Each page is built by the app's window (``open_window``), as the running app builds it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QDateTimeEdit, QSpinBox

from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.reports import SupporterReport
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE, REPORTS_PAGE
from ntm_desktop.ui.pages.reports.form import SUPPORTER
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context, open_window
from ntm_desktop.ui.year import YearSpin
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import province_set_2026

FIRST, LAST = QDate(2000, 1, 1), QDate(2100, 12, 31)


@pytest.fixture
def ui(qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path) -> Iterator[tuple[AppContext, Errors]]:
    apply_language(qapp, "vi")
    ws.supporters.add(SupporterDraft("Sở Nội vụ"))
    ctx, errors = make_context(ws, tmp_path)
    yield ctx, errors
    ctx.tasks.wait()


def _window(qtbot, ctx: AppContext, page: int) -> MainWindow:
    window = open_window(ctx, 2025, page)
    qtbot.addWidget(window)
    return window


def test_the_date_boxes_of_the_criteria_and_reports_pages_stop_at_the_years(
    qtbot, ui: tuple[AppContext, Errors]
) -> None:
    ctx, errors = ui
    for page in (CRITERIA_PAGE, REPORTS_PAGE):
        window = _window(qtbot, ctx, page)
        boxes = window.findChildren(QDateEdit)
        assert boxes, page
        ranges = {(b.minimumDate(), b.maximumDate()) for b in boxes}
        assert ranges == {(FIRST, LAST)}, page
        for spin in window.findChildren(QSpinBox):
            if isinstance(spin, YearSpin):
                assert 2000 <= spin.minimum() <= spin.maximum() <= 2100
        window.close()
    ctx.tasks.wait()
    assert not errors


def test_a_supporter_reports_period_typed_past_2100_stays_in_the_years(
    qtbot, ui: tuple[AppContext, Errors]
) -> None:
    """The officer types the year 2101 (or 1999) into the period's boxes: the box keeps a year it
    shows, and the report asked for never runs past 31/12/2100."""
    ctx, errors = ui
    window = _window(qtbot, ctx, REPORTS_PAGE)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # keys reach a box of the active window only
    page = window.current_page()
    assert isinstance(page, ReportsPage)
    form = page.form
    form.kind.setCurrentIndex(form.kind.findData(SUPPORTER))
    qtbot.waitUntil(lambda: form.supporter.count() == 1)
    for box, typed in ((form.end, "2101"), (form.start, "1999"), (form.date, "2101")):
        box.setFocus()
        box.setCurrentSection(QDateTimeEdit.Section.YearSection)
        qtbot.keyClick(box, Qt.Key.Key_End)
        for _ in range(4):
            qtbot.keyClick(box, Qt.Key.Key_Backspace)
        qtbot.keyClicks(box, typed)
        qtbot.keyClick(box, Qt.Key.Key_Tab)  # on to the next field
        assert FIRST <= box.date() <= LAST, (typed, box.date())
    request = form.request()
    assert isinstance(request, SupporterReport)
    assert request.start is not None and request.end is not None and request.date is not None
    assert date(2000, 1, 1) <= request.start <= request.end <= date(2100, 12, 31)
    assert request.date.year <= 2100
    assert not errors


def test_a_set_read_with_a_period_from_1995_does_not_make_the_year_box_offer_1995(
    qtbot, ui: tuple[AppContext, Errors]
) -> None:
    """A criteria set's file may name a period from 1990 (the criteria reader takes it); the window's year
    box still starts at 2000."""
    ctx, errors = ui
    data = copy.deepcopy(province_set_2026())
    data["id"], data["period"] = "tinh-19-thu-1995-2030", {"from": 1995, "to": 2030}
    ctx.ws.criteria.save(parse_set(data), origin="file")
    window = _window(qtbot, ctx, CRITERIA_PAGE)
    spins = [s for s in window.findChildren(QSpinBox) if isinstance(s, YearSpin)]
    assert spins
    for spin in spins:
        assert (spin.minimum(), spin.maximum()) == (2000, 2030)
        spin.setValue(1995)
        assert spin.value() == 2000
    assert not errors
