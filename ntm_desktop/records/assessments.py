"""Assessments in records files: checked as ``ws.progress.record`` checks them, matched, written, exported.

An assessment is matched by its ``id``; failing that, by what it assesses (year, criteria set, indicator or
criterion), so a file never adds a second live result for the same indicator and year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput, NtmError, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.evaluate import evaluate
from ntm_desktop.criteria.loading import default_set_id_for_year
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.records.reader import AssessmentEntry, path
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.ledger.stores import put
from ntm_desktop.services.progress_values import coerce_value, to_json_value

Key = tuple[int, str, str, str]
"""(year, criteria set, criterion, indicator or "") — what an assessment is about."""


@dataclass(frozen=True)
class Planned:
    """A checked assessment from a file, with its value and Đạt as the workspace would store them."""

    entry: AssessmentEntry
    set_id: str
    set_revision: int
    criterion: str
    indicator: str | None
    value: Any
    met: bool | None
    met_auto: bool | None
    basis: str

    @property
    def key(self) -> Key:
        return (self.entry.year, self.set_id, self.criterion, self.indicator or "")

    def doc(self) -> dict[str, Any]:
        e = self.entry
        return _doc(
            self.set_id,
            e.year,
            self.indicator,
            self.criterion,
            self.value,
            self.met,
            e.note,
            e.assessed_on,
            e.assessed_by,
        )


def _doc(
    set_id: str,
    year: int,
    indicator: str | None,
    criterion: str,
    value: Any,
    met: bool | None,
    note: str,
    assessed_on: date | None,
    assessed_by: str,
) -> dict[str, Any]:
    doc: dict[str, Any] = {"year": year}
    doc["indicator" if indicator else "criterion"] = indicator or criterion
    put(doc, "value", value)
    doc["met"] = met
    put(doc, "note", note)
    put(doc, "assessed_on", assessed_on)
    put(doc, "assessed_by", assessed_by)
    return doc | {"criteria_set": set_id}


def row_doc(row: m.Assessment) -> dict[str, Any]:
    return _doc(
        row.set_id,
        row.year,
        row.indicator,
        row.criterion,
        row.value,
        row.met,
        row.note,
        row.assessed_on,
        row.assessed_by,
    )


def plan(
    entries: Sequence[AssessmentEntry],
    criteria: CriteriaService,
    file_set: str | None,
    region: str | None,
    group: int | None,
) -> tuple[list[Planned], list[Problem]]:
    """Every assessment checked against its criteria set (the file's, or the one in force that year)."""
    problems: list[Problem] = []
    sets: dict[str, CriteriaSet] = {}
    planned: list[Planned] = []
    if file_set is not None:
        try:
            sets[file_set] = criteria.get(file_set)
        except NtmError:
            known = ", ".join(i.id for i in criteria.sets())
            problems.append(
                Problem(
                    "criteria_set",
                    tr("unknown criteria set “{id}”; known sets: {known}", id=file_set, known=known),
                )
            )
            return [], problems
    for e in entries:
        if not e.year or not (e.indicator or e.criterion):
            continue  # already reported by the reader
        set_id = file_set or default_set_id_for_year(e.year)
        at = path("assessments", e.index)
        if set_id is None:
            problems.append(
                Problem(
                    f"{at}.year",
                    tr("No criteria set covers {year}. Load one, or name the set to use.", year=e.year),
                )
            )
            continue
        if set_id not in sets:
            sets[set_id] = criteria.get(set_id)
        cs = sets[set_id]
        try:
            planned.append(_check(e, cs, region, group))
        except InvalidInput as exc:
            problems += [Problem(f"{at}.{p.path}" if p.path else at, p.message) for p in exc.problems]
    return planned, problems


def _check(e: AssessmentEntry, cs: CriteriaSet, region: str | None, group: int | None) -> Planned:
    if e.indicator:
        indicator = cs.find_indicator(e.indicator)
        crit = cs.criterion_for(e.indicator)
        if indicator is None or crit is None:
            raise InvalidInput(
                tr("Unknown indicator {code} in the set {set}", code=e.indicator, set=cs.id),
                field="indicator",
            )
        try:
            value = coerce_value(indicator, e.value)
        except InvalidInput as exc:
            raise InvalidInput(exc.problems[0].message, field="value") from None
        met_auto, basis = None, ""
        if value is not None:
            result = evaluate(indicator, value, region, group)
            met_auto, basis = result.met, result.basis
        met = e.met if e.met_given else met_auto
        return Planned(
            e, cs.id, cs.revision, crit.code, indicator.code, to_json_value(value), met, met_auto, basis
        )
    if cs.find_criterion(e.criterion) is None:
        raise InvalidInput(
            tr("Unknown criterion {code} in the set {set}", code=e.criterion, set=cs.id), field="criterion"
        )
    return Planned(e, cs.id, cs.revision, e.criterion, None, _free_value(e.value), e.met, None, "")


def _free_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value) or None
    return to_json_value(value) if isinstance(value, Decimal) else value


def existing(s: Session, code: str) -> tuple[dict[str, m.Assessment], dict[Key, m.Assessment]]:
    """The commune's assessments by record id (removed ones too) and its live ones by what they assess."""
    rows = s.scalars(select(m.Assessment).where(m.Assessment.unit_code == code)).all()
    by_id = {r.record_id: r for r in rows}
    by_key = {(r.year, r.set_id, r.criterion, r.indicator or ""): r for r in rows if r.deleted_at is None}
    return by_id, by_key


def write(db: Database, s: Session, code: str, p: Planned, row: m.Assessment | None) -> None:
    before = row_doc(row) | {"id": row.record_id} if row is not None and row.deleted_at is None else None
    if row is None:
        row = m.Assessment(record_id=p.entry.id, unit_code=code)
        s.add(row)
    e = p.entry
    row.year, row.set_id, row.set_revision = e.year, p.set_id, p.set_revision
    row.criterion, row.indicator, row.value = p.criterion, p.indicator, p.value
    row.met, row.met_auto, row.basis = p.met, p.met_auto, p.basis
    row.note, row.assessed_on, row.assessed_by = e.note, e.assessed_on, e.assessed_by
    row.deleted_at, row.updated_at, row.version = None, utcnow(), db.next_version()
    s.flush()
    db.audit(s, "records.import", "assessment", row.uid, before, row_doc(row) | {"id": row.record_id})


def export(s: Session, code: str) -> tuple[str | None, list[dict[str, Any]]]:
    """The ``criteria_set`` to name (None when every year used its own default set) and the list."""
    rows = s.scalars(
        select(m.Assessment).where(m.Assessment.unit_code == code, m.Assessment.deleted_at.is_(None))
    ).all()
    sets = {r.set_id for r in rows}
    if all(r.set_id == default_set_id_for_year(r.year) for r in rows):
        named = None
    elif len(sets) == 1:
        named = next(iter(sets))
    else:
        raise InvalidInput(
            tr(
                "The assessments were judged under several criteria sets ({sets}), and one records file "
                "names only one. Export them from a data file that uses one set.",
                sets=", ".join(sorted(sets)),
            ),
            field="criteria_set",
        )
    rows = sorted(
        rows, key=lambda r: (r.year, _code_key(r.criterion), _code_key(r.indicator or ""), r.record_id)
    )
    out = []
    for r in rows:
        doc = row_doc(r)
        del doc["criteria_set"]
        out.append({"id": r.record_id} | doc)
    return named, out


def _code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in code.split("."))
