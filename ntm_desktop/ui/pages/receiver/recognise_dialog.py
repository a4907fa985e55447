"""The province's recognition decision for a commune's approved year, recorded from its record page.

RecognitionDialog.ask(parent, unit, year) -> Decision | None     # None when cancelled

The number, date and level are checked as ``receiver recognise`` checks them (receiver/recognition.py);
what is wrong is said under the form and the dialog stays open, nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.receiver.recognition import checked
from ntm_desktop.receiver.values import RECOGNITION_LEVELS, UnitRow, recognition_level_label
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, label, mark_invalid
from ntm_desktop.ui.widgets.forms import date_edit, from_qdate


@dataclass(frozen=True)
class Decision:
    decision: str
    decided_on: date
    level: str


class RecognitionDialog(GuardedDialog):
    def __init__(self, unit: UnitRow, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = year
        self.result_value: Decision | None = None
        self.setWindowTitle(tr("Recognition decision"))
        self.setMinimumWidth(520)
        self.number = QLineEdit()
        self.number.setPlaceholderText("123/QĐ-UBND")
        self.when = date_edit(vntime.today())
        self.level = QComboBox()
        for level in RECOGNITION_LEVELS:
            self.level.addItem(recognition_level_label(level), level)
        self.message = InlineMessage()
        form = QFormLayout()
        form.addRow(tr("Decision number"), self.number)
        form.addRow(tr("Decision date"), self.when)
        form.addRow(tr("Recognised as"), self.level)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Record the decision"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        heading = tr("{name} ({code}), {year}", name=unit.name, code=unit.code, year=year)
        layout.addWidget(label(heading, "subtitle"))
        layout.addWidget(
            label(tr("The province's decision recognising the commune as meeting the standard."), "muted")
        )
        layout.addLayout(form)
        self.note = label("", "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.unit = unit
        self.level.currentIndexChanged.connect(self._say_what_is_known)
        self._say_what_is_known()

    def _say_what_is_known(self) -> None:
        """What the clerk should know before recording: the approved figures when they do not meet every
        criterion (as ``receiver recognise`` says), and the decision this one would replace."""
        unit, level, notes = self.unit, self.level.currentData(), []
        if unit.criteria_met is not None and not unit.reached_standard:
            notes.append(
                tr(
                    "Note: by the approved figures the commune meets {met}/{total} criteria in {year}.",
                    met=unit.criteria_met,
                    total=unit.criteria_total,
                    year=self.year,
                )
            )
        for r in unit.recognitions:
            if r.level == level and r.year == self.year:
                notes.append(
                    tr(
                        "Already recorded at this level: decision {decision} of {date}; recording again "
                        "replaces it (the earlier one is kept in the history).",
                        decision=r.decision,
                        date=f"{r.decided_on:%d/%m/%Y}",
                    )
                )
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))

    def _accept(self) -> None:
        level = str(self.level.currentData())
        day = from_qdate(self.when.date())
        try:
            number = checked(self.year, self.number.text(), day, level)
        except InvalidInput as error:
            wrong = {p.path for p in error.problems}
            mark_invalid(self.number, "decision" in wrong)
            mark_invalid(self.when, "date" in wrong)
            self.message.show_message(" ".join(p.message for p in error.problems))
            return
        self.result_value = Decision(number, day, level)
        self.accept()

    @staticmethod
    def ask(parent: QWidget | None, unit: UnitRow, year: int) -> Decision | None:
        dialog = RecognitionDialog(unit, year, parent)
        dialog.exec()
        return dialog.result_value
