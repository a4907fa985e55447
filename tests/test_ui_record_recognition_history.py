"""The clerk records a recognition decision from a commune's record page ("Ghi quyết định công nhận…"):
the page's status history then shows it after the approval, worded as a clerk reads it, with who recorded
it and when in Vietnam time; the communes page's "Lịch sử trạng thái" dialog shows the same line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ntm_desktop.ui.pages.receiver.dialogs import StatusHistoryDialog
from ntm_desktop.ui.pages.receiver.recognise_dialog import Decision, RecognitionDialog
from ntm_desktop.ui.pages.sync.wording import local_time
from tests.helpers.ui_sync import YEAR, Offices, offices, settle
from tests.test_ui_receiver import open_communes, province_with
from tests.test_ui_receiver_recognition import open_record

__all__ = ["offices"]  # the fixture

LINE = "Công nhận đạt chuẩn nông thôn mới — Quyết định số 126/QĐ-UBND ngày 21/12/2025"


def plain(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in html.split("<br>")]


def test_a_decision_recorded_on_the_page_shows_in_its_status_history(
    qtbot, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province_with(offices, tmp_path)
    p = offices.province
    p.receiver.set_status("01234", YEAR, "reviewed")
    p.receiver.set_status("01234", YEAR, "approved")
    record = open_record(qtbot, offices, "01234")
    assert LINE not in record.history_box.text()
    decision = Decision("126/QĐ-UBND", date(YEAR, 12, 21), "ntm")
    monkeypatch.setattr(RecognitionDialog, "ask", lambda _p, unit, year: decision)
    record.recognise_button.click()
    settle(qtbot, offices.province_ctx, lambda: LINE in record.history_box.text())

    *steps, made = p.receiver.status_history("01234", YEAR)
    assert made.kind == "recognition"
    lines = plain(record.history_box.text())
    assert lines[-1] == f"{local_time(made.at)}: {LINE} ({made.actor})"
    assert [line.split(": ", 1)[1].split(" (")[0] for line in lines[:-1]] == ["Đã xem xét", "Đã phê duyệt"]
    assert len(steps) == 2 and made.actor


def test_the_communes_pages_history_dialog_shows_the_decision(
    qtbot, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province_with(offices, tmp_path)
    p = offices.province
    p.receiver.set_status("01234", YEAR, "reviewed")
    p.receiver.set_status("01234", YEAR, "approved")
    p.receiver.recognise("01234", YEAR, decision="126/QĐ-UBND", decided_on=date(YEAR, 12, 21), level="ntm")
    shown: list[StatusHistoryDialog] = []
    monkeypatch.setattr(
        StatusHistoryDialog,
        "show_history",
        classmethod(lambda cls, parent, unit, year, changes: shown.append(cls(unit, year, changes, parent))),
    )
    communes = open_communes(qtbot, offices)
    communes.select("01234")
    communes.history_button.click()
    settle(qtbot, offices.province_ctx, lambda: bool(shown))
    table = shown[0].table
    texts = [[table.model().index(r, c).data() for c in range(4)] for r in range(table.model().rowCount())]
    assert [t[2] for t in texts] == ["Đã xem xét", "Đã phê duyệt", LINE]
    assert texts[2][1] == texts[2][3] == ""  # no "status before", no reason of its own
    assert not offices.province_errors
