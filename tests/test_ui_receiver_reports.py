"""The receiving unit's Reports page: the same page as a commune's, offering the year's summary of its
communes (made off the GUI thread and previewed), and the same tables as an Excel file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt

from ntm_desktop.demo_receiver import YEAR, build
from ntm_desktop.reports import SummaryReport
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.pages.registry import RECEIVER_REPORTS_PAGE
from ntm_desktop.ui.pages.reports.form import SUMMARY
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import open_page
from ntm_desktop.workspace import Workspace

WAIT = 30_000


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    made = build(tmp_path / "tinh" / "ntm.sqlite")
    ws = Workspace.open(made.path)
    report = ws.sync.import_bundles(made.bundles)
    assert [o.status for o in report.outcomes] == ["imported"] * 3
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot, office: Workspace, tmp_path: Path) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    unexpected: list[BaseException] = []
    tasks = TaskManager(on_error=unexpected.append)
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    widget = open_page(AppContext(office, Hub(), tasks, prefs), YEAR, RECEIVER_REPORTS_PAGE)
    qtbot.addWidget(widget.window())
    assert isinstance(widget, ReportsPage)
    yield widget
    tasks.wait()
    assert not unexpected


def test_the_receiver_makes_and_previews_the_years_summary(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert [page.form.kind.itemData(i) for i in range(page.form.kind.count())] == [SUMMARY]
    assert page.form.request() == SummaryReport(year=YEAR, date=page.form.request().date)
    assert page.form.suggested_name() == f"bao-cao-tong-hop-ntm-{YEAR}.pdf"
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.preview.pages) and page.make.isEnabled(), timeout=WAIT)
    assert page.shown is not None and len(page.preview.pages) == page.shown.made.pages
    assert not page.preview.pages[0].pixmap().isNull()
    assert "chưa ký số" in page.preview_title.text()
    assert page.sign_button.isEnabled() and page.save_button.isEnabled() and page.print_button.isEnabled()


def test_the_summary_tables_are_saved_as_excel(page: ReportsPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert page.excel_button.isVisibleTo(page)
    target = tmp_path / "out" / "tong-hop"
    target.parent.mkdir()  # the save dialog offers only existing folders
    page.ask_xlsx_path = lambda suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("tong-hop.xlsx")
    qtbot.waitUntil(lambda: str(saved) in page.status.text(), timeout=WAIT)
    book = load_workbook(saved)
    assert book.sheetnames[0] == "Các xã"
    assert book.sheetnames[0] and book[book.sheetnames[0]].max_row >= 5  # header + 4 communes
