"""The overview's charts (QtCharts): value of help by supporter, by month and by year, in triệu đồng."""

from __future__ import annotations

import math
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
from PySide6.QtCore import QMargins, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.style import ACCENT, FONT_POINTS, MUTED_COLOUR

CASH_COLOUR = QColor("#b7791f")


def millions(vnd: int) -> float:
    return round(vnd / 1_000_000, 2)


def short(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class EmptyStateChart(QChartView):
    """A chart view that says what is missing, in words, when it has nothing to draw (not an empty grid
    with ticks "0 0 0 1 1")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def show_empty(self, text: str) -> None:
        """No bars: a blank chart and ``text`` in the middle."""
        self.empty_text = text
        self.set_chart(QChart())

    def set_chart(self, chart: QChart) -> None:
        chart.setBackgroundVisible(False)
        chart.legend().setVisible(False)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        if not self.empty_text:
            return
        painter.save()
        painter.resetTransform()  # the viewport's own coordinates
        painter.setPen(QColor(MUTED_COLOUR))
        painter.setFont(_font())
        box = self.viewport().rect().adjusted(16, 16, -16, -16)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
        painter.restore()


class BarChart(EmptyStateChart):
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
        empty: str = "",
        whole: bool = False,
    ) -> None:
        """Bars per category; values in triệu đồng unless ``value_title`` names another unit. With no
        value above zero it shows ``empty`` (or "Nothing to show yet") instead."""
        if not any(v for _, values, _ in series for v in values):
            self.sets, self.categories = [], []
            self.show_empty(empty or tr("Nothing to show yet."))
            return
        self.empty_text = ""
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setLocalizeNumbers(True)
        bars = self._bars(series)
        chart.addSeries(bars)
        self.categories = list(categories)
        names = QBarCategoryAxis()
        names.append(self.categories)
        top = max((v for _, vs, _ in series for v in vs), default=0)
        values = _value_axis(top, tr("million đồng") if value_title is None else value_title, whole)
        _style_axis(names, category_title)
        along, across = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if not self.horizontal:
            along, across = across, along
        chart.addAxis(names, along)
        chart.addAxis(values, across)
        bars.attachAxis(names)
        bars.attachAxis(values)
        self.set_chart(chart)
        legend = chart.legend()
        legend.setVisible(len(series) > 1)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(_font())

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


def nice_scale(top: float, whole: bool = False) -> tuple[float, int, int]:
    """(axis maximum, tick count, decimals) for values up to ``top``: steps of 1, 2 or 5 times a power of
    ten, at most 5 of them, room above the highest bar for its label, and never two ticks that read the
    same ("0 0 0 1 1"). ``whole``: counts, so steps of at least 1."""
    reach = max(top, 0.0) * 1.15 or 1.0
    step = 10.0 ** math.floor(math.log10(reach / 5))
    for factor in (1, 2, 5, 10):
        if reach / (step * factor) <= 5:
            step *= factor
            break
    if whole:
        step = max(step, 1.0)
    steps = max(1, math.ceil(round(reach / step, 6)))
    decimals = 0 if step >= 1 else -math.floor(math.log10(step) + 1e-9)
    return round(step * steps, decimals), steps + 1, decimals


def _value_axis(top: float, title: str, whole: bool = False) -> QValueAxis:
    maximum, ticks, decimals = nice_scale(top, whole)
    axis = QValueAxis()
    axis.setRange(0, maximum)
    axis.setTickCount(ticks)
    axis.setLabelFormat(f"%.{decimals}f")
    _style_axis(axis, title)
    return axis


def accent() -> QColor:
    return QColor(ACCENT)
