"""Hoạt động: meetings, campaigns and other activities the supporters held in the commune."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.services.ledger import Event, EventDraft
from ntm_desktop.services.ledger.checks import check_event
from ntm_desktop.services.ledger.choices import Choices
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.people.records_tab import RecordsTab
from ntm_desktop.ui.pages.supporters.dialogs import FormDialog
from ntm_desktop.ui.widgets.forms import CountEdit, CriteriaChecklist, date_edit, from_qdate, show_day
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.supporter_picker import SupporterPicker
from ntm_desktop.ui.year import YearState


class EventDialog(FormDialog):
    list_name = "events"

    def __init__(
        self, choices: Choices, existing: Event | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Event"), parent)
        self.setMinimumWidth(640)
        e = existing
        self.day = date_edit(e.date if e else None)
        self.title_edit = QLineEdit(e.title if e else "")
        self.title_edit.setPlaceholderText(tr("e.g. Hội nghị tuyên truyền về xây dựng nông thôn mới"))
        self.village = QComboBox()
        self.village.setEditable(True)
        self.village.addItems(["", *vi_sorted(choices.villages, key=str)])
        self.village.setCurrentText(e.village if e else "")
        self.supporters = SupporterPicker()
        self.supporters.new_button.setVisible(False)
        self.supporters.set_supporters(choices.supporters, e.supporters if e else ())
        self.participants = CountEdit(e.participants if e else None)
        self.criteria = CriteriaChecklist()
        self.criteria.set_criteria(choices.criteria, e.criteria if e else ())
        self.note = QPlainTextEdit(e.note if e else "")
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)
        self.row("date", self.day)
        self.row("title", self.title_edit)
        self.row("village", self.village)
        self.row("supporters", self.supporters)
        self.row("participants", self.participants)
        self.row("criteria", self.criteria)
        self.row("note", self.note)
        self.finish()

    @classmethod
    def ask(
        cls, parent: QWidget | None, choices: Choices, existing: Event | None = None
    ) -> EventDraft | None:
        dialog = cls(choices, existing, parent)
        return dialog.draft() if dialog.exec() == FormDialog.DialogCode.Accepted else None

    def draft(self) -> EventDraft:
        try:
            participants = self.participants.value()
        except InvalidInput:
            participants = -1  # the check below says what is wrong
        return EventDraft(
            date=from_qdate(self.day.date()),
            title=self.title_edit.text(),
            village=self.village.currentText(),
            supporters=tuple(self.supporters.chosen),
            participants=participants,
            criteria=self.criteria.codes(),
            note=self.note.toPlainText(),
        )

    def problems(self) -> list[Problem]:
        found = check_event(self.draft())[1]
        try:
            self.participants.value()
        except InvalidInput as exc:  # what was typed and how to write it, not "must be a whole number ≥ 0"
            found = [Problem("participants", exc.message), *(p for p in found if p.path != "participants")]
        return found


class EventsTab(RecordsTab):
    kind = Kind.EVENTS
    service_name = "events"
    stretch = 1
    widths = {3: 240}  # noqa: RUF012 (read only)
    sort_order = Qt.SortOrder.DescendingOrder

    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        self.add_text = tr("New event…")
        self.empty_text = tr("No event recorded yet.")
        super().__init__(ctx, year.year, parent)

    def columns(self) -> list[Column]:
        return [
            Column(tr("Date"), lambda e: show_day(e.date), sort=lambda e: e.date),
            Column(tr("Event"), lambda e: e.title),
            Column(tr("Village"), lambda e: e.village),
            Column(tr("Supporters"), lambda e: "; ".join(e.supporter_names)),
            Column(
                tr("Participants"),
                lambda e: format_decimal(e.participants) if e.participants is not None else "",
                sort=lambda e: e.participants or 0,
                right=True,
            ),
            Column(tr("Criteria served"), lambda e: ", ".join(e.criteria)),
        ]

    def ask(self, existing: Any | None) -> EventDraft | None:
        return EventDialog.ask(self, self.choices, existing)

    def describe(self, record: Any) -> str:
        return f"{record.title} ({show_day(record.date)})"
