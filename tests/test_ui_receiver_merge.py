"""Merged communes from the GUI: the clerk records that a commune merged in 2025 counts for the commune
it became part of (the list shows it under that commune at once) and undoes it; codes the service
refuses are said under the field and change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.pages.receiver.communes_model import NAME
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.receiver.merge_dialog import MergeDialog
from tests.helpers.ui_help import when_modal
from tests.helpers.ui_receiver import Office, cell, codes, office_with, open_communes
from tests.helpers.ui_sync import settle

ALL = ["01234", "01240", "01252", "01267"]


@pytest.fixture
def office(qapp: QApplication, tmp_path: Path) -> Iterator[Office]:
    yield from office_with(tmp_path)


def open_merges(page: CommunesPage) -> MergeDialog:
    page.merge_button.click()
    dialog = page.merges
    assert dialog is not None and dialog.isVisible()
    return dialog


def try_merger(qtbot, office: Office, dialog: MergeDialog, pred: str, succ: str) -> None:
    dialog.predecessor.setEditText(pred)
    dialog.successor.setCurrentIndex(dialog.successor.findData(succ))
    dialog.record_button.click()
    settle(qtbot, office.ctx)


def merged_rows(dialog: MergeDialog) -> list[list[str]]:
    return [] if dialog.table.isHidden() else dialog.table.texts()


def test_codes_the_service_refuses_are_said_under_the_field_and_change_nothing(qtbot, office: Office) -> None:
    page = open_communes(qtbot, office)
    dialog = open_merges(page)
    assert dialog.none.isVisible() and merged_rows(dialog) == []

    dialog.record_button.click()
    assert dialog.message.message == "Hãy nhập mã của xã cũ (5 chữ số)."
    try_merger(qtbot, office, dialog, "123", "01234")
    assert dialog.message.message == "Mã đơn vị hành chính phải gồm đúng 5 chữ số, ví dụ 01234"
    try_merger(qtbot, office, dialog, "01240 · Xã Nghiên Loan", "01240")
    assert dialog.message.message == "Một xã không thể sáp nhập vào chính nó."
    assert dialog.isVisible() and not office.errors
    assert codes(page) == ALL
    assert all(not r.predecessors for r in office.province.office.receiver.units(2025))


def test_recording_and_undoing_a_merger_shows_in_the_list_at_once(
    qtbot, qtmodeltester, office: Office
) -> None:
    page = open_communes(qtbot, office)
    assert page.select("01267")
    dialog = open_merges(page)

    try_merger(qtbot, office, dialog, "01267 · Xã Cao Kỳ", "01234")
    settle(qtbot, office.ctx, lambda: codes(page) == ["01234", "01240", "01252"])
    assert cell(page, "01234", NAME) == "Xã Bằng Thành (sáp nhập từ 01267)"
    assert merged_rows(dialog) == [["01267 · Xã Cao Kỳ", "01234 · Xã Bằng Thành"]]
    assert dialog.notice.text() == "Số liệu của 01267 từ nay được tính cho 01234."
    assert not dialog.message.message and dialog.predecessor.currentText() == ""
    [row] = [r for r in office.province.office.receiver.units(2025) if r.code == "01234"]
    assert row.predecessors == ("01267",)

    dialog.table.selectRow(0)
    assert cut_off(dialog) == []
    qtmodeltester.check(dialog.table.proxy)
    assert dialog.undo_button.isEnabled()

    def confirm(box: QDialog) -> None:
        assert isinstance(box, QMessageBox) and "01267" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(confirm)
    dialog.undo_button.click()
    settle(qtbot, office.ctx, lambda: codes(page) == ALL)
    assert cell(page, "01234", NAME) == "Xã Bằng Thành"
    assert merged_rows(dialog) == [] and dialog.none.isVisible()
    assert dialog.notice.text() == "Số liệu của 01267 lại được tính riêng cho 01267."
    assert not office.errors
