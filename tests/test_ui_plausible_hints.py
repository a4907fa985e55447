"""Values that are allowed but unlikely are said beside the field as the officer types — a date in the
future, a title pasted twice, an amount with a zero too many — in amber, before saving, and saving is
never blocked by them (the saved record keeps what was typed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.items_model import QUANTITY
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.ui_help import (
    SO_NOI_VU,
    add_supporters,
    open_help_page,
    settle,
    type_in_cell,
    ui,
    when_modal,
)

__all__ = ["ui"]  # fixture

FUTURE = date(2099, 3, 8)


@pytest.fixture
def ctx(qapp: QApplication, ws: Workspace, tmp_path: Path) -> Iterator[tuple[AppContext, Errors]]:
    apply_language(qapp, "vi")
    context, errors = make_context(ws, tmp_path)
    yield context, errors
    context.tasks.wait()


def test_an_assessment_dated_in_the_future_is_warned_beside_the_date_and_still_saved(
    qtbot, ctx: tuple[AppContext, Errors], ws: Workspace
) -> None:
    context, errors = ctx
    page = open_page(context, 2023, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage)
    page.select_code("3.1")
    editor = page.editor
    assert editor.when_hint.message == ""
    qtbot.keyClicks(editor.value.line, "85")

    editor.when.setDate(QDate(FUTURE.year, FUTURE.month, FUTURE.day))
    assert editor.when_hint.isVisible()
    qtbot.wait(50)
    assert cut_off(page.window()) == []
    assert editor.when_hint.message == "⚠ Ngày đánh giá: ngày 08/03/2099 ở tương lai. Hãy kiểm tra lại năm."
    assert editor.state.text() == "Sắp lưu…" and not editor.value_message.isVisible()  # not blocked
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        pass
    (saved,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert saved.assessed_on == FUTURE and saved.value == 85

    editor.when.setDate(QDate(2023, 12, 15))
    assert editor.when_hint.message == "" and not editor.when_hint.isVisible()
    assert not errors


def test_the_help_form_warns_beside_each_unlikely_value_as_it_is_typed_and_saves_anyway(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    page = open_help_page(qtbot, ctx)
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        hints = dialog.hints
        assert all(h.message == "" for h in hints.values())
        dialog.day.setDate(QDate(FUTURE.year, FUTURE.month, FUTURE.day))
        dialog.title_edit.insert("Hỗ trợ làm đường " * 15)  # pasted twice over: 255 characters
        qtbot.keyClicks(dialog.households, "250.000")
        type_in_cell(dialog.items.table, 0, QUANTITY, "150 tỷ", qtbot)  # cash, a zero too many
        seen.update({path: h.message for path, h in hints.items()})
        dialog.resize(1040, 688)  # its size on a commune laptop (1366×728 less the window frame)
        qtbot.wait(50)
        seen["cut"] = "\n".join(cut_off(dialog))
        seen["error"] = dialog.messages.general.message
        dialog.supporters.tick(SO_NOI_VU)
        dialog.save_button.click()

    when_modal(fill)
    page.ledger.add_button.click()
    settle(qtbot, ctx, lambda: ctx.ws.help.count() == 1)  # dated 2099: not in the 2019 ledger

    assert seen["date"] == "⚠ Ngày nhận: ngày 08/03/2099 ở tương lai. Hãy kiểm tra lại năm."
    assert seen["title"].startswith("⚠ Nội dung hỗ trợ dài 255 ký tự")
    assert seen["beneficiaries.households"].startswith("⚠ Số hộ được hưởng: 250000 nhiều hơn dân số một xã")
    assert seen["items"].startswith("⚠ Dòng 1: 150.000.000.000 đ")
    assert seen["beneficiaries.persons"] == "" and seen["error"] == ""
    assert seen["cut"] == ""  # every warning readable in full, nothing else squeezed
    [saved] = ctx.ws.help.list()
    assert saved.date == FUTURE and saved.households == 250_000 and saved.value_vnd == 150_000_000_000
    assert not errors
