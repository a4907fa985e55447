"""Recording a commune's progress against the criteria, year by year, and rolling it up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.evaluate import evaluate
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.progress_values import coerce_value, to_json_value
from ntm_desktop.services.rollup import YearSummary, summarise
from ntm_desktop.services.unit import UnitService

MIN_YEAR, MAX_YEAR = 2010, 2100


@dataclass(frozen=True)
class AssessmentView:
    uid: str
    record_id: str
    year: int
    set_id: str
    set_revision: int
    indicator: str | None
    criterion: str
    value: Any
    met: bool | None
    met_auto: bool | None
    basis: str
    note: str
    assessed_on: date | None
    assessed_by: str
    evidence: int


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
    ) -> Changes:
        """Record (or correct) one indicator, or a criterion judged as a whole, for ``year``.

        Where the set knows a threshold for the commune's region or group, Đạt is evaluated and the
        reason kept; an explicit ``met`` from the officer wins. Nothing is written if anything is wrong.
        """
        check_year(year)
        unit = self._unit.home()
        cs = self._criteria.for_year(year, set_id)
        target, crit_code, indicator_obj = self._target(cs, indicator, criterion)
        parsed = coerce_value(indicator_obj, value) if indicator_obj is not None else _free_value(value)
        met_auto: bool | None = None
        basis = ""
        if indicator_obj is not None and parsed is not None:
            ev = evaluate(indicator_obj, parsed, unit.region, unit.group)
            met_auto, basis = ev.met, ev.basis
        final_met = met if met is not None else met_auto
        with self._db.write() as s:
            row = self._live(s, unit.code, year, cs.id, indicator_obj and target, crit_code)
            before = _snapshot(row) if row else None
            if row is None:
                uid = new_uid()
                row = m.Assessment(
                    uid=uid,
                    record_id=uid,
                    unit_code=unit.code,
                    year=year,
                    set_id=cs.id,
                    criterion=crit_code,
                    indicator=target if indicator_obj else None,
                    set_revision=cs.revision,
                )
                s.add(row)
            row.set_revision = cs.revision
            row.value = to_json_value(parsed)
            row.met, row.met_auto, row.basis = final_met, met_auto, basis
            if note is not None:
                row.note = clean(note)
            row.assessed_on = assessed_on or row.assessed_on or date.today()
            row.assessed_by = clean(assessed_by) if assessed_by else (row.assessed_by or self._db_actor())
            row.version = self._db.next_version()
            row.updated_at = utcnow()
            s.flush()
            for path in evidence:
                self._evidence.attach(s, "assessment", row.uid, unit.code, Path(path))
            self._db.audit(s, "progress.record", "assessment", row.uid, before, _snapshot(row))
            return Changes.of(Kind.PROGRESS, action="progress.record", ids=(row.uid,))

    def remove(self, uid: str) -> Changes:
        """Soft-delete an assessment (it stays in the file and in the audit trail)."""
        with self._db.write() as s:
            row = s.get(m.Assessment, uid)
            if row is None or row.deleted_at is not None:
                raise NotFound(tr("That assessment no longer exists."))
            before = _snapshot(row)
            row.deleted_at = utcnow()
            row.version = self._db.next_version()
            self._db.audit(s, "progress.remove", "assessment", uid, before, None)
        return Changes.of(Kind.PROGRESS, action="progress.remove", ids=(uid,))

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
            else self._criteria.for_year(target_year or date.today().year)
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
            counts = _evidence_counts(s, [r.uid for r in rows])
            return [_view(r, counts.get(r.uid, 0)) for r in rows]

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
        cs = self._criteria.for_year(year, set_id)
        previous = [y for y in self.years(code) if y < year]
        prev_summary = self._summary_only(previous[-1], code) if previous else None
        if prev_summary is not None and prev_summary.set_id != cs.id:
            prev_summary = None  # a different criteria set: statuses are not comparable
        targets = self._targets(code, cs.id)
        return summarise(cs, year, self.assessments(year, code), prev_summary, targets)

    def history(self, unit_code: str | None = None) -> list[YearSummary]:
        code = unit_code or self._unit.home().code
        return [self._summary_only(y, code) for y in self.years(code)]

    def _summary_only(self, year: int, code: str) -> YearSummary:
        cs = self._criteria.for_year(year)
        return summarise(cs, year, self.assessments(year, code), None, {})

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

    # ---- helpers ---------------------------------------------------------------------------------

    def _db_actor(self) -> str:
        return self._db.actor()

    @staticmethod
    def _target(cs: CriteriaSet, indicator: str | None, criterion: str | None) -> tuple[str, str, Any]:
        if bool(indicator) == bool(criterion):
            raise InvalidInput(tr("Give either an indicator or a criterion"), field="indicator")
        if indicator:
            code = clean(indicator)
            found = cs.find_indicator(code)
            if found is None:
                raise InvalidInput(
                    [
                        Problem(
                            "indicator", tr("Unknown indicator {code} in the set {set}", code=code, set=cs.id)
                        )
                    ]
                )
            crit = cs.criterion_for(code)
            assert crit is not None
            return code, crit.code, found
        code = clean(criterion)
        if cs.find_criterion(code) is None:
            raise InvalidInput(
                [Problem("criterion", tr("Unknown criterion {code} in the set {set}", code=code, set=cs.id))]
            )
        return code, code, None

    @staticmethod
    def _live(
        s: Session, unit: str, year: int, set_id: str, indicator: str | None, criterion: str
    ) -> m.Assessment | None:
        query = select(m.Assessment).where(
            m.Assessment.unit_code == unit,
            m.Assessment.year == year,
            m.Assessment.set_id == set_id,
            m.Assessment.criterion == criterion,
            m.Assessment.deleted_at.is_(None),
        )
        query = query.where(
            m.Assessment.indicator == indicator if indicator else m.Assessment.indicator.is_(None)
        )
        return s.scalar(query)


def _free_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, Decimal):
        return to_json_value(value)
    return value


def _evidence_counts(s: Session, uids: list[str]) -> dict[str, int]:
    if not uids:
        return {}
    rows = s.execute(
        select(m.EvidenceLink.owner_uid, func.count())
        .where(m.EvidenceLink.owner_uid.in_(uids), m.EvidenceLink.deleted_at.is_(None))
        .group_by(m.EvidenceLink.owner_uid)
    ).all()
    return {uid: int(n) for uid, n in rows}


def _snapshot(row: m.Assessment) -> dict[str, Any]:
    return {
        "year": row.year,
        "set": f"{row.set_id}@{row.set_revision}",
        "indicator": row.indicator,
        "criterion": row.criterion,
        "value": row.value,
        "met": row.met,
        "met_auto": row.met_auto,
        "note": row.note,
        "assessed_on": row.assessed_on.isoformat() if row.assessed_on else None,
        "assessed_by": row.assessed_by,
    }


def _view(r: m.Assessment, evidence: int) -> AssessmentView:
    return AssessmentView(
        r.uid,
        r.record_id,
        r.year,
        r.set_id,
        r.set_revision,
        r.indicator,
        r.criterion,
        r.value,
        r.met,
        r.met_auto,
        r.basis,
        r.note,
        r.assessed_on,
        r.assessed_by,
        evidence,
    )
