"""Communes by criteria met, each bar split by how far the province has confirmed the figures: the
commune's own only, reviewed, approved, recognised by a decision (``UnitRow.stage``), with a legend that
counts each. A commune's own "19/19" and a recognised commune are never the same colour."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.receiver.values import APPROVED, RECEIVED, REVIEWED, STAGES, UnitRow
from ntm_desktop.ui.pages.dashboard.charts import EmptyStateChart, nice_scale
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.style import FONT_POINTS

RECOGNISED_COLOUR = QColor("#5b2c83")
"""Apart from the sign-off colours: recognised is more than approved."""


def stage_label(stage: str) -> str:
    labels = {
        "self_assessed": tr("Self-assessed only"),
        "reviewed": st.label(REVIEWED),
        "approved": st.label(APPROVED),
        "recognised": tr("Recognised by a decision"),
    }
    return labels.get(stage, stage)


def stage_colour(stage: str) -> QColor:
    colours = {
        "self_assessed": st.colour(RECEIVED),
        "reviewed": st.colour(REVIEWED),
        "approved": st.colour(APPROVED),
    }
    return colours.get(stage, RECOGNISED_COLOUR)


def by_stage(units: Sequence[UnitRow], total: int) -> dict[str, list[int]]:
    """Stage → communes meeting 0, 1, … ``total`` criteria (those with figures for the year)."""
    out = {s: [0] * (total + 1) for s in STAGES}
    for u in units:
        if u.stage and u.criteria_met is not None and 0 <= u.criteria_met <= total:
            out[u.stage][u.criteria_met] += 1
    return out


class StageChart(EmptyStateChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(270)
        self.counts: list[int] = []
        """Communes per number of criteria met, all stages together."""
        self.stages: dict[str, list[int]] = {}
        self.legend_names: list[str] = []

    def show_stages(self, units: Sequence[UnitRow], total: int, axis_title: str, empty: str) -> None:
        self.stages = by_stage(units, total)
        self.counts = [sum(col) for col in zip(*self.stages.values(), strict=True)]
        if not any(self.counts):
            self.legend_names = []
            self.show_empty(empty)
            return
        self.empty_text = ""
        font = QFont()
        font.setPointSize(FONT_POINTS - 1)
        series = QStackedBarSeries()
        self.legend_names = []
        for stage in STAGES:
            name = f"{stage_label(stage)}: {sum(self.stages[stage])}"
            self.legend_names.append(name)
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in self.stages[stage]])
            bar_set.setColor(stage_colour(stage))
            bar_set.setBorderColor(stage_colour(stage))
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.addSeries(series)
        self._axes(chart, series, [str(n) for n in range(total + 1)], axis_title, font)
        self.set_chart(chart)
        legend = chart.legend()
        legend.setVisible(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(font)

    def _axes(
        self, chart: QChart, series: QStackedBarSeries, names: list[str], title: str, font: QFont
    ) -> None:
        categories = QBarCategoryAxis()
        categories.append(names)
        categories.setLabelsFont(font)
        categories.setTitleText(title)
        categories.setTitleFont(font)
        axis = QValueAxis()
        maximum, ticks, _ = nice_scale(max(self.counts, default=0), whole=True)
        axis.setRange(0, maximum)
        axis.setLabelFormat("%d")
        axis.setTickCount(ticks)
        axis.setLabelsFont(font)
        axis.setTitleText(tr("communes"))
        axis.setTitleFont(font)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(axis)
