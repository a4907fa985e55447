"""The Bộ tiêu chí page, built by the real main window: a clerk adds an indicator with thresholds per
commune group, sees a bad value under its field, saves a new revision and compares it; a commune sees a
set from its province as "Bộ tiêu chí mới từ tỉnh" and cannot change it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import set_language
from ntm_desktop.core.resources import resource
from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.ui import main_window
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.criteria_sets.actions import RevisionsDialog
from ntm_desktop.ui.pages.criteria_sets.page import SetsPage
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE, RECEIVER_SETS_PAGE, SETS_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import PROVINCE_SET, province_set_2026
from tests.helpers.sync import commune, receiver, trust, usb
from tests.helpers.ui_forms import form_label

__all__ = ["usb"]
NATIONAL = "vn-ntm-xa-2026-2030"


@pytest.fixture
def office(qapp: QApplication, tmp_path: Path) -> Iterator[tuple[Workspace, AppContext, Errors]]:
    apply_language(qapp, "vi")
    p = receiver(tmp_path)
    context, errors = make_context(p, tmp_path)
    yield p, context, errors
    context.tasks.wait()
    p.close()


def sets_page(qtbot, ctx: AppContext, index: int) -> SetsPage:
    page = open_page(ctx, 2026, index)
    qtbot.addWidget(page.window())
    assert isinstance(page, SetsPage)
    return page


def test_a_clerk_types_an_indicator_with_group_thresholds_and_saves_a_revision(qtbot, office) -> None:
    p, ctx, errors = office
    page = sets_page(qtbot, ctx, RECEIVER_SETS_PAGE)
    page.sets.setCurrentIndex(page.sets.findData(NATIONAL))
    page.sets.activated.emit(page.sets.currentIndex())
    # one revision: nothing to compare yet, and the button says so instead of showing "No difference"
    assert not page.compare_button.isEnabled()
    assert page.compare_button.toolTip() == "Bộ tiêu chí này mới có một phiên bản: chưa có gì để so sánh."
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(1))  # criterion 2
    page.add_indicator.click()
    form = page.forms.indicator_form
    assert form.fields["code"].widget.text() == "2.1"
    form.fields["name_vi"].widget.insertPlainText("Tỷ lệ đường thôn được cứng hóa")  # as typed (with IME)
    qtbot.keyClicks(form.fields["threshold:2"].widget, "9O")  # a letter O for a zero
    qtbot.waitUntil(lambda: form.fields["threshold:2"].message.message == "phải là một số")
    assert not page.save_button.isEnabled()
    assert "Chỉ tiêu 2.1 · Ngưỡng cho nhóm 2: phải là một số" in [
        page.problems.item(n).text() for n in range(page.problems.count())
    ]
    form.fields["threshold:2"].widget.clear()
    qtbot.keyClicks(form.fields["threshold:2"].widget, "92,5")
    qtbot.keyClicks(form.fields["threshold:3"].widget, "70")
    form.fields["source.part"].widget.insert("Phụ lục I, mục 2.1")
    qtbot.waitUntil(lambda: form.fields["source.document"].message.message == "bắt buộc phải có")
    form.fields["source.document"].widget.insert("51/2025/QĐ-TTg")
    qtbot.waitUntil(lambda: page.save_button.isEnabled())
    assert form.fields["threshold:2"].message.message == ""
    page.save_button.click()
    qtbot.waitUntil(lambda: p.criteria.get(NATIONAL).revision == 2)
    road = p.criteria.get(NATIONAL).find_indicator("2.1")
    assert road is not None and dict(road.threshold.by_group) == {"2": 92.5, "3": 70}
    assert road.source is not None and (road.source.document, road.source.part) == (
        "51/2025/QĐ-TTg",
        "Phụ lục I, mục 2.1",
    )
    qtbot.waitUntil(lambda: page.state.text() == "Phiên bản 2 · đã lưu")
    assert page.compare_button.isEnabled() and page.compare_button.toolTip() == ""
    dialog = RevisionsDialog(p, NATIONAL, page)
    lines = [dialog.changes.item(n).text() for n in range(dialog.changes.count())]
    assert "2.1: Thêm chỉ tiêu: Tỷ lệ đường thôn được cứng hóa" in lines
    assert p.criteria.for_year(2026).id == NATIONAL
    assert errors == []


def test_a_commune_sees_the_new_set_from_its_province(qtbot, qapp, tmp_path: Path, usb: Path) -> None:
    apply_language(qapp, "vi")
    p, c = receiver(tmp_path), commune(tmp_path, "c")
    trust(c, p)
    trust(p, c)
    c.unit.set_group(2, "2026-2030")
    c.progress.record(2026, criterion="1", met=True)
    p.sync.import_bundles([c.sync.export(usb).path])
    p.criteria.save(parse_set(province_set_2026()), origin="file")
    c.sync.import_bundles([p.sync.export_reverse(usb, "01234").path])
    ctx, errors = make_context(c, tmp_path)
    page = open_page(ctx, 2026, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    banner = page.news
    assert banner.isVisible()
    assert banner.text.text() == (
        "Bộ tiêu chí mới từ tỉnh: Bộ tiêu chí thử nghiệm của tỉnh, giai đoạn 2026–2030 (phiên bản 1), "
        "áp dụng cho các năm 2026–2030."
    )
    assert "2026: đã đánh giá lại" in banner.details.text()
    assert page.set_name.text().startswith("Bộ tiêu chí thử nghiệm của tỉnh")
    banner.seen_button.click()
    qtbot.waitUntil(lambda: not banner.isVisible())
    sets = open_page(ctx, 2026, SETS_PAGE)
    assert isinstance(sets, SetsPage)
    sets.sets.setCurrentIndex(sets.sets.findData(PROVINCE_SET))
    sets.sets.activated.emit(sets.sets.currentIndex())
    assert sets.state.text() == "Do đơn vị tiếp nhận gửi: xã không sửa bộ tiêu chí này."
    assert not sets.add_indicator.isEnabled()
    ctx.tasks.wait()
    assert errors == []
    c.close()
    p.close()


def test_the_overview_chart_shows_each_year_against_its_own_set(
    qtbot, qapp, ws: Workspace, tmp_path: Path
) -> None:
    from ntm_desktop.ui.pages.overview import OverviewPage
    from ntm_desktop.ui.pages.registry import OVERVIEW_PAGE

    apply_language(qapp, "vi")
    for code in [str(n) for n in range(1, 20)]:
        ws.progress.record(2025, criterion=code, met=True)  # 19/19 under the 2021–2025 set
    for code in ("1", "2", "3", "4"):
        ws.progress.record(2026, criterion=code, met=True)  # 4/10 under the 2026–2030 set
    ctx, errors = make_context(ws, tmp_path)
    page = open_page(ctx, 2026, OVERVIEW_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, OverviewPage)
    chart = page.chart
    assert chart.categories == ["2025: 19/19", "2026: 4/10"]
    assert chart.values() == [100.0, 40.0]  # shares, not counts on one axis
    assert chart.legend_names() == ["Bộ 2021–2025 (19 tiêu chí)", "Bộ 2026–2030 (10 tiêu chí)"]
    ctx.tasks.wait()
    assert errors == []


def broken_file() -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The 2021–2025 set as a file with a mistake in fields of the set, criterion 1 and indicator 1.1;
    each mistake's path, and the form (set, criterion, indicator) and key the editor shows that field at."""
    data = json.loads(resource("criteria", "vn-ntm-xa-2021-2025.json").read_text(encoding="utf-8"))
    first = data["criteria"][0]
    data.update(name_vi="", name_en=5)
    data["legal_basis"].update(document="", date="8/3/2022")
    first.update(name_vi="", requirement_vi=5, source={"document": 5})
    first["indicators"][0].update(name_vi="", direction=">=", unit="km", confirmed="có")
    fields = [
        ("", "set_form", "name_vi"), ("", "set_form", "name_en"),
        ("", "set_form", "legal_basis.document"), ("", "set_form", "legal_basis.date"),
        ("criteria[0].", "criterion_form", "name_vi"), ("criteria[0].", "criterion_form", "requirement_vi"),
        ("criteria[0].", "criterion_form", "source.document"),
        ("criteria[0].indicators[0].", "indicator_form", "name_vi"),
        ("criteria[0].indicators[0].", "indicator_form", "direction"),
        ("criteria[0].indicators[0].", "indicator_form", "unit"),
        ("criteria[0].indicators[0].", "indicator_form", "confirmed"),
    ]  # fmt: skip
    return data, [(f"{item}{key}", form, key) for item, form, key in fields]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_editor_and_a_set_file_name_a_field_alike(
    qtbot, qapp, office, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field of a set, a criterion or an indicator has the name the editor's form gives it in a
    criteria-set file's problem (an indicator's comparison is "So sánh" on both) and in the editor's own
    list of problems."""
    _, ctx, errors = office
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: True)  # the typed indicator
    set_language(language)
    apply_language(qapp, language)
    try:
        page = sets_page(qtbot, ctx, RECEIVER_SETS_PAGE)
        data, fields = broken_file()
        with pytest.raises(InvalidInput) as caught:
            parse_set(data)
        said = {problem.path: str(problem) for problem in caught.value.problems}
        for path, form, key in fields:
            name = form_label(getattr(page.forms, form).fields[key].widget)
            assert said[path].startswith(f"{name}: ") or f" · {name}: " in said[path], (name, said[path])
        assert form_label(page.forms.indicator_form.fields["direction"].widget) == (
            "So sánh" if language == "vi" else "Comparison"
        )

        page.sets.setCurrentIndex(page.sets.findData(NATIONAL))
        page.sets.activated.emit(page.sets.currentIndex())
        page.tree.setCurrentItem(page.tree.topLevelItem(0).child(1))  # criterion 2
        page.add_indicator.click()
        form = page.forms.indicator_form
        form.fields["name_vi"].widget.insertPlainText("Tỷ lệ đường thôn được cứng hóa")
        form.fields["unit"].widget.clear()
        qtbot.keyClicks(form.fields["unit"].widget, "km")  # a percentage's unit is %
        name = form_label(form.fields["unit"].widget)
        qtbot.waitUntil(lambda: any(f" · {name}: " in text for text in problem_lines(page)))
        assert any(
            text.startswith("Chỉ tiêu 2.1 · " if language == "vi" else "Indicator 2.1 · ")
            for text in problem_lines(page)
        )
        assert not errors
    finally:
        set_language("vi")
        apply_language(qapp, "vi")


def box_label(form: Any, key: str) -> str:
    """The words beside a threshold's box in the editor's grid."""
    grid = form.grid
    row, column, _, _ = grid.getItemPosition(grid.indexOf(form.fields[key].widget))
    return grid.itemAtPosition(row, column - 1).widget().text()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_threshold_box_is_labelled_as_its_problem_names_it(
    qtbot, qapp, office, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Ngưỡng chung" beside the box and in the list of problems, not "Chung" in one and "Ngưỡng chung"
    in the other; "Ngưỡng cho nhóm 2" likewise."""
    _, ctx, errors = office
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: True)
    set_language(language)
    apply_language(qapp, language)
    try:
        page = sets_page(qtbot, ctx, RECEIVER_SETS_PAGE)
        page.sets.setCurrentIndex(page.sets.findData(NATIONAL))
        page.sets.activated.emit(page.sets.currentIndex())
        page.tree.setCurrentItem(page.tree.topLevelItem(0).child(1))  # criterion 2
        page.add_indicator.click()
        form = page.forms.indicator_form
        assert [box_label(form, f"threshold:{k}") for k in ("general", "2")] == (
            ["Ngưỡng chung", "Ngưỡng cho nhóm 2"]
            if language == "vi"
            else ["General threshold", "Threshold for group 2"]
        )
        for key in ("general", "2"):
            qtbot.keyClicks(form.fields[f"threshold:{key}"].widget, "9O")  # a letter O for a zero
            name = box_label(form, f"threshold:{key}")
            qtbot.waitUntil(lambda: any(f" · {name}: " in text for text in problem_lines(page)))  # noqa: B023
        assert not errors
    finally:
        set_language("vi")
        apply_language(qapp, "vi")


def problem_lines(page: SetsPage) -> list[str]:
    return [page.problems.item(n).text() for n in range(page.problems.count())]


def test_a_wrong_date_of_a_set_is_said_alike_beside_its_box_and_in_the_list(
    qtbot, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box shows and takes 29/12/2025: the list under the form said "phải là ngày viết theo dạng
    YYYY-MM-DD" (the set file's words) while the box said day/month/year; a day that does not exist
    says so in both."""
    _, ctx, errors = office
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: True)  # the typed date
    page = sets_page(qtbot, ctx, RECEIVER_SETS_PAGE)
    page.sets.setCurrentIndex(page.sets.findData(NATIONAL))
    page.sets.activated.emit(page.sets.currentIndex())
    page.tree.setCurrentItem(page.tree.topLevelItem(0))  # the set itself
    box = page.forms.set_form.fields["legal_basis.date"]
    for typed, said in (
        ("31/02/2025", "31/02/2025 không phải ngày có thật: tháng 2/2025 có 28 ngày"),
        ("29 thang 12", "“29 thang 12” không phải là ngày. Hãy viết như 31/12/2023 hoặc 2023-12-31"),
    ):
        box.widget.clear()
        qtbot.keyClicks(box.widget, typed)
        qtbot.waitUntil(lambda: box.message.message == said)  # noqa: B023
        assert f"Bộ tiêu chí · Ngày ban hành: {said}" in problem_lines(page)
    box.widget.clear()
    qtbot.keyClicks(box.widget, "30/12/2025")
    qtbot.waitUntil(lambda: box.message.message == "")
    assert problem_lines(page) == ["Không có lỗi: có thể lưu bộ tiêu chí."]
    assert not errors


def test_a_threshold_too_large_to_send_is_refused_under_its_box_and_the_set_is_not_saved(
    qtbot, office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 nines typed as a threshold were saved (a bundle carries numbers below 1E+31 only); now the box
    says so with the words an indicator's figure has, and Lưu stays off until the number is fixed."""
    p, ctx, errors = office
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: True)
    page = sets_page(qtbot, ctx, RECEIVER_SETS_PAGE)
    page.sets.setCurrentIndex(page.sets.findData(NATIONAL))
    page.sets.activated.emit(page.sets.currentIndex())
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(1))  # criterion 2
    page.add_indicator.click()
    form = page.forms.indicator_form
    form.fields["name_vi"].widget.insertPlainText("Thu nhập bình quân đầu người")
    kind = form.fields["kind"].widget
    kind.setCurrentIndex(kind.findData("number"))
    kind.activated.emit(kind.currentIndex())
    form.fields["unit"].widget.clear()
    form.fields["unit"].widget.insert("triệu đồng/người/năm")
    form.fields["source.document"].widget.insert("51/2025/QĐ-TTg")
    too_large = "Giá trị quá lớn: nhiều nhất 1.000.000.000.000.000.000"
    qtbot.keyClicks(form.fields["threshold:2"].widget, "9" * 40)
    qtbot.waitUntil(lambda: form.fields["threshold:2"].message.message == too_large)
    assert f"Chỉ tiêu 2.1 · Ngưỡng cho nhóm 2: {too_large}" in problem_lines(page)
    assert not page.save_button.isEnabled()
    page.save_button.click()
    form.fields["threshold:2"].widget.clear()
    qtbot.keyClicks(form.fields["threshold:2"].widget, "45")
    qtbot.waitUntil(lambda: form.fields["threshold:2"].message.message == "")
    assert page.save_button.isEnabled() and p.criteria.get(NATIONAL).revision == 1
    assert not errors
