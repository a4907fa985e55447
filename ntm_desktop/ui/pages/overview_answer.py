"""The receiving unit's answer on the overview: how each year the commune sent stands there (received,
reviewed, approved, returned), and for a returned year the reason in full, what to correct and a button
that opens that record; a year the province recognised says so with its decision's number and date. It
comes in the bundles the receiving unit sends back (Sync page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.vntime import format_vn
from ntm_desktop.services.overview import YearAnswer, YearRecognition, recognition_line
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.widgets.fields import label

if TYPE_CHECKING:  # (not imported at start: the start-up preview shows this card before the data layer)
    from ntm_desktop.sync.reverse.decisions import Target


def decided_line(answer: YearAnswer) -> str:
    when = format_vn(answer.decided_at, seconds=False, offset=False) if answer.decided_at else ""
    parts = [p for p in (when, answer.decided_by) if p]
    return (
        tr("{status} ({details})", status=st.label(answer.status), details=", ".join(parts))
        if parts
        else st.label(answer.status)
    )


def years_line(answers: Sequence[YearAnswer]) -> str:
    """ "2023: Đã phê duyệt · 2024: Trả lại để chỉnh sửa", each status in its colour."""
    return " · ".join(
        f"{a.year}: <span style='color:{st.colour(a.status).name()}; font-weight:600'>"
        f"{escape(st.label(a.status))}</span>"
        for a in sorted(answers, key=lambda a: a.year)
    )


class AnswerCard(QFrame):
    """Shown when the receiving unit has decided on at least one year."""

    def __init__(self, open_record: Callable[[Target], None]) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self._open = open_record
        self.target: Target | None = None
        self.heading = label(tr("The receiving unit's answer"), "subtitle")
        self.years = label("")
        self.years.setTextFormat(Qt.TextFormat.RichText)
        self.status = label("")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.recognised = label("")
        self.recognised.setTextFormat(Qt.TextFormat.RichText)
        self.recognised.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = label("")
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.what = label("")
        self.open_button = QPushButton(tr("Open the record to correct"))
        self.open_button.clicked.connect(lambda: self.target is not None and self._open(self.target))
        self.after = label(
            tr(
                "After correcting it, mark the request as corrected on the Sync page (Correction requests) "
                "and send the next bundle."
            ),
            "muted",
        )
        row = QHBoxLayout()
        row.addWidget(self.what, 1)
        row.addWidget(self.open_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 12, 18, 12)
        for widget in (self.heading, self.years, self.status, self.recognised, self.reason):
            box.addWidget(widget)
        box.addLayout(row)
        box.addWidget(self.after)
        self.setVisible(False)

    def show_answers(
        self, answers: Sequence[YearAnswer], year: int, recognitions: Sequence[YearRecognition] = ()
    ) -> None:
        """``answers`` from the open workspace or the start-up snapshot (whose records cannot be opened
        yet: the button shows once the data file is open)."""
        self.setVisible(bool(answers) or bool(recognitions))
        self._show_recognitions([r for r in recognitions if r.year == year])
        self.years.setText(years_line(answers))
        self.years.setVisible(any(a.year != year for a in answers))  # else the line below says it all
        answer = next((a for a in answers if a.year == year), None)
        returned = answer is not None and answer.status == "returned"
        if answer is None:
            self.status.setText(escape(tr("{year}: no answer yet for this year.", year=year)))
        else:
            colour = st.colour(answer.status).name()
            said = escape(decided_line(answer))
            self.status.setText(f"<b>{year}:</b> <span style='color:{colour}; font-weight:600'>{said}</span>")
        reason = answer.reason if answer is not None else ""
        self.reason.setText(tr("Reason: {reason}", reason=reason) if reason else "")
        self.reason.setVisible(bool(reason))
        self.target = answer.target if returned and answer else None
        what = answer.to_correct if returned and answer else ""
        self.what.setText(tr("To correct: {record}", record=what) if what else "")
        for widget in (self.what, self.after):
            widget.setVisible(returned)
        self.open_button.setVisible(self.target is not None)

    def _show_recognitions(self, found: Sequence[YearRecognition]) -> None:
        colour = st.colour("approved").name()
        self.recognised.setText(
            "<br>".join(
                f"<span style='color:{colour}; font-weight:600'>{escape(recognition_line(r))}</span>"
                for r in found
            )
        )
        self.recognised.setVisible(bool(found))
