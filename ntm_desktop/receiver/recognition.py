"""The province's decisions recognising a commune's year (xã đạt chuẩn nông thôn mới, nâng cao, kiểu mẫu,
hiện đại): what the summary counts as *recognised*, apart from what a commune assessed itself.

    ws.receiver.recognise("01234", 2025, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
    ws.receiver.withdraw_recognition("01234", 2025, "ntm", reason="Ghi nhầm xã")
    ws.receiver.recognitions(2025)

Rules (docs/sync.md, "Recognition"):

* only a province (or a district, for the years before 1 July 2025) records them; the national office
  receives them from the provinces' roll-up bundles;
* only for an **approved** year: the decision follows the province's appraisal, and the summary must
  never count as recognised a year whose figures nobody checked. A year reopened after its recognition
  keeps the decision (it is a legal act); withdraw it explicitly if it was recorded by mistake;
* the decision's number and symbol look like ``123/QĐ-UBND`` (or ``05/2025/QĐ-UBND``), its date is not
  before the year it recognises nor in the future;
* recording the same commune, year and level again corrects the number or date (audited); withdrawing
  keeps the row (``deleted_at``) with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.receiver.values import RECOGNITION_LEVELS, Recognition
from ntm_desktop.services.db import Database

_DECISION = re.compile(r"\d{1,5}(/\d{4})?/[^\s/]{2,40}")
"""Số, ký hiệu of an administrative decision: 123/QĐ-UBND, 05/2025/QĐ-UBND (NĐ 30/2020, ntm-domain.md §2)."""


def checked(year: int, decision: str, decided_on: date | None, level: str) -> str:
    """The decision's number, cleaned; :class:`InvalidInput` naming every wrong field."""
    problems = []
    number = clean(decision)
    if not _DECISION.fullmatch(number):
        problems.append(Problem("decision", tr("The decision's number and symbol look like 123/QĐ-UBND")))
    if level not in RECOGNITION_LEVELS:
        problems.append(
            Problem("level", tr("The level must be one of {levels}", levels=", ".join(RECOGNITION_LEVELS)))
        )
    if decided_on is None:
        problems.append(Problem("date", tr("Give the decision's date (YYYY-MM-DD)")))
    elif decided_on < date(year, 1, 1):
        problems.append(
            Problem("date", tr("A decision on {year} cannot be dated before that year", year=year))
        )
    elif decided_on > vntime.today():
        problems.append(Problem("date", tr("The decision's date is in the future")))
    if problems:
        raise InvalidInput(problems)
    return number


def view(row: m.ReceiverRecognition) -> Recognition:
    return Recognition(
        code=row.unit_code,
        year=row.year,
        level=row.level,
        decision=row.decision,
        decided_on=row.decided_on,
        decided_by=row.decided_by,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        withdrawn=row.deleted_at is not None,
        reason=row.reason,
    )


def snapshot(row: m.ReceiverRecognition | None) -> dict[str, object] | None:
    if row is None or row.deleted_at is not None:
        return None
    return {"decision": row.decision, "date": row.decided_on.isoformat(), "decided_by": row.decided_by}


def record(
    db: Database,
    s: Session,
    key: tuple[str, int, str],
    decision: str,
    decided_on: date,
    decided_by: str,
    version: str,
) -> None:
    """Write (or correct) the recognition ``key`` = (commune, year, level) in the caller's transaction."""
    code, year, level = key
    row = s.get(m.ReceiverRecognition, key)
    before = snapshot(row)
    if row is not None and before == {"decision": decision, "date": decided_on.isoformat(),
                                      "decided_by": decided_by}:  # fmt: skip
        raise Conflict(
            tr("{code}, {year} is already recognised by {decision}.", code=code, year=year, decision=decision)
        )
    if row is None:
        row = m.ReceiverRecognition(unit_code=code, year=year, level=level)
        s.add(row)
    row.decision, row.decided_on, row.decided_by, row.version = decision, decided_on, decided_by, version
    row.recorded_at, row.recorded_by, row.deleted_at, row.reason = utcnow(), db.actor(), None, ""
    db.audit(s, "receiver.recognise", "receiver_recognition", f"{code}/{year}/{level}", before,
             snapshot(row))  # fmt: skip


def withdraw(db: Database, s: Session, key: tuple[str, int, str], reason: str, version: str) -> None:
    code, year, level = key
    row = s.get(m.ReceiverRecognition, key)
    if row is None or row.deleted_at is not None:
        raise NotFound(tr("{code} has no recognition at this level for {year}.", code=code, year=year))
    before = snapshot(row)
    row.deleted_at, row.reason, row.version = utcnow(), clean(reason), version
    db.audit(s, "receiver.recognise", "receiver_recognition", f"{code}/{year}/{level}", before,
             {"withdrawn": True, "reason": row.reason})  # fmt: skip


def of_year(s: Session, year: int | None, codes: Iterable[str] | None = None) -> list[Recognition]:
    """The standing recognitions (not withdrawn), by commune then level order."""
    r = m.ReceiverRecognition
    query = select(r).where(r.deleted_at.is_(None))
    if year is not None:
        query = query.where(r.year == year)
    if codes is not None:
        query = query.where(r.unit_code.in_(list(codes)))
    found = [view(row) for row in s.scalars(query)]
    return sorted(found, key=lambda v: (v.code, v.year, RECOGNITION_LEVELS.index(v.level)))


def by_code(found: Iterable[Recognition]) -> dict[str, tuple[Recognition, ...]]:
    out: dict[str, list[Recognition]] = {}
    for r in found:
        out.setdefault(r.code, []).append(r)
    return {code: tuple(rs) for code, rs in out.items()}
