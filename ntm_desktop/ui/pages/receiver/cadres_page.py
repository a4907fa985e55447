"""Cán bộ tăng cường & kết quả: which communes had cadres seconded to them in the year, who, and how those
communes stand on the criteria — beside the communes that had none, to compare."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_percent
from ntm_desktop.receiver.values import CadreOutcome, UnitRow
from ntm_desktop.services.rollup import MET, NOT_MET
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.receiver.tables import Figure, RowsTable
from ntm_desktop.ui.pages.receiver.year_page import YearFiguresPage
from ntm_desktop.ui.style import STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.year import YearSpin, YearState

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

WATCHED = (Kind.SYNC, Kind.CADRES, Kind.PROGRESS, Kind.RECEIVER, Kind.UNIT)


@dataclass(frozen=True)
class CadreData:
    year: int
    outcomes: list[CadreOutcome]
    units: list[UnitRow]


def load_cadres(ws: Workspace, year: int) -> CadreData:
    return CadreData(year, ws.receiver.cadre_outcomes(year), ws.receiver.units(year))


def met_text(met: int | None, total: int | None) -> str:
    return f"{met}/{total}" if met is not None and total else "—"


def share(part: int, whole: int) -> str:
    return format_percent(100 * part / whole, 0) if whole else "—"


def outcome_columns() -> list[Column]:
    return [
        Column(tr("Code"), lambda o: o.code, lambda o: o.code),
        Column(tr("Commune"), lambda o: o.name),
        Column(tr("Seconded cadres"), lambda o: ", ".join(o.cadres), lambda o: len(o.cadres)),
        Column(
            tr("Criteria met"),
            lambda o: met_text(o.criteria_met, o.criteria_total),
            lambda o: -1 if o.criteria_met is None else o.criteria_met,
            centre=True,
        ),
        Column(
            tr("Meets every criterion"),
            lambda o: tr("Yes") if o.reached_standard else tr("Not yet"),
            lambda o: o.reached_standard,
            centre=True,
            colour=lambda o: STATUS_COLOURS[MET if o.reached_standard else NOT_MET],
        ),
    ]


class CadresPage(YearFiguresPage):
    watched = WATCHED

    def __init__(self, ctx: AppContext, year: YearState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.data: CadreData | None = None
        self.with_cadres = Figure(tr("Communes with seconded cadres"))
        self.their_standard = Figure(tr("of them meet every criterion"))
        self.others_standard = Figure(tr("Other communes: meet every criterion"))
        self.table = RowsTable(outcome_columns(), stretch=2)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Find a commune or a cadre (accents optional)"))
        self.search.textChanged.connect(self.table.proxy.set_search)
        self.empty = label("", "muted")
        head = QHBoxLayout()
        head.addWidget(label(tr("Seconded cadres and results"), "title"), 1)
        head.addWidget(QLabel(tr("Year")))
        head.addWidget(YearSpin(year))
        figures = QHBoxLayout()
        for figure in (self.with_cadres, self.their_standard, self.others_standard):
            figures.addWidget(figure, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(head)
        layout.addLayout(figures)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.reload()

    def load_figures(self, ws: Workspace, year: int) -> CadreData:
        return load_cadres(ws, year)

    def present(self, data: CadreData) -> None:
        self.show_data(data)

    def show_data(self, d: CadreData) -> None:
        self.data = d
        helped = d.outcomes
        others = [u for u in d.units if not u.has_cadre and u.criteria_met is not None]
        standard = sum(1 for o in helped if o.reached_standard)
        others_standard = sum(1 for u in others if u.reached_standard)
        self.with_cadres.show_value(str(len(helped)), trn("of {n} commune", "of {n} communes", len(d.units)))
        self.their_standard.show_value(str(standard), share(standard, len(helped)))
        self.others_standard.show_value(  # "0/2" of 4 communes: say which two
            f"{others_standard}/{len(others)}",
            trn(
                "{share} of the {n} commune without seconded cadres that reported",
                "{share} of the {n} communes without seconded cadres that reported",
                len(others),
                share=share(others_standard, len(others)),
            ),
        )
        self.table.set_rows(d.outcomes)
        self.empty.setText(tr("No commune had a cadre seconded to it in {year}.", year=d.year))
        self.empty.setVisible(not d.outcomes)
