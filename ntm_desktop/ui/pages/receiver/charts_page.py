"""Biểu đồ: the year across communes at a glance (QtCharts).

How many communes meet how many criteria, each bar split by how far the province confirmed the figures
(self-assessed only, reviewed, approved, recognised); where the communes are in their sign-off; the value
of help by supporter (the largest) and by kind of help, in triệu đồng.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money
from ntm_desktop.receiver.values import STATUSES, SupporterTotal, UnitRow
from ntm_desktop.services.ledger import KindTotal
from ntm_desktop.services.ledger.kinds import item_kind_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.dashboard.charts import (
    BarChart,
    EmptyStateChart,
    accent,
    millions,
    nice_scale,
    short,
)
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.pages.receiver.stage_chart import StageChart
from ntm_desktop.ui.pages.receiver.year_page import YearFiguresPage
from ntm_desktop.ui.style import FONT_POINTS
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

WATCHED = (Kind.SYNC, Kind.HELP, Kind.SUPPORTERS, Kind.PROGRESS, Kind.RECEIVER, Kind.UNIT)
TOP_SUPPORTERS = 10


@dataclass(frozen=True)
class ChartData:
    year: int
    units: list[UnitRow]
    distribution: dict[int, int]
    supporters: list[SupporterTotal]
    kinds: list[KindTotal]

    @property
    def criteria_total(self) -> int:
        return max((u.criteria_total or 0 for u in self.units), default=0)


def load_charts(ws: Workspace, year: int) -> ChartData:
    r = ws.receiver
    units = r.units(year)
    return ChartData(year, units, r.criteria_distribution(year), r.by_supporter(year), r.by_kind(year))


class CountChart(EmptyStateChart):
    """Bars of counts of communes, one per category; horizontal ones may each have their own colour."""

    def __init__(self, horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(250)
        self.counts: list[int] = []

    def show_counts(
        self,
        categories: Sequence[str],
        counts: Sequence[int],
        axis_title: str,
        colours: Sequence[QColor] = (),
        empty: str = "",
    ) -> None:
        self.counts = list(counts)
        if not any(counts):
            self.show_empty(empty or tr("No commune to count yet."))
            return
        self.empty_text = ""
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        font = QFont()
        font.setPointSize(FONT_POINTS - 1)
        series = self._series(counts, colours, font)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(list(categories))
        names.setLabelsFont(font)
        if axis_title:
            names.setTitleText(axis_title)
            names.setTitleFont(font)
        axis = QValueAxis()
        maximum, ticks, _ = nice_scale(max(counts, default=0), whole=True)
        axis.setRange(0, maximum)
        axis.setLabelFormat("%d")
        axis.setTickCount(ticks)
        axis.setLabelsFont(font)
        axis.setTitleText(tr("communes"))
        axis.setTitleFont(font)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if self.horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom if self.horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(axis)
        self.set_chart(chart)

    def _series(self, counts: Sequence[int], colours: Sequence[QColor], font: QFont) -> QAbstractBarSeries:
        if colours:  # a set per category, stacked: each bar in its own colour (the count is in the name)
            stacked = QHorizontalStackedBarSeries() if self.horizontal else QStackedBarSeries()
            for n, colour in enumerate(colours):
                values = [count if i == n else 0 for i, count in enumerate(counts)]
                stacked.append(_bar_set(str(n), values, colour, font))
            stacked.setBarWidth(0.7)
            return stacked
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(_bar_set(tr("Communes"), counts, accent(), font))
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setBarWidth(0.7)
        return series


def _bar_set(name: str, values: Sequence[int], colour: QColor, font: QFont) -> QBarSet:
    bar_set = QBarSet(name)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)
    bar_set.setLabelColor(QColor("#1d2327"))
    bar_set.setLabelFont(font)
    return bar_set


class ChartsPage(YearFiguresPage):
    watched = WATCHED

    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.data: ChartData | None = None
        self.distribution = StageChart()
        self.statuses = CountChart(horizontal=True)
        self.supporters = BarChart(horizontal=True)
        self.kinds = BarChart(horizontal=True)
        self.titles = [label("", "subtitle") for _ in range(4)]
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(label(tr("Charts"), "title"), 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(YearSpin(self.year))
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 8, 8, 8)
        grid.setSpacing(12)
        places = [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1), (2, 0, 1, 2)]  # wide charts get the whole row
        charts = (self.distribution, self.statuses, self.kinds, self.supporters)
        for n, (chart, place) in enumerate(zip(charts, places, strict=True)):
            box = card()
            inner_box = QVBoxLayout(box)
            inner_box.setContentsMargins(14, 10, 14, 10)
            inner_box.addWidget(self.titles[n])
            inner_box.addWidget(chart, 1)
            grid.addWidget(box, *place)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)

    def load_figures(self, ws: Workspace, year: int) -> ChartData:
        return load_charts(ws, year)

    def present(self, data: ChartData) -> None:
        self.show_charts(data)

    def show_charts(self, d: ChartData) -> None:
        self.data = d
        total = d.criteria_total or max(d.distribution, default=0)
        self.titles[0].setText(tr("Communes by criteria met and how far the province confirmed them, {year}",
                                  year=d.year))  # fmt: skip
        self.distribution.show_stages(
            d.units,
            total,
            tr("criteria met (of {total})", total=total),
            tr("No commune has sent results for {year} yet.", year=d.year),
        )
        self.titles[1].setText(tr("Communes by status, {year}", year=d.year))
        by_status = Counter(u.status for u in d.units)
        shown = list(reversed(STATUSES))  # the first status at the top
        self.statuses.show_counts(
            [f"{st.label(s)}: {by_status.get(s, 0)}" for s in shown],
            [by_status.get(s, 0) for s in shown],
            "",
            [st.colour(s) for s in shown],
        )
        self.titles[3].setText(tr("Value of help by supporter, {year}", year=d.year))
        top = list(reversed(d.supporters[:TOP_SUPPORTERS]))
        self.supporters.show_bars(
            [short(s.name) for s in top],
            [(tr("Value in money"), [millions(s.value_vnd) for s in top], accent())],
            empty=tr("No help recorded in {year}.", year=d.year),
        )
        self.supporters.setToolTip("\n".join(f"{s.name}: {format_money(s.value_vnd)}" for s in d.supporters))
        self.titles[2].setText(tr("Value of help by kind, {year}", year=d.year))
        kinds = sorted((k for k in d.kinds if k.value_vnd), key=lambda k: k.value_vnd)
        self.kinds.show_bars(
            [item_kind_label(k.kind) for k in kinds],
            [(tr("Value in money"), [millions(k.value_vnd) for k in kinds], accent())],
            empty=tr("No help recorded in {year}.", year=d.year),
        )
