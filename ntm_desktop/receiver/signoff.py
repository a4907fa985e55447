"""Signing off a commune's year: received → reviewed → approved (locked), or returned for correction.

Every step is kept (who, when, why) in ``receiver_signoff_changes`` and in the audit. A year returned
for correction goes back to ``received`` by itself when a bundle brings changes to it, and so does a
reviewed year (what was reviewed has changed). An approved year is locked: changes to it that arrive
later are held as amendment requests (:mod:`ntm_desktop.receiver.amendments`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.signoff import APPROVED, NOT_REPORTED, RECEIVED, RETURNED, REVIEWED, status_label
from ntm_desktop.core.text import clean
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.services.db import Database

if TYPE_CHECKING:
    from ntm_desktop.receiver.values import StatusChange

SETTABLE = (REVIEWED, APPROVED, RETURNED)
ALLOWED: dict[str, tuple[str, ...]] = {
    RECEIVED: (REVIEWED, RETURNED),
    REVIEWED: (APPROVED, RETURNED),
    RETURNED: (REVIEWED, RETURNED),
    APPROVED: (REVIEWED, RETURNED),
}
"""From a state, the states an officer may set. Approving needs a review first; reopening an approved
year (back to reviewed, or returned) and returning need a reason."""
NEEDS_REASON = {RETURNED}


def check_move(code: str, year: int, current: str, new: str, reason: str) -> None:
    """Raise when ``current`` → ``new`` is not a step the officer may take (or lacks its reason)."""
    if new not in SETTABLE:
        raise InvalidInput(
            tr("The state can be set to reviewed, approved or returned, not “{status}”", status=new),
            field="status",
        )
    if current == NOT_REPORTED:
        raise Conflict(tr("{code} has not reported anything for {year} yet.", code=code, year=year))
    if new == current and new != RETURNED:
        raise Conflict(
            tr("{code}, {year} is already {status}.", code=code, year=year, status=status_label(new))
        )
    if new == APPROVED and REVIEWED in ALLOWED.get(current, ()) and new not in ALLOWED.get(current, ()):
        raise Conflict(
            tr(
                "{code}, {year} is {current}: mark it {reviewed} first, then approve it.",
                code=code,
                year=year,
                current=status_label(current),
                reviewed=status_label(REVIEWED),
            )
        )
    if new not in ALLOWED.get(current, ()):
        raise Conflict(
            tr(
                "{code}, {year} is {current}: it cannot become {new} from there.",
                code=code,
                year=year,
                current=status_label(current),
                new=status_label(new),
            )
        )
    if not clean(reason) and (new in NEEDS_REASON or current == APPROVED):
        raise InvalidInput(tr("Say why (the reason is sent to the commune or kept in the history)"), "reason")


def stored(s: Session, code: str, year: int) -> m.ReceiverSignoff | None:
    return s.get(m.ReceiverSignoff, (code, year))


def move(
    db: Database,
    s: Session,
    code: str,
    year: int,
    current: str,
    new: str,
    reason: str,
    *,
    bundle_id: str = "",
    correction_uid: str = "",
) -> None:
    """Write the step (state, history row and audit) inside the caller's transaction."""
    row = stored(s, code, year)
    if row is None:
        row = m.ReceiverSignoff(unit_code=code, year=year, status=current)
        s.add(row)
    row.status, row.reason, row.changed_at, row.changed_by = new, clean(reason), utcnow(), db.actor()
    if correction_uid:
        row.correction_uid = correction_uid
    s.add(
        m.ReceiverSignoffChange(
            unit_code=code,
            year=year,
            from_status=current,
            to_status=new,
            reason=clean(reason),
            actor=db.actor(),
            bundle_id=bundle_id,
            correction_uid=correction_uid,
        )
    )
    db.audit(
        s,
        "receiver.status",
        "receiver_signoff",
        f"{code}/{year}",
        {"status": current},
        {"status": new, "reason": clean(reason), "correction": correction_uid or None},
        bundle_id,
    )


def history(s: Session, code: str, year: int) -> list[StatusChange]:
    query = (
        select(m.ReceiverSignoffChange)
        .where(m.ReceiverSignoffChange.unit_code == code, m.ReceiverSignoffChange.year == year)
        .order_by(m.ReceiverSignoffChange.at, m.ReceiverSignoffChange.id)
    )
    from ntm_desktop.receiver.values import StatusChange  # not on the import path (its dataclasses)

    return [
        StatusChange(
            r.unit_code,
            r.year,
            r.from_status,
            r.to_status,
            r.reason,
            r.at,
            r.actor,
            r.bundle_id,
            r.correction_uid,
        )
        for r in s.scalars(query)
    ]


def states(s: Session, year: int) -> dict[str, str]:
    """Every stored state of ``year``, by commune code."""
    query = select(m.ReceiverSignoff.unit_code, m.ReceiverSignoff.status).where(
        m.ReceiverSignoff.year == year
    )
    return {code: status for code, status in s.execute(query)}


def effective(row: m.ReceiverSignoff | str | None, has_data: bool) -> str:
    """The state of a commune-year: the one stored (a row or its status), else what its data say."""
    if row is not None:
        return row if isinstance(row, str) else row.status
    return RECEIVED if has_data else NOT_REPORTED
