"""Everything the criteria page shows for one year, read from the workspace in one go. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.model import CriteriaSet, Criterion, Indicator
from ntm_desktop.services.progress import AssessmentView
from ntm_desktop.services.rollup import CriterionStatus, YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class YearData:
    year: int
    cs: CriteriaSet
    summary: YearSummary
    unit: UnitProfile
    by_indicator: dict[str, AssessmentView] = field(default_factory=dict)
    by_criterion: dict[str, AssessmentView] = field(default_factory=dict)
    previous_by_indicator: dict[str, AssessmentView] = field(default_factory=dict)

    @property
    def structure(self) -> tuple[str, int]:
        return self.cs.id, self.cs.revision

    def status_of(self, criterion: Criterion) -> CriterionStatus | None:
        return next((c for c in self.summary.criteria if c.code == criterion.code), None)

    def assessment(self, criterion: Criterion, indicator: Indicator | None) -> AssessmentView | None:
        if indicator is not None:
            return self.by_indicator.get(indicator.code)
        return self.by_criterion.get(criterion.code)


def for_year(unit: UnitProfile, year: int) -> UnitProfile:
    """The profile as it stood for ``year``: ``group`` is that year's period's group (a commune can be
    group 2 in 2026–2030 whatever it was before), so everything shown for the year reads the right one."""
    return replace(unit, group=unit.group_for(year))


def load_year(ws: Workspace, year: int, set_id: str | None = None) -> YearData:
    """The year under its own set, or under ``set_id`` (an advanced set followed beside it). Raises
    :class:`~ntm_desktop.core.errors.InvalidInput` when no criteria set covers ``year``."""
    cs = ws.criteria.for_year(year, set_id)
    summary = ws.progress.summary(year, set_id=cs.id)
    rows = [a for a in ws.progress.assessments(year) if a.set_id == cs.id]
    previous: dict[str, AssessmentView] = {}
    if summary.previous_year is not None:
        previous = {
            a.indicator: a
            for a in ws.progress.assessments(summary.previous_year)
            if a.indicator and a.set_id == cs.id
        }
    return YearData(
        year=year,
        cs=cs,
        summary=summary,
        unit=for_year(ws.unit.home(), year),
        by_indicator={a.indicator: a for a in rows if a.indicator},
        by_criterion={a.criterion: a for a in rows if not a.indicator},
        previous_by_indicator=previous,
    )
