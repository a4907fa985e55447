"""Each commune-year's sign-off history in a province's roll-up (bundle format 2.2, ``history`` of a
``signoffs`` entry), so the national office shows every step — returned on 05/01, approved on 20/01 —
and not only the state the province has reached.

The province sends every step it keeps (``receiver_signoff_changes``), oldest first. The national office
adds the steps it does not hold yet (a step is its time to the second and the state it led to), so a
later roll-up brings only what is new. A roll-up of an older province (format 2 or 2.1, no ``history``)
still shows what it has: its current state becomes one step, at the time the province set it (from the
state this office held before, else "received"); once the province's roll-ups carry ``history``, that
step takes the province's own "from" and the earlier steps join it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.receiver.values import RECEIVED
from ntm_desktop.services.db import Database
from ntm_desktop.sync.bundle.rules import format_timestamp, parse_timestamp

Step = tuple[datetime, str]
"""What makes a step the same at both offices: when (to the second, UTC) and the state it led to."""


def carried(s: Session, codes: list[str], year: int) -> dict[str, list[dict[str, Any]]]:
    """The steps of ``year`` the province sends, by commune code, oldest first."""
    c = m.ReceiverSignoffChange
    query = select(c).where(c.year == year, c.unit_code.in_(codes)).order_by(c.unit_code, c.at, c.id)
    steps: dict[str, list[dict[str, Any]]] = {}
    for r in s.scalars(query):
        steps.setdefault(r.unit_code, []).append(
            {
                "from": r.from_status,
                "to": r.to_status,
                "reason": r.reason,
                "at": format_timestamp(r.at),
                "by": r.actor,
                "bundle_id": r.bundle_id,
            }
        )
    return steps


def take_in(
    db: Database, s: Session, entries: list[dict[str, Any]], before: dict[str, str], bundle_id: str
) -> int:
    """Add the steps of each sign-off entry that this office does not hold yet (``before``: the state of
    each entry's id before this roll-up, for an older roll-up's one step); the number of steps added."""
    added = 0
    for e in entries:
        steps = e.get("history")
        if steps is None:  # an older province: what it has is the state it reached
            frm = before.get(e["id"], RECEIVED)
            frm = RECEIVED if frm == e["status"] else frm  # held already: the step's "from" is unknown
            steps = [{"from": frm, "to": e["status"], "reason": e["reason"], "at": e["changed_at"],
                      "by": e["changed_by"], "bundle_id": ""}]  # fmt: skip
        new = _new_steps(s, e["unit_code"], e["year"], steps)
        for step in new:
            if step.get("corrected"):
                continue
            s.add(
                m.ReceiverSignoffChange(
                    unit_code=e["unit_code"], year=e["year"], from_status=step["from"],
                    to_status=step["to"], reason=step["reason"], at=_moment(step["at"]),
                    actor=step["by"], bundle_id=step["bundle_id"],
                )
            )  # fmt: skip
        if new:
            after = {"steps": [f"{x['from']} → {x['to']} {x['at']}" for x in new]}
            db.audit(s, "sync.rollup.history", "receiver_signoff", e["id"], None, after, bundle_id)
            added += len(new)
    return added


def _new_steps(s: Session, code: str, year: int, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The carried steps this office lacks (two steps to the same state in one second are two steps);
    a step it holds from an older roll-up (one step, "from" guessed) takes the province's "from",
    reason and clerk (returned marked ``corrected``, for the audit)."""
    c = m.ReceiverSignoffChange
    query = select(c).where(c.unit_code == code, c.year == year).order_by(c.id)
    held: dict[Step, list[m.ReceiverSignoffChange]] = {}
    for r in s.scalars(query):
        held.setdefault((r.at.replace(microsecond=0), r.to_status), []).append(r)
    seen: dict[Step, int] = {}
    new = []
    for step in steps:
        key = (_moment(step["at"]), step["to"])
        n = seen[key] = seen.get(key, 0) + 1
        rows = held.get(key, [])
        if n > len(rows):
            new.append(step)
            continue
        row = rows[n - 1]
        if (row.from_status, row.reason) != (step["from"], step["reason"]):
            row.from_status, row.reason, row.actor = step["from"], step["reason"], step["by"]
            new.append(step | {"corrected": True})
    return new


def _moment(stamp: str) -> datetime:
    moment = parse_timestamp(stamp)
    assert moment is not None  # checked with the payload
    return moment.replace(microsecond=0)
