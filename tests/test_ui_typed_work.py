"""What an officer typed into a form is never thrown away without asking (ui/typed_work.py).

Every form is opened as the officer opens it, through its page's own button on the app's window; the one
asking function is replaced, so each test says what the officer answers and sees whether it was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from ntm_desktop.ui import typed_work
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.section import CADRES_TAB, EVENTS_TAB, SUPPORTERS_TAB
from ntm_desktop.ui.pages.people.cadres import CadreDialog
from ntm_desktop.ui.pages.people.events import EventDialog
from ntm_desktop.ui.pages.supporters.dialogs import AssignmentDialog, SupporterDialog
from ntm_desktop.workspace import Workspace
from tests.helpers.discard import Answers
from tests.helpers.ui_help import (
    SO_NOI_VU,
    add_supporters,
    fill_road_help,
    open_help_page,
    open_help_tab,
    settle,
    ui,
    when_modal,
)

__all__ = ["ui"]  # the fixture

REAL_QUESTION = typed_work.ask_discard_typing  # conftest answers it for every other test


@dataclass(frozen=True)
class Form:
    """How the officer opens one form, types into it and what it saves."""

    name: str
    opener: Callable[[object, AppContext], QPushButton]
    kind: type[QDialog]
    type_into: Callable[[QDialog, object], None]
    typed: Callable[[QDialog], str]
    saved: Callable[[Workspace], int]


def _help_button(qtbot, ctx: AppContext) -> QPushButton:
    add_supporters(ctx.ws, SO_NOI_VU)
    return open_help_page(qtbot, ctx).ledger.add_button


def _tab_button(tab_index: int) -> Callable[[object, AppContext], QPushButton]:
    def opener(qtbot, ctx: AppContext) -> QPushButton:
        tab = open_help_tab(qtbot, ctx, tab_index)
        settle(qtbot, ctx, lambda: tab.loaded)
        return tab.add_button

    return opener


def _assignment_button(qtbot, ctx: AppContext) -> QPushButton:
    add_supporters(ctx.ws, SO_NOI_VU)
    tab = open_help_tab(qtbot, ctx, SUPPORTERS_TAB)
    settle(qtbot, ctx, lambda: tab.proxy.rowCount() == 1)
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    settle(qtbot, ctx, lambda: tab.details.add_assignment.isEnabled())
    return tab.details.add_assignment


def _type_help(dialog, qtbot) -> None:
    dialog.description.setFocus()
    dialog.description.insertPlainText("Làm 60 m đường bê tông")


FORMS = [
    Form(
        "help",
        _help_button,
        HelpDialog,
        _type_help,
        lambda d: d.description.toPlainText(),
        lambda ws: len(ws.help.list()),
    ),
    Form(
        "supporter",
        _tab_button(SUPPORTERS_TAB),
        SupporterDialog,
        lambda d, qtbot: d.name.insert("Sở Nội vụ"),
        lambda d: d.name.text(),
        lambda ws: len(ws.supporters.list()),
    ),
    Form(
        "assignment",
        _assignment_button,
        AssignmentDialog,
        lambda d, qtbot: d.document.insert("06-ĐA/TU"),
        lambda d: d.document.text(),
        lambda ws: len(ws.assignments.list()),
    ),
    Form(
        "cadre",
        _tab_button(CADRES_TAB),
        CadreDialog,
        lambda d, qtbot: d.name.insert("Lục Văn Thắng"),
        lambda d: d.name.text(),
        lambda ws: len(ws.cadres.list()),
    ),
    Form(
        "event",
        _tab_button(EVENTS_TAB),
        EventDialog,
        lambda d, qtbot: (d.title_edit.insert("Họp dân"), d.note.insertPlainText("Thôn Nà Phầy")),
        lambda d: d.title_edit.text(),
        lambda ws: len(ws.events.list()),
    ),
]
IDS = [f.name for f in FORMS]


def _open(qtbot, ctx: AppContext, form: Form, action: Callable[[QDialog], None]) -> list[QDialog]:
    """Open ``form`` by its page's button and run ``action`` on it while it is open (modal)."""
    button = form.opener(qtbot, ctx)
    seen: list[QDialog] = []

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, form.kind)
        seen.append(dialog)
        action(dialog)

    when_modal(act)
    button.click()  # the form is modal: ``action`` runs inside it
    settle(qtbot, ctx)
    return seen


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_an_untouched_form_closes_at_once(qtbot, ui, monkeypatch: pytest.MonkeyPatch, form: Form) -> None:
    ctx, errors = ui
    answers = Answers(monkeypatch)
    before = form.saved(ctx.ws)
    seen = _open(qtbot, ctx, form, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert len(seen) == 1 and not seen[0].isVisible()
    assert answers.asked == 0
    assert form.saved(ctx.ws) == before
    assert not errors


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_typed_work_is_kept_or_discarded_as_the_officer_says(
    qtbot, ui, monkeypatch: pytest.MonkeyPatch, form: Form
) -> None:
    ctx, errors = ui
    answers = Answers(monkeypatch)
    before = form.saved(ctx.ws)
    kept: list[tuple[bool, str]] = []

    def type_then_escape(dialog: QDialog) -> None:
        form.type_into(dialog, qtbot)
        typed = form.typed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Tiếp tục nhập"
        kept.append((dialog.isVisible(), form.typed(dialog)))
        assert typed
        answers.discard = True
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Bỏ"

    seen = _open(qtbot, ctx, form, type_then_escape)
    assert kept == [(True, form.typed(seen[0]))]  # still open, the text still in it
    assert answers.asked == 2
    assert not seen[0].isVisible()
    assert form.saved(ctx.ws) == before  # nothing saved
    assert not errors


@pytest.mark.parametrize("form", FORMS[:2], ids=IDS[:2])
def test_cancel_and_the_close_button_ask_as_esc_does(
    qtbot, ui, monkeypatch: pytest.MonkeyPatch, form: Form
) -> None:
    ctx, errors = ui
    answers = Answers(monkeypatch)
    open_after: list[bool] = []

    def type_then_cancel_then_close(dialog) -> None:
        form.type_into(dialog, qtbot)
        cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.save_button)
        cancel.click()
        open_after.append(dialog.isVisible())
        dialog.close()  # the title bar's ×
        open_after.append(dialog.isVisible())
        answers.discard = True
        dialog.close()

    seen = _open(qtbot, ctx, form, type_then_cancel_then_close)
    assert open_after == [True, True]
    assert answers.asked == 3
    assert not seen[0].isVisible()
    assert not errors


def test_saving_never_asks(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    answers = Answers(monkeypatch)

    def fill_and_save(dialog) -> None:
        fill_road_help(dialog, qtbot)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _open(qtbot, ctx, FORMS[0], fill_and_save)
    settle(qtbot, ctx, lambda: len(ctx.ws.help.list()) == 1)
    assert answers.asked == 0
    assert not errors


@pytest.mark.parametrize("form", FORMS[1:], ids=IDS[1:])
def test_saving_a_short_form_never_asks(qtbot, ui, monkeypatch: pytest.MonkeyPatch, form: Form) -> None:
    ctx, errors = ui
    answers = Answers(monkeypatch)
    before = form.saved(ctx.ws)

    def type_and_save(dialog) -> None:
        form.type_into(dialog, qtbot)
        dialog.save_button.click()

    seen = _open(qtbot, ctx, form, type_and_save)
    settle(qtbot, ctx, lambda: form.saved(ctx.ws) == before + 1)
    assert answers.asked == 0
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert not errors


def test_the_question_is_asked_in_vietnamese_and_keeps_the_form_by_default(qtbot) -> None:
    """The real question box: "Tiếp tục nhập" is the default and Esc's answer."""
    form = CadreDialog(())
    qtbot.addWidget(form)
    form.show()
    seen: list[tuple[str, list[str], str]] = []

    def look(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        default = box.defaultButton()
        seen.append((box.text(), sorted(b.text() for b in box.buttons()), default.text() if default else ""))
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_modal(look)
    assert REAL_QUESTION(form) is False
    assert seen == [("Bỏ những gì vừa nhập?", ["Bỏ", "Tiếp tục nhập"], "Tiếp tục nhập")]


def test_a_reason_for_the_commune_is_not_thrown_away_either(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The receiving unit's reason box (sending a bundle back, rejecting an amendment) uses the same
    guard: a written reason is asked about, an empty one closes at once."""
    from ntm_desktop.ui.pages.receiver.dialogs import ReasonDialog

    answers = Answers(monkeypatch)
    dialog = ReasonDialog("Trả lại", "Xã Bằng Thành", "Lý do", "Trả lại")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.insertPlainText("Thiếu biên bản")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == 1 and dialog.isVisible()
    dialog.reason.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == 1 and not dialog.isVisible()
