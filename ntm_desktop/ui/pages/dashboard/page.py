"""Tổng quan hỗ trợ: the year's help and criteria at a glance.

The year's totals and criteria met; criteria met and help value over the years; who gave the most this
year and in which months; and the criteria still not met, each with the help that went to it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.i18n import language, tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money, million_text
from ntm_desktop.services.ledger.wording import item_phrase
from ntm_desktop.services.rollup import MET, YearSummary, status_text
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.dashboard.charts import CASH_COLOUR, BarChart, accent, millions, short
from ntm_desktop.ui.pages.dashboard.data import Overview, load_overview
from ntm_desktop.ui.pages.overview import change_line
from ntm_desktop.ui.style import STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.year import YearState

_WATCHED = (Kind.HELP, Kind.SUPPORTERS, Kind.PROGRESS, Kind.CRITERIA, Kind.UNIT)
TOP_SUPPORTERS = 8


def month_names() -> list[str]:
    return [str(m) for m in range(1, 13)]


class DashboardTab(QWidget):
    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.loaded = False
        self.overview: Overview | None = None
        self.help_title = label("", "subtitle")
        self.help_count = label("", "big", wrap=False)
        self.help_value = label("")
        self.help_items = label("", "muted")
        self.criteria_title = label("", "subtitle")
        self.criteria_count = label("", "big", wrap=False)
        self.criteria_change = label("")
        self.history = BarChart()
        self.no_history = label(tr("No year has results yet. Open Criteria to record them."), "muted")
        self.history_note = label("", "muted")
        self.years_chart = BarChart()
        self.supporters_chart = BarChart(horizontal=True)
        self.months_chart = BarChart()
        self.remaining = QLabel()
        self.remaining.setTextFormat(Qt.TextFormat.RichText)
        self.remaining.setWordWrap(True)
        self.titles: dict[str, QLabel] = {}
        self._lay_out()

    def _box(self, key: str, *widgets: QWidget) -> QWidget:
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 12, 16, 12)
        self.titles[key] = label("", "subtitle")
        inner.addWidget(self.titles[key])
        for widget in widgets:
            inner.addWidget(widget, 1 if isinstance(widget, BarChart) else 0)
        inner.addStretch()  # with its chart hidden the card's words stay at its top, not spread down it
        return box

    def _lay_out(self) -> None:
        help_card = card()
        h = QVBoxLayout(help_card)
        h.setContentsMargins(16, 12, 16, 12)
        for widget in (self.help_title, self.help_count, self.help_value, self.help_items):
            h.addWidget(widget)
        h.addStretch(1)
        criteria_card = card()
        c = QVBoxLayout(criteria_card)
        c.setContentsMargins(16, 12, 16, 12)
        for widget in (self.criteria_title, self.criteria_count, self.criteria_change):
            c.addWidget(widget)
        c.addStretch(1)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(0, 8, 8, 8)
        grid.setSpacing(12)
        grid.addWidget(help_card, 0, 0)
        grid.addWidget(criteria_card, 0, 1)
        grid.addWidget(self._box("supporters", self.supporters_chart), 1, 0)
        grid.addWidget(self._box("months", self.months_chart), 1, 1)
        grid.addWidget(self._box("history", self.history, self.history_note, self.no_history), 2, 0)
        grid.addWidget(self._box("years", self.years_chart), 2, 1)
        grid.addWidget(self._box("remaining", self.remaining), 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # ---- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        ws, year = self.ctx.ws, self.year.year
        self.ctx.tasks.run_db(lambda: load_overview(ws, year), self.show_overview, owner=self)

    def refresh(self, changes: Changes) -> None:
        if self.loaded and changes.touches(*_WATCHED):
            self.reload()

    def set_year(self, year: int) -> None:
        if self.loaded:
            self.reload()

    def flush(self) -> None:
        pass

    # ---- showing ---------------------------------------------------------------------------------

    def show_overview(self, o: Overview) -> None:
        self.overview = o
        self._help(o)
        self._criteria(o)
        self._charts(o)
        self.remaining.setText(remaining_html(o))

    def _help(self, o: Overview) -> None:
        t = o.totals
        self.help_title.setText(tr("Help received in {year}", year=o.year))
        self.help_count.setText(
            trn("{n} help record", "{n} help records", t.records, n=format_decimal(t.records))
        )
        value = million_text(t.value_vnd)
        self.help_value.setText(
            (
                tr(
                    "Value in money {value}, of which {cash} in cash",
                    value=value,
                    cash=million_text(t.cash_vnd),
                )
                if t.cash_vnd  # no cash: no "trong đó tiền mặt 0,00 triệu đồng"
                else tr("Value in money {value}", value=value)
            )
            if t.value_vnd or not t.records
            else tr("Value in money: not converted (nobody put a value on this help yet)")
        )
        phrases = [item_phrase(i) for i in t.items if i.kind != "cash"]
        self.help_items.setText("; ".join(phrases[:6]) + ("; …" if len(phrases) > 6 else ""))

    def _criteria(self, o: Overview) -> None:
        self.criteria_title.setText(tr("Criteria met in {year}", year=o.year))
        if o.summary is None:
            self.criteria_count.setText("—")
            self.criteria_change.setText(o.problem)
            return
        self.criteria_count.setText(f"{o.summary.met}/{o.summary.total}")
        left = o.summary.total - o.summary.met
        lines = [change_line(o.summary, button=False)]  # this tab has no «Ghi kết quả năm này»
        if left:
            lines.append(
                trn(
                    "{n} criterion still to meet: see the list below.",
                    "{n} criteria still to meet: see the list below.",
                    left,
                )
            )
        self.criteria_change.setText("\n".join(lines))

    def _charts(self, o: Overview) -> None:
        self._history(o)
        self._by_supporter(o)
        self._by_month(o)
        self.titles["years"].setText(tr("Value of help, year by year"))
        self.years_chart.show_bars(
            [g.key for g in o.by_year],
            value_and_cash([g.value_vnd for g in o.by_year], [g.cash_vnd for g in o.by_year]),
            empty=tr("No help recorded in any year yet.")
            if not any(g.records for g in o.by_year)
            else tr("No help has a value in money yet."),
        )
        self.titles["remaining"].setText(tr("Criteria not met yet in {year}", year=o.year))

    def _history(self, o: Overview) -> None:
        self.titles["history"].setText(tr("Criteria met, year by year"))
        self.history.setVisible(bool(o.history))
        self.no_history.setVisible(not o.history)
        if o.history:
            self.history.show_bars(
                [str(s.year) for s in o.history],
                [(tr("Criteria met"), [float(s.met) for s in o.history], accent())],
                value_title=tr("criteria"),
                empty=tr("No criterion met yet."),
                whole=True,
            )
        self.history_note.setText(out_of(o.history))

    def _by_supporter(self, o: Overview) -> None:
        self.titles["supporters"].setText(tr("Value of help by supporter, {year}", year=o.year))
        top = list(reversed(o.by_supporter[:TOP_SUPPORTERS]))  # the largest at the top of the chart
        self.supporters_chart.show_bars(
            [short(g.label) for g in top],
            [(tr("Value in money"), [millions(g.value_vnd) for g in top], accent())],
            empty=no_value_text(o),
        )
        self.supporters_chart.setToolTip(
            "\n".join(f"{g.label}: {format_money(g.value_vnd)}" for g in o.by_supporter)
        )

    def _by_month(self, o: Overview) -> None:
        self.titles["months"].setText(tr("Value of help by month, {year}", year=o.year))
        by_month = {int(g.key[5:7]): g for g in o.by_month if len(g.key) >= 7}
        months = [by_month.get(m) for m in range(1, 13)]
        self.months_chart.show_bars(
            month_names(),
            value_and_cash(
                [g.value_vnd if g else 0 for g in months], [g.cash_vnd if g else 0 for g in months]
            ),
            tr("Month of the year"),
            empty=no_value_text(o),
        )


def no_value_text(o: Overview) -> str:
    """What a value chart of the year says when it has no bar: no help, or help nobody put a value on."""
    if o.totals.records:
        return tr("No help in {year} has a value in money yet.", year=o.year)
    return tr("No help recorded in {year}.", year=o.year)


def value_and_cash(values: list[int], cash: list[int]) -> list[tuple[str, list[float], QColor]]:
    """The two series of a value chart, in triệu đồng."""
    return [
        (tr("Value in money"), [millions(v) for v in values], accent()),
        (tr("Cash"), [millions(c) for c in cash], CASH_COLOUR),
    ]


def out_of(history: list[YearSummary]) -> str:
    """ "Out of 19 criteria (2022–2025) and 10 (2026)": how many each year's set has."""
    runs: list[tuple[int, int, int]] = []  # (total, first year, last year)
    for s in history:
        if runs and runs[-1][0] == s.total and runs[-1][2] == s.year - 1:
            runs[-1] = (s.total, runs[-1][1], s.year)
        else:
            runs.append((s.total, s.year, s.year))
    parts = [
        f"{total} ({first}–{last})" if first != last else f"{total} ({first})" for total, first, last in runs
    ]
    return tr("Out of: {parts} criteria", parts=", ".join(parts)) if parts else ""


def remaining_html(o: Overview) -> str:
    """One line per criterion not met: its status and the help that went to it this year."""
    summary: YearSummary | None = o.summary
    if summary is None:
        return escape(o.problem)
    lines = []
    for c in summary.criteria:
        if c.status == MET:
            continue
        name = c.name_en if language() == "en" and c.name_en else c.name_vi
        colour = STATUS_COLOURS[c.status].name()
        given = o.by_criterion.get(c.code)
        helped = (
            trn(
                "help this year: {value} ({n} record)",
                "help this year: {value} ({n} records)",
                given.records,
                value=format_money(given.value_vnd),
            )
            if given
            else tr("no help recorded for it this year")
        )
        lines.append(
            f"<b>{escape(c.code)}. {escape(name)}</b> — "
            f"<span style='color:{colour}; font-weight:600'>{escape(status_text(c.status))}</span>"
            f" — <span style='color:#5f6368'>{escape(helped)}</span>"
        )
    if not lines:
        return escape(tr("Every criterion is met."))
    return "<br>".join(lines)
