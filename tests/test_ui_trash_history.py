"""Thùng rác and history in the window: a help record removed from the ledger is found in File › Trash,
restored with one button, and is back in the ledger and its totals at once; what cannot come back says why
in the dialog; a record's History… lists who changed what, newest first, in Vietnam time."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialog

from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.pages.help import ledger_tab
from ntm_desktop.ui.pages.help.section import CADRES_TAB
from ntm_desktop.ui.pages.help.table_model import TITLE
from ntm_desktop.ui.trash_dialog import TrashDialog
from tests.helpers.ui_help import (
    ROAD_TITLE,
    SO_NOI_VU,
    add_supporters,
    open_help_page,
    open_help_tab,
    road_draft,
    settle,
    ui,
    when_modal,
)

__all__ = ["ui"]  # the fixture


def test_a_removed_help_record_is_restored_from_the_trash_and_shows_again(
    qtbot, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(road_draft(noi_vu))
    page = open_help_page(qtbot, ctx)
    ledger = page.ledger
    ledger.table.setCurrentIndex(ledger.model.index(0, TITLE))
    monkeypatch.setattr(ledger_tab.RemoveConfirmation, "ask", staticmethod(lambda parent, record: True))
    ledger.remove_button.click()
    settle(qtbot, ctx, lambda: ledger.model.rowCount() == 0)
    seen: list[list[str]] = []

    def restore(dialog: QDialog) -> None:
        assert isinstance(dialog, TrashDialog)
        qtbot.waitUntil(lambda: dialog.loaded)
        seen.append([dialog.proxy.index(0, c).data() for c in range(4)])
        assert dialog.select(f"10/12/2019 · {ROAD_TITLE}")
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
        seen.append([dialog.note.text(), dialog.status.text()])
        dialog.reject()

    when_modal(restore)
    page.window().trash_action.trigger()
    kind, title, when, who = seen[0]
    assert (kind, title, who) == ("Hỗ trợ đã nhận", f"10/12/2019 · {ROAD_TITLE}", "Người kiểm thử")
    assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d \+07:00", when)
    assert seen[1] == [f"Đã khôi phục “10/12/2019 · {ROAD_TITLE}”.", "Thùng rác trống: chưa xóa bản ghi nào."]
    settle(qtbot, ctx, lambda: ledger.model.rowCount() == 1)
    assert ledger.model.index(0, TITLE).data() == ROAD_TITLE
    assert ledger.totals.money.text().startswith("1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 40.000.000 đ")
    assert not errors


def test_what_cannot_come_back_says_why_in_the_trash(qtbot, ui) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    uid = ctx.ws.help.add(road_draft(noi_vu)).ids[0]
    ctx.ws.help.remove(uid)
    ctx.ws.supporters.remove(noi_vu)
    dialog = TrashDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, ctx, lambda: dialog.loaded)
    assert dialog.status.text() == "2 bản ghi đã xóa"
    dialog.select(f"10/12/2019 · {ROAD_TITLE}")
    dialog.restore_button.click()
    settle(qtbot, ctx, lambda: bool(dialog.message.message))
    assert "Hãy khôi phục đơn vị hỗ trợ đó trước" in dialog.message.message
    assert ctx.ws.help.count() == 0 and not errors


def test_a_help_records_history_lists_who_changed_what_newest_first(qtbot, qtmodeltester, ui) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    draft = road_draft(noi_vu)
    uid = ctx.ws.help.add(draft).ids[0]
    ctx.ws.actor = "Lục Thị Mai"
    ctx.ws.help.update(
        uid, draft.__class__(**{**draft.__dict__, "title": "Bê tông hóa 60 m đường vào trường"})
    )
    page = open_help_page(qtbot, ctx)
    page.ledger.table.setCurrentIndex(page.ledger.model.index(0, TITLE))
    shown: list[list[list[str]]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, HistoryDialog)
        qtbot.waitUntil(lambda: len(dialog.rows()) == 2)
        shown.append(dialog.rows())
        qtmodeltester.check(dialog.table.proxy)
        dialog.reject()

    when_modal(look)
    page.ledger.history_button.click()
    settle(qtbot, ctx, lambda: bool(shown))
    newest, oldest = shown[0]
    assert newest[1:] == [
        "Lục Thị Mai",
        "Sửa",
        f"Nội dung hỗ trợ: {ROAD_TITLE} → Bê tông hóa 60 m đường vào trường",
    ]
    assert oldest[1:3] == ["Người kiểm thử", "Tạo mới"]
    assert "Đơn vị hỗ trợ: — → Sở Nội vụ tỉnh Bắc Kạn" in oldest[3]
    assert not errors


def test_every_list_that_edits_records_offers_their_history(qtbot, ui) -> None:
    ctx, _ = ui
    ctx.ws.supporters.add(SupporterDraft(SO_NOI_VU))
    tab = open_help_tab(qtbot, ctx, CADRES_TAB)
    assert tab.history_button.text() == "Lịch sử…" and not tab.history_button.isEnabled()
