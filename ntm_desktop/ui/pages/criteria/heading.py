"""The top of the editor: which indicator or criterion, what it requires, and its threshold — said
honestly, including when a wording or a threshold is not confirmed by the legal text."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import Criterion, Indicator
from ntm_desktop.ui.pages.criteria import judgement
from ntm_desktop.ui.pages.criteria.data import YearData
from ntm_desktop.ui.pages.criteria.present import status_label
from ntm_desktop.ui.widgets.fields import label


class ItemHeading(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "subtitle")
        self.context = label("", "muted")
        self.requirement = label("")
        self.threshold = label("")
        self.caution = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        for widget in (self.title, self.context, self.requirement, self.threshold, self.caution):
            layout.addWidget(widget)

    def show_hint(self, text: str) -> None:
        self._set(self.title, "")
        self._set(self.context, text)
        for widget in (self.requirement, self.threshold, self.caution):
            self._set(widget, "")

    def show_item(self, data: YearData, criterion: Criterion, indicator: Indicator | None) -> None:
        if indicator is not None:
            self._indicator(data, criterion, indicator)
        else:
            self._criterion(data, criterion)

    def _indicator(self, data: YearData, criterion: Criterion, indicator: Indicator) -> None:
        self._set(self.title, tr("Indicator {code}: {name}", code=indicator.code, name=indicator.name))
        self._set(
            self.context,
            tr("Criterion {code}: {name} · {year}", code=criterion.code, name=criterion.name, year=data.year),
        )
        lines = []
        if indicator.requirement:
            lines.append(tr("Requirement: {text}", text=indicator.requirement))
        if indicator.unit and indicator.kind == "number":
            lines.append(tr("Unit: {unit}", unit=indicator.unit))
        self._set(self.requirement, "\n".join(lines))
        self._set(self.threshold, judgement.threshold_text(data.cs, indicator, data.unit))
        unchecked = tr("⚠ The wording of this indicator is not yet checked against the legal text.")
        self._set(self.caution, "" if indicator.confirmed else unchecked)

    def _criterion(self, data: YearData, criterion: Criterion) -> None:
        self._set(self.title, tr("Criterion {code}: {name}", code=criterion.code, name=criterion.name))
        group = data.cs.find_group(criterion.group)
        status = data.status_of(criterion)
        parts = [group.name if group else "", str(data.year)]
        if status is not None:
            parts.append(status_label(status.status))
            if status.indicators_total:
                parts.append(
                    tr(
                        "{met}/{total} indicators met",
                        met=status.indicators_met,
                        total=status.indicators_total,
                    )
                )
        self._set(self.context, " · ".join(p for p in parts if p))
        requirement = criterion.requirement
        self._set(self.requirement, tr("Requirement: {text}", text=requirement) if requirement else "")
        if criterion.judged_whole:
            self._set(self.threshold, tr("This criterion is judged as a whole: choose Met or Not met."))
        else:
            self._set(self.threshold, tr("Choose one of its indicators on the left to enter a value."))
        self._set(
            self.caution,
            ""
            if criterion.confirmed
            else tr("⚠ The wording of this criterion is not yet checked against the legal text."),
        )

    @staticmethod
    def _set(widget: QLabel, text: str) -> None:
        widget.setText(text)
        widget.setVisible(bool(text))
