"""The province's decisions recognising a commune's year, carried back to the commune.

A reverse bundle's ``records.json`` may hold a ``recognitions`` list (records format 1.2; left out while
the commune has none, so such a bundle stays version 1), one entry per level and year the province has
recognised, withdrawn ones included, so that a withdrawal travels too::

    {"id": "2025/ntm", "year": 2025, "level": "ntm", "decision": "123/QĐ-UBND", "date": "2025-12-20",
     "decided_by": "19", "withdrawn": false, "reason": "",
     "_version": "<record version>", "_origin": "<device>", "_deleted": false}

The commune keeps the newest version of each (year, level) in the same table the province records them in
(:class:`~ntm_desktop.db.models.ReceiverRecognition`, under its own code); a withdrawn one keeps its row
(``deleted_at``, the reason) and leaves the overview. Nothing here is typed by the commune: it shows the
decision's number and date exactly as the province entered them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import LEVELS
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.merge.causal import device_of
from ntm_desktop.sync.reverse.names import RECOGNITIONS

SINCE = FormatVersion(1, 2)
"""The records-format version that added the list (``docs/records-format.md``)."""
_MAX_DECISION = 100
"""``receiver_recognitions.decision``."""

Planned = list[tuple[dict[str, Any], str]]


@dataclass(frozen=True)
class Received:
    """A recognition decision as the commune holds it."""

    year: int
    level: str
    """A criteria-set level: ntm, nang_cao, kieu_mau or hien_dai."""
    decision: str
    decided_on: date
    decided_by: str
    """The code of the unit (province) whose decision it is."""
    withdrawn: bool
    reason: str
    """Why it was withdrawn."""
    received_at: datetime


def outgoing(s: Session, unit_code: str) -> list[dict[str, Any]]:
    """Every recognition of ``unit_code`` the receiver holds, withdrawn ones too, for a reverse bundle."""
    r = m.ReceiverRecognition
    rows = s.scalars(select(r).where(r.unit_code == unit_code).order_by(r.year, r.level))
    return [
        {
            "id": f"{row.year}/{row.level}",
            "year": row.year,
            "level": row.level,
            "decision": row.decision,
            "date": row.decided_on.isoformat(),
            "decided_by": row.decided_by,
            "withdrawn": row.deleted_at is not None,
            "reason": row.reason,
            "_version": row.version,
            "_origin": device_of(row.version),
            "_deleted": False,
        }
        for row in rows
    ]


def plan(s: Session, home: str, payload: dict[str, Any], problems: list[Problem]) -> Planned:
    """Each entry (checked; problems are collected) with what taking it in does: ``created``,
    ``updated`` (a newer version) or ``unchanged`` (the commune holds one as new)."""
    planned = []
    for index, entry in enumerate(payload.get(RECOGNITIONS) or ()):
        found = _problems(f"{RECOGNITIONS}[{index}]", entry)
        problems += found
        if found:
            continue
        held = s.get(m.ReceiverRecognition, (home, entry["year"], entry["level"]))
        newer = held is None or held.version < entry["_version"]
        planned.append((entry, "unchanged" if not newer else "created" if held is None else "updated"))
    return planned


def _problems(at: str, entry: dict[str, Any]) -> list[Problem]:
    found = []
    year, level = entry.get("year"), entry.get("level")
    if not isinstance(year, int) or isinstance(year, bool) or not 2010 <= year <= 2100:
        found.append(Problem(f"{at}.year", tr("must be a year from 2010 to 2100")))
    if level not in LEVELS:
        found.append(Problem(f"{at}.level", tr("must be ntm, nang_cao, kieu_mau or hien_dai")))
    if not found and entry["id"] != f"{year}/{level}":
        found.append(Problem(f"{at}.id", tr("must be the year and level: {id}", id=f"{year}/{level}")))
    decision = entry.get("decision")
    if not isinstance(decision, str) or not decision.strip() or len(decision) > _MAX_DECISION:
        found.append(Problem(f"{at}.decision", tr("must be the decision's number (at most 100 characters)")))
    if _day(entry.get("date")) is None:
        found.append(Problem(f"{at}.date", tr("must be a date (YYYY-MM-DD)")))
    by = entry.get("decided_by")
    if not isinstance(by, str) or not by.isdigit() or len(by) > 5:
        found.append(Problem(f"{at}.decided_by", tr("must be the code of the unit that decided")))
    if not isinstance(entry.get("withdrawn"), bool):
        found.append(Problem(f"{at}.withdrawn", tr("must be true or false")))
    if not isinstance(entry.get("reason", ""), str):
        found.append(Problem(f"{at}.reason", tr("must be text")))
    return found


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _snapshot(row: m.ReceiverRecognition | None) -> dict[str, Any] | None:
    if row is None:
        return None
    shown = {"decision": row.decision, "date": row.decided_on.isoformat(), "decided_by": row.decided_by}
    return shown | ({"withdrawn": True, "reason": row.reason} if row.deleted_at is not None else {})


def apply(s: Session, ctx: SyncContext, planned: Planned, home: str, bundle: str) -> None:
    """Keep each new or newer recognition (inside the import's transaction), with an audit row."""
    for entry in (e for e, outcome in planned if outcome != "unchanged"):
        key = (home, entry["year"], entry["level"])
        row = s.get(m.ReceiverRecognition, key)
        before = _snapshot(row)
        if row is None:
            row = m.ReceiverRecognition(unit_code=home, year=entry["year"], level=entry["level"])
            s.add(row)
        withdrawn = entry["withdrawn"] or entry["_deleted"]
        row.decision, row.decided_on = entry["decision"].strip(), _day(entry["date"]) or date.min
        row.decided_by, row.version = entry["decided_by"], entry["_version"]
        row.recorded_at, row.recorded_by = utcnow(), ctx.db.actor()
        row.deleted_at = (row.deleted_at or utcnow()) if withdrawn else None
        row.reason = str(entry.get("reason") or "").strip()
        uid = f"{home}/{row.year}/{row.level}"
        ctx.db.audit(s, "sync.recognition", "receiver_recognition", uid, before, _snapshot(row), bundle)


def held(s: Session, home: str) -> list[Received]:
    """The commune's copy of the decisions recognising its years (withdrawn ones too), by year and level."""
    r = m.ReceiverRecognition
    rows = s.scalars(select(r).where(r.unit_code == home))
    found = [
        Received(
            x.year,
            x.level,
            x.decision,
            x.decided_on,
            x.decided_by,
            x.deleted_at is not None,
            x.reason,
            x.recorded_at,
        )
        for x in rows
    ]
    return sorted(found, key=lambda x: (x.year, LEVELS.index(x.level) if x.level in LEVELS else 99))
