"""Tổng quan: how many criteria the commune meets in the selected year, and how that changed over time."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.units import REGIONS, UnitProfile, period_text
from ntm_desktop.services.overview import OverviewFigures, SetPeriod, load_figures
from ntm_desktop.services.rollup import MET, NOT_MET, PARTIAL, UNKNOWN, YearSummary, status_text
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.history_chart import HistoryChart
from ntm_desktop.ui.pages.overview_answer import AnswerCard
from ntm_desktop.ui.style import STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:  # (the start-up preview shows this page before the data layer is imported)
    from ntm_desktop.sync.reverse.decisions import Target


def change_line(summary: YearSummary, button: bool = True) -> str:
    """How the year compares with the one before; ``button``: the page has «Record results for this year»
    (the help overview, which has none, sends the officer to the Criteria page instead)."""
    if not summary.recorded and not button:
        return tr("No results recorded for {year} yet: record them on the Criteria page.", year=summary.year)
    if not summary.recorded:  # 0/19 of a year not recorded yet is no fall from the year before
        return tr(
            "No results recorded for {year} yet: click «{button}».",
            year=summary.year,
            button=tr("Record results for this year"),
        )
    if summary.previous_year is None or summary.previous_met is None:
        return tr("No earlier year to compare with")
    diff = summary.met - summary.previous_met
    if diff > 0:
        return tr("{n} more than in {year}", n=diff, year=summary.previous_year)
    if diff < 0:
        return tr("{n} fewer than in {year}", n=-diff, year=summary.previous_year)
    return tr("The same as in {year}", year=summary.previous_year)


def unit_line(unit: UnitProfile) -> str:
    parts = [unit.province_name]
    if unit.region:
        vi, en = REGIONS.get(unit.region, (unit.region, unit.region))
        parts.append(en if language() == "en" else vi)
    for period, group in unit.groups:
        parts.append(tr("Group {group} ({period})", group=group, period=period_text(period)))
    if unit.group and not unit.groups:
        parts.append(tr("Group {group}", group=unit.group))
    parts.append(tr("Code {code}", code=unit.code))
    return " · ".join(p for p in parts if p)


class OverviewPage(Page):
    """With a context the page reads the workspace and follows its changes (wired by the main window).
    Without one it is the start-up preview: it shows the ``figures`` kept in the start-up snapshot as they
    are, with nothing to click, until the data file is open and the real page replaces it."""

    def __init__(
        self,
        ctx: AppContext | None,
        year: YearState,
        open_criteria: Callable[[], None],
        open_record: Callable[[Target], None] = lambda target: None,
        parent: QWidget | None = None,
        *,
        figures: OverviewFigures | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.title = label("", "title")
        self.subtitle = label("", "muted")
        self.year_title = label("", "subtitle")
        self.count = label("", "big", wrap=False)
        self.count_caption = label(tr("criteria met"))
        self.change = label("")
        self.recorded = label("", "muted")
        self.open_list = label("")
        self.open_list.setTextFormat(Qt.TextFormat.RichText)
        self.chart = HistoryChart()
        self.no_history = label(tr("No year has results yet. Open Criteria to record them."), "muted")
        self.enter = QPushButton(tr("Record results for this year"))
        self.enter.clicked.connect(open_criteria)
        self.answer = AnswerCard(open_record)
        self.year_spin = YearSpin(year)
        self._lay_out()
        if ctx is None:
            self.enter.setEnabled(False)
            self.year_spin.setEnabled(False)
        else:
            figures = load_figures(ctx.ws, year.year)
        if figures is not None:
            self.show_figures(figures)

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(self.year_spin)
        year_card = card()
        grid = QGridLayout(year_card)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.addWidget(self.year_title, 0, 0, 1, 2)
        grid.addWidget(self.count, 1, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.count_caption, 1, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.change, 2, 0, 1, 2)
        grid.addWidget(self.recorded, 3, 0, 1, 2)
        grid.addWidget(self.open_list, 4, 0, 1, 2)
        grid.addWidget(self.enter, 5, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        chart_card = card()
        chart_box = QVBoxLayout(chart_card)
        chart_box.setContentsMargins(18, 14, 18, 14)
        chart_box.addWidget(label(tr("Share of criteria met, each year against its own set"), "subtitle"))
        chart_box.addWidget(self.chart, 1)
        # without a chart the sentence takes its room, read at the top (the title stood mid-card)
        chart_box.addWidget(self.no_history, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(head)
        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(year_card, 1)
        cards.addWidget(self.answer, 1)
        layout.addLayout(cards)
        layout.addWidget(chart_card, 1)

    def set_year(self, year: int) -> None:
        self._reload()

    def refresh(self, changes: Changes) -> None:
        # a bundle sent back (SYNC) brings the receiving unit's answer
        if changes.touches(Kind.PROGRESS, Kind.CRITERIA, Kind.UNIT, Kind.SYNC):
            self._reload()

    def _reload(self) -> None:
        if self.ctx is not None:
            self.show_figures(load_figures(self.ctx.ws, self.year.year))

    def show_figures(self, figures: OverviewFigures) -> None:
        self.title.setText(figures.unit.name)
        self.subtitle.setText(unit_line(figures.unit))
        self.year_title.setText(tr("Year {year}", year=figures.year))
        self._show_summary(figures.summary, figures.problem)
        history = list(figures.history)
        self.chart.setVisible(bool(history))
        self.no_history.setVisible(not history)
        if history:
            self.chart.show_history(history, figures.year, set_names(figures.sets))
        self.answer.show_answers(figures.answers, figures.year, figures.recognitions)

    def _show_summary(self, summary: YearSummary | None, problem: str) -> None:
        if summary is None:
            self.count.setText("—")
            self.change.setText(problem)
            self.recorded.setText("")
            self.open_list.setText("")
            return
        self.count.setText(f"{summary.met}/{summary.total}")
        self.change.setText(change_line(summary))
        self.recorded.setText(
            tr("{recorded} of {total} criteria have results", recorded=summary.recorded, total=summary.total)
        )
        self.open_list.setText(_open_criteria(summary))


def set_names(sets: tuple[SetPeriod, ...]) -> dict[str, str]:
    """Set id → how the chart's legend names it: "Bộ 2021–2025 (19 tiêu chí)"."""
    return {
        s.id: tr(
            "{first}–{last} set ({count} criteria)", first=s.period_from, last=s.period_to, count=s.criteria
        )
        for s in sets
    }


def _open_criteria(summary: YearSummary) -> str:
    """ "Chưa đạt: 2 Giao thông, 10 Thu nhập" (with the colours of the statuses)."""
    lines = []
    for status in (NOT_MET, PARTIAL, UNKNOWN):
        names = [
            f"{c.code}. {c.name_en if language() == 'en' and c.name_en else c.name_vi}"
            for c in summary.criteria
            if c.status == status
        ]
        if names:
            colour = STATUS_COLOURS[status].name()
            lines.append(
                f"<span style='color:{colour}; font-weight:600'>{escape(status_text(status))}:</span> "
                f"{escape(', '.join(names))}"
            )
    if not lines and summary.criteria and all(c.status == MET for c in summary.criteria):
        return tr("Every criterion is met.")
    return "<br>".join(lines)
