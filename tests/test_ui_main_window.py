"""The main window as a whole: start-up, the first-run wizard, pages and shortcuts, the overview's
count and chart, saving on close, and switching language while it runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.ui import main_window
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.pages.settings import SettingsPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.ui.wizard import SetupWizard
from ntm_desktop.ui.year import YearSpin
from ntm_desktop.workspace import Workspace
from tests.helpers.units import BARE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(BARE_UNIT)
        ws.progress.record(2022, indicator="3.1", value="85")
        ws.progress.record(2022, indicator="3.2", value="có")
        ws.progress.record(2023, indicator="3.1", value="90")
        ws.progress.record(2023, indicator="3.2", value="có")
        ws.progress.record(2023, criterion="19", met=True)
    return path


def start(qtbot, qapp: QApplication, path: Path, tmp_path: Path) -> Startup:
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    return startup


@pytest.fixture
def app(qtbot, qapp: QApplication, data_file: Path, tmp_path: Path) -> Iterator[Startup]:
    startup = start(qtbot, qapp, data_file, tmp_path)
    qtbot.waitUntil(lambda: bool(startup.window.pages))
    yield startup
    if shiboken6.isValid(startup.window):
        startup.window.close()
    startup.close()
    apply_language(qapp, "vi")


def page_of(window: MainWindow, kind: type) -> object:
    return next(p for p in window.pages if isinstance(p, kind))


def test_the_window_has_its_pages_the_data_file_and_the_year(app: Startup) -> None:
    w = app.window
    assert [w.nav.item(i).text() for i in range(w.nav.count())] == [
        "Tổng quan",
        "Tiêu chí",
        "Hỗ trợ đã nhận",
        "Báo cáo",
        "Đồng bộ",
        "Bộ tiêu chí",
        "Cài đặt",
    ]
    assert str(app.path) in w.file_label.text() and w.file_label.text().startswith("Tệp dữ liệu")
    spins = [s for s in w.findChildren(YearSpin) if s.isVisible()]
    assert [s.value() for s in spins] == [2023]  # the latest year with data, in the page's one year box


def test_ctrl_and_a_number_opens_a_page(qtbot, app: Startup) -> None:
    w = app.window
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(w.current_page(), CriteriaPage)
    qtbot.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(w.current_page(), SettingsPage)
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(w.current_page(), OverviewPage)


def test_the_settings_page_says_where_the_keys_are_instead_of_promising_them(qtbot, app: Startup) -> None:
    w = app.window
    qtbot.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = w.current_page()
    assert isinstance(page, SettingsPage)
    texts = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert not any("Sắp có" in text for text in texts)
    assert (
        "Khóa ký gói đồng bộ của máy này ở trang Đồng bộ; khóa và chứng thư số ký báo cáo ở trang Báo cáo."
        in texts
    )
    pages = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert "Đồng bộ" in pages and "Báo cáo" in pages  # the pages the text sends the officer to


def test_the_overview_counts_the_year_and_charts_the_years(qtbot, app: Startup) -> None:
    overview = page_of(app.window, OverviewPage)
    assert isinstance(overview, OverviewPage)
    assert overview.count.text() == "2/19"
    assert overview.change.text() == "Tăng 1 so với năm 2022"
    assert overview.chart.values() == [round(100 / 19, 1), round(200 / 19, 1)]  # share of the year's set
    assert overview.chart.categories == ["2022: 1/19", "2023: 2/19"]
    ctx = app.ctx
    assert isinstance(ctx, AppContext)
    ctx.mutate(lambda ws: ws.progress.record(2023, criterion="18", met=True))
    qtbot.waitUntil(lambda: overview.count.text() == "3/19")
    assert overview.chart.categories == ["2022: 1/19", "2023: 3/19"]


def test_a_year_with_no_results_is_not_compared_with_the_year_before(qtbot, app: Startup) -> None:
    overview = page_of(app.window, OverviewPage)
    assert isinstance(overview, OverviewPage) and app.year is not None
    app.year.set(2024)  # nothing recorded for 2024; 2023 has 2/19

    qtbot.waitUntil(lambda: overview.year_title.text() == "Năm 2024")
    assert overview.recorded.text() == "Đã có kết quả 0/19 tiêu chí"
    # not "Bằng năm 2023" / "Giảm 2 so với năm 2023": the year has no results to compare yet
    assert overview.change.text() == "Chưa ghi kết quả nào của năm 2024: bấm «Ghi kết quả năm này»."


def test_a_new_commune_is_told_under_the_chart_title_that_no_year_has_results(
    qtbot, qapp: QApplication, tmp_path: Path
) -> None:
    # a commune just set up: no chart yet, and the sentence saying so right under the card's title (the
    # title stood in the middle of an empty card, the sentence 180 px below it)
    from ntm_desktop.ui.pages.registry import OVERVIEW_PAGE
    from ntm_desktop.ui.testing import make_context, open_page

    apply_language(qapp, "vi")
    with Workspace.open(tmp_path / "moi" / "ntm.sqlite") as ws:
        ws.unit.setup(BARE_UNIT)
        ctx, errors = make_context(ws, tmp_path)
        overview = open_page(ctx, 2025, OVERVIEW_PAGE)
        qtbot.addWidget(overview.window())
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(overview.no_history.isVisible)
        assert not overview.chart.isVisible()
        card = overview.no_history.parentWidget()
        title = next(w for w in card.findChildren(QLabel) if w.text().startswith("Tỷ lệ tiêu chí đạt"))
        qtbot.waitUntil(lambda: card.height() > 300)  # laid out, in the room the chart would have
        for line in (title, overview.no_history):  # each as high as its text: it reads at the top
            assert line.height() < 2 * line.sizeHint().height(), line.text()
        assert overview.no_history.geometry().top() - title.geometry().bottom() < 30
        ctx.tasks.wait()
        assert not errors


def test_what_is_typed_is_kept_when_the_window_closes(qtbot, qapp: QApplication, app: Startup) -> None:
    w = app.window
    w.go_to(1)
    page = w.current_page()
    assert isinstance(page, CriteriaPage)
    page.select_code("3.1")
    page.editor.value.line.clear()
    qtbot.keyClicks(page.editor.value.line, "82,5")
    w.close()  # before the pause that would save it
    app.close()
    with Workspace.open(app.path) as ws:
        (kept,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
        assert kept.value == 82.5


def test_switching_language_rebuilds_the_window_in_english(qtbot, qapp: QApplication, app: Startup) -> None:
    app.window.go_to(1)
    page = app.window.current_page()
    assert isinstance(page, CriteriaPage)
    page.select_code("3.1")
    page.editor.value.line.clear()
    qtbot.keyClicks(page.editor.value.line, "95")
    app.switch_language("en")
    w = app.window
    assert w.nav.item(0).text() == "Overview"
    assert isinstance(w.current_page(), CriteriaPage)
    english = w.current_page()
    assert isinstance(english, CriteriaPage)
    assert english.header.text() == "2/19 criteria met"
    assert app.prefs.language == "en"
    with Workspace.open(app.path) as ws:
        (kept,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
        assert kept.value == 95


def test_a_new_data_file_asks_for_the_commune_first(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def answer(ctx: AppContext, profile=None, parent=None, recover=None) -> UnitProfile:
        asked.append(True)
        ctx.ws.unit.setup(BARE_UNIT)
        return BARE_UNIT

    monkeypatch.setattr(SetupWizard, "ask", staticmethod(answer))
    startup = start(qtbot, qapp, tmp_path / "new" / "ntm.sqlite", tmp_path)
    try:
        qtbot.waitUntil(lambda: bool(startup.window.pages))
        assert asked == [True]
        overview = page_of(startup.window, OverviewPage)
        assert isinstance(overview, OverviewPage) and overview.title.text() == "Xã Bằng Thành"
    finally:
        startup.window.close()
        startup.close()


def test_closing_with_a_wrong_value_asks_first(qtbot, app: Startup, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: asked.append(problem) or False)
    w = app.window
    w.go_to(1)
    page = w.current_page()
    assert isinstance(page, CriteriaPage)
    page.select_code("3.1")
    page.editor.value.line.clear()
    qtbot.keyClicks(page.editor.value.line, "120")
    assert not w.close()  # the officer said no: the window stays, the text stays
    assert asked and "0 đến 100" in asked[0]
    assert page.editor.value.line.text() == "120"
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: True)


def test_commune_details_saved_in_the_wizard_show_on_the_overview_at_once(qtbot, app: Startup) -> None:
    from PySide6.QtWidgets import QDialog, QWizard

    from tests.helpers.ui_help import when_modal

    overview = page_of(app.window, OverviewPage)
    assert isinstance(overview, OverviewPage) and overview.title.text() == "Xã Bằng Thành"

    def rename(wizard: QDialog) -> None:
        assert isinstance(wizard, SetupWizard) and wizard.role_page is None  # editing: no first choice
        wizard.unit_page.name_edit.setText("Xã Bằng Thành (mới)")
        wizard.button(QWizard.WizardButton.NextButton).click()
        wizard.place_page.group_combo.setCurrentIndex(wizard.place_page.group_combo.findData(2))
        while wizard.currentPage() is not wizard.officers_page:
            wizard.button(QWizard.WizardButton.NextButton).click()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    when_modal(rename)
    app.window.profile_action.trigger()
    qtbot.waitUntil(lambda: overview.title.text() == "Xã Bằng Thành (mới)")
    assert "Nhóm 2" in overview.subtitle.text()
