"""What a commune's year comes to, whoever signs its report: the criteria, the help received (by source),
cadres, activities and the sections the officer wrote. Read once; the report and the narrative editor's
suggestions are made from it without touching the workspace again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.criteria_table import Context, Judged
from ntm_desktop.services.ledger import Assignment, Cadre, Event, GroupTotal, HelpTotals
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.services.narrative_values import Narrative
from ntm_desktop.services.overview import YearRecognition, year_recognitions
from ntm_desktop.services.rollup import YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class YearFacts:
    unit: UnitProfile
    year: int
    cs: CriteriaSet
    summary: YearSummary
    now: Judged
    before: Judged
    history: tuple[YearSummary, ...]
    plans: dict[str, str]
    totals: HelpTotals
    supporters: tuple[GroupTotal, ...]
    cadres: tuple[Cadre, ...]
    events: tuple[Event, ...]
    assignments: tuple[Assignment, ...] = ()
    written: dict[str, Narrative] = field(default_factory=dict)
    """The sections the officer wrote or accepted, by key."""
    recognitions: tuple[YearRecognition, ...] = ()
    """The province's decisions recognising the year (from the bundles it sent back; not withdrawn)."""

    @property
    def context(self) -> Context:
        return Context(self.cs, self.unit.region, self.unit.group_for(self.year), self.now, self.before)

    @property
    def commune(self) -> str:
        """ "xã Bằng Thành", as running text writes it."""
        return w.in_text(self.unit.name, self.unit.type)


def gather_year(ws: Workspace, year: int) -> YearFacts:
    unit = ws.unit.home()
    summary = ws.progress.summary(year)
    cs = ws.criteria.get(summary.set_id, summary.set_revision)
    before = ws.progress.assessments(summary.previous_year) if summary.previous_year else []
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return YearFacts(
        unit=unit,
        year=year,
        cs=cs,
        summary=summary,
        now=Judged.of(ws.progress.assessments(year)),
        before=Judged.of(before),
        history=tuple(h for h in ws.progress.history() if h.year <= year),
        plans=ws.progress.plans(cs.id, unit.code),
        totals=ws.help.totals(HelpFilter(year)),
        supporters=tuple(ws.help.breakdown("supporter", HelpFilter(year))),
        cadres=tuple(c for c in ws.cadres.list() if w.overlaps(c.start, c.end, first, last)),
        events=tuple(e for e in ws.events.list() if e.date.year == year),
        assignments=tuple(
            a for a in ws.assignments.list() if w.overlaps(a.start or a.document_date, a.end, first, last)
        ),
        written=ws.narratives.for_year(year),
        recognitions=tuple(r for r in year_recognitions(ws.sync.recognitions()) if r.year == year),
    )
