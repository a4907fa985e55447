"""Return a commune's year for correction: the reason the commune will read and, if the clerk chooses one,
the indicator (or criterion judged as a whole) it is about.

ReturnDialog.ask(parent, unit, year, choices) -> Returning | None     # None when cancelled
to_correct_choices(ws, code, year) -> list[ToCorrect]                  # read on the database worker

Without a choice the correction points at the year as a whole (the service takes its first assessment);
with one, the commune's overview says "Cần sửa: 2025 · chỉ tiêu 17.1" and opens that indicator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.receiver.values import UnitRow
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.ui.pages.criteria.tree_model import code_key
from ntm_desktop.ui.pages.receiver.dialogs import ReasonDialog

if TYPE_CHECKING:
    from ntm_desktop.criteria.model import CriteriaSet
    from ntm_desktop.services.progress import AssessmentView
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class ToCorrect:
    """One indicator (or criterion judged whole) the commune assessed that year."""

    code: str
    name: str
    record: tuple[str, str]
    """(``assessments``, the assessment's record id), as ``receiver.set_status(record=...)`` takes it."""

    @property
    def text(self) -> str:
        return f"{self.code} · {self.name}" if self.name else self.code


@dataclass(frozen=True)
class Returning:
    reason: str
    record: tuple[str, str] | None
    """The assessment to correct; ``None``: the year as a whole."""


def to_correct_choices(ws: Workspace, code: str, year: int) -> list[ToCorrect]:
    """The commune's assessments of ``year``, in the order of their criteria set, with code and name."""
    views = ws.receiver.commune(code).assessments(year)
    out: list[ToCorrect] = []
    for set_id in dict.fromkeys(a.set_id for a in views):
        mine = [a for a in views if a.set_id == set_id]
        try:
            cs: CriteriaSet | None = ws.criteria.get(set_id)
        except NtmError:  # a set this office does not hold: the codes alone
            cs = None
        out += _in_order(
            cs,
            {a.indicator: a for a in mine if a.indicator},
            {a.criterion: a for a in mine if not a.indicator},
        )
    return out


def _in_order(
    cs: CriteriaSet | None, indicators: dict[str, AssessmentView], wholes: dict[str, AssessmentView]
) -> list[ToCorrect]:
    """Each criterion's assessed indicators in the set's order, or the criterion itself where none of its
    indicators was assessed (judged as a whole); codes the set does not know come last, unnamed."""
    out: list[ToCorrect] = []
    known: set[str] = set()
    for criterion in cs.criteria if cs is not None else ():
        known |= {criterion.code, *(i.code for i in criterion.indicators)}
        assessed = [i for i in criterion.indicators if i.code in indicators]
        if assessed:
            out += [ToCorrect(i.code, i.name, _record(indicators[i.code])) for i in assessed]
        elif criterion.code in wholes:
            out.append(ToCorrect(criterion.code, criterion.name, _record(wholes[criterion.code])))
    rest = {**wholes, **indicators}
    return out + [ToCorrect(c, "", _record(rest[c])) for c in sorted(rest.keys() - known, key=code_key)]


def _record(view: AssessmentView) -> tuple[str, str]:
    return ASSESSMENTS.list_name, view.record_id


class ReturnForm(ReasonDialog):
    """The reason, and under it which indicator to correct (optional)."""

    def __init__(
        self, unit: UnitRow, year: int, choices: Sequence[ToCorrect], parent: QWidget | None
    ) -> None:
        super().__init__(
            tr("Return for correction"),
            tr("{name} ({code}), {year}", name=unit.name, code=unit.code, year=year),
            tr(
                "What should the commune correct? It is kept with the status and shown in the status history."
            ),
            tr("Return for correction"),
            parent,
        )
        self.setMinimumWidth(640)
        self.indicator = QComboBox()
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator.setMinimumContentsLength(40)
        self.indicator.addItem(tr("The year as a whole (no indicator chosen)"), None)
        for choice in choices:
            self.indicator.addItem(choice.text, choice.record)
            self.indicator.setItemData(self.indicator.count() - 1, choice.text, Qt.ItemDataRole.ToolTipRole)
        self.indicator.setToolTip(
            tr("The commune's overview names the indicator chosen here and opens it for correction.")
        )
        self.indicator.currentIndexChanged.connect(
            lambda _: self.indicator.setToolTip(self.indicator.currentText())
        )
        form = QFormLayout()
        form.addRow(tr("Indicator to correct"), self.indicator)
        self.box.insertLayout(self.box.indexOf(self.reason), form)

    def returning(self) -> Returning | None:
        reason = self.answer()
        if reason is None:
            return None
        record = self.indicator.currentData()
        return Returning(reason, (str(record[0]), str(record[1])) if record else None)


class ReturnDialog:
    """Return a commune's year for correction, with the reason the commune will read."""

    @staticmethod
    def ask(
        parent: QWidget | None, unit: UnitRow, year: int, choices: Sequence[ToCorrect] = ()
    ) -> Returning | None:
        return ReturnForm(unit, year, choices, parent).returning()
