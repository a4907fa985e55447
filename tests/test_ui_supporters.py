"""The supporters tab: who helps, what each gave, and the documents assigning them; forms that say what
is wrong under the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ntm_desktop.services.ledger import AssignmentDraft, SupporterDraft
from ntm_desktop.ui.pages.help.section import SUPPORTERS_TAB
from ntm_desktop.ui.pages.supporters import details
from ntm_desktop.ui.pages.supporters import page as supporters_page
from ntm_desktop.ui.pages.supporters.dialogs import AssignmentDialog, SupporterDialog
from ntm_desktop.ui.pages.supporters.page import SupportersTab
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_tab, road_draft, settle, ui

__all__ = ["ui"]  # the fixture


def open_tab(qtbot, ctx) -> SupportersTab:
    tab = open_help_tab(qtbot, ctx, SUPPORTERS_TAB)
    assert isinstance(tab, SupportersTab)
    settle(qtbot, ctx, lambda: tab.data is not None)
    return tab


def table(tab: SupportersTab) -> list[list[str]]:
    p = tab.proxy
    return [[p.index(r, c).data() for c in range(p.columnCount())] for r in range(p.rowCount())]


def test_supporters_show_what_they_gave_and_their_assignments(qtbot, ui) -> None:
    ctx, errors = ui
    noi_vu, dien_luc = add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    ctx.ws.help.add(road_draft(noi_vu))
    ctx.ws.help.add(road_draft(noi_vu, date(2020, 5, 1)))
    ctx.ws.assignments.add(
        AssignmentDraft(noi_vu, "2656-CV/TU", date(2019, 4, 26), "Ban Thường vụ Tỉnh ủy", date(2019, 1, 1),
                        date(2019, 12, 31), ("2", "18"))
    )  # fmt: skip
    tab = open_tab(qtbot, ctx)
    assert table(tab) == [
        ["Công ty Điện lực Bắc Kạn", "Cơ quan, đơn vị", "", "0", ""],
        [SO_NOI_VU, "Cơ quan, đơn vị", "", "2", "80.000.000 đ"],
    ]
    tab.search.insert("noi vu")
    assert [row[0] for row in table(tab)] == [SO_NOI_VU]
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    details = tab.details
    settle(qtbot, ctx, lambda: details.given.rowCount() == 2)
    assert details.name.text() == SO_NOI_VU
    a = details.assignments_proxy
    assert [a.index(0, c).data() for c in range(4)] == ["2656-CV/TU", "26/04/2019", "2019", "2, 18"]
    assert details.given_line.text() == (
        "2 lượt hỗ trợ, trị giá 80.000.000 đ, trong đó tiền mặt 80.000.000 đ"
    )
    tab.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    tab.search.clear()
    assert table(tab)[0][0] == SO_NOI_VU
    assert dien_luc and not errors


def test_adding_a_supporter_and_an_assignment_goes_through_their_forms(
    qtbot, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, errors = ui
    tab = open_tab(qtbot, ctx)
    assert table(tab) == []
    # a new commune: what to do, not "0 đơn vị · tổng cộng 0 đ" and "Chọn một đơn vị … trong danh sách"
    assert tab.count.text() == "Chưa có đơn vị hỗ trợ nào. Bấm “Thêm đơn vị mới…” để thêm đơn vị đầu tiên."
    assert tab.details.name.text() == "Chưa có đơn vị hỗ trợ nào."
    monkeypatch.setattr(
        SupporterDialog,
        "ask",
        classmethod(
            lambda cls, parent, existing=None, name="": SupporterDraft("Ban Dân vận Tỉnh ủy", "party_body")
        ),
    )
    tab.add_button.click()
    settle(qtbot, ctx, lambda: len(table(tab)) == 1)
    assert table(tab)[0][:2] == ["Ban Dân vận Tỉnh ủy", "Cơ quan Đảng"]
    assert tab.details.name.text() == "Ban Dân vận Tỉnh ủy"  # the new one is chosen
    uid = ctx.ws.supporters.list()[0].uid
    monkeypatch.setattr(
        AssignmentDialog,
        "ask",
        classmethod(
            lambda cls, parent, supporters, criteria, existing=None: AssignmentDraft(uid, "06-ĐA/TU")
        ),
    )
    tab.details.add_assignment.click()
    settle(qtbot, ctx, lambda: tab.details.assignments.rowCount() == 1)
    assert tab.details.assignments_proxy.index(0, 0).data() == "06-ĐA/TU"
    monkeypatch.setattr(details.RemoveAssignment, "ask", staticmethod(lambda parent, a: True))
    tab.details.assignment_table.setCurrentIndex(tab.details.assignments_proxy.index(0, 0))
    tab.details.remove_assignment.click()
    settle(qtbot, ctx, lambda: tab.details.assignments.rowCount() == 0)
    monkeypatch.setattr(supporters_page.RemoveSupporter, "ask", staticmethod(lambda parent, s: True))
    tab.remove_button.click()
    settle(qtbot, ctx, lambda: not table(tab))
    assert tab.count.text().startswith("Chưa có đơn vị hỗ trợ nào.")
    assert not errors


def test_a_supporter_named_in_help_cannot_be_removed(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    tab = open_tab(qtbot, ctx)
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    monkeypatch.setattr(supporters_page.RemoveSupporter, "ask", staticmethod(lambda parent, s: True))
    tab.remove_button.click()
    settle(qtbot, ctx, lambda: bool(errors))
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{SO_NOI_VU} có tên trong 1 bản ghi")
    assert len(table(tab)) == 1


def test_the_forms_say_what_is_wrong_under_the_field(qtbot, ui) -> None:
    ctx, _ = ui
    form = SupporterDialog()
    qtbot.addWidget(form)
    form.save_button.click()
    assert form.messages.texts() == {"name": "Bắt buộc phải có"}
    assert form.result() != SupporterDialog.DialogCode.Accepted
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    supporters = ctx.ws.supporters.list()
    assignment = AssignmentDialog(supporters, (("2", "2. Giao thông"),))
    qtbot.addWidget(assignment)
    assignment.start.set_value(date(2020, 1, 1))
    assignment.end.set_value(date(2019, 1, 1))
    assignment.criteria.tick("2")
    assignment.save_button.click()
    assert assignment.messages.texts() == {"document": "Bắt buộc phải có", "end": "Sớm hơn ngày bắt đầu"}
    assignment.document.setText("2523/QĐ-UBND")
    assignment.end.set_value(None)
    assignment.save_button.click()
    assert assignment.result() == AssignmentDialog.DialogCode.Accepted
    assert assignment.draft() == AssignmentDraft(
        noi_vu, "2523/QĐ-UBND", None, "", date(2020, 1, 1), None, ("2",), ""
    )


def test_the_supporters_model_obeys_qt_rules(qtbot, ui, qtmodeltester) -> None:
    ctx, _ = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU, "Đoàn Thanh niên")[:1]
    ctx.ws.help.add(road_draft(noi_vu))
    tab = open_tab(qtbot, ctx)
    qtmodeltester.check(tab.proxy)
