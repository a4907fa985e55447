"""The overview's charts (QtCharts): value of help by supporter, by month and by year, in triệu đồng."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.style import ACCENT, FONT_POINTS

CASH_COLOUR = QColor("#b7791f")


def millions(vnd: int) -> float:
    return round(vnd / 1_000_000, 2)


def short(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class BarChart(QChartView):
    """Bars of values in triệu đồng, one per category; horizontal for long names."""

    def __init__(self, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.sets: list[QBarSet] = []
        self.categories: list[str] = []

    def show_bars(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float], QColor]],
        category_title: str = "",
        value_title: str | None = None,
    ) -> None:
        """Bars per category; values in triệu đồng unless ``value_title`` names another unit."""
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setLocalizeNumbers(True)
        bars = self._bars(series)
        chart.addSeries(bars)
        self.categories = list(categories)
        names = QBarCategoryAxis()
        names.append(self.categories)
        top = max((v for _, vs, _ in series for v in vs), default=0)
        values = _value_axis(top, tr("million đồng") if value_title is None else value_title)
        _style_axis(names, category_title)
        along, across = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if not self.horizontal:
            along, across = across, along
        chart.addAxis(names, along)
        chart.addAxis(values, across)
        bars.attachAxis(names)
        bars.attachAxis(values)
        legend = chart.legend()
        legend.setVisible(len(series) > 1)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(_font())
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _bars(
        self, series: Sequence[tuple[str, Sequence[float], QColor]]
    ) -> QBarSeries | QHorizontalBarSeries:
        bars = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        self.sets = []
        for n, (name, values, colour) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            # Only the first series carries numbers: two labels side by side run into each other.
            bar_set.setLabelColor(QColor("#1d2327") if n == 0 else QColor(0, 0, 0, 0))
            bar_set.setLabelFont(_font())
            bar_set.append(list(values))
            bars.append(bar_set)
            self.sets.append(bar_set)
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        bars.setLabelsFormat("@value")
        bars.setBarWidth(0.7)
        return bars

    def values(self, index: int = 0) -> list[float]:
        if index >= len(self.sets):
            return []
        bar_set = self.sets[index]
        return [bar_set.at(i) for i in range(bar_set.count())]


def _font() -> QFont:
    font = QFont()
    font.setPointSize(FONT_POINTS - 1)
    return font


def _style_axis(axis: QAbstractAxis, title: str) -> None:
    axis.setLabelsFont(_font())
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font())


def _value_axis(top: float, title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, top * 1.15 if top else 1)
    axis.setTickCount(5)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")
    _style_axis(axis, title)
    return axis


def accent() -> QColor:
    return QColor(ACCENT)
