"""The top of the editor: which indicator or criterion, what it requires, and its threshold — said
honestly, including when a wording or a threshold is not confirmed by the legal text."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import language, tr, trn
from ntm_desktop.criteria.model import Criterion, Indicator
from ntm_desktop.criteria.requirement import applicable, delegated_text, missing_text
from ntm_desktop.ui.pages.criteria import judgement
from ntm_desktop.ui.pages.criteria.data import YearData
from ntm_desktop.ui.pages.criteria.present import status_label
from ntm_desktop.ui.widgets.fields import label


def requirement_line(item: Indicator | Criterion, data: YearData) -> str:
    """The requirement text that applies to this commune, citing its document when it is not the set's."""
    found = applicable(item, data.unit.region, data.unit.group)
    if not found.text:
        return ""
    text = found.text if language() == "vi" or found.key else item.requirement or found.text
    if item.source is not None and found.cited is not None:
        return tr("Requirement ({where}): {text}", where=found.cited.describe(), text=text)
    return tr("Requirement: {text}", text=text)


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
        lines = [requirement_line(indicator, data)] if requirement_line(indicator, data) else []
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
                    trn(
                        "{met}/{n} indicator met",
                        "{met}/{n} indicators met",
                        status.indicators_total,
                        met=status.indicators_met,
                    )
                )
        self._set(self.context, " · ".join(p for p in parts if p))
        self._set(self.requirement, requirement_line(criterion, data))
        if criterion.judged_whole:
            found = applicable(criterion, data.unit.region, data.unit.group)
            whole = tr("This criterion is judged as a whole: choose Met or Not met.")
            if found.kind == "missing":
                whole = missing_text(found.cited, whole=True) + "\n" + whole
            elif found.kind == "delegated":
                whole = delegated_text(found.cited) + "\n" + whole
            self._set(self.threshold, whole)
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
