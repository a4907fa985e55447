"""Indicator → criterion → "17/19 tiêu chí đạt", with the change since the previous year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ntm_desktop.core.i18n import language, tr

if TYPE_CHECKING:  # start-up reads summaries before anything is judged: the evaluation loads when used
    from ntm_desktop.criteria.model import CriteriaSet


class _Judged(Protocol):
    @property
    def indicator(self) -> str | None: ...
    @property
    def criterion(self) -> str: ...
    @property
    def met(self) -> bool | None: ...
    @property
    def value(self) -> Any: ...


MET, NOT_MET, UNKNOWN, PARTIAL = "met", "not_met", "unknown", "partial"


def status_text(status: str) -> str:
    """Đạt / Chưa đạt / … in the current language."""
    labels = {
        MET: tr("Met"),
        NOT_MET: tr("Not met"),
        PARTIAL: tr("Incomplete"),
        UNKNOWN: tr("No data"),
    }
    return labels.get(status, status)


@dataclass(frozen=True)
class CriterionStatus:
    code: str
    name_vi: str
    name_en: str
    status: str
    indicators_met: int
    indicators_total: int
    previous_status: str | None
    target_year: int | None

    @property
    def name(self) -> str:
        """The criterion's name in the language shown (Vietnamese when the set has no English one)."""
        return self.name_en if language() == "en" and self.name_en else self.name_vi

    @property
    def change(self) -> str:
        """'gained', 'lost' or '' compared with the previous year that has data.

        Lost means judged not met this year: a criterion with no result yet this year, or only some of
        its indicators met and the rest not judged, has lost nothing yet (the report would otherwise tell
        the province "Tiêu chí không còn đạt" on the first day of a year)."""
        if self.previous_status is None:
            return ""
        if self.status == MET and self.previous_status != MET:
            return "gained"
        if self.status == NOT_MET and self.previous_status == MET:
            return "lost"
        return ""


@dataclass(frozen=True)
class YearSummary:
    year: int
    set_id: str
    set_revision: int
    criteria: tuple[CriterionStatus, ...]
    previous_year: int | None
    previous_met: int | None

    @property
    def met(self) -> int:
        return sum(1 for c in self.criteria if c.status == MET)

    @property
    def total(self) -> int:
        return len(self.criteria)

    @property
    def recorded(self) -> int:
        return sum(1 for c in self.criteria if c.status != UNKNOWN)

    def status_of(self, code: str) -> str | None:
        return next((c.status for c in self.criteria if c.code == code), None)


def summarise(
    cs: CriteriaSet,
    year: int,
    assessments: Sequence[_Judged],
    previous: YearSummary | None,
    targets: Mapping[str, int | None],
) -> YearSummary:
    results: dict[str, bool | None] = {a.indicator: a.met for a in assessments if a.indicator}
    for a in assessments:
        if not a.indicator:
            results.setdefault(a.criterion, a.met)
    from ntm_desktop.criteria.evaluate import rollup

    judged = rollup(cs, results)
    rows = []
    for c, r in zip(cs.criteria, judged.criteria, strict=True):
        rows.append(
            CriterionStatus(
                code=c.code,
                name_vi=c.name_vi,
                name_en=c.name_en,
                status=r.status,
                indicators_met=r.indicators_met,
                indicators_total=r.indicators_total,
                previous_status=previous.status_of(c.code) if previous else None,
                target_year=targets.get(c.code),
            )
        )
    return YearSummary(
        year=year,
        set_id=cs.id,
        set_revision=cs.revision,
        criteria=tuple(rows),
        previous_year=previous.year if previous else None,
        previous_met=previous.met if previous else None,
    )
