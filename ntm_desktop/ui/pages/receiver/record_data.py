"""One commune's record for a year, read on the database worker: everything the record page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_desktop.core.errors import NtmError
from ntm_desktop.receiver.values import NATIONAL, CommuneView, HistoryEntry, UnitRow
from ntm_desktop.services.ledger import Cadre, GroupTotal, HelpTotals
from ntm_desktop.ui.pages.criteria.data import YearData

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class RecordData:
    view: CommuneView
    row: UnitRow | None
    year: int
    criteria: YearData | None
    problem: str
    """Why there is no criteria tree for the year (no set covers it), else ""."""
    totals: HelpTotals
    supporters: list[GroupTotal]
    cadres: list[Cadre]
    history: list[HistoryEntry]
    deciding: bool = True
    """This office decides on its communes: recognition decisions, correction requests (a province; the
    national office receives the province's decisions)."""


def load_record(ws: Workspace, code: str, year: int) -> RecordData:
    view = ws.receiver.commune(code)
    row = next((r for r in ws.receiver.units(year) if r.code == code), None)
    criteria, problem = None, ""
    try:
        criteria = _year_data(ws, view, year)
    except NtmError as exc:
        problem = exc.message
    return RecordData(
        view=view,
        row=row,
        year=year,
        criteria=criteria,
        problem=problem,
        totals=view.help_totals(year),
        supporters=view.help_by_supporter(year),
        cadres=view.cadres(year),
        history=view.status_history(year),
        deciding=ws.receiver.info().level != NATIONAL,
    )


def _year_data(ws: Workspace, view: CommuneView, year: int) -> YearData | None:
    """The criteria tree's data, as the commune's own criteria page reads it."""
    cs = ws.criteria.for_year(year)
    summary = view.progress_summary(year)
    if summary is None:
        return None
    rows = [a for a in view.assessments(year) if a.set_id == cs.id]
    previous = {}
    if summary.previous_year is not None:
        previous = {
            a.indicator: a
            for a in view.assessments(summary.previous_year)
            if a.indicator and a.set_id == cs.id
        }
    return YearData(
        year=year,
        cs=cs,
        summary=summary,
        unit=view.profile,
        by_indicator={a.indicator: a for a in rows if a.indicator},
        by_criterion={a.criterion: a for a in rows if not a.indicator},
        previous_by_indicator=previous,
    )
