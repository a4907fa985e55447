"""The overview's bar chart: criteria met per year (QtCharts is loaded only when this page is built)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.rollup import YearSummary
from ntm_desktop.ui.style import ACCENT, FONT_POINTS


class HistoryChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.bars: QBarSet | None = None

    def show_history(self, history: list[YearSummary], selected_year: int | None = None) -> None:
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(False)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.bars = QBarSet(tr("Criteria met"))
        self.bars.setColor(ACCENT)
        self.bars.setBorderColor(ACCENT)
        self.bars.setLabelColor(QColor("#1d2327"))
        font = QFont()
        font.setPointSize(FONT_POINTS)
        self.bars.setLabelFont(font)
        self.bars.setSelectedColor(ACCENT.darker(150))
        for summary in history:
            self.bars.append(summary.met)
        years_shown = [s.year for s in history]
        if selected_year in years_shown:
            self.bars.selectBar(years_shown.index(selected_year))  # the year the officer is looking at
        series = QBarSeries()
        series.append(self.bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setBarWidth(0.55)
        chart.addSeries(series)
        _add_axes(chart, series, history, font)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def values(self) -> list[float]:
        if self.bars is None:
            return []
        return [self.bars.at(i) for i in range(self.bars.count())]


def _add_axes(chart: QChart, series: QBarSeries, history: list[YearSummary], font: QFont) -> None:
    """Years along the bottom, the count of criteria up the side (up to the set's total)."""
    years = QBarCategoryAxis()
    years.append([_category(s) for s in history])
    years.setLabelsFont(font)
    counts = QValueAxis()
    top = max((s.total for s in history), default=19)
    counts.setRange(0, top + 1)
    counts.setTickCount(min(top + 2, 6))
    counts.setLabelFormat("%d")
    counts.setLabelsFont(font)
    chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(years)
    series.attachAxis(counts)


def _category(summary: YearSummary) -> str:
    return tr("{year} (of {total})", year=summary.year, total=summary.total)
