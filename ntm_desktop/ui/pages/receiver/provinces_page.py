"""Các tỉnh: the national office's provinces for the selected year — per province the communes it
expects, how many reported, were approved and recognised, the help they received, and when its last
roll-up arrived (Vietnam time); the provinces that have sent nothing say so. Double-click or Enter opens
the province's communes on the Communes page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_money_words, format_scaled
from ntm_desktop.receiver.provinces import ProvinceRow
from ntm_desktop.services.rollup import NOT_MET
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.receiver.tables import Figure, RowsTable
from ntm_desktop.ui.pages.receiver.year_page import YearFiguresPage
from ntm_desktop.ui.style import STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column, Index, ListFilter
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

WATCHED = (Kind.SYNC, Kind.RECEIVER, Kind.HELP, Kind.UNIT, Kind.PROGRESS)


def count(n: int) -> str:
    return format_decimal(n)


def last_text(p: ProvinceRow) -> str:
    return (
        vntime.format_vn(p.last_rollup_at, seconds=False, offset=False)
        if p.last_rollup_at
        else tr("Not sent yet")
    )


def help_tip(p: ProvinceRow) -> str:
    return trn(
        "{n} help record; of which cash {cash}",
        "{n} help records; of which cash {cash}",
        p.help_records,
        n=count(p.help_records),
        cash=format_money_words(p.help_cash_vnd),
    )


def province_columns() -> list[Column]:
    def counted(title: str, value: Callable[[ProvinceRow], int]) -> Column:
        return Column(title, lambda p: count(value(p)), value, right=True)

    return [
        Column(tr("Code"), lambda p: p.code, lambda p: p.code),
        Column(tr("Province"), lambda p: p.name),
        counted(tr("Communes expected"), lambda p: p.units),
        counted(tr("Reported"), lambda p: p.reported),
        counted(tr("Approved"), lambda p: p.approved),
        counted(tr("Recognised"), lambda p: p.recognised),
        Column(tr("Help received"), lambda p: format_money_words(p.help_value_vnd),
               lambda p: p.help_value_vnd, right=True, tip=help_tip),
        Column(tr("Last roll-up received"), last_text,
               lambda p: p.last_rollup_at.isoformat() if p.last_rollup_at else "",
               colour=lambda p: None if p.sent else STATUS_COLOURS[NOT_MET]),
    ]  # fmt: skip


class ProvincesFilter(ListFilter):
    """The search, and optionally only the provinces that have sent nothing."""

    missing_only = False

    def set_missing_only(self, on: bool) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.9
            self.missing_only = on
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self.missing_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.source.row_at(source_row)
        if self.missing_only and row is not None and row.sent:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class ProvincesPage(YearFiguresPage):
    watched = WATCHED

    def __init__(
        self,
        ctx: AppContext,
        year: YearState,
        open_province: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.year, self.open_province = ctx, year, open_province
        self.rows: list[ProvinceRow] | None = None
        self.sent = Figure(tr("Provinces that sent their roll-up"))
        self.reported = Figure(tr("Communes reported"))
        self.help_value = Figure(tr("Help received"))
        self.table = RowsTable(province_columns(), stretch=1, proxy=ProvincesFilter)
        self.filter = cast(ProvincesFilter, self.table.proxy)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find a province by code or name (accents optional)"))
        self.missing = QCheckBox(tr("Only provinces that have sent nothing"))
        self.open_button = QPushButton(tr("Open the province's communes"))
        self.waiting = label("", "muted")
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(label(tr("Provinces"), "title"), 1)
        year_label = QLabel(tr("&Year"))
        spin = YearSpin(self.year)
        year_label.setBuddy(spin)
        head.addWidget(year_label)
        head.addWidget(spin)
        figures = QHBoxLayout()
        for figure in (self.sent, self.reported, self.help_value):
            figures.addWidget(figure, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.missing)
        actions = QHBoxLayout()
        actions.addWidget(self.waiting, 1)
        actions.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addLayout(figures)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.table.proxy.set_search)
        self.missing.toggled.connect(self.filter.set_missing_only)
        self.table.activated.connect(self.open_index)  # double-click, or Enter
        self.open_button.clicked.connect(lambda: self.open_index(self.table.currentIndex()))

    def load_figures(self, ws: Workspace, year: int) -> list[ProvinceRow]:
        return ws.receiver.provinces(year)

    def present(self, data: Any) -> None:
        self.show_rows(data)

    def show_rows(self, rows: list[ProvinceRow]) -> None:
        self.rows = rows
        sent = [p for p in rows if p.sent]
        units, reported = sum(p.units for p in rows), sum(p.reported for p in rows)
        value = sum(p.help_value_vnd for p in rows)
        self.sent.show_value(
            f"{len(sent)}/{len(rows)}",
            trn("{n} has sent nothing", "{n} have sent nothing", len(rows) - len(sent)),
        )
        self.reported.show_value(
            f"{count(reported)}/{count(units)}",
            tr("{approved} approved · {recognised} recognised",
               approved=count(sum(p.approved for p in rows)),
               recognised=count(sum(p.recognised for p in rows))),
        )  # fmt: skip
        self.help_value.show_value(  # "1,2 tỷ đồng" fits the card at the national scale; the exact sum below
            format_scaled(value), f"{format_money_words(value)} · {tr('in {year}', year=self.year.year)}"
        )
        missing = [p.name for p in rows if not p.sent]
        self.waiting.setText(
            tr("Not sent yet: {names}", names=", ".join(missing[:6]) + (", …" if len(missing) > 6 else ""))
            if missing
            else tr("Every province has sent its roll-up.")
        )
        self.table.set_rows(rows)

    def current(self) -> ProvinceRow | None:
        row = self.table.proxy.row_at(self.table.currentIndex())
        return row if isinstance(row, ProvinceRow) else None

    def open_index(self, index: QModelIndex) -> None:
        row = self.table.proxy.row_at(index)
        if isinstance(row, ProvinceRow):
            self.open_province(row.code, row.name)
