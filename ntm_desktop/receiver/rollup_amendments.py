"""The province's amendment requests in its roll-up (bundle format 2.3, ``amendments``), so the national
office shows what the province approved, not a commune's later change the province has not decided on.

A province keeps a commune's change to an approved year aside (:func:`amendments.hold_back`); the commune
bundle that brought it travels whole in the roll-up, so without more the national office would merge the
change as if approved. The roll-up therefore lists every request the province holds — which change of
which bundle, its year, and the province's decision (``open``, ``accepted``, ``rejected``,
``superseded``). The national office keeps exactly those changes aside the same way
(:func:`amendments.hold_listed`, the same request id as the province's) while it takes in the commune's
own signed bundle, then follows the decisions: an accepted change is merged as the province merged it
(:func:`amendments.merge_in`), a rejected or superseded one stays out. The content always comes from the
commune's signed bundle, never from the province's list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.receiver import amendments
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.bundle.rules import format_timestamp, parse_timestamp
from ntm_desktop.sync.context import SyncContext

OPEN = "open"


def carried(s: Session, codes: Iterable[str]) -> list[dict[str, Any]]:
    """Every amendment request the province holds for ``codes``, oldest first (the roll-up's list)."""
    a = m.ReceiverAmendment
    query = select(a).where(a.unit_code.in_(list(codes))).order_by(a.received_at, a.uid)
    return [
        {
            "id": row.uid,
            "unit_code": row.unit_code,
            "year": row.year,
            "kind": row.kind,
            "record_id": row.record_id,
            "bundle_id": row.bundle_id,
            "status": row.status,
            "reason": row.reason,
            "decided_at": format_timestamp(row.decided_at) if row.decided_at else "",
            "decided_by": row.decided_by,
        }
        for row in s.scalars(query)
    ]


def listed(payload: dict[str, Any]) -> dict[str, amendments.Listed]:
    """Commune bundle id → the changes of it the province held: (kind, record id) → (year, request id)."""
    out: dict[str, dict[tuple[str, str], tuple[int, str]]] = {}
    for e in payload.get("amendments", ()):
        out.setdefault(e["bundle_id"], {})[(e["kind"], e["record_id"])] = (e["year"], e["id"])
    return dict(out)


def request_ids(s: Session) -> frozenset[str]:
    """The ids of every amendment request this office holds, whatever its state."""
    return frozenset(s.scalars(select(m.ReceiverAmendment.uid)))


def follow(
    s: Session, ctx: SyncContext, bundle: VerifiedBundle, held_now: frozenset[str] = frozenset()
) -> int:
    """Take the province's decisions on the requests this office holds open too, in the order it took
    them; returns how many changed of those held before this roll-up (one it holds only now, ``held_now``,
    counts once, as new)."""
    decided = [e for e in bundle.payload.get("amendments", ()) if e["status"] != OPEN]
    changed = 0
    for e in sorted(decided, key=lambda e: (e["decided_at"], e["id"])):
        row = s.get(m.ReceiverAmendment, e["id"])
        if row is None or row.status != OPEN or row.unit_code != e["unit_code"]:
            continue  # not held here (taken in before this office knew of it), or already followed
        if e["status"] == "accepted":
            amendments.merge_in(ctx.db, s, ctx.criteria, ctx.evidence, row)
        before = {"status": row.status}
        moment = parse_timestamp(e["decided_at"]) if e["decided_at"] else None
        row.status, row.reason, row.decided_by = e["status"], e["reason"], e["decided_by"]
        row.decided_at = moment.replace(tzinfo=None) if moment else utcnow()
        after = {"status": row.status, "reason": row.reason, "province": bundle.manifest.origin_unit_code}
        ctx.db.audit(
            s,
            "sync.rollup.amendment",
            "receiver_amendment",
            row.uid,
            before,
            after,
            bundle.manifest.bundle_id,
        )
        changed += row.uid not in held_now
    return changed
