"""Judging an open year again under the set now used for it (another set, or a newer revision).

Each live assessment of the year is checked and written through the assessments' one write path, under
the new set: its value and note stay, Đạt is worked out again from the new thresholds — unless the officer
had decided it (a result that differs from the one worked out, or one given where none could be worked
out), which is kept. An assessment whose indicator or criterion the new set does not have is left as it
was, under its old set, and listed. The year's statuses before and after say which criteria were gained
and which lost. Years the receiver approved are not passed here: past results keep the revision they
were judged under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.diff import gained_and_lost
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.assessment_draft import AssessmentDraft
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.store import checked, save

if TYPE_CHECKING:
    from ntm_desktop.services.db import Database


@dataclass(frozen=True)
class Rejudged:
    year: int
    set_id: str
    set_revision: int
    moved: int = 0
    """Assessments now judged under the set (revision)."""
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    left: tuple[str, ...] = field(default_factory=tuple)
    """Codes the set does not have: their assessments stay under the old set."""

    def to_json(self) -> dict[str, object]:
        return {"gained": list(self.gained), "lost": list(self.lost), "left": list(self.left)}


def _officer_decided(row: m.Assessment) -> bool:
    """Whether Đạt was the officer's: a result other than the one worked out (or none could be)."""
    return row.met is not None and row.met != row.met_auto


def rejudge_rows(
    db: Database,
    s: Session,
    unit: UnitProfile,
    cs: CriteriaSet,
    context: CheckContext,
    year: int,
) -> tuple[int, list[str]]:
    """Move every live assessment of ``year`` not yet under ``cs`` (this revision) onto it, in the
    caller's transaction; returns how many moved and the codes ``cs`` does not have."""
    rows = s.scalars(
        select(m.Assessment).where(
            m.Assessment.unit_code == unit.code, m.Assessment.year == year, m.Assessment.deleted_at.is_(None)
        )
    ).all()
    moved, left = 0, []
    for row in rows:
        if (row.set_id, row.set_revision) == (cs.id, cs.revision):
            continue
        code = row.indicator or row.criterion
        known = cs.find_indicator(code) if row.indicator else cs.find_criterion(code)
        if known is None:
            left.append(code)
            continue
        draft = AssessmentDraft(
            year,
            indicator=row.indicator,
            criterion=row.criterion if not row.indicator else "",
            value=row.value,
            met=row.met,
            met_given=_officer_decided(row),
            note=row.note,
            assessed_on=row.assessed_on,
            assessed_by=row.assessed_by,
            set_id=cs.id,
        )
        cleaned = checked(ASSESSMENTS, s, unit.code, draft, context)
        there = ASSESSMENTS.live_row(s, unit.code, cleaned)
        if there is not None and there.uid != row.uid:
            left.append(code)  # the new set already has its own result for this: that one stands
            continue
        save(db, s, ASSESSMENTS, unit.code, cleaned, row=row, action="progress.rejudge")
        moved += 1
    return moved, sorted(left)


def outcome(
    year: int, cs: CriteriaSet, moved: int, left: list[str], before: dict[str, str], after: dict[str, str]
) -> Rejudged:
    gained, lost = gained_and_lost(before, after)
    return Rejudged(year, cs.id, cs.revision, moved, tuple(gained), tuple(lost), tuple(left))
