"""The criteria page: the tree (a real model), the header count, the editor with inline validation,
automatic saving, evidence files, targets, and the 2026–2030 set judged criterion by criterion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria.data import load_year
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.criteria.tree_model import CHANGE, NAME, STATUS, CriteriaFilter, CriteriaTreeModel
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace


@pytest.fixture
def ctx(qapp: QApplication, ws: Workspace, tmp_path: Path) -> Iterator[tuple[AppContext, Errors]]:
    apply_language(qapp, "vi")
    context, errors = make_context(ws, tmp_path)
    yield context, errors
    context.tasks.wait()


def make_page(qtbot, ctx: AppContext, year: int = 2023) -> CriteriaPage:
    """The Criteria page of the app's main window, at a commune laptop's size."""
    page = open_page(ctx, year, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    return page


def test_the_tree_model_passes_the_model_tester(qtmodeltester, ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2022, indicator="3.1", value="70")
    model = CriteriaTreeModel()
    model.load(load_year(ws, 2023))
    qtmodeltester.check(model)
    assert model.rowCount() == 19
    assert sum(model.rowCount(model.index(r, 0)) for r in range(19)) == 57
    proxy = CriteriaFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_search("thuy loi")
    assert proxy.rowCount() == 1 and proxy.rowCount(proxy.index(0, 0)) == 2


def test_the_2026_set_has_ten_criteria_judged_as_a_whole(qtmodeltester, ws: Workspace) -> None:
    model = CriteriaTreeModel()
    model.load(load_year(ws, 2026))
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    assert all(model.rowCount(model.index(r, 0)) == 0 for r in range(10))


def test_typing_a_value_that_meets_the_threshold_says_dat_and_counts_it(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    ws.progress.record(2023, indicator="3.2", value="có")
    page = make_page(qtbot, context)
    assert page.header.text() == "0/19 tiêu chí đạt"
    page.select_code("3.1")
    editor = page.editor
    assert "Ngưỡng: ≥ 80%" in editor.heading.threshold.text()
    qtbot.keyClicks(editor.value.line, "85")
    assert editor.chip.text() == "Đạt"
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    qtbot.waitUntil(lambda: page.header.text() == "1/19 tiêu chí đạt")
    index = page.proxy.mapFromSource(page.model.find("3.1")).siblingAtColumn(STATUS)
    assert page.proxy.data(index) == "Đạt"
    (saved,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert saved.value == 85 and saved.met is True
    assert not errors


def test_a_percentage_above_100_is_refused_under_the_field_and_nothing_is_saved(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    page = make_page(qtbot, context)
    page.select_code("3.1")
    editor = page.editor
    qtbot.keyClicks(editor.value.line, "120")
    assert editor.value_message.isVisible()
    assert "0 đến 100" in editor.value_message.text()
    editor.flush()  # as leaving the field would
    context.tasks.wait()
    assert [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"] == []
    assert page.header.text() == "0/19 tiêu chí đạt"
    editor.value.line.clear()
    qtbot.keyClicks(editor.value.line, "82,5")
    assert not editor.value_message.isVisible()
    assert not errors


def test_a_figure_too_large_to_send_is_refused_under_the_field_and_nothing_is_saved(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    # 40 nines of "triệu đồng/người/năm" were saved, and the province then refused every bundle of the
    # commune ("records.json … không phải JSON hợp lệ: … số 1e+40 quá lớn"), with no way to tell why
    context, errors = ctx
    page = make_page(qtbot, context)
    page.select_code("10")
    editor = page.editor
    qtbot.keyClicks(editor.value.line, "9" * 40)
    assert editor.value_message.isVisible()
    assert editor.value_message.text() == "Giá trị quá lớn: nhiều nhất 1.000.000.000.000.000.000"
    editor.flush()
    context.tasks.wait()
    assert [a for a in ws.progress.assessments(2023) if a.indicator == "10"] == []
    editor.value.line.clear()
    qtbot.keyClicks(editor.value.line, "45,5")
    assert not editor.value_message.isVisible()
    assert not errors


def test_a_value_that_is_not_one_shows_no_result_beside_it(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    """Typing "1.000,5" over a saved 85%: the "1" was judged Chưa đạt a key earlier, and that chip stayed
    beside a value that will not be saved (the list still says Đạt). No result is shown until the value
    is one; a correct value shows its result again."""
    context, errors = ctx
    ws.progress.record(2023, indicator="3.1", value="85")
    page = make_page(qtbot, context)
    page.select_code("3.1")
    editor = page.editor
    assert editor.chip.isVisible() and editor.chip.text() == "Đạt"
    editor.value.line.selectAll()
    qtbot.keyClicks(editor.value.line, "1.000,5")
    said = editor.value_message.text() if editor.value_message.isVisible() else ""
    shown = [w.text() for w in (editor.chip, editor.reason) if w.isVisible()]
    editor.value.line.clear()
    qtbot.keyClicks(editor.value.line, "82,5")  # first: a wrong value left in would ask on closing
    assert "không phải là tỷ lệ phần trăm" in said
    assert shown == []
    assert editor.chip.isVisible() and editor.chip.text() == "Đạt" and not editor.value_message.isVisible()
    assert not errors


def test_a_value_typed_just_before_the_window_closes_is_kept(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, _ = ctx
    page = make_page(qtbot, context)
    page.select_code("3.1")
    qtbot.keyClicks(page.editor.value.line, "82,5")
    page.flush()  # what the main window does on close, page switch and year change
    context.tasks.wait()
    reopened = Workspace.open(ws.path)
    try:
        (kept,) = [a for a in reopened.progress.assessments(2023) if a.indicator == "3.1"]
        assert kept.value == 82.5
    finally:
        reopened.close()


def test_without_a_threshold_the_officer_decides(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    page = make_page(qtbot, context)
    page.select_code("2.1")
    editor = page.editor
    assert editor.heading.threshold.text() == "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)"
    qtbot.keyClicks(editor.value.line, "90")
    assert editor.chip.text() == "Chưa kết luận"
    editor.result.setCurrentIndex(editor.result.findData(True))
    editor.result.activated.emit(editor.result.currentIndex())
    assert editor.chip.text() == "Đạt"
    editor.flush()
    context.tasks.wait()
    (saved,) = [a for a in ws.progress.assessments(2023) if a.indicator == "2.1"]
    assert saved.met is True and saved.value == 90
    assert not errors


def test_a_2026_criterion_is_judged_as_a_whole_with_its_target_year(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    page = make_page(qtbot, context, 2026)
    assert page.header.text() == "0/10 tiêu chí đạt"
    page.select_code("1", indicator=False)
    editor = page.editor
    assert editor.assess.isVisible()
    editor.result.setCurrentIndex(editor.result.findData(True))
    editor.result.activated.emit(editor.result.currentIndex())
    editor.flush()
    qtbot.waitUntil(lambda: page.header.text() == "1/10 tiêu chí đạt")
    editor.target.spin.setValue(2027)
    context.tasks.wait()
    assert ws.progress.summary(2026).criteria[0].target_year == 2027
    assert not errors


def test_an_evidence_file_is_attached_to_the_assessment(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, errors = ctx
    minutes = tmp_path / "bien-ban-thuy-loi.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    page = make_page(qtbot, context)
    page.select_code("3.1")
    editor = page.editor
    qtbot.keyClicks(editor.value.line, "85")
    monkeypatch.setattr(editor.evidence, "choose_files", lambda: [minutes])
    editor.evidence.attach_button.click()
    qtbot.waitUntil(lambda: editor.evidence.list.count() == 1)
    assert editor.evidence.list.item(0).text().startswith("bien-ban-thuy-loi.pdf")
    (saved,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert saved.evidence == 1 and saved.value == 85
    assert not errors


def test_changing_the_year_shows_that_years_values(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, _ = ctx
    ws.progress.record(2022, indicator="3.1", value="70")
    ws.progress.record(2023, indicator="3.1", value="85")
    page = make_page(qtbot, context)
    page.select_code("3.1")
    assert page.editor.value.line.text() == "85"
    page.year.set(2022)
    assert page.editor.value.line.text() == "70"
    assert page.editor.chip.text() == "Chưa đạt"


def test_a_new_year_with_nothing_recorded_says_nothing_was_lost(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    # Criterion 3 met in 2023; on the first day of 2024 nothing is recorded yet: "Chưa có số liệu", and
    # no "▼ không còn đạt" beside it (it is said once a result says so)
    context, _ = ctx
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="có")
    page = make_page(qtbot, context, 2024)

    def change() -> str:
        found = page.model.find("3", indicator=False)
        return str(page.model.index(found.row(), CHANGE, found.parent()).data())

    assert change() == ""
    ws.progress.record(2024, indicator="3.2", value="không")
    page.year.set(2023)
    page.year.set(2024)
    qtbot.waitUntil(lambda: change() == "▼ không còn đạt")


def test_only_open_items_hides_what_is_met(qtbot, ctx: tuple[AppContext, Errors], ws: Workspace) -> None:
    context, _ = ctx
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="có")
    page = make_page(qtbot, context)
    assert page.proxy.rowCount() == 19
    page.only_open.setChecked(True)
    assert page.proxy.rowCount() == 18


def test_the_keyboard_goes_from_the_tree_to_the_value_and_back(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, _ = ctx
    page = make_page(qtbot, context)
    page.activateWindow()
    page.select_code("3.1")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(page.editor.value.line.hasFocus)
    qtbot.keyClick(page.editor.value.line, Qt.Key.Key_Escape)
    qtbot.waitUntil(page.tree.hasFocus)


def test_sorting_by_result_puts_what_needs_work_first(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, _ = ctx
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="có")
    ws.progress.record(2023, indicator="2.1", value="50", met=False)
    page = make_page(qtbot, context)
    first = page.proxy.index(0, 0)
    assert page.proxy.data(first) == "1"
    assert [page.proxy.data(page.proxy.index(r, 0, page.proxy.index(1, 0))) for r in range(4)] == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    page.tree.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    assert page.proxy.data(page.proxy.index(0, 0)) == "2"  # not met
    assert page.proxy.data(page.proxy.index(18, 0)) == "3"  # met


def names_cut(page: CriteriaPage) -> list[str]:
    """The criteria and indicator names whose row is too short for the name wrapped to its column."""
    tree, proxy = page.tree, page.proxy
    width = tree.header().sectionSize(NAME) - 4
    cut = []
    for row in range(proxy.rowCount()):
        criterion = proxy.index(row, NAME)
        for index in [criterion] + [
            proxy.index(r, NAME, proxy.index(row, 0))
            for r in range(proxy.rowCount(criterion.siblingAtColumn(0)))
        ]:
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font) if font is not None else tree.fontMetrics()
            text = str(index.data())
            need = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
            if need.height() > tree.visualRect(index).height():
                cut.append(text)
    return cut


def test_long_names_are_read_in_full_at_laptop_size(qtbot, ctx: tuple[AppContext, Errors]) -> None:
    """At 1366×768 the name column is narrow beside the editor: long names wrap in their row, never "…";
    dragging the splitter lays the rows out again."""
    context, _ = ctx
    page = make_page(qtbot, context)
    long_name = page.proxy.index(0, NAME, page.proxy.index(1, 0))  # 2.1, a sentence
    one_line = page.tree.fontMetrics().horizontalAdvance(str(long_name.data()))
    assert one_line > page.tree.header().sectionSize(NAME)  # it does not fit on one line
    assert page.tree.visualRect(long_name).height() >= 2 * page.tree.fontMetrics().height()
    assert names_cut(page) == []
    page.split.setSizes([1200, 320])
    qtbot.waitUntil(lambda: names_cut(page) == [])
