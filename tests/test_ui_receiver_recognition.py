"""Recording the province's recognition decision from a commune's record page: only for an approved year,
checked as 'receiver recognise' checks it, shown on the page once recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.receiver.recognise_dialog import Decision, RecognitionDialog
from ntm_desktop.ui.pages.receiver.record_page import RecordPage
from tests.helpers.ui_sync import YEAR, Offices, offices, settle
from tests.test_ui_receiver import open_communes, province_with

__all__ = ["offices"]  # the fixture


def open_record(qtbot, offices: Offices, code: str) -> RecordPage:  # type: ignore[no-untyped-def]
    page = open_communes(qtbot, offices)
    page.select(code)
    page.view_button.click()
    window = page.window()
    assert isinstance(window, MainWindow)
    record = window.current_page()
    assert isinstance(record, RecordPage)
    settle(qtbot, offices.province_ctx, lambda: record.data is not None and record.data.view.code == code)
    return record


def test_a_recognition_decision_is_recorded_from_the_record_page(
    qtbot, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province_with(offices, tmp_path)
    p = offices.province
    p.receiver.set_status("01234", YEAR, "reviewed")
    record = open_record(qtbot, offices, "01234")
    assert not record.recognise_button.isEnabled()  # reviewed, not approved: no decision yet
    assert f"Chưa được công nhận theo quyết định năm {YEAR}" in record.recognised.text()

    p.receiver.set_status("01234", YEAR, "approved")
    record.reload()
    settle(qtbot, offices.province_ctx, lambda: record.recognise_button.isEnabled())
    asked = []
    decision = Decision("123/QĐ-UBND", date(YEAR, 12, 20), "nang_cao")
    monkeypatch.setattr(
        RecognitionDialog, "ask", lambda _p, unit, year: asked.append((unit.code, year)) or decision
    )
    record.recognise_button.click()
    settle(qtbot, offices.province_ctx, lambda: "123/QĐ-UBND" in record.recognised.text())

    assert asked == [("01234", YEAR)]
    assert (
        record.recognised.text()
        == "Công nhận: Xã nông thôn mới nâng cao, quyết định 123/QĐ-UBND ngày 20/12/2025"
    )
    [found] = p.receiver.recognitions(YEAR)
    assert (found.code, found.level, found.decision, found.decided_on) == (
        "01234",
        "nang_cao",
        "123/QĐ-UBND",
        date(YEAR, 12, 20),
    )
    assert not offices.province_errors


def test_the_dialog_says_what_is_wrong_and_stays_open(qtbot, offices: Offices, tmp_path: Path) -> None:
    province_with(offices, tmp_path)
    [row] = [r for r in offices.province.receiver.units(YEAR) if r.code == "01234"]
    dialog = RecognitionDialog(row, YEAR)
    qtbot.addWidget(dialog)
    dialog.number.setText("quyết định 123")
    dialog.when.setDate(QDate(YEAR - 1, 5, 1))
    dialog.ok.click()
    assert not dialog.isVisible() or dialog.result() == 0
    assert dialog.result_value is None
    said = dialog.message.message
    assert "123/QĐ-UBND" in said and f"năm {YEAR} không thể ký trước năm đó" in said
    assert bool(dialog.number.property("invalid")) and bool(dialog.when.property("invalid"))

    dialog.number.setText(" 45/QĐ-UBND ")
    dialog.when.setDate(QDate(YEAR, 12, 1))
    dialog.level.setCurrentIndex(dialog.level.findData("kieu_mau"))
    assert dialog.level.currentText() == "Xã nông thôn mới kiểu mẫu"
    dialog.ok.click()
    assert dialog.result_value == Decision("45/QĐ-UBND", date(YEAR, 12, 1), "kieu_mau")
    assert offices.province.receiver.recognitions() == []  # the dialog writes nothing itself


def test_the_dialog_says_what_the_clerk_should_know_before_recording(
    qtbot, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The approved figures when they do not meet every criterion (the command line says it too), and the
    decision a second one at the same level replaces (it said nothing: found in the acceptance walk)."""
    province_with(offices, tmp_path)
    p = offices.province
    p.receiver.set_status("01234", YEAR, "reviewed")
    p.receiver.set_status("01234", YEAR, "approved")
    record = open_record(qtbot, offices, "01234")
    settle(qtbot, offices.province_ctx, lambda: record.recognise_button.isEnabled())
    seen: list[str] = []

    def fill(dialog: RecognitionDialog, number: str) -> int:
        seen.append(dialog.note.text() if dialog.note.isVisibleTo(dialog) else "")
        dialog.number.setText(number)
        dialog.when.setDate(QDate(YEAR, 12, 20))
        dialog.ok.click()
        return 1

    monkeypatch.setattr(RecognitionDialog, "exec", lambda self: fill(self, "123/QĐ-UBND"))
    record.recognise_button.click()
    settle(qtbot, offices.province_ctx, lambda: "123/QĐ-UBND" in record.recognised.text())
    assert seen == [f"Lưu ý: theo số liệu đã phê duyệt, năm {YEAR} xã đạt 17/19 tiêu chí."]

    monkeypatch.setattr(RecognitionDialog, "exec", lambda self: fill(self, "124/QĐ-UBND"))
    record.recognise_button.click()
    settle(qtbot, offices.province_ctx, lambda: "124/QĐ-UBND" in record.recognised.text())
    assert (
        "Đã ghi ở mức này: Quyết định số 123/QĐ-UBND ngày 20/12/2025; ghi lại sẽ thay quyết định đó"
        in seen[1]
    )
    assert not offices.province_errors
