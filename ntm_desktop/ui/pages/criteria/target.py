"""The year by which the commune plans to meet a criterion, saved as soon as it is chosen."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.years import LAST_YEAR
from ntm_desktop.criteria.model import Criterion
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.criteria.data import YearData
from ntm_desktop.ui.widgets.fields import hint


class TargetRow(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._criterion: Criterion | None = None
        self._set_id = ""
        self.spin = QSpinBox()
        self.spin.setKeyboardTracking(False)
        self.spin.setSpecialValueText(tr("— not set —"))
        self.spin.setMinimumWidth(120)
        self.spin.valueChanged.connect(self._chosen)
        form = QFormLayout(self)
        form.setContentsMargins(0, 8, 0, 0)
        form.addRow(tr("Target year"), self.spin)
        form.addRow("", hint(tr("The year by which the commune plans to meet this criterion.")))

    def show_for(self, data: YearData, criterion: Criterion) -> None:
        self._criterion, self._set_id = criterion, data.cs.id
        status = data.status_of(criterion)
        with QSignalBlocker(self.spin):
            self.spin.setRange(data.cs.period_from - 1, LAST_YEAR)
            self.spin.setValue(status.target_year if status and status.target_year else self.spin.minimum())

    def _chosen(self, value: int) -> None:
        if self._criterion is None:
            return
        code, set_id = self._criterion.code, self._set_id
        year = None if value == self.spin.minimum() else value
        self.ctx.mutate(lambda ws: ws.progress.set_target(code, year, set_id=set_id))
