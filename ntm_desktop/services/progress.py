"""Recording a commune's progress against the criteria, year by year, and rolling it up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ntm_desktop.core import plausible, vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput, NotFound, NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.kinds.assessment_draft import MAX_YEAR, MIN_YEAR, AssessmentDraft
from ntm_desktop.services.kinds.assessments import ASSESSMENTS, AssessmentView
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.store import checked, save, soft_delete
from ntm_desktop.services.rejudge import Rejudged, outcome, rejudge_rows
from ntm_desktop.services.rollup import YearSummary, summarise
from ntm_desktop.services.unit import UnitService

__all__ = ["AssessmentView", "ProgressService", "check_year"]


def check_year(year: int) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(tr("The year must be between 2010 and 2100"), field="year")
    return year


class ProgressService:
    def __init__(
        self, db: Database, unit: UnitService, criteria: CriteriaService, evidence: EvidenceService
    ) -> None:
        self._db = db
        self._unit = unit
        self._criteria = criteria
        self._evidence = evidence

    # ---- recording -------------------------------------------------------------------------------

    def record(
        self,
        year: int,
        *,
        indicator: str | None = None,
        criterion: str | None = None,
        value: Any = None,
        met: bool | None = None,
        note: str | None = None,
        assessed_on: date | None = None,
        assessed_by: str | None = None,
        set_id: str | None = None,
        evidence: Sequence[Path] = (),
        keep_judgement: bool = True,
    ) -> Changes:
        """Record (or correct) one indicator, or a criterion judged as a whole, for ``year``.

        Where the set knows a threshold for the commune's region or group, Đạt is evaluated and the
        reason kept; an explicit ``met`` from the officer wins. Nothing is written if anything is wrong.
        ``note`` None keeps the note already written; the date and the officer default to the ones
        already recorded, else today and the workspace's actor. With ``met`` not given, an officer's
        earlier Đạt / Chưa đạt that differs from the evaluation is kept (and a note says so) unless
        ``keep_judgement`` is False (a form whose result field always says what it wants).
        """
        check_year(year)
        unit = self._unit.home()
        draft = AssessmentDraft(
            year,
            indicator=indicator or None,
            criterion=criterion or "",
            value=value,
            met=met,
            met_given=met is not None,
            note=note or "",
            assessed_by=assessed_by or "",
            set_id=set_id or self._criteria.set_id_for_year(year),
        )
        context = CheckContext(self._criteria, unit.region, unit.group, group_of=unit.group_for)
        with self._db.write() as s:
            cleaned = checked(ASSESSMENTS, s, unit.code, draft, context)
            row = ASSESSMENTS.live_row(s, unit.code, cleaned)
            kept = (
                keep_judgement and met is None and row is not None and _officer_judged(row, cleaned.met_auto)
            )
            if kept and row is not None:
                cleaned = replace(cleaned, met=row.met, met_given=True)
            cleaned = replace(
                cleaned,
                note=cleaned.note if note is not None else (row.note if row is not None else ""),
                assessed_on=assessed_on or (row.assessed_on if row is not None else None) or vntime.today(),
                assessed_by=cleaned.assessed_by or (row.assessed_by if row else "") or self._db.actor(),
            )
            row = save(self._db, s, ASSESSMENTS, unit.code, cleaned, row=row, action="progress.record")
            for path in evidence:
                self._evidence.attach(s, ASSESSMENTS.evidence_owner or "", row.uid, unit.code, Path(path))
            changes = Changes.of(ASSESSMENTS.kind, action="progress.record", ids=(row.uid,))
            changes = changes.noting(*plausible.check_date(assessed_on, tr("assessed on")))
            target = cleaned.indicator or cleaned.criterion
            return changes.noting(_kept_note(target, cleaned.met)) if kept else changes

    def rejudge(self, year: int, previous: str | None = None) -> Rejudged:
        """Judge ``year`` again under the set now used for it (:mod:`ntm_desktop.services.rejudge`), in one
        transaction. ``previous``: the set the year was judged under before (default: the same set, at
        an older revision). Returns the criteria gained and lost, and codes the set does not have."""
        check_year(year)
        unit = self._unit.home()
        cs = self._criteria.for_year(year)
        before = self._statuses(year, previous or cs.id)
        context = CheckContext(self._criteria, unit.region, unit.group, group_of=unit.group_for)
        with self._db.write() as s:
            moved, left = rejudge_rows(self._db, s, unit, cs, context, year)
        return outcome(year, cs, moved, left, before, self._statuses(year, cs.id))

    def _statuses(self, year: int, set_id: str) -> dict[str, str]:
        code = self._unit.home().code
        try:
            cs, views = self._judged_under(year, code, set_id)
        except NtmError:  # the set is not in this data file: nothing was judged under it
            return {}
        return {c.code: c.status for c in summarise(cs, year, views, None, {}).criteria} if views else {}

    def remove(self, uid: str) -> Changes:
        """Soft-delete an assessment (it stays in the file and in the audit trail)."""
        with self._db.write() as s:
            row = s.get(m.Assessment, uid)
            if row is None or row.deleted_at is not None:
                raise NotFound(tr("That assessment no longer exists."))
            soft_delete(self._db, s, ASSESSMENTS, row, "progress.remove")
        return Changes.of(ASSESSMENTS.kind, action="progress.remove", ids=(uid,))

    def set_target(
        self,
        criterion: str,
        target_year: int | None,
        plan: str | None = None,
        set_id: str | None = None,
    ) -> Changes:
        """The year by which the commune plans to meet ``criterion`` (and how; ``None`` keeps the plan)."""
        unit = self._unit.home()
        # The set the criterion is to be met under: the one named, else the one in force in the target year.
        cs = (
            self._criteria.get(set_id)
            if set_id
            else self._criteria.for_year(target_year or vntime.today().year)
        )
        if cs.find_criterion(criterion) is None:
            raise InvalidInput(tr("Unknown criterion {code}", code=criterion), field="criterion")
        if target_year is not None:
            check_year(target_year)
        with self._db.write() as s:
            row = s.scalar(
                select(m.CriterionTarget).where(
                    m.CriterionTarget.unit_code == unit.code,
                    m.CriterionTarget.set_id == cs.id,
                    m.CriterionTarget.criterion_code == criterion,
                )
            )
            before = None if row is None else {"target_year": row.target_year, "plan": row.plan}
            if row is None:
                row = m.CriterionTarget(unit_code=unit.code, set_id=cs.id, criterion_code=criterion)
                s.add(row)
            row.target_year = target_year
            if plan is not None:
                row.plan = clean(plan)
            s.flush()
            self._db.audit(
                s,
                "progress.target",
                "criterion_target",
                row.uid,
                before,
                {"target_year": target_year, "plan": row.plan},
            )
        return Changes.of(Kind.PROGRESS, action="progress.target")

    # ---- reading ---------------------------------------------------------------------------------

    def assessments(self, year: int, unit_code: str | None = None) -> list[AssessmentView]:
        code = unit_code or self._unit.home().code
        with self._db.read() as s:
            rows = s.scalars(
                select(m.Assessment).where(
                    m.Assessment.unit_code == code,
                    m.Assessment.year == year,
                    m.Assessment.deleted_at.is_(None),
                )
            ).all()
            return ASSESSMENTS.views(s, rows)

    def years(self, unit_code: str | None = None) -> list[int]:
        code = unit_code or self._unit.home_code()
        with self._db.read() as s:
            return sorted(
                set(
                    s.scalars(
                        select(m.Assessment.year).where(
                            m.Assessment.unit_code == code, m.Assessment.deleted_at.is_(None)
                        )
                    )
                )
            )

    def summary(self, year: int, unit_code: str | None = None, set_id: str | None = None) -> YearSummary:
        """Per criterion its status and indicators met/total, the count of criteria met, and the
        change since the previous year that has data."""
        check_year(year)
        code = unit_code or self._unit.home().code
        cs, views = self._judged_under(year, code, set_id)
        previous = [y for y in self.years(code) if y < year]
        prev_summary = self._summary_only(previous[-1], code) if previous else None
        if prev_summary is not None and prev_summary.set_id != cs.id:
            prev_summary = None  # a different criteria set: statuses are not comparable
        targets = self._targets(code, cs.id)
        return summarise(cs, year, views, prev_summary, targets)

    def history(self, unit_code: str | None = None) -> list[YearSummary]:
        code = unit_code or self._unit.home().code
        return [self._summary_only(y, code) for y in self.years(code)]

    def _summary_only(self, year: int, code: str) -> YearSummary:
        cs, views = self._judged_under(year, code, None)
        return summarise(cs, year, views, None, {})

    def _judged_under(
        self, year: int, code: str, set_id: str | None
    ) -> tuple[CriteriaSet, list[AssessmentView]]:
        """The year's set — at the revision its results were judged under (a later revision does not
        change a past result) — and the year's assessments under that set."""
        cs = self._criteria.for_year(year, set_id)
        views = [a for a in self.assessments(year, code) if a.set_id == cs.id]
        judged = max((a.set_revision for a in views), default=cs.revision)
        if judged != cs.revision:
            cs = self._criteria.get(cs.id, judged)
        return cs, views

    def plans(self, set_id: str, unit_code: str | None = None) -> dict[str, str]:
        """Criterion code → the plan written for meeting it (``progress target --plan``), if any."""
        code = unit_code or self._unit.home().code
        with self._db.read() as s:
            rows = s.execute(
                select(m.CriterionTarget.criterion_code, m.CriterionTarget.plan).where(
                    m.CriterionTarget.unit_code == code, m.CriterionTarget.set_id == set_id
                )
            ).all()
        return {criterion: plan for criterion, plan in rows if plan}

    def _targets(self, code: str, set_id: str) -> dict[str, int | None]:
        with self._db.read() as s:
            rows = s.scalars(
                select(m.CriterionTarget).where(
                    m.CriterionTarget.unit_code == code, m.CriterionTarget.set_id == set_id
                )
            )
            return {r.criterion_code: r.target_year for r in rows}


def _officer_judged(row: m.Assessment, met_auto: bool | None) -> bool:
    """The row holds a Đạt / Chưa đạt the officer chose that the new evaluation would replace."""
    return row.met is not None and row.met != row.met_auto and row.met != met_auto


def _kept_note(target: str, met: bool | None) -> str:
    return tr(
        "{target}: the officer's judgement “{judgement}” was kept. To change it, give it explicitly "
        "(CLI: --met yes|no).",
        target=target,
        judgement=tr("Met") if met else tr("Not met"),
    )
