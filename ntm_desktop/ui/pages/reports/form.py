"""What to make: the kind of report, its year or supporter and period, the number and the date.

The kinds offered depend on who makes them: a commune's own reports (:data:`COMMUNE_KINDS`), or a receiving
unit's summary of its communes for a year (:data:`RECEIVER_KINDS`). Its date boxes (the period, the
report's date) offer the app's years only, as the entry forms' do (:func:`date_edit`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QWidget

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.reports import CommuneReport, ProgressReport, ReportRequest, SummaryReport, SupporterReport
from ntm_desktop.services.ledger import Supporter
from ntm_desktop.ui.collate import vi_sorted
from ntm_desktop.ui.widgets.forms import date_edit
from ntm_desktop.ui.year import YearSpin, YearState

COMMUNE, SUPPORTER, PROGRESS, SUMMARY = "commune", "supporter", "progress", "summary"
COMMUNE_KINDS = (COMMUNE, SUPPORTER, PROGRESS)
RECEIVER_KINDS = (SUMMARY,)


def kind_title(kind: str) -> str:
    return {
        COMMUNE: tr("Annual report on the criteria"),
        SUPPORTER: tr("Help from one supporter"),
        PROGRESS: tr("Criteria progress over the years"),
        SUMMARY: tr("The year's summary of all communes"),
    }[kind]


class ReportForm(QWidget):
    changed = Signal()
    """Anything the report depends on was changed (the preview no longer shows it)."""

    def __init__(
        self, year: YearState, kinds: Sequence[str] = COMMUNE_KINDS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = year
        self.kinds = tuple(kinds)
        self.kind = QComboBox()
        self.supporter = QComboBox()
        for kind in self.kinds:
            self.kind.addItem(kind_title(kind), kind)
        for box in (self.kind, self.supporter):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
        self.year = YearSpin(year)
        self.recipient = QCheckBox(tr("Address it to the receiving unit (Kính gửi)"))
        self.recipient.setChecked(True)
        self.start = date_edit(date(year.year, 1, 1))
        self.end = date_edit(date(year.year, 12, 31))
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText(tr("— leave blank —"))
        self.date = date_edit(vntime.today())
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(tr("Report"), self.kind)
        self.form.addRow(tr("Year"), self.year)
        self.form.addRow(self.recipient)
        self.form.addRow(tr("Supporter"), self.supporter)
        self.form.addRow(tr("From"), self.start)
        self.form.addRow(tr("To"), self.end)
        self.form.addRow(tr("Number (Số)"), self.number)
        self.form.addRow(tr("Date"), self.date)
        self.kind.currentIndexChanged.connect(self._show_fields)
        for signal in (
            self.kind.currentIndexChanged,
            self.recipient.toggled,
            self.supporter.currentIndexChanged,
            self.start.dateChanged,
            self.end.dateChanged,
            self.number.valueChanged,
            self.date.dateChanged,
        ):
            signal.connect(self.changed)
        self._show_fields()

    @property
    def chosen(self) -> str:
        return str(self.kind.currentData())

    def set_supporters(self, supporters: list[Supporter]) -> None:
        current = self.supporter.currentData()
        self.supporter.blockSignals(True)
        self.supporter.clear()
        for s in vi_sorted(supporters, key=lambda s: s.name):
            self.supporter.addItem(s.name, s.uid)
        index = self.supporter.findData(current)
        self.supporter.setCurrentIndex(max(index, 0))
        self.supporter.blockSignals(False)

    def _show_fields(self) -> None:
        kind = self.chosen
        for widget, shown in (
            (self.year, kind in (COMMUNE, SUMMARY)),
            (self.recipient, kind == COMMUNE),
            (self.supporter, kind == SUPPORTER),
            (self.start, kind == SUPPORTER),
            (self.end, kind == SUPPORTER),
        ):
            self.form.setRowVisible(widget, shown)

    def set_year(self, year: int) -> None:
        """The selected year moved: a supporter report's period follows it."""
        self.start.setDate(QDate(year, 1, 1))
        self.end.setDate(QDate(year, 12, 31))
        self.changed.emit()

    def request(self) -> ReportRequest:
        """The report asked for; :class:`InvalidInput` if a supporter report has no supporter."""
        number = self.number.value() or None
        when: date = self.date.date().toPython()  # type: ignore[assignment]
        if self.chosen == COMMUNE:
            return CommuneReport(
                year=self.state.year, recipient=self.recipient.isChecked(), number=number, date=when
            )
        if self.chosen == SUMMARY:
            return SummaryReport(year=self.state.year, number=number, date=when)
        if self.chosen == SUPPORTER:
            uid = self.supporter.currentData()
            if not uid:
                raise InvalidInput(
                    tr("Choose a supporter. Add supporters on the Help received page."), "supporter"
                )
            start: date = self.start.date().toPython()  # type: ignore[assignment]
            end: date = self.end.date().toPython()  # type: ignore[assignment]
            return SupporterReport(supporter=str(uid), start=start, end=end, number=number, date=when)
        return ProgressReport(number=number, date=when)

    def suggested_name(self) -> str:
        """A file name an officer recognises: bao-cao-ntm-2023.pdf, bao-cao-ho-tro-….pdf, …"""
        if self.chosen == COMMUNE:
            return f"bao-cao-ntm-{self.state.year}.pdf"
        if self.chosen == SUMMARY:
            return f"bao-cao-tong-hop-ntm-{self.state.year}.pdf"
        if self.chosen == SUPPORTER:
            return f"bao-cao-ho-tro-{self.start.date().year()}-{self.end.date().year()}.pdf"
        return "bao-cao-tien-do-tieu-chi.pdf"
