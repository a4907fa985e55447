"""The editor beside the tree: one indicator (or a criterion judged as a whole) for one year.

It saves on its own: a short pause after typing, leaving the editor, choosing another row, switching page
or closing the window all save, so no keystroke is lost. A value the core refuses is shown under the field
and nothing is saved.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import plausible, vntime
from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import Criterion, Indicator
from ntm_desktop.services.progress import AssessmentView
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria import judgement
from ntm_desktop.ui.pages.criteria.chip import StatusChip
from ntm_desktop.ui.pages.criteria.data import YearData
from ntm_desktop.ui.pages.criteria.heading import ItemHeading
from ntm_desktop.ui.pages.criteria.target import TargetRow
from ntm_desktop.ui.pages.criteria.value_input import ValueInput
from ntm_desktop.ui.widgets.evidence import EvidenceBox
from ntm_desktop.ui.widgets.fields import InlineMessage, mark_invalid, with_message
from ntm_desktop.ui.widgets.forms import date_edit
from ntm_desktop.ui.widgets.plausible_hint import PlausibleHint


class AssessmentEditor(QWidget):
    saved = Signal()
    """A save has landed in the data file."""

    DEBOUNCE_MS = 600

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._data: YearData | None = None
        self._criterion: Criterion | None = None
        self._indicator: Indicator | None = None
        self._dirty = False
        self._invalid = False
        self._in_flight = 0
        self._last_officer = ""
        self._timer = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self._build()
        self.show_nothing()
        QApplication.instance().focusChanged.connect(self._focus_moved)  # type: ignore[union-attr]

    def _build(self) -> None:
        self.heading = ItemHeading()
        self.value = ValueInput()
        self.value_message = InlineMessage()
        self.result = QComboBox()
        self.chip = StatusChip()
        self.reason = QLabel(wordWrap=True)
        self.reason.setProperty("role", "muted")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("What the result rests on: documents, surveys, minutes…"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(72)
        self.when = date_edit()  # the app's years only, as every date box
        self.when_message = InlineMessage()  # a saved date outside the years the box can show
        self.when_hint = PlausibleHint()
        self.who = QComboBox(editable=True)
        self.evidence = EvidenceBox(self.ctx.tasks)
        self.state = QLabel()
        self.state.setProperty("role", "muted")
        self.target = TargetRow(self.ctx)
        self.assess = QWidget()
        form = QFormLayout(self.assess)
        form.setContentsMargins(0, 0, 0, 0)

        def named(key: str) -> str:  # as every view names the field
            return field_name("assessments", key)

        form.addRow(named("value"), with_message(self.value, self.value_message))
        form.addRow(named("met"), self.result)
        form.addRow("", self.chip)
        form.addRow("", self.reason)
        form.addRow(named("note"), self.note)
        form.addRow(named("assessed_on"), with_message(self.when, self.when_message))
        form.addRow(self.when_hint)
        form.addRow(named("assessed_by"), self.who)
        form.addRow(named("evidence"), self.evidence)
        form.addRow("", self.state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.assess)
        layout.addWidget(self.target)
        layout.addStretch(1)
        self.value.edited.connect(self._edited)
        self.result.activated.connect(lambda _: self._edited())
        self.note.textChanged.connect(self._edited)
        self.when.dateChanged.connect(lambda _: self._edited())
        self.when.dateChanged.connect(lambda _: self._hint_date())
        self.when.replaced.connect(self.when_message.clear_message)
        self.who.editTextChanged.connect(lambda _: self._edited())
        self.evidence.attach_requested.connect(self._attach)

    # ---- what is shown ---------------------------------------------------------------------------

    def show_nothing(self) -> None:
        self._criterion = self._indicator = None
        self.heading.show_hint(tr("Choose a criterion or an indicator on the left."))
        self.assess.setVisible(False)
        self.target.setVisible(False)

    def show_item(self, data: YearData, criterion: Criterion, indicator: Indicator | None) -> None:
        """Edit ``indicator`` of ``criterion`` (or the criterion itself) for ``data.year``."""
        self.flush()
        self._data, self._criterion, self._indicator = data, criterion, indicator
        self._dirty = self._invalid = False
        self._timer.stop()
        self.heading.show_item(data, criterion, indicator)
        whole = indicator is None and criterion.judged_whole
        self.assess.setVisible(indicator is not None or whole)
        self.target.setVisible(indicator is None)
        self.target.show_for(data, criterion)
        if self.assess.isVisible():
            self._fill(data.assessment(criterion, indicator), force=True)
        self.state.setText("")

    def refresh(self, data: YearData) -> None:
        """The data file changed: show what it holds now, without undoing what is being typed."""
        self._data = data
        if self._criterion is None:
            return
        self.heading.show_item(data, self._criterion, self._indicator)
        self.target.show_for(data, self._criterion)
        if not self.assess.isVisible():
            return
        current = data.assessment(self._criterion, self._indicator)
        if self._dirty or self._invalid or self._in_flight:
            self._show_evidence(current)  # the files may have changed; the fields are being typed in
        else:
            self._fill(current, force=False)

    def _fill(self, a: AssessmentView | None, force: bool) -> None:
        assert self._data is not None
        self.value.configure(self._indicator)
        if force or not self.value.has_focus():
            self.value.set_value(self._indicator, a.value if a else None)
        self.value_message.clear_message()
        mark_invalid(self.value.line, False)
        self._fill_result(a)
        with QSignalBlocker(self.note):
            if force or not self.note.hasFocus():
                self.note.setPlainText(a.note if a else "")
        with QSignalBlocker(self.when):
            self.when.show_stored(a.assessed_on if a and a.assessed_on else vntime.today())
        self.when_message.show_message(self.when.outside_text())
        self._hint_date()
        self._fill_officers(a.assessed_by if a else "")
        self._show_evidence(a)
        self._show_judgement()

    def _hint_date(self) -> None:
        """A day in the future is allowed but likely a slip of the year: say so beside it, at once."""
        day = self.when.date()
        when = date(day.year(), day.month(), day.day())
        self.when_hint.show_warnings(plausible.check_date(when, tr("Assessed on")))

    def _show_evidence(self, a: AssessmentView | None) -> None:
        self.evidence.show_files(self.ctx.ws.evidence.list_for(a.uid) if a and a.evidence else [])

    def _fill_result(self, a: AssessmentView | None) -> None:
        assert self._data is not None
        auto = (
            self._indicator is not None
            and judgement.rule(self._data.cs, self._indicator, self._data.unit).threshold is not None
        )
        with QSignalBlocker(self.result):
            self.result.clear()
            self.result.addItem(tr("Worked out from the threshold") if auto else tr("Not decided yet"), None)
            self.result.addItem(tr("Met"), True)
            self.result.addItem(tr("Not met"), False)
            explicit = a is not None and a.met is not None and not (auto and a.met == a.met_auto)
            self.result.setCurrentIndex(self.result.findData(a.met) if explicit and a else 0)

    def _fill_officers(self, current: str) -> None:
        assert self._data is not None
        names = [o.name for o in self._data.unit.officers]
        with QSignalBlocker(self.who):
            self.who.clear()
            self.who.addItems(names)
            self.who.setCurrentText(current or self._last_officer or (names[0] if names else ""))

    # ---- editing and saving ----------------------------------------------------------------------

    def _edited(self) -> None:
        if self._criterion is None:
            return
        self._dirty = True
        if self._show_judgement():
            self._timer.start()
            self.state.setText(tr("Not saved yet…"))
        else:
            self._timer.stop()
            self.state.setText(tr("Not saved: correct the value first"))

    def _show_judgement(self) -> bool:
        """Check the value and show the result it will get; False (and the message) if it is wrong."""
        assert self._data is not None and self._criterion is not None
        try:
            j = judgement.judge(
                self._data.cs, self._indicator, self._data.unit, self.value.raw(), self.result.currentData()
            )
        except InvalidInput as exc:
            self._invalid = True
            self.value_message.show_message(exc.problems[0].message if exc.problems else str(exc))
            mark_invalid(self.value.line, True)
            # No result for a value that is not one: the chip judged what was typed a key earlier ("1" of
            # "1.000,5": Chưa đạt), beside a value that will not be saved.
            self.chip.setVisible(False)
            self.reason.setVisible(False)
            return False
        self._invalid = False
        self.value_message.clear_message()
        mark_invalid(self.value.line, False)
        self.chip.setVisible(True)
        self.chip.show_status(j.status)
        self.reason.setText(j.reason)
        self.reason.setVisible(bool(j.reason))
        return True

    def flush(self, evidence: tuple[Path, ...] = ()) -> None:
        """Save now if anything changed (and the value is valid)."""
        self._timer.stop()
        if self._data is None or self._criterion is None or self._invalid or not (self._dirty or evidence):
            return
        self._dirty = False
        self._last_officer = self.who.currentText()
        fields = self._fields(evidence)
        self._in_flight += 1
        self.state.setText(tr("Saving…"))
        self.ctx.mutate(
            lambda ws: ws.progress.record(**fields),
            self._saved,
            on_invalid=self._refused,
            handles=(InvalidInput,),
            owner=self,
        )

    def _fields(self, evidence: tuple[Path, ...]) -> dict[str, Any]:
        assert self._data is not None and self._criterion is not None
        fields: dict[str, Any] = {
            "year": self._data.year,
            "set_id": self._data.cs.id,
            "value": self.value.raw(),
            "met": self.result.currentData(),
            "note": self.note.toPlainText(),
            # A saved date outside the years stays as saved (None keeps it) until the officer chooses one:
            # the box shows another day, which must not be stored in its place.
            "assessed_on": None if self.when.outside else self.when.day(),
            "assessed_by": self.who.currentText(),
            "evidence": evidence,
            "keep_judgement": False,  # the result box always says what the officer wants
        }
        if self._indicator is not None:
            fields["indicator"] = self._indicator.code
        else:
            fields["criterion"] = self._criterion.code
        return fields

    def _saved(self, _: Changes) -> None:
        self._in_flight -= 1
        # In Vietnam time, whatever zone the computer's clock is set to.
        self.state.setText(tr("Saved at {time}", time=f"{vntime.now():%H:%M}"))
        self.saved.emit()

    def _refused(self, exc: BaseException) -> None:
        self._in_flight -= 1
        self._dirty = True
        message = exc.problems[0].message if isinstance(exc, InvalidInput) and exc.problems else str(exc)
        self.value_message.show_message(message)
        self.state.setText(tr("Not saved: correct the value first"))

    def _attach(self, paths: list[Path]) -> None:
        if self._invalid:
            self.value_message.show_message(tr("Correct the value first, then attach the files."))
            return
        self.flush(tuple(paths))

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the editor saves (a popup of one of its fields, like the calendar, does not count)."""
        left = old is not None and self.isAncestorOf(old) and (new is None or not self.isAncestorOf(new))
        to_popup = new is not None and new.window() is not self.window()
        if left and not to_popup and self._dirty:
            self.flush()

    def unsaved(self) -> str:
        """The problem that keeps a typed value from being saved, if any."""
        return self.value_message.message if self._invalid and self._dirty else ""
