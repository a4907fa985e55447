"""The right side of the supporters tab: one supporter's assignments and the help it gave."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money
from ntm_desktop.services.ledger import Assignment, Help, Supporter
from ntm_desktop.services.ledger.kinds import supporter_kind_label
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.supporters.data import SupportersData
from ntm_desktop.ui.pages.supporters.dialogs import AssignmentDialog
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.widgets.forms import show_day
from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel
from ntm_desktop.ui.widgets.list_view import list_table
from ntm_desktop.ui.widgets.questions import yes_or_cancel


def period(a: Assignment) -> str:
    """ "2023–2025" for whole years, else "15/03/2023 – 31/12/2025", "từ 15/03/2023"."""
    if a.start and a.end and (a.start.month, a.start.day, a.end.month, a.end.day) == (1, 1, 12, 31):
        return f"{a.start.year}–{a.end.year}" if a.start.year != a.end.year else str(a.start.year)
    if a.start and a.end:
        return f"{show_day(a.start)} – {show_day(a.end)}"
    if a.start:
        return tr("from {day}", day=show_day(a.start))
    if a.end:
        return tr("until {day}", day=show_day(a.end))
    return ""


def assignment_columns() -> list[Column]:
    return [
        Column(tr("Document"), lambda a: a.document, tip=lambda a: a.issuer or a.document),
        Column(tr("Dated"), lambda a: show_day(a.document_date), sort=lambda a: a.document_date),
        Column(tr("Period"), period),
        Column(tr("Criteria served"), lambda a: ", ".join(a.criteria)),
    ]


def help_columns() -> list[Column]:
    return [
        Column(tr("Date"), lambda h: show_day(h.date), sort=lambda h: h.date),
        Column(tr("Help given"), lambda h: h.title),
        Column(
            tr("Value in money"),
            lambda h: format_money(h.value_vnd) if h.value_vnd else "",
            sort=lambda h: h.value_vnd,
            right=True,
        ),
    ]


class RemoveAssignment:
    @staticmethod
    def ask(parent: QWidget, a: Assignment) -> bool:
        return yes_or_cancel(
            parent, tr("Remove this assignment?"), tr("Remove the document {document}?", document=a.document)
        )


class SupporterDetails(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supporter: Supporter | None = None
        self.data: SupportersData | None = None
        self.name = label("", "subtitle")
        self.about = label("", "muted")
        self.assignments = ListModel(assignment_columns(), self)
        self.assignments_proxy = ListFilter(self.assignments, self)
        self.assignment_table = list_table(self.assignments_proxy, 3, sort=(1, Qt.SortOrder.DescendingOrder))
        self.add_assignment = QPushButton(tr("Add a document…"))
        self.edit_assignment = QPushButton(tr("Edit…"))
        self.remove_assignment = QPushButton(tr("Remove"))
        self.given_line = label("")
        self.given = ListModel(help_columns(), self)
        self.given_proxy = ListFilter(self.given, self)
        self.given_table = list_table(self.given_proxy, 1, sort=(0, Qt.SortOrder.DescendingOrder))
        self._lay_out()
        self.add_assignment.clicked.connect(self.new_assignment)
        self.edit_assignment.clicked.connect(self.edit_current_assignment)
        self.remove_assignment.clicked.connect(self.remove_current_assignment)
        self.assignment_table.doubleClicked.connect(lambda _: self.edit_current_assignment())
        self.assignment_table.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())

    def _lay_out(self) -> None:
        """Name on top; the documents on the left, the help it gave on the right."""
        documents = QVBoxLayout()
        documents.addWidget(label(tr("Documents assigning it to help the commune"), "subtitle"))
        documents.addWidget(self.assignment_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_assignment)
        buttons.addWidget(self.edit_assignment)
        buttons.addWidget(self.remove_assignment)
        buttons.addStretch(1)
        documents.addLayout(buttons)
        given = QVBoxLayout()
        given.addWidget(label(tr("Help it gave"), "subtitle"))
        given.addWidget(self.given_line)
        given.addWidget(self.given_table, 1)
        columns = QHBoxLayout()
        columns.addLayout(documents, 1)
        columns.addSpacing(16)
        columns.addLayout(given, 1)
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        inner.addWidget(self.name)
        inner.addWidget(self.about)
        inner.addLayout(columns, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(box)

    def show_supporter(
        self, supporter: Supporter | None, assignments: list[Assignment], data: SupportersData
    ) -> None:
        self.supporter, self.data = supporter, data
        self.setEnabled(supporter is not None)
        if supporter is None:
            # nothing to choose from in a new commune's empty list
            self.name.setText(tr("Choose a supporter in the list.") if data.rows else tr("No supporter yet."))
            self.about.setText("")
            self.assignments.set_rows([])
            self.given.set_rows([])
            self.given_line.setText("")
            self._buttons()
            return
        self.name.setText(supporter.name)
        self.about.setText(
            " · ".join(p for p in (supporter_kind_label(supporter.kind), supporter.parent) if p)
        )
        self.assignments.set_rows(assignments)
        self.given_line.setText(tr("Reading…"))
        uid = supporter.uid
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: ws.help.list(HelpFilter(supporter=uid)), lambda found: self._given(uid, found), owner=self
        )
        self._buttons()

    def _given(self, uid: str, records: list[Help]) -> None:
        if self.supporter is None or self.supporter.uid != uid:
            return
        self.given.set_rows(records)
        value = sum(h.value_vnd for h in records)
        cash = sum(i.value_vnd or 0 for h in records for i in h.items if i.kind == "cash")
        self.given_line.setText(given_text(len(records), value, cash))

    def _buttons(self) -> None:
        chosen = self.assignment_table.currentIndex().isValid()
        self.edit_assignment.setEnabled(chosen)
        self.remove_assignment.setEnabled(chosen)

    def _current_assignment(self) -> Assignment | None:
        row = self.assignments_proxy.row_at(self.assignment_table.currentIndex())
        return row if isinstance(row, Assignment) else None

    def new_assignment(self) -> None:
        if self.supporter is None or self.data is None:
            return
        template = Assignment(supporter=self.supporter.uid, document="", uid="", record_id="", version="")
        self._ask(template, None)

    def edit_current_assignment(self) -> None:
        current = self._current_assignment()
        if current is not None:
            self._ask(current, current.uid)

    def _ask(self, start: Assignment, uid: str | None) -> None:
        assert self.data is not None
        supporters = [r.supporter for r in self.data.rows]
        draft = AssignmentDialog.ask(self, supporters, self.data.choices.criteria, start)
        if draft is None:
            return
        if uid is None:
            self.ctx.mutate(lambda ws: ws.assignments.add(draft), owner=self)
        else:
            self.ctx.mutate(lambda ws: ws.assignments.update(uid, draft), owner=self)

    def remove_current_assignment(self) -> None:
        current = self._current_assignment()
        if current is not None and RemoveAssignment.ask(self, current):
            self.ctx.mutate(lambda ws: ws.assignments.remove(current.uid), owner=self)


def given_text(n: int, value: int, cash: int) -> str:
    """ "2 lượt hỗ trợ, trị giá 80.000.000 đ, trong đó tiền mặt 80.000.000 đ"; no cash clause when
    nothing was given in cash (not "trong đó tiền mặt 0 đ")."""
    if not n:
        return tr("No help recorded from this supporter yet.")
    count, shown = format_decimal(n), format_money(value)
    if not cash:
        return trn(
            "{n} help record, value {value}", "{n} help records, value {value}", n, n=count, value=shown
        )
    return trn(
        "{n} help record, value {value}, of which {cash} in cash",
        "{n} help records, value {value}, of which {cash} in cash",
        n,
        n=count,
        value=shown,
        cash=format_money(cash),
    )
