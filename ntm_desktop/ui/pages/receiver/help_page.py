"""Tổng hợp hỗ trợ: the help all communes received in the year, added up by the ledger's own code.

The value converted to money and the cash; per kind of help with its quantities in their units; per item
(kind, name, unit); per supporter across the communes it helped; per criterion served; per commune.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money, format_quantity, format_scaled
from ntm_desktop.receiver.values import SupporterTotal, UnitHelp
from ntm_desktop.services.ledger import GroupTotal, HelpTotals, KindTotal
from ntm_desktop.services.ledger.kinds import item_kind_label, supporter_kind_label
from ntm_desktop.services.ledger.wording import item_phrase, valued
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.receiver.tables import Figure, RowsTable
from ntm_desktop.ui.pages.receiver.year_page import YearFiguresPage
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

WATCHED = (Kind.SYNC, Kind.HELP, Kind.SUPPORTERS, Kind.RECEIVER, Kind.UNIT)


@dataclass(frozen=True)
class HelpSummary:
    year: int
    totals: HelpTotals
    supporters: list[SupporterTotal]
    criteria: list[GroupTotal]
    units: list[UnitHelp]

    @property
    def communes_helped(self) -> int:
        return sum(1 for u in self.units if u.records)


def load_help(ws: Workspace, year: int) -> HelpSummary:
    r = ws.receiver
    criteria = named_criteria(ws, year, r.by_criterion(year))
    return HelpSummary(year, r.help_totals(year), r.by_supporter(year), criteria, r.by_unit(year))


def named_criteria(ws: Workspace, year: int, rows: list[GroupTotal]) -> list[GroupTotal]:
    """Each criterion with its name in the set the year is judged under here ("Tiêu chí 9: Nhà ở dân
    cư"); a code that set lacks keeps its bare label."""
    found = ws.criteria.for_year(year).find_criterion if ws.criteria.set_id_for_year(year) else None
    named = []
    for row in rows:
        c = found(row.key) if found else None
        label = tr("Criterion {code}: {name}", code=c.code, name=c.name) if c else row.label
        named.append(replace(row, label=label))
    return named


def money(vnd: int) -> str:
    return format_money(vnd) if vnd else "—"


def value(vnd: int, records: int = 1) -> str:
    """A row's value in money: "chưa quy đổi" for help nobody put a value on (not "—", as if none)."""
    return valued(vnd, records, format_money) if vnd or records else "—"


def quantities_text(k: KindTotal) -> str:
    return "; ".join(f"{format_quantity(q)} {unit}" for unit, q in k.quantities)


def value_column(counted: bool = False) -> Column:
    """The value in money of a row; ``counted``: the row counts its help records (``records``)."""
    return Column(
        tr("Value in money"),
        lambda r: value(r.value_vnd, r.records if counted else 1),
        lambda r: r.value_vnd,
        right=True,
    )


def kind_columns() -> list[Column]:
    return [
        Column(tr("Kind of help"), lambda k: item_kind_label(k.kind)),
        Column(tr("Quantities"), quantities_text),
        value_column(),
    ]


def item_columns() -> list[Column]:
    return [
        Column(tr("Kind of help"), lambda i: item_kind_label(i.kind)),
        Column(tr("Item"), lambda i: i.name),
        Column(tr("Quantity"), lambda i: format_quantity(i.quantity), lambda i: i.quantity, right=True),
        Column(tr("Unit"), lambda i: i.unit),
        value_column(),
        Column(tr("Lines"), lambda i: format_decimal(i.lines), lambda i: i.lines, right=True),
    ]


def supporter_columns() -> list[Column]:
    return [
        Column(tr("Supporter"), lambda s: s.name),
        Column(tr("Kind"), lambda s: supporter_kind_label(s.kind)),
        Column(
            tr("Communes helped"),
            lambda s: format_decimal(len(s.communes)),
            lambda s: len(s.communes),
            right=True,
        ),
        Column(tr("Help records"), lambda s: format_decimal(s.records), lambda s: s.records, right=True),
        value_column(counted=True),
        Column(tr("Cash"), lambda s: money(s.cash_vnd), lambda s: s.cash_vnd, right=True),
    ]


def group_columns(first: str) -> list[Column]:
    return [
        Column(first, lambda g: g.label),
        Column(tr("Help records"), lambda g: format_decimal(g.records), lambda g: g.records, right=True),
        value_column(counted=True),
        Column(tr("Cash"), lambda g: money(g.cash_vnd), lambda g: g.cash_vnd, right=True),
    ]


def unit_columns() -> list[Column]:
    return [
        Column(tr("Code"), lambda u: u.code, lambda u: u.code),
        Column(tr("Commune"), lambda u: u.name),
        Column(tr("Help records"), lambda u: format_decimal(u.records), lambda u: u.records, right=True),
        value_column(counted=True),
        Column(tr("Cash"), lambda u: money(u.cash_vnd), lambda u: u.cash_vnd, right=True),
    ]


class HelpAcrossPage(YearFiguresPage):
    watched = WATCHED

    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.summary: HelpSummary | None = None
        self.records = Figure(tr("Help records"))
        self.value = Figure(tr("Total value in money"))
        self.cash = Figure(tr("of which in cash"))
        self.items_line = label("", "muted")
        self.by_kind = RowsTable(kind_columns(), stretch=1)
        self.by_item = RowsTable(item_columns(), stretch=1)
        self.by_supporter = RowsTable(supporter_columns(), stretch=0)
        self.by_criterion = RowsTable(group_columns(tr("Criterion")), stretch=0)
        self.by_unit = RowsTable(unit_columns(), stretch=1)
        self.tables: list[RowsTable] = [
            self.by_kind,
            self.by_item,
            self.by_supporter,
            self.by_criterion,
            self.by_unit,
        ]
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find in the table (accents optional)"))
        for table in self.tables:
            self.search.textChanged.connect(table.proxy.set_search)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(label(tr("Help across communes"), "title"), 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(YearSpin(self.year))
        figures = QHBoxLayout()
        for figure in (self.records, self.value, self.cash):
            figures.addWidget(figure, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.by_kind, tr("By kind"))
        self.tabs.addTab(self.by_item, tr("By item"))
        self.tabs.addTab(self.by_supporter, tr("By supporter"))
        self.tabs.addTab(self.by_criterion, tr("By criterion"))
        self.tabs.addTab(self.by_unit, tr("By commune"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addLayout(figures)
        layout.addWidget(self.items_line)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)

    def load_figures(self, ws: Workspace, year: int) -> HelpSummary:
        return load_help(ws, year)

    def present(self, data: HelpSummary) -> None:
        self.show_summary(data)

    def show_summary(self, h: HelpSummary) -> None:
        self.summary = h
        t = h.totals
        self.records.show_value(
            format_decimal(t.records),
            trn(
                "for {helped} of {n} commune in {year}",
                "for {helped} of {n} communes in {year}",
                len(h.units),
                helped=h.communes_helped,
                year=h.year,
            ),
        )
        if t.value_vnd or not t.records:
            self.value.show_value(format_scaled(t.value_vnd), format_money(t.value_vnd))
        else:  # goods or labour nobody put a value on are not worth 0
            self.value.show_value(tr("not converted"), tr("No value in money was put on this help"))
        self.cash.show_value(format_scaled(t.cash_vnd), format_money(t.cash_vnd))
        phrases = [item_phrase(i) for i in t.items if i.kind != "cash"]
        self.items_line.setText("; ".join(phrases[:8]) + ("; …" if len(phrases) > 8 else ""))
        if not t.records:  # zeros and empty tables: say why
            self.items_line.setText(
                tr(
                    "No help record of the communes in {year} yet: help comes in the communes' data "
                    "bundles, imported on the Sync page.",
                    year=h.year,
                )
            )
        self.items_line.setVisible(bool(phrases) or not t.records)
        self.by_kind.set_rows(list(t.by_kind))
        self.by_item.set_rows(list(t.items))
        self.by_supporter.set_rows(h.supporters)
        self.by_criterion.set_rows(h.criteria)
        self.by_unit.set_rows(h.units)
