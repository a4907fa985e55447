"""What the officer saves shows at once: for every page that edits data, save through its real form in the
app's main window (pages built and wired by the window, never by the test) and read the row and the totals
off the screen. Also: no page wires itself and no test wires a page by hand, so this cannot come back."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import SIGNAL, QDate
from PySide6.QtWidgets import QDialog

from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.section import CADRES_TAB, EVENTS_TAB, SUPPORTERS_TAB, HelpSection
from ntm_desktop.ui.pages.people.cadres import CadreDialog, CadresTab
from ntm_desktop.ui.pages.people.events import EventDialog, EventsTab
from ntm_desktop.ui.pages.registry import HELP_PAGE
from ntm_desktop.ui.pages.supporters.dialogs import AssignmentDialog, SupporterDialog
from ntm_desktop.ui.pages.supporters.page import SupportersTab
from ntm_desktop.ui.testing import open_window
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_tab, settle, ui, when_modal

__all__ = ["ui"]  # the fixture

ROOT = Path(__file__).resolve().parents[1]


def rows(tab) -> list[list[str]]:
    p = tab.proxy
    return [[p.index(r, c).data() for c in range(p.columnCount())] for r in range(p.rowCount())]


def test_a_supporter_made_in_its_form_is_listed_counted_and_offered_by_the_next_help_form(qtbot, ui) -> None:
    ctx, errors = ui
    tab = open_help_tab(qtbot, ctx, SUPPORTERS_TAB)
    assert isinstance(tab, SupportersTab)
    settle(qtbot, ctx, lambda: tab.data is not None)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SupporterDialog)
        dialog.name.setText("Ban Dân vận Tỉnh ủy")
        dialog.kind.setCurrentIndex(dialog.kind.findData("party_body"))
        dialog.save_button.click()

    when_modal(fill)
    tab.add_button.click()
    settle(qtbot, ctx, lambda: len(rows(tab)) == 1)
    assert rows(tab)[0][:2] == ["Ban Dân vận Tỉnh ủy", "Cơ quan Đảng"]
    assert tab.count.text().startswith("1 đơn vị · tổng cộng 0 đ")

    page = tab.window().page(HELP_PAGE)
    assert isinstance(page, HelpSection)
    page.tabs.setCurrentIndex(0)
    offered: list[list[str]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        offered.append([item.text() for item in dialog.supporters._items()])
        dialog.reject()

    when_modal(look)
    page.ledger.add_button.click()
    assert offered == [["Ban Dân vận Tỉnh ủy"]]
    assert not errors


def test_a_supporter_added_again_under_the_same_name_is_saved_with_a_note_naming_the_first(qtbot, ui) -> None:
    """Two "Sở Nội vụ tỉnh Bắc Kạn" cannot be told apart in the help form's list: the second is saved (it
    may be another body) and the officer is told which one was there already."""
    from ntm_desktop.ui.notes import NotesBox

    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    (first,) = ctx.ws.supporters.list()
    tab = open_help_tab(qtbot, ctx, SUPPORTERS_TAB)
    assert isinstance(tab, SupportersTab)
    settle(qtbot, ctx, lambda: tab.data is not None)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SupporterDialog)
        dialog.name.setText(" sở nội vụ tỉnh Bắc Kạn ")
        dialog.save_button.click()

    NotesBox.shown = []
    when_modal(fill)
    tab.add_button.click()
    settle(qtbot, ctx, lambda: len(rows(tab)) == 2)
    qtbot.waitUntil(lambda: bool(NotesBox.shown))
    assert NotesBox.shown == [
        f"Đã có đơn vị hỗ trợ tên {SO_NOI_VU} (mã {first.record_id}): nếu là cùng một đơn vị, hãy dùng "
        "đơn vị đó và xóa đơn vị vừa thêm; nếu là đơn vị khác, hãy ghi tên đầy đủ (ví dụ kèm tên tỉnh)."
    ]
    assert not errors


def test_an_assignment_made_in_its_form_shows_under_its_supporter(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    tab = open_help_tab(qtbot, ctx, SUPPORTERS_TAB)
    assert isinstance(tab, SupportersTab)
    settle(qtbot, ctx, lambda: tab.details.name.text() == SO_NOI_VU)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AssignmentDialog)
        dialog.document.setText("2523/QĐ-UBND")
        dialog.issuer.setText("UBND tỉnh Bắc Kạn")
        dialog.start.set_value(date(2019, 1, 1))
        dialog.criteria.tick("2")
        dialog.save_button.click()

    when_modal(fill)
    tab.details.add_assignment.click()
    settle(qtbot, ctx, lambda: tab.details.assignments.rowCount() == 1)
    a = tab.details.assignments_proxy
    assert [a.index(0, c).data() for c in range(4)] == ["2523/QĐ-UBND", "", "từ 01/01/2019", "2"]
    assert not errors


def test_a_cadre_made_in_its_form_is_listed_and_counted(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    tab = open_help_tab(qtbot, ctx, CADRES_TAB)
    assert isinstance(tab, CadresTab)
    settle(qtbot, ctx, lambda: tab.loaded and not ctx.tasks.busy())
    assert tab.count.text() == "Chưa có cán bộ biệt phái, tăng cường nào."

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CadreDialog)
        dialog.name.setText("Hà Văn Hòa")
        dialog.position.setText("Phó trưởng phòng")
        dialog.supporter.setCurrentIndex(dialog.supporter.findText(SO_NOI_VU))
        dialog.start.set_value(date(2019, 3, 1))
        dialog.save_button.click()

    when_modal(fill)
    tab.add_button.click()
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    assert rows(tab) == [["Hà Văn Hòa", "Phó trưởng phòng", SO_NOI_VU, "01/03/2019", "", ""]]
    assert tab.count.text() == "1 bản ghi"
    assert not errors


def test_an_event_made_in_its_form_is_listed_and_counted(qtbot, ui) -> None:
    ctx, errors = ui
    add_supporters(ctx.ws, SO_NOI_VU)
    tab = open_help_tab(qtbot, ctx, EVENTS_TAB)
    assert isinstance(tab, EventsTab)
    settle(qtbot, ctx, lambda: tab.loaded and not ctx.tasks.busy())

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EventDialog)
        dialog.day.setDate(QDate(2019, 6, 30))
        dialog.title_edit.setText("Hội nghị tuyên truyền nông thôn mới")
        dialog.supporters.tick(SO_NOI_VU)
        dialog.participants.setText("80")
        dialog.save_button.click()

    when_modal(fill)
    tab.add_button.click()
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    assert rows(tab) == [["30/06/2019", "Hội nghị tuyên truyền nông thôn mới", "", SO_NOI_VU, "80", ""]]
    assert tab.count.text() == "1 bản ghi"
    assert not errors


def test_every_page_the_window_builds_hears_each_change_once(qtbot, ui) -> None:
    ctx, _ = ui
    window = open_window(ctx, 2019)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    for index in range(len(window.slots)):
        window.page(index)
    assert len(window.pages) == len(window.slots) == 7
    # one listener per page: none forgotten, none listening twice (a page wiring itself as well)
    assert ctx.hub.receivers(SIGNAL("changed(PyObject)")) == len(window.pages)


def test_no_page_wires_itself_and_no_test_wires_a_page_by_hand() -> None:
    wiring = re.compile(r"hub\.changed\.connect\(\s*[\w.]*refresh|year\.changed\.connect\(\s*[\w.]*set_year")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (ROOT / "ntm_desktop" / "ui" / "pages", ROOT / "tests")
        for path in folder.rglob("*.py")
        if path.name != Path(__file__).name and wiring.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
