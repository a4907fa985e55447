"""Everything the help overview shows for one year, read in one go on the database worker (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.services.ledger import GroupTotal, HelpTotals
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.services.rollup import YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class Overview:
    year: int
    totals: HelpTotals
    by_supporter: list[GroupTotal]
    by_month: list[GroupTotal]
    by_criterion: dict[str, GroupTotal]
    by_year: list[GroupTotal]
    summary: YearSummary | None
    history: list[YearSummary]
    problem: str = ""
    """Why the criteria cannot be shown for the year (no criteria set covers it)."""


def load_overview(ws: Workspace, year: int) -> Overview:
    summary, problem = None, ""
    try:
        summary = ws.progress.summary(year)
    except InvalidInput as exc:
        problem = exc.message
    return Overview(
        year=year,
        totals=ws.help.totals(HelpFilter(year)),
        by_supporter=ws.help.breakdown("supporter", HelpFilter(year)),
        by_month=ws.help.breakdown("month", HelpFilter(year)),
        by_criterion={g.key: g for g in ws.help.breakdown("criterion", HelpFilter(year))},
        by_year=ws.help.breakdown("year"),
        summary=summary,
        history=ws.progress.history(),
        problem=problem,
    )
