"""The receiving unit's decision on each of a commune's years, carried back to the commune.

A reverse bundle's ``records.json`` holds a ``decisions`` list, one entry per year the receiver has
signed off (besides the usual ``id``, ``_version``, ``_origin``, ``_deleted``)::

    {"id": "2025", "year": 2025, "status": "returned", "reason": "Chỉ tiêu 17.1: thiếu biên bản …",
     "decided_at": "2026-11-30T02:15:00Z", "decided_by": "Trần Văn B", "correction": "<request uuid>"}

``status`` is ``received`` (a returned or reviewed year that new data reopened), ``reviewed``,
``approved`` or ``returned``. The commune keeps the newest version of each year's decision
(:class:`~ntm_desktop.db.models.ReceivedDecision`) and shows it on its overview; a ``returned`` year names
the correction request that says which record to correct. Older apps ignore the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.registry import kind_named
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.merge.causal import device_of
from ntm_desktop.sync.reverse.names import DECISIONS

if TYPE_CHECKING:
    # sync.views (seven dataclasses) is imported where used: a bundle import never needs it
    from ntm_desktop.sync.views import CorrectionView

SENT = ("received", "reviewed", "approved", "returned")
"""The sign-off states that travel (``ntm_desktop.receiver.values``; not imported: the receiver package
imports the sync import, which imports this)."""


@dataclass(frozen=True)
class Decision:
    """What the commune knows of the receiving unit's decision on one year."""

    year: int
    status: str
    reason: str
    decided_at: datetime | None
    decided_by: str
    receiver_code: str
    correction: str
    """The correction request sent with a returned year ("" for none)."""


def outgoing(s: Session, unit_code: str, version: str) -> list[dict[str, Any]]:
    """Every signed-off year of ``unit_code`` (the receiver's side), for a reverse bundle."""
    rows = s.scalars(
        select(m.ReceiverSignoff)
        .where(m.ReceiverSignoff.unit_code == unit_code)
        .order_by(m.ReceiverSignoff.year)
    )
    return [
        {
            "id": str(r.year),
            "year": r.year,
            "status": r.status,
            "reason": r.reason,
            "decided_at": r.changed_at.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z"),
            "decided_by": r.changed_by,
            "correction": r.correction_uid,
            "_version": version,
            "_origin": device_of(version),
            "_deleted": False,
        }
        for r in rows
        if r.status in SENT
    ]


def plan(
    s: Session, home: str, payload: dict[str, Any], problems: list[Problem]
) -> list[tuple[dict[str, Any], str]]:
    """Each entry (checked; problems are collected) with what taking it in does: ``created`` (a year
    with no decision yet), ``updated`` (a newer one) or ``unchanged`` (the commune holds as new)."""
    planned = []
    for index, entry in enumerate(payload.get(DECISIONS) or ()):
        found = _problems(f"{DECISIONS}[{index}]", entry)
        problems += found
        if found:
            continue
        held = s.get(m.ReceivedDecision, (home, entry["year"]))
        outcome = (
            "created" if held is None else "updated" if held.version < entry["_version"] else "unchanged"
        )
        planned.append((entry, outcome))
    return planned


def _problems(at: str, entry: dict[str, Any]) -> list[Problem]:
    found = []
    year = entry.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2010 <= year <= 2100:
        found.append(Problem(f"{at}.year", tr("must be a year from 2010 to 2100")))
    if entry.get("status") not in SENT:
        found.append(Problem(f"{at}.status", tr("must be received, reviewed, approved or returned")))
    for name in ("reason", "decided_by", "correction"):
        if not isinstance(entry.get(name, ""), str):
            found.append(Problem(f"{at}.{name}", tr("must be text")))
    if _moment(entry.get("decided_at")) is None and entry.get("decided_at") is not None:
        found.append(Problem(f"{at}.decided_at", tr("must be a date and time (ISO 8601)")))
    return found


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def apply(
    s: Session,
    ctx: SyncContext,
    planned: list[tuple[dict[str, Any], str]],
    home: str,
    sender: str,
    bundle: str,
) -> None:
    """Keep each new or newer decision (inside the import's transaction), with an audit row."""
    for entry in (e for e, outcome in planned if outcome != "unchanged"):
        row = s.get(m.ReceivedDecision, (home, entry["year"]))
        before = {"status": row.status, "reason": row.reason} if row is not None else None
        if row is None:
            row = m.ReceivedDecision(unit_code=home, year=entry["year"])
            s.add(row)
        row.status, row.reason = entry["status"], str(entry.get("reason") or "").strip()
        row.decided_at, row.decided_by = _moment(entry.get("decided_at")), str(entry.get("decided_by") or "")
        row.correction_uid, row.receiver_code = str(entry.get("correction") or ""), sender
        row.version, row.bundle_id = entry["_version"], bundle
        after = {"year": row.year, "status": row.status, "reason": row.reason}
        ctx.db.audit(s, "sync.decision", "received_decision", f"{home}/{row.year}", before, after, bundle)


def held(s: Session, home: str) -> list[Decision]:
    """The commune's copy of the receiving unit's decisions, by year."""
    rows = s.scalars(
        select(m.ReceivedDecision)
        .where(m.ReceivedDecision.unit_code == home)
        .order_by(m.ReceivedDecision.year)
    )
    return [
        Decision(r.year, r.status, r.reason, r.decided_at, r.decided_by, r.receiver_code, r.correction_uid)
        for r in rows
    ]


@dataclass(frozen=True)
class Target:
    """The record a correction request is about, as the commune finds it."""

    kind: str
    """The registry's list name: ``assessments`` or ``help``."""
    uid: str
    title: str
    code: str = ""
    """An assessment's indicator (or criterion) code, to open it on the Criteria page."""
    indicator: bool = False
    """``code`` is an indicator's (else a criterion judged as a whole)."""


@dataclass(frozen=True)
class Answer:
    decision: Decision
    correction: CorrectionView | None
    target: Target | None


def answers(s: Session, home: str) -> dict[int, Answer]:
    """Each year's decision, with the correction request it sent and the record that request names."""
    found = {}
    for d in held(s, home):
        row = s.get(m.SyncCorrection, d.correction) if d.correction else None
        correction = correction_view(row) if row is not None else None
        target = _target(s, home, row.kind, row.record_id) if row is not None else None
        found[d.year] = Answer(d, correction, target)
    return found


def _target(s: Session, home: str, kind: str, record_id: str) -> Target | None:
    store = kind_named(kind)
    if store is None:
        return None
    row = s.scalar(
        select(store.model).where(
            store.model.unit_code == home,
            store.model.record_id == record_id,
            store.model.deleted_at.is_(None),
        )
    )
    if row is None:
        return None
    view = store.view(s, row)
    indicator = getattr(view, "indicator", None)
    code = str(indicator or getattr(view, "criterion", "") or "")
    return Target(kind, row.uid, store.title(view), code, bool(indicator))


def correction_view(c: m.SyncCorrection) -> CorrectionView:
    from ntm_desktop.sync.views import CorrectionView

    return CorrectionView(
        c.uid, c.unit_code, c.kind, c.record_id, c.reason, c.requested_by, c.status, c.created_at
    )


def titles(s: Session, corrections: list[CorrectionView]) -> dict[str, str]:
    """Correction id → the title of the record it names ("10/12/2019 · Bê tông hóa…"), where it is found."""
    found = {}
    for c in corrections:
        target = _target(s, c.unit_code, c.kind, c.record_id)
        if target is not None:
            found[c.id] = target.title
    return found
