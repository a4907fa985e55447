"""Approved years are locked: what a later bundle changes in them waits as an amendment request.

The sync import calls :func:`hold_back` inside the bundle's transaction (``SyncService.import_hook``).
A record change is held when the record's year — an assessment's year, a help record's or event's date,
a seconded cadre's period — before or after the change falls in a year the receiver approved for that
commune (or for its successor). Held changes are not written: the receiver's data stay as approved.
Accepting one merges it exactly as the bundle would have; rejecting one asks the commune, through the
next reverse bundle, to check the record.

Other changes in the same bundle go in as usual, and a reviewed or returned year they touch goes back
to ``received`` (there is something new to look at).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.signoff import APPROVED, RECEIVED, RETURNED, REVIEWED  # as receiver.values has them
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.db.driver import fetch, flushed, written
from ntm_desktop.receiver import signoff
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.services.kinds.store import Span
from ntm_desktop.services.locks import lock_units
from ntm_desktop.services.unit import profile_of
from ntm_desktop.sync.merge.apply import Writer
from ntm_desktop.sync.merge.causal import Sibling, includes
from ntm_desktop.sync.merge.check import check_records
from ntm_desktop.sync.merge.codec import Incoming, evidence_files
from ntm_desktop.sync.merge.decide import Outcome, Step, load_local, plan
from ntm_desktop.sync.planned import Planned

if TYPE_CHECKING:
    from ntm_desktop.receiver.values import Amendment

Listed = Mapping[tuple[str, str], tuple[int, str]]
"""The changes a province held from one commune bundle: (kind, record id) → (year, its request's id)."""


class Held(msgspec.Struct, frozen=True):
    """What :func:`hold_back` held back (a Struct: its class is made when the first bundle is imported)."""

    steps: int
    years: tuple[int, ...]
    reopened: tuple[int, ...]


def _draft_span(kind: str, draft: Any) -> Span | None:
    return BY_LIST[kind].span(draft) if draft is not None else None


def _row_spans(s: Session, steps: Iterable[Step]) -> dict[str, Span]:
    """Row uid → the span of the record as the receiver holds it now."""
    uids: dict[str, list[str]] = {}
    for st in steps:
        if st.local is not None and st.local.uid:
            uids.setdefault(st.incoming.kind, []).append(st.local.uid)
    out: dict[str, Span] = {}
    for kind, wanted in uids.items():
        store = BY_LIST[kind]
        for row in s.scalars(select(store.model).where(store.model.uid.in_(wanted))):
            span = store.span(row)
            if span is not None:
                out[row.uid] = span
    return out


def _in(span: Span, year: int) -> bool:
    first, last = span
    return (first is None or first <= year) and (last is None or year <= last)


def _years_hit(spans: Sequence[Span], years: Iterable[int]) -> list[int]:
    return sorted(y for y in years if any(_in(span, y) for span in spans))


def _signoffs(s: Session, code: str) -> tuple[str, dict[int, str]]:
    """The commune ``code`` now counts for (``registry.current``) and the state of each of its years'
    sign-off: one statement for a commune not merged into another (nearly every bundle), the sign-offs
    read with the commune's own row's successor beside them."""
    row = m.ReceiverSignoff
    conn = flushed(s)  # what the session holds goes first, as before an ORM query
    sql, params = written(_signoffs_query(), conn.dialect)
    found = fetch(conn, sql, params({"code": code}))  # of the driver straight: every bundle asks it
    successor = found[0][0] if found else None
    if not successor or successor == code:  # as registry._merged_into: not merged
        return code, {year: status for _, year, status in found if year is not None}
    target = _current(s, code)
    query = select(row.year, row.status).where(row.unit_code == target)
    return target, {year: status for year, status in s.execute(query)}


def _current(s: Session, code: str) -> str:
    """``registry.current``: the commune ``code`` counts for now (the registry, two dataclasses, is loaded
    only for a merged commune's bundle or at the national office, not by every import)."""
    from ntm_desktop.receiver import registry

    return registry.current(s, code)


@cache
def _signoffs_query() -> str:
    """:func:`_signoffs`' one statement for the commune ``:code``, written once (every bundle;
    :func:`~ntm_desktop.db.driver.written`: no compiling on the first import in a process). A commune not
    merged is a unit row that is not the home unit (``NOT is_home``: false, as SQLite's 0 is)."""
    units, rows = m.Unit.__tablename__, m.ReceiverSignoff.__tablename__
    merged = (
        f"SELECT {units}.merged_into FROM {units} WHERE {units}.code = :code "
        f"AND {units}.deleted_at IS NULL AND NOT {units}.is_home"
    )
    return (
        f"SELECT ({merged}) AS merged_into, {rows}.year, {rows}.status "
        f"FROM (SELECT CAST(:code AS VARCHAR) AS code) AS one "
        f"LEFT OUTER JOIN {rows} ON {rows}.unit_code = one.code"
    )


def import_hook(db: Database, evidence: EvidenceService, s: Session, planned: Planned) -> str:
    """The sync import's receiver hook (``ws.sync.import_hook``): :func:`hold_back`, and what it did in
    the officer's words ("" when nothing was held or reopened)."""
    held = hold_back(db, evidence, s, planned)
    notes = []
    if held.steps:
        notes.append(
            trn(
                "({n} change to an approved year ({years}) was kept as an amendment request)",
                "({n} changes to approved years ({years}) were kept as amendment requests)",
                held.steps,
                years=", ".join(str(y) for y in held.years),
            )
        )
    if held.reopened:
        years = ", ".join(str(y) for y in held.reopened)
        notes.append(tr("(new data for {years}: back to received)", years=years))
    return " ".join(notes)


def hold_back(db: Database, evidence: EvidenceService, s: Session, planned: Planned) -> Held:
    """Take the changes to approved years out of ``planned.steps`` and keep them as amendment requests;
    move reviewed or returned years the other changes touch back to ``received``."""
    target, states = _signoffs(s, planned.code)
    if not states:
        return Held(0, (), ())
    approved = [y for y, status in states.items() if status == APPROVED]
    open_again = [y for y, status in states.items() if status in (REVIEWED, RETURNED)]
    rows = _row_spans(s, [st for st in planned.steps if st.outcome != Outcome.UNCHANGED])
    touched: set[int] = set()

    def locked(st: Step) -> tuple[int, str] | None:
        draft = planned.checked_drafts.get((st.incoming.kind, st.incoming.record_id))
        spans = [x for x in (_draft_span(st.incoming.kind, draft), _row_spans_of(rows, st)) if x]
        hit = _years_hit(spans, approved)
        if hit:
            return hit[0], ""
        touched.update(_years_hit(spans, open_again))
        return None

    held = _set_aside(db, evidence, s, planned, target, locked)
    bundle_id = planned.bundle.manifest.bundle_id
    for year in sorted(touched):
        note = tr("new data arrived in bundle {bundle}", bundle=bundle_id)
        signoff.move(db, s, target, year, states[year], RECEIVED, note, bundle_id=bundle_id)
    return Held(len(held), tuple(sorted(set(held))), tuple(sorted(touched)))


def hold_listed(db: Database, evidence: EvidenceService, s: Session, planned: Planned, listed: Listed) -> int:
    """At the national office: keep aside exactly the changes of this commune bundle that its province
    kept as amendment requests (``listed``: (kind, record id) → (year, the province's request id)), the
    same way :func:`hold_back` does; the province's decisions on them come later in its roll-up."""
    if not listed:
        return 0
    target = _current(s, planned.code)
    held = _set_aside(
        db, evidence, s, planned, target, lambda st: listed.get((st.incoming.kind, st.incoming.record_id))
    )
    return len(held)


def _row_spans_of(rows: dict[str, Span], st: Step) -> Span | None:
    return rows.get(st.local.uid) if st.local is not None and st.local.uid else None


def _set_aside(
    db: Database,
    evidence: EvidenceService,
    s: Session,
    planned: Planned,
    target: str,
    locked: Callable[[Step], tuple[int, str] | None],
) -> list[int]:
    """Keep each changing step ``locked`` names (its year, and the request's id or "" for a new one) as
    an amendment request instead of writing it; the years held, one per step."""
    kept, held = [], []
    bundle_id = planned.bundle.manifest.bundle_id
    for st in planned.steps:
        hold = locked(st) if st.outcome != Outcome.UNCHANGED else None
        if hold is None:
            kept.append(st)
            continue
        _keep_aside(db, s, planned.code, target, hold, st, bundle_id)
        _keep_files(evidence, s, planned, st)
        held.append(hold[0])
    planned.steps = kept
    return held


def _keep_aside(
    db: Database, s: Session, code: str, target: str, hold: tuple[int, str], st: Step, bundle_id: str
) -> None:
    year, uid = hold
    inc = st.incoming
    sibling = inc.sibling
    if not uid:  # a request of this office's own; a national office follows its province's decisions
        _supersede(s, code, inc.kind, inc.record_id, sibling, bundle_id)
    row = m.ReceiverAmendment(
        uid=uid or new_uid(),
        unit_code=code,
        signoff_code=target,
        year=year,
        kind=inc.kind,
        record_id=inc.record_id,
        sibling=sibling.to_json(),
        criteria_set=inc.criteria_set,
        bundle_id=bundle_id,
    )
    s.add(row)
    s.flush()
    after = {"unit": code, "year": year, "kind": inc.kind, "record_id": inc.record_id}
    db.audit(s, "receiver.amendment", "receiver_amendment", row.uid, None, after, bundle_id)


def _supersede(s: Session, code: str, kind: str, record_id: str, sibling: Sibling, bundle_id: str) -> None:
    """Earlier open requests about the record that the new version includes are replaced by it."""
    earlier = s.scalars(
        select(m.ReceiverAmendment).where(
            m.ReceiverAmendment.unit_code == code,
            m.ReceiverAmendment.kind == kind,
            m.ReceiverAmendment.record_id == record_id,
            m.ReceiverAmendment.status == "open",
        )
    )
    for old in earlier:
        if includes(sibling.vv, Sibling.from_json(old.sibling).vv):
            old.status, old.decided_at = "superseded", utcnow()
            old.reason = tr("replaced by a later change in bundle {bundle}", bundle=bundle_id)


def _keep_files(evidence: EvidenceService, s: Session, planned: Planned, st: Step) -> None:
    """Store the evidence files a held change brings, so accepting it later finds them."""
    bundle = planned.bundle
    for sha256, _name in st.incoming.evidence:
        if sha256 in bundle.files and s.get(m.EvidenceFile, sha256) is None:
            evidence.store_bytes(s, bundle.read_file(sha256))


def merge_in(
    db: Database, s: Session, criteria: CriteriaService, evidence: EvidenceService, row: m.ReceiverAmendment
) -> None:
    """Merge the held version as the bundle would have (the same checks, merge and writer)."""
    sibling = Sibling.from_json(row.sibling)
    doc = sibling.doc or {}
    files = evidence_files(doc.get("_evidence", ()))
    incoming = Incoming(row.kind, 0, row.record_id, sibling, row.criteria_set, files)
    unit = s.scalar(select(m.Unit).where(m.Unit.code == row.unit_code))
    if unit is None:
        raise NotFound(tr("There is no unit {code} in this data file.", code=row.unit_code))
    checked = check_records(s, criteria, unit_doc(profile_of(unit, [])), [incoming], row.unit_code)
    if checked.problems:
        raise InvalidInput(checked.problems)
    steps = plan([incoming], {row.kind: load_local(s, row.unit_code, row.kind)})
    writer = Writer(
        db,
        s,
        row.unit_code,
        checked.drafts,
        checked.new_supporters,
        False,
        row.bundle_id,
        evidence,
        lambda _sha: None,
    )
    writer.write(steps)


def decide(db: Database, s: Session, row: m.ReceiverAmendment, status: str, reason: str) -> None:
    before = {"status": row.status}
    row.status, row.decided_at, row.decided_by, row.reason = status, utcnow(), db.actor(), reason
    after = {"status": status, "reason": reason, "record_id": row.record_id}
    db.audit(s, f"receiver.amendment.{status}", "receiver_amendment", row.uid, before, after)


def view(row: m.ReceiverAmendment) -> Amendment:
    from ntm_desktop.receiver.values import Amendment  # not on the import path (its dataclasses)

    sibling = Sibling.from_json(row.sibling)
    return Amendment(
        id=row.uid,
        unit_code=row.unit_code,
        signoff_code=row.signoff_code,
        year=row.year,
        kind=row.kind,
        record_id=row.record_id,
        removes=sibling.deleted,
        content=sibling.doc,
        bundle_id=row.bundle_id,
        status=row.status,
        received_at=row.received_at,
        decided_by=row.decided_by,
        reason=row.reason,
    )


def open_request(s: Session, amendment_id: str) -> m.ReceiverAmendment:
    """The request, still open (:class:`NotFound` / :class:`Conflict` otherwise)."""
    row = s.get(m.ReceiverAmendment, amendment_id)
    if row is None:
        raise NotFound(tr("There is no amendment request {id}.", id=amendment_id))
    if row.status != "open":
        raise Conflict(
            tr("This amendment request was already decided ({status}).", status=decided_text(row.status))
        )
    return row


def decided_text(status: str) -> str:
    """A decided request's state in words, as ``receiver amendments`` lists it (not the stored word)."""
    words = {
        "accepted": tr("accepted"),
        "rejected": tr("rejected"),
        "superseded": tr("replaced by a later change"),
    }
    return words.get(status, status)


def lock(s: Session, amendment_id: str) -> None:
    """Lock the commune an amendment request is about (before reading it again to decide)."""
    found = s.execute(
        select(m.ReceiverAmendment.unit_code, m.ReceiverAmendment.signoff_code).where(
            m.ReceiverAmendment.uid == amendment_id
        )
    ).first()
    if found is not None:
        lock_units(s, found)
