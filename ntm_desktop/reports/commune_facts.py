"""What the commune's yearly report says, gathered before it is laid out: the year's facts (shared with the
narrative editor's suggestions), the sections as they print, and who the report is addressed to."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_desktop.reports.heading import Header
from ntm_desktop.reports.narratives import Section
from ntm_desktop.reports.year_facts import YearFacts


@dataclass(frozen=True)
class CommuneFacts:
    header: Header
    facts: YearFacts
    sections: tuple[Section, ...]
    recipient: str

    @property
    def year(self) -> int:
        return self.facts.year
