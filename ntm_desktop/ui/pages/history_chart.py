"""The overview's bar chart: each year against its own criteria set (QtCharts is loaded only when this
page is built).

19 criteria in 2025 and 10 in 2026 cannot share one count axis (19/19 then 4/10 would read as a collapse),
so a bar is the share of its own set's criteria met, labelled "19/19" under the year, and each set has its
own colour, named in the legend: where the colour changes, the set changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.rollup import YearSummary
from ntm_desktop.ui.style import ACCENT, FONT_POINTS

_PALETTE = (ACCENT, QColor("#b26a00"), QColor("#6a4c93"), QColor("#2a7f62"))


def share(summary: YearSummary) -> float:
    """The share of the year's criteria met, in percent (0 for a set without criteria)."""
    return round(100 * summary.met / summary.total, 1) if summary.total else 0.0


class HistoryChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.sets: list[QBarSet] = []
        self.categories: list[str] = []

    def show_history(
        self,
        history: list[YearSummary],
        selected_year: int | None = None,
        set_names: Mapping[str, str] | None = None,
    ) -> None:
        """``set_names``: set id → what the legend calls it (e.g. "Bộ 2021–2025, 19 tiêu chí")."""
        font = QFont()
        font.setPointSize(FONT_POINTS)
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        order = list(dict.fromkeys(s.set_id for s in history))
        series = QStackedBarSeries()
        series.setBarWidth(0.55)
        self.sets = [
            self._bars(set_id, n, history, (set_names or {}).get(set_id, set_id))
            for n, set_id in enumerate(order)
        ]
        for bars in self.sets:
            series.append(bars)
        years_shown = [s.year for s in history]
        if selected_year in years_shown:
            index = years_shown.index(selected_year)
            for bars in self.sets:
                bars.selectBar(index)  # the year the officer is looking at
        chart.addSeries(series)
        self.categories = [_category(s) for s in history]
        _add_axes(chart, series, self.categories, font)
        legend = chart.legend()
        legend.setVisible(len(order) > 1)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(font)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    @staticmethod
    def _bars(set_id: str, n: int, history: list[YearSummary], name: str) -> QBarSet:
        colour = _PALETTE[n % len(_PALETTE)]
        bars = QBarSet(name)
        bars.setColor(colour)
        bars.setBorderColor(colour)
        bars.setSelectedColor(colour.darker(150))
        for summary in history:
            bars.append(share(summary) if summary.set_id == set_id else 0.0)
        return bars

    def values(self) -> list[float]:
        """Per year, the share of its set's criteria met (percent)."""
        if not self.sets:
            return []
        count = self.sets[0].count()
        return [sum(bars.at(i) for bars in self.sets) for i in range(count)]

    def legend_names(self) -> list[str]:
        return [bars.label() for bars in self.sets]


def _add_axes(chart: QChart, series: QStackedBarSeries, categories: list[str], font: QFont) -> None:
    """Years (with "met/total") along the bottom, the share of the year's criteria met up the side."""
    years = QBarCategoryAxis()
    years.append(categories)
    years.setLabelsFont(font)
    shares = QValueAxis()
    shares.setRange(0, 100)
    shares.setTickCount(6)
    shares.setLabelFormat("%d%%")
    shares.setLabelsFont(font)
    chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(shares, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(years)
    series.attachAxis(shares)


def _category(summary: YearSummary) -> str:
    return tr("{year}: {met}/{total}", year=summary.year, met=summary.met, total=summary.total)
