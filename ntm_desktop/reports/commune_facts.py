"""What the commune's annual report says, gathered before it is laid out (one value the report's parts
share: :mod:`.commune` builds it and lays out the document, :mod:`.commune_text` writes its running text)."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.reports.criteria_table import Context, Judged
from ntm_desktop.reports.heading import Header
from ntm_desktop.services.ledger import Cadre, Event, GroupTotal, HelpTotals
from ntm_desktop.services.rollup import YearSummary


@dataclass(frozen=True)
class CommuneFacts:
    header: Header
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
    recipient: str

    @property
    def context(self) -> Context:
        unit = self.header.unit
        return Context(self.cs, unit.region, unit.group_for(self.year), self.now, self.before)
