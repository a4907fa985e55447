"""The help form: record what the commune received (or correct a record).

    changes = HelpDialog.ask(parent, ctx, choices)            # a new record; None when cancelled
    changes = HelpDialog.ask(parent, ctx, choices, existing)  # edit

Every field is checked by the ledger's own rules before anything is sent; a problem is shown under its
field and nothing is saved. Saving the same date, supporter and title as a saved record asks first.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money
from ntm_desktop.services.evidence import Evidence
from ntm_desktop.services.ledger import Help, HelpDraft, Supporter
from ntm_desktop.services.ledger.checks import check_help
from ntm_desktop.services.ledger.choices import Choices
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES, funding_source_label
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import fit_to_screen
from ntm_desktop.ui.pages.help.items_editor import ItemsEditor
from ntm_desktop.ui.pages.help.items_model import Line
from ntm_desktop.ui.pages.help.plausible_hints import HINTED, help_warnings
from ntm_desktop.ui.pages.supporters.dialogs import SupporterDialog
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.evidence import EvidenceBox
from ntm_desktop.ui.widgets.fields import InlineMessage, label, with_message
from ntm_desktop.ui.widgets.forms import (
    CountEdit,
    CriteriaChecklist,
    Messages,
    date_edit,
    from_qdate,
    show_day,
    to_qdate,
)
from ntm_desktop.ui.widgets.plausible_hint import PlausibleHint
from ntm_desktop.ui.widgets.supporter_picker import SupporterPicker


class DuplicateWarning:
    """Asks before saving what looks like a record already saved (tests replace :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, duplicates: list[Help]) -> bool:
        first = duplicates[0]
        text = tr(
            "A record with the same date, supporter and title is already saved: “{title}” of {date}, "
            "{value}. Save this one as well?",
            title=first.title,
            date=show_day(first.date),
            value=format_money(first.value_vnd),
        )
        answer = QMessageBox.question(
            parent,
            tr("This help may already be recorded"),
            text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save


class HelpDialog(GuardedDialog):
    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        existing: Help | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.choices, self.existing = ctx, choices, existing
        self.changes: Changes | None = None
        self._busy = False
        self._files: list[Evidence] = []  # saved and still attached
        self._adding: list[Path] = []  # chosen, attached when the record is saved
        self._detaching: set[str] = set()  # sha256 of saved files removed, detached when it is saved
        self.setWindowTitle(tr("Correct a help record") if existing else tr("Record help received"))
        self.setMinimumSize(860, 560)
        fit_to_screen(self, 1040, 700)  # a commune laptop (1366×768) has about 1366×696 inside
        self._build()
        self._fill(existing, day)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        ctx: AppContext,
        choices: Choices,
        existing: Help | None = None,
        day: date | None = None,
    ) -> Changes | None:
        """Show the form; the changes once saved, or None when the officer cancels."""
        dialog = cls(ctx, choices, existing, day, parent)
        dialog.exec()
        return dialog.changes

    # ---- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.messages = Messages()
        self.day = date_edit()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(tr("e.g. Bê tông hóa đường vào trường Tiểu học Bằng Thành II"))
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(tr("What was done, by whom, with what result (optional)"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(52)
        self.village = QComboBox()
        self.village.setEditable(True)
        line = self.village.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("Whole commune"))
        self.households, self.persons = CountEdit(), CountEdit()
        self.source = QComboBox()
        self.source.setAccessibleName(tr("Funding source"))
        self.source.addItem(tr("Not recorded"), "")
        for code in FUNDING_SOURCES:
            self.source.addItem(funding_source_label(code), code)
        self.supporters = SupporterPicker()
        self.criteria = CriteriaChecklist()
        self.items = ItemsEditor()
        self.evidence = EvidenceBox(self.ctx.tasks, removable=True)
        self.evidence.list.setMaximumHeight(72)
        self.evidence.attach_requested.connect(self._add_files)
        self.evidence.remove_requested.connect(self._remove_file)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.hints: dict[str, PlausibleHint] = {}
        self._lay_out()
        self._watch_plausible()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.supporters.new_button.clicked.connect(lambda: self._new_supporter(self.supporters.search.text()))

    def _message(self, path: str, field: QWidget) -> QWidget:
        box = with_message(field, self.messages.add(path, InlineMessage(), field))
        if path in HINTED:
            self.hints[path] = PlausibleHint()
        return box

    def _row(self, form: QFormLayout, path: str, field: QWidget) -> None:
        """A field labelled as every view names it, its red message under it, and its amber hint across
        the form's width."""
        form.addRow(field_name("help", path), self._message(path, field))
        if path in self.hints:
            form.addRow(self.hints[path])

    def _beneficiaries(self, form: QFormLayout) -> None:
        """Households and people on one line (the form fits a 1366×768 laptop), each red message and
        hint under it as wide as the form: under its own half of the line a message wrapped into three
        lines and all but the first words were cut off."""
        both = QWidget()
        line = QHBoxLayout(both)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.households, 1)
        line.addWidget(QLabel(tr("households,")))
        line.addWidget(self.persons, 1)
        line.addWidget(QLabel(tr("people")))
        form.addRow(field_name("help", "beneficiaries"), both)
        for path, edit in (
            ("beneficiaries.households", self.households),
            ("beneficiaries.persons", self.persons),
        ):
            message = self.messages.add(path, InlineMessage(), edit)
            message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            form.addRow("", message)
            self.hints[path] = PlausibleHint()
            form.addRow(self.hints[path])

    def _watch_plausible(self) -> None:
        """Warn beside a field as soon as its value looks unlikely (saving stays possible)."""
        self.day.dateChanged.connect(lambda _: self.show_hints())
        for edit in (self.title_edit, self.households, self.persons):
            edit.textChanged.connect(lambda _: self.show_hints())
        model = self.items.model
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(lambda *_: self.show_hints())

    def show_hints(self) -> None:
        found = help_warnings(
            from_qdate(self.day.date()),
            self.title_edit.text(),
            _count(self.households),
            _count(self.persons),
            self.items.model.items(),
        )
        for path, hint in self.hints.items():
            hint.show_warnings(found.get(path, []))

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        self._row(form, "date", self.day)
        self._row(form, "title", self.title_edit)
        self._row(form, "description", self.description)
        self._row(form, "village", self.village)
        self._beneficiaries(form)
        right = QVBoxLayout()
        picked = tr("{field} (tick one or more)", field=field_name("help", "supporters"))
        right.addWidget(label(picked, "subtitle"))
        right.addWidget(self._message("supporters", self.supporters), 1)
        sources = QFormLayout()  # beside who gave: where the money came from
        sources.setHorizontalSpacing(12)  # as the form beside it ("Nguồn vốn" touched its box)
        sources.addRow(field_name("help", "funding_source"), self._message("funding_source", self.source))
        right.addLayout(sources)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(label(field_name("help", "criteria"), "subtitle"))
        left.addWidget(self.criteria, 1)
        top = QGridLayout()
        top.addLayout(left, 0, 0)
        top.addLayout(right, 0, 1)
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)
        top.setHorizontalSpacing(18)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(label(field_name("help", "items"), "subtitle"))
        items = QVBoxLayout()
        items.addWidget(self._message("items", self.items))
        layout.addWidget(_Part(items), 1)
        layout.addWidget(self.hints["items"])
        layout.addWidget(label(field_name("help", "evidence"), "subtitle"))
        layout.addWidget(self._message("evidence", self.evidence))
        layout.addWidget(self.messages.general)
        layout.addWidget(self.buttons)

    def _fill(self, existing: Help | None, day: date | None) -> None:
        c = self.choices
        villages = vi_sorted(
            set(c.villages) | ({existing.village} if existing and existing.village else set()), key=str
        )
        self.village.addItem("")
        self.village.addItems(villages)
        self.supporters.set_supporters(c.supporters, existing.supporters if existing else ())
        self.criteria.set_criteria(c.criteria, existing.criteria if existing else ())
        self._show_files()
        if existing is None:
            self.day.setDate(to_qdate(day or vntime.today()))
            self.items.set_lines([Line()])
            return
        uid = existing.uid
        self.ctx.tasks.run_db(lambda: self.ctx.ws.help.evidence(uid), self._files_loaded, owner=self)
        self.day.show_stored(existing.date)
        self.messages.watch_stored("date", self.day)
        self.title_edit.setText(existing.title)
        self.title_edit.setCursorPosition(0)  # the start of a long title, not its end
        self.description.setPlainText(existing.description)
        self.village.setCurrentText(existing.village)
        self.households.set_value(existing.households)
        self.persons.set_value(existing.persons)
        self.set_source(existing.funding_source)
        self.items.set_lines([Line.of(i) for i in existing.items])

    def funding_source(self) -> str:
        """The chosen source's code ("" when not recorded)."""
        return ("", *FUNDING_SOURCES)[max(self.source.currentIndex(), 0)]

    def set_source(self, code: str) -> None:
        codes = ("", *FUNDING_SOURCES)
        self.source.setCurrentIndex(codes.index(code) if code in codes else 0)

    # ---- evidence files ----------------------------------------------------------------------------

    def _files_loaded(self, files: list[Evidence]) -> None:
        self._files = [f for f in files if f.sha256 not in self._detaching]
        self._show_files()

    def _show_files(self) -> None:
        entries: list[Evidence | Path] = [*self._files, *self._adding]
        self.evidence.show_files(entries)

    def _add_files(self, paths: list[Path]) -> None:
        self._adding += [p for p in paths if p not in self._adding]
        self._show_files()

    def _remove_file(self, entry: object) -> None:
        if isinstance(entry, Evidence):
            self._detaching.add(entry.sha256)
            self._files = [f for f in self._files if f.sha256 != entry.sha256]
        elif isinstance(entry, Path) and entry in self._adding:
            self._adding.remove(entry)
        self._show_files()

    def pending_files(self) -> tuple[list[Path], set[str]]:
        """The files to attach and the sha256 of those to detach when the record is saved."""
        return list(self._adding), set(self._detaching)

    # ---- saving ----------------------------------------------------------------------------------

    def _can_save(self) -> None:
        self.save_button.setEnabled(not self._busy)

    def draft(self) -> tuple[HelpDraft, list[Problem]]:
        """What the form holds, and every problem the ledger's rules find in it."""
        problems: list[Problem] = []
        counts: dict[str, int | None] = {}
        for name, edit in (("households", self.households), ("persons", self.persons)):
            try:
                counts[name] = edit.value()
            except InvalidInput as exc:
                problems.append(Problem(f"beneficiaries.{name}", exc.message))
                counts[name] = None
        draft = HelpDraft(
            date=from_qdate(self.day.date()),
            title=self.title_edit.text(),
            supporters=tuple(self.supporters.chosen),
            items=tuple(self.items.model.items()),
            description=self.description.toPlainText(),
            village=self.village.currentText(),
            criteria=self.criteria.codes(),
            households=counts["households"],
            persons=counts["persons"],
            funding_source=self.funding_source(),
        )
        _, found = check_help(draft)
        if self.items.model.problems() or not self.items.model.rowCount():
            found = [p for p in found if not p.path.startswith("items")]  # the table says it at the cell
        if self.day.outside_text():  # the saved date is not the one the box shows: the officer chooses
            problems.insert(0, Problem("date", self.day.outside_text()))
        return draft, problems + [replace(p, message=_sentence(p.message)) for p in found]

    def typed(self) -> object:
        """The record as typed (counts and item lines as text, even unreadable) and the files to attach
        or detach; Cancel asks before throwing it away."""
        lines = tuple(repr(line) for line in self.items.model.lines)
        return self.draft()[0], self.households.text(), self.persons.text(), lines, self.pending_files()

    def save(self) -> None:
        """Check everything; save only when nothing is wrong (each problem is said at its field)."""
        if self._busy:
            return
        draft, problems = self.draft()
        self.messages.show(problems)
        if problems or not self.items.ok():
            self.messages.general.show_message(tr("Not saved: correct what is marked in red first."))
            return
        self._set_busy(True)
        exclude = self.existing.uid if self.existing else None
        self.ctx.tasks.run_db(
            lambda: self.ctx.ws.help.probable_duplicates(draft, exclude=exclude),
            lambda found: self._checked(draft, found),
            on_failure=self._refused,
            handles=(InvalidInput,),
            owner=self,
        )

    def _checked(self, draft: HelpDraft, duplicates: list[Help]) -> None:
        if duplicates and not DuplicateWarning.ask(self, duplicates):
            self._set_busy(False)
            self.messages.general.show_message(tr("Not saved: it looks like a record already saved."))
            return
        existing, (adding, detaching) = self.existing, self.pending_files()
        if existing is None:
            change: Any = lambda ws: ws.help.add(draft, evidence=adding)  # noqa: E731
        else:
            uid = existing.uid
            change = lambda ws: ws.help.update(  # noqa: E731  (the record and its files: one transaction)
                uid, draft, evidence_add=adding, evidence_remove=detaching
            )
        self.ctx.mutate(change, self._saved, on_invalid=self._refused, handles=(InvalidInput,), owner=self)

    def _saved(self, changes: Changes) -> None:
        self._set_busy(False)
        self.changes = changes
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, InvalidInput):
            exc = InvalidInput([replace(p, message=_sentence(p.message)) for p in exc.problems])
        self.messages.show_error(exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._can_save()

    # ---- a new supporter on the spot ---------------------------------------------------------------

    def _new_supporter(self, typed: str) -> None:
        draft = SupporterDialog.ask(self, name=typed)
        if draft is None:
            return
        self.ctx.mutate(
            lambda ws: ws.supporters.add(draft),
            lambda changes: self._supporter_added(changes, draft.name, draft.kind, draft.parent),
            owner=self,
        )

    def _supporter_added(self, changes: Changes, name: str, kind: str, parent: str) -> None:
        uid = changes.ids[0]
        self.supporters.add_supporter(
            Supporter(name=name, kind=kind, parent=parent, uid=uid, record_id=uid, version="")
        )
        self.messages.clear()


class _Part(QWidget):
    """The items table with its message: it gets at least its minimum height and shares the rest by its
    stretch. As a part whose text wraps, Qt's vertical layout gave it exactly its preferred 190 px and
    squeezed the fields above below their minimum (a refused title or count was cut to half a line)."""

    def __init__(self, inner: QVBoxLayout) -> None:
        super().__init__()
        inner.setContentsMargins(0, 0, 0, 0)
        self.setLayout(inner)

    def hasHeightForWidth(self) -> bool:
        return False


def _count(edit: CountEdit) -> int | None:
    """The number typed, or None while it cannot be read (its red message says why)."""
    try:
        return edit.value()
    except InvalidInput:
        return None


def _sentence(message: str) -> str:
    """The core's field messages ("is required") begin a sentence under their field."""
    return message[:1].upper() + message[1:]
