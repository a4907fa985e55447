"""Forms for a supporter and for the document that assigns it to help the commune.

Both return a draft (or None when cancelled); the caller saves it. The ledger's own checks run before the
form closes, so a missing name or a period that ends before it starts is said under its field.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger import AssignmentDraft, Supporter, SupporterDraft
from ntm_desktop.services.ledger.checks import check_assignment, check_supporter
from ntm_desktop.services.ledger.kinds import SUPPORTER_KINDS, supporter_kind_label
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, with_message
from ntm_desktop.ui.widgets.forms import CriteriaChecklist, DateBox, Messages, OptionalDate


class FormDialog(GuardedDialog):
    """A form with Save and Cancel whose Save runs :meth:`problems` first; its rows are the fields of a
    record of the list :attr:`list_name`, named as every other view names them. Cancel asks before
    throwing away a changed draft."""

    list_name = ""
    """The records-v1 list of the record the form edits (``supporters``, ``cadres`` …)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.messages = Messages()
        self._dates: dict[str, DateBox | OptionalDate] = {}
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def row(self, path: str, field: QWidget) -> None:
        """The field ``path`` labelled as :func:`~ntm_desktop.core.fieldlabels.field_name` says."""
        message = self.messages.add(path, InlineMessage(), field)
        self.form.addRow(field_name(self.list_name, path), with_message(field, message))
        if isinstance(field, (DateBox, OptionalDate)):
            self._dates[path] = field

    def finish(self) -> None:
        """The general message and the buttons; a saved date the boxes cannot show is said at once."""
        self.form.addRow(self.messages.general)
        self.form.addRow(self.buttons)
        for path, box in self._dates.items():
            self.messages.watch_stored(path, box)

    def unchosen(self) -> list[Problem]:
        """A saved date outside the years that the officer has not chosen again: Save would otherwise
        store the day the box moved it to, without a word."""
        return [Problem(path, box.outside_text()) for path, box in self._dates.items() if box.outside_text()]

    def problems(self) -> list[Problem]:
        return []

    def draft(self) -> object:
        raise NotImplementedError

    def typed(self) -> object:
        """The draft: ticking a supporter is typing, searching the list of supporters is not."""
        return self.draft()

    def save(self) -> None:
        found = [replace(p, message=p.message[:1].upper() + p.message[1:]) for p in self.problems()]
        found = self.unchosen() + found  # said first: a field shows its first problem
        self.messages.show(found)
        if not found:
            self.accept()


class SupporterDialog(FormDialog):
    list_name = "supporters"

    def __init__(
        self, existing: Supporter | None = None, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Supporter") if existing else tr("New supporter"), parent)
        self.name = QLineEdit(existing.name if existing else name)
        self.name.setPlaceholderText(tr("e.g. Sở Nội vụ tỉnh Bắc Kạn"))
        self.kind = QComboBox()
        for code in SUPPORTER_KINDS:
            self.kind.addItem(supporter_kind_label(code), code)
        self.kind.setCurrentIndex(max(self.kind.findData(existing.kind if existing else "agency"), 0))
        self.parent_edit = QLineEdit(existing.parent if existing else "")
        self.parent_edit.setPlaceholderText(tr("e.g. UBND tỉnh Bắc Kạn (optional)"))
        self.row("name", self.name)
        self.row("kind", self.kind)
        self.row("parent", self.parent_edit)
        self.finish()

    @classmethod
    def ask(
        cls, parent: QWidget | None, existing: Supporter | None = None, name: str = ""
    ) -> SupporterDraft | None:
        dialog = cls(existing, name, parent)
        return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def draft(self) -> SupporterDraft:
        return SupporterDraft(self.name.text(), self.kind.currentData(), self.parent_edit.text())

    def problems(self) -> list[Problem]:
        return check_supporter(self.draft())[1]


class AssignmentDialog(FormDialog):
    list_name = "assignments"

    def __init__(
        self,
        supporters: list[Supporter],
        criteria: tuple[tuple[str, str], ...],
        existing: AssignmentDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Assignment to help the commune"), parent)
        self.setMinimumWidth(600)
        self.supporter = QComboBox()
        for s in vi_sorted(supporters, key=lambda s: s.name):
            self.supporter.addItem(s.name, s.uid)
        e = existing
        if e is not None:
            self.supporter.setCurrentIndex(max(self.supporter.findData(e.supporter), 0))
        self.document = QLineEdit(e.document if e else "")
        self.document.setPlaceholderText(tr("e.g. 2523/QĐ-UBND"))
        self.document_date = OptionalDate(tr("dated"), e.document_date if e else None)
        self.issuer = QLineEdit(e.issuer if e else "")
        self.issuer.setPlaceholderText(tr("e.g. UBND tỉnh, Ban Thường vụ Tỉnh ủy"))
        self.start = OptionalDate(tr("from"), e.start if e else None)
        self.end = OptionalDate(tr("to"), e.end if e else None)
        self.criteria = CriteriaChecklist()
        self.criteria.set_criteria(criteria, e.criteria if e else ())
        self.note = QPlainTextEdit(e.note if e else "")
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)
        self.row("supporter", self.supporter)
        self.row("document", self.document)
        self.row("document_date", self.document_date)
        self.row("issuer", self.issuer)
        self.row("start", self.start)
        self.row("end", self.end)
        self.row("criteria", self.criteria)
        self.row("note", self.note)
        self.finish()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        supporters: list[Supporter],
        criteria: tuple[tuple[str, str], ...],
        existing: AssignmentDraft | None = None,
    ) -> AssignmentDraft | None:
        dialog = cls(supporters, criteria, existing, parent)
        return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def draft(self) -> AssignmentDraft:
        return AssignmentDraft(
            supporter=self.supporter.currentData() or "",
            document=self.document.text(),
            document_date=self.document_date.value(),
            issuer=self.issuer.text(),
            start=self.start.value(),
            end=self.end.value(),
            criteria=self.criteria.codes(),
            note=self.note.toPlainText(),
        )

    def problems(self) -> list[Problem]:
        return check_assignment(self.draft())[1]
