"""A date saved outside 2000–2100 (an imported records file, an older version) reaches an edit form whose
date box cannot show it: the form says so under the box, and Save stores no other date in its place until
the officer chooses one. Each form is opened as the officer opens it, from its page in the app's window.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from ntm_desktop.services.ledger import CadreDraft, EventDraft
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.section import CADRES_TAB, EVENTS_TAB
from ntm_desktop.ui.pages.help.table_model import TITLE
from ntm_desktop.ui.pages.people.cadres import CadreDialog
from ntm_desktop.ui.pages.people.events import EventDialog
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE
from ntm_desktop.ui.testing import open_page
from ntm_desktop.ui.widgets.fields import InlineMessage
from ntm_desktop.workspace import Workspace
from tests.helpers.ui_help import (
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

SAID = "Ngày đã lưu 15/03/1999 nằm ngoài khoảng 2000–2100; chọn lại ngày."


def saved_as(ws: Workspace, sql: str, *values: object) -> None:
    """Write what an older version or an imported file left in the data file (the ledger refuses it)."""
    with sqlite3.connect(ws.path) as conn:
        conn.execute(sql, values)
    conn.close()


def read_whole(dialog: QDialog, text: str) -> bool:
    """The line ``text`` shows under its field in full (not wrapped word by word under a narrow box and
    cut off)."""
    layout = dialog.layout()
    assert layout is not None
    layout.activate()
    [line] = [m for m in dialog.findChildren(InlineMessage) if m.message == text]
    return line.height() >= line.heightForWidth(line.width())


def test_an_event_saved_in_1999_is_said_and_not_saved_as_2000_until_a_date_is_chosen(qtbot, ui) -> None:
    ctx, errors = ui
    uid = ctx.ws.events.add(EventDraft(date(2019, 3, 15), "Hội nghị tuyên truyền", participants=80)).ids[0]
    saved_as(ctx.ws, "UPDATE events SET date = '1999-03-15' WHERE uid = ?", uid)
    tab = open_help_tab(qtbot, ctx, EVENTS_TAB)
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    seen: dict[str, object] = {}

    def look_then_choose(dialog: QDialog) -> None:
        assert isinstance(dialog, EventDialog)
        seen["opened"] = dialog.messages.texts()
        seen["whole"] = read_whole(dialog, SAID)
        dialog.save_button.click()  # the box shows 01/01/2000: Save must not store it
        seen["refused"] = (dialog.messages.texts(), dialog.isVisible())
        dialog.day.setDate(QDate(2019, 3, 15))  # the officer chooses the right day
        seen["chosen"] = dialog.messages.texts()
        dialog.save_button.click()

    when_modal(look_then_choose)
    tab.edit_button.click()
    settle(qtbot, ctx, lambda: "chosen" in seen)
    assert seen["opened"] == {"date": SAID}
    assert seen["whole"] is True
    assert seen["refused"] == ({"date": SAID}, True)
    assert seen["chosen"] == {}
    settle(qtbot, ctx, lambda: [e.date for e in ctx.ws.events.list()] == [date(2019, 3, 15)])
    assert not errors


def test_a_help_record_saved_in_1999_is_not_saved_as_another_day(qtbot, ui) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    uid = ctx.ws.help.add(road_draft(noi_vu)).ids[0]
    saved_as(ctx.ws, "UPDATE help SET date = '1999-03-15' WHERE uid = ?", uid)
    page = open_help_page(qtbot, ctx)
    tab = page.ledger
    tab.filters.all_years.setChecked(True)  # 1999 is no year of the year box
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    tab.table.setCurrentIndex(tab.model.index(0, TITLE))
    seen: dict[str, object] = {}

    def look_and_save(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        seen["opened"] = (dialog.messages.texts(), dialog.day.date())
        seen["whole"] = read_whole(dialog, SAID)
        dialog.title_edit.setText("Bê tông hóa 60 m đường vào trường")
        dialog.save_button.click()
        seen["refused"] = dialog.messages.texts()
        dialog.reject()

    when_modal(look_and_save)
    tab.edit_button.click()
    settle(qtbot, ctx, lambda: "refused" in seen)
    assert seen["opened"] == ({"date": SAID}, QDate(2000, 1, 1))
    assert seen["whole"] is True
    refused = seen["refused"]
    assert isinstance(refused, dict) and refused["date"] == SAID
    [kept] = [h for h in ctx.ws.help.list() if h.uid == uid]
    assert (kept.date, kept.title) == (date(1999, 3, 15), road_draft(noi_vu).title)
    assert not errors


def test_a_cadre_period_from_1999_is_said_until_the_officer_chooses_or_leaves_it_out(qtbot, ui) -> None:
    ctx, errors = ui
    uid = ctx.ws.cadres.add(CadreDraft("Hà Văn Hòa", start=date(2016, 3, 1))).ids[0]
    saved_as(ctx.ws, "UPDATE cadres SET start = '1999-03-15' WHERE uid = ?", uid)
    tab = open_help_tab(qtbot, ctx, CADRES_TAB)
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    seen: dict[str, object] = {}

    def look_then_leave_out(dialog: QDialog) -> None:
        assert isinstance(dialog, CadreDialog)
        seen["opened"] = dialog.messages.texts()
        dialog.save_button.click()
        seen["refused"] = (dialog.messages.texts(), dialog.isVisible())
        dialog.start.given.setChecked(False)  # the officer does not know the start: no date at all
        seen["left out"] = dialog.messages.texts()
        dialog.save_button.click()

    when_modal(look_then_leave_out)
    tab.edit_button.click()
    settle(qtbot, ctx, lambda: "left out" in seen)
    assert seen["opened"] == {"start": SAID}
    assert seen["refused"] == ({"start": SAID}, True)
    assert seen["left out"] == {}
    settle(qtbot, ctx, lambda: [c.start for c in ctx.ws.cadres.list()] == [None])
    assert not errors


def test_an_assessment_dated_1999_keeps_its_date_when_its_value_is_corrected(qtbot, ui) -> None:
    """The criteria editor saves on its own: a corrected value is saved, the saved date stays as it was
    (not the box's 01/01/2000) until the officer chooses one."""
    ctx, errors = ui
    ctx.ws.progress.record(2023, indicator="3.1", value=82, assessed_on=date(2023, 5, 2))
    saved_as(ctx.ws, "UPDATE assessments SET assessed_on = '1999-03-15'")
    page = open_page(ctx, 2023, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    page.select_code("3.1")
    editor = page.editor
    assert editor.when_message.isVisible() and editor.when_message.text() == SAID
    editor.value.line.selectAll()
    qtbot.keyClicks(editor.value.line, "85")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    [a] = [a for a in ctx.ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert (a.value, a.assessed_on) == (85, date(1999, 3, 15))
    editor.when.setDate(QDate(2023, 5, 2))
    assert not editor.when_message.isVisible()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    [a] = [a for a in ctx.ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert a.assessed_on == date(2023, 5, 2)
    assert not errors
