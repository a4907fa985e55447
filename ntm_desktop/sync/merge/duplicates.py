"""Two computers of one commune record the same indicator for the same year, each as a new assessment.

They are two records (two ids), so the version merge keeps both; but a commune has one result per
indicator and year. After a bundle's assessments are written, every pair of live assessments that
assess the same thing is flagged as a conflict of kind ``assessment-duplicate`` (record id ``a|b``);
resolving it keeps one and removes the other, as a new version that travels like any edit.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.sync.merge.causal import Sibling, device_of, extend
from ntm_desktop.sync.merge.codec import content_docs
from ntm_desktop.sync.merge.decide import current_vector

DUPLICATE = "assessment-duplicate"


def _key(row: Any) -> tuple[Any, ...]:
    return ASSESSMENTS.natural_key(row)  # a row (or its key columns) has the draft's fields


def flag(
    s: Session,
    code: str,
    arrived: Collection[str],
    bundle_id: str,
    alone: Collection[tuple[Any, ...]] | None = None,
) -> int:
    """Flag live assessments of ``code`` that duplicate one another, where one of them just ``arrived``
    (record ids); returns how many new conflicts were opened.

    ``alone``: when the unit held no assessment before (not even a removed one), the natural keys of
    those that arrived (:meth:`AssessmentStore.natural_key`). When no two of them assess the same
    thing, nothing is read: they are the unit's only assessments, and no duplicate conflict can be open
    for a unit without assessments (records are never deleted for good, nor moved to another unit)."""
    if not arrived:
        return 0
    if alone is not None and len(set(alone)) == len(alone):  # keys as _key gives them
        return 0
    _close_settled(s, code)
    if not _any_doubled(s, code):  # nearly always: asked of the database, nothing read back
        return 0
    a = m.Assessment
    keys = s.execute(
        select(a.uid, a.record_id, a.year, a.set_id, a.criterion, a.indicator).where(
            a.unit_code == code, a.deleted_at.is_(None)
        )
    ).all()  # only what the key needs: a commune holds thousands of assessments
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for key in keys:
        groups.setdefault(_key(key), []).append(key)
    pairs = []
    for group in groups.values():
        if len(group) < 2 or not any(k.record_id in arrived for k in group):
            continue
        here = sorted((k for k in group if k.record_id not in arrived), key=lambda k: k.record_id)
        new = sorted((k for k in group if k.record_id in arrived), key=lambda k: k.record_id)
        first, *rest = here + new
        pairs += [(first.uid, other.uid) for other in rest]
    if not pairs:
        return 0
    rows = {r.uid: r for r in s.scalars(select(a).where(a.uid.in_({u for pair in pairs for u in pair})))}
    return sum(_open(s, code, rows[first], rows[other], bundle_id) for first, other in pairs)


def _any_doubled(s: Session, code: str) -> bool:
    """Whether two live assessments of ``code`` assess the same thing (:meth:`natural_key`: year, set,
    criterion, indicator or "")."""
    a = m.Assessment
    key = (a.year, a.set_id, a.criterion, func.coalesce(a.indicator, ""))
    query = (
        select(literal(1))
        .where(a.unit_code == code, a.deleted_at.is_(None))
        .group_by(*key)
        .having(func.count() > 1)
        .limit(1)
    )
    return s.scalar(query) is not None


def _close_settled(s: Session, code: str) -> None:
    """A duplicate whose two records are no longer both there (resolved elsewhere) is settled."""
    query = select(m.SyncConflict).where(
        m.SyncConflict.unit_code == code, m.SyncConflict.kind == DUPLICATE, m.SyncConflict.status == "open"
    )
    conflicts = list(s.scalars(query))
    if not conflicts:
        return
    a = m.Assessment
    live = set(s.scalars(select(a.record_id).where(a.unit_code == code, a.deleted_at.is_(None))))
    for conflict in conflicts:
        if not set(conflict.record_id.split("|", 1)) <= live:
            conflict.status, conflict.resolution, conflict.resolved_at = "resolved", "superseded", utcnow()


def _open(s: Session, code: str, local: m.Assessment, incoming: m.Assessment, bundle_id: str) -> int:
    pair = f"{local.record_id}|{incoming.record_id}"
    known = s.scalar(
        select(m.SyncConflict.uid).where(
            m.SyncConflict.unit_code == code,
            m.SyncConflict.kind == DUPLICATE,
            m.SyncConflict.record_id == pair,
            m.SyncConflict.status == "open",
        )
    )
    if known is not None:
        return 0
    docs = content_docs(s, ASSESSMENTS.list_name, [local, incoming], {})
    sides = [_side(r, docs[r.uid]) for r in (local, incoming)]
    s.add(
        m.SyncConflict(
            unit_code=code,
            kind=DUPLICATE,
            record_id=pair,
            local=sides[0],
            incoming=sides[1],
            bundle_id=bundle_id,
        )
    )
    return 1


def _side(row: m.Assessment, doc: dict[str, Any]) -> dict[str, Any]:
    return Sibling(
        row.version, {device_of(row.version): row.version}, device_of(row.version), False, doc
    ).to_json()


def resolve(s: Session, db: Database, conflict: m.SyncConflict, keep: str, version: str) -> None:
    """Keep one of the two assessments; the other is removed as a new version made here."""
    local_id, incoming_id = conflict.record_id.split("|", 1)
    drop = incoming_id if keep == "local" else local_id
    row = s.scalar(
        select(m.Assessment).where(
            m.Assessment.unit_code == conflict.unit_code, m.Assessment.record_id == drop
        )
    )
    if row is None or row.deleted_at is not None:
        return
    key = (conflict.unit_code, ASSESSMENTS.list_name, drop)
    state = s.get(m.SyncRecordState, key)
    vv = extend(current_vector(row.version, state), version)
    if state is None:
        state = m.SyncRecordState(unit_code=key[0], kind=key[1], record_id=key[2])
        s.add(state)
    state.version, state.vv, state.deleted = version, vv, True
    before = {"id": row.record_id, "version": row.version}
    row.deleted_at, row.updated_at = utcnow(), utcnow()
    row.version, row.origin = version, device_of(version)
    db.audit(s, "sync.remove", ASSESSMENTS.entity, row.uid, before, None, note=conflict.uid)
