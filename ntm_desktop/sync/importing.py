"""Taking in records and reverse bundles: each bundle checked completely, then written in one transaction.

Order of the checks (the first failure refuses the bundle, and nothing of it is written):

1. the container (``read_bundle``: signature, checksums, shape) — :class:`InvalidBundle`;
2. the kind: receipts go through ``import_receipt``; reverse bundles only to communes;
3. the address: a receiver takes bundles addressed to it; a commune takes reverse bundles addressed to
   it, and records bundles of its own commune (from its other computers) — a bundle for another unit is
   refused as such whatever its key, since trusting the key would not let it in;
4. the signer's key against the keys trusted for its unit (``check_trust``);
5. every record against records-v1 and the ledger's rules (all problems listed).

Checks 2–4 are :mod:`ntm_desktop.sync.admission`'s; here the records are planned (5) and written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from operator import attrgetter
from typing import Any

import msgspec
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from ntm_desktop.core.collector import without_collector
from ntm_desktop.core.compat import Reading
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid
from ntm_desktop.db.sql import insert_object
from ntm_desktop.records.reader import FORMAT
from ntm_desktop.records.reader import MINE as RECORDS_VERSION
from ntm_desktop.services.kept import keep
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.registry import LISTS
from ntm_desktop.services.unit import apply_profile, profile_dict
from ntm_desktop.sync.admission import FROM_RECEIVER, Refusal, Refused
from ntm_desktop.sync.arrival import Arrival, unit_state
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.context import Me, SyncContext
from ntm_desktop.sync.merge import duplicates
from ntm_desktop.sync.merge.apply import Writer
from ntm_desktop.sync.merge.check import ordered
from ntm_desktop.sync.merge.codec import Incoming, read_incoming
from ntm_desktop.sync.merge.decide import Step, load_locals, plan
from ntm_desktop.sync.merge.typed_lane import checked_of, typed_plan
from ntm_desktop.sync.planned import Planned
from ntm_desktop.sync.profile import PROFILE, read_profile, store_officers, store_targets
from ntm_desktop.sync.reverse.content import CORRECTIONS, SETS, apply_extras, plan_extras
from ntm_desktop.sync.reverse.names import DECISIONS, RECOGNITIONS


@without_collector
def plan_bundle(s: Session, ctx: SyncContext, me: Me, bundle: VerifiedBundle) -> Planned:
    """Work out the bundle's effect; problems are collected in ``Planned.problems``, nothing is written."""
    manifest = bundle.manifest
    code = manifest.origin_unit_code if manifest.kind is BundleKind.RECORDS else me.code
    unit_obj = bundle.head.get("unit")
    planned = Planned(bundle, code, None)
    if manifest.kind is BundleKind.RECORDS and not (
        isinstance(unit_obj, dict) and unit_obj.get("code") == code
    ):
        planned.problems.append(
            Problem(
                "unit.code",
                tr("The records are not those of the unit that signed the bundle ({code})", code=code),
            )
        )
        return planned
    if manifest.kind is BundleKind.RECORDS and _typed_plan(s, ctx, planned):
        return planned
    payload = bundle.payload  # every record as a dictionary (read again if the typed read took them)
    incoming, problems, planned.reading = read_incoming(payload)
    planned.problems += problems + _payload_fields(payload, planned.reading, manifest.kind)
    if incoming:
        held = load_locals(s, code, {i.kind for i in incoming} | {SUPPORTERS.list_name})
        with ctx.criteria.within(s):
            checked = checked_of(s, ctx.criteria, code, payload, incoming, held)
        planned.reading.set_aside += checked.set_aside
        planned.unit, planned.problems = checked.unit, planned.problems + checked.problems
        planned.checked_drafts, planned.new_supporters = checked.drafts, checked.new_supporters
        planned.steps = plan(incoming, held)
        planned.unheld = frozenset(kind for kind, records in held.items() if not records)
    elif isinstance(unit_obj, dict) and manifest.kind is BundleKind.RECORDS:
        planned.unit = _profile(unit_obj, planned.problems)
    if manifest.kind in FROM_RECEIVER:
        planned.extras = plan_extras(s, ctx, payload, planned.problems)
    planned.problems = ordered(planned.problems)
    return planned


def _typed_plan(s: Session, ctx: SyncContext, planned: Planned) -> bool:
    """The records bundle planned with its help list through the typed lane (:func:`typed_plan`); False,
    ``planned`` untouched, on any doubt (then today's path plans it all, and names any problem)."""
    bundle = planned.bundle
    kind, payload = bundle.manifest.kind, bundle.head  # and the lists read typed, as they were read
    columns = None
    if bundle.typed is not None:
        payload, columns = {**payload, **bundle.typed.lists}, bundle.typed.columns
    with ctx.criteria.within(s):
        found = typed_plan(
            s, ctx.criteria, planned.code, payload, lambda r: _payload_fields(payload, r, kind), columns
        )
    if found is None:
        return False
    planned.reading, planned.unit, planned.typed = found.reading, found.checked.unit, found.typed
    planned.checked_drafts, planned.new_supporters = found.drafts, found.checked.new_supporters
    planned.given_steps, planned.unheld = found.steps, found.unheld
    return True


_TOP = frozenset({"format", "version", "unit", "criteria_set", PROFILE, *LISTS})


def _payload_fields(payload: Mapping[str, Any], read: Reading, kind: BundleKind) -> list[Problem]:
    """The payload's own fields: a newer minor's unknown ones are set aside, others are errors."""
    extras = (
        {SETS, CORRECTIONS, DECISIONS, RECOGNITIONS}
        if kind in (BundleKind.REVERSE, BundleKind.RECOVERY)
        else set()
    )
    known = _TOP | extras
    return [
        Problem(name, tr("unknown field (check the spelling)"), verbatim=True)
        for name in sorted(set(payload) - known)
        if not read.unknown(name, payload[name])
    ]


def _profile(unit_obj: dict[str, Any], problems: list[Problem]) -> UnitProfile | None:
    from ntm_desktop.records.reader import read

    doc = read({"format": FORMAT, "version": RECORDS_VERSION.to_json(), "unit": unit_obj})
    problems += doc.problems
    return doc.unit


def invalid(planned: Planned) -> Refused:
    shown = "\n".join(f"  {p}" for p in planned.problems[:20])
    more = len(planned.problems) - 20
    if more > 0:
        shown += "\n  " + tr("… and {count} more", count=more)
    return Refused(
        Refusal.INVALID_RECORDS,
        tr("The bundle's records do not pass the checks; nothing was imported:\n{problems}", problems=shown),
        "\n".join(p.technical for p in planned.problems),
    )


class Written(msgspec.Struct, frozen=True):
    missing_files: list[str]
    """Evidence files the records name that neither the bundle nor this workspace has."""
    duplicates: int
    """Assessments flagged as recording the same indicator and year as another one."""
    versions: list[str] = msgspec.field(default_factory=list)
    """The greatest record version taken in: the clock observes it once the transaction has committed."""


@without_collector
def write_bundle_records(
    s: Session, ctx: SyncContext, me: Me, planned: Planned, at_start: Arrival | None = None
) -> Written:
    """Write the planned bundle (inside the caller's transaction). ``at_start``: what the caller read of the
    bundle's unit first in this transaction (:func:`~ntm_desktop.sync.arrival.arrival`)."""
    bundle = planned.bundle
    if planned.unit is not None and bundle.manifest.kind is BundleKind.RECORDS and me.receiver:
        _ensure_unit(s, ctx, planned.unit, bundle, at_start)
    writer = Writer(
        ctx.db,
        s,
        planned.code,
        planned.checked_drafts,
        planned.new_supporters,
        keep_state=not me.receiver,
        bundle_id=bundle.manifest.bundle_id,
        evidence=ctx.evidence,
        files=lambda sha: bundle.read_file(sha) if sha in bundle.files else None,
    )
    writer.write(planned.given_steps, planned.typed)
    keep(s, planned.code, planned.reading, _places(planned), bundle.manifest.bundle_id)
    apply_extras(s, ctx, planned.extras, bundle, me.code)
    if bundle.manifest.kind is BundleKind.RECOVERY and not me.receiver:
        _adopt_recovery(s, me, planned)
    name = ASSESSMENTS.list_name
    arrived = {st.incoming.record_id for st in planned.given_steps if st.incoming.kind == name}
    arrived.update(rid for t in planned.typed if t.kind == name for rid in t.ids)
    found = duplicates.flag(s, planned.code, arrived, bundle.manifest.bundle_id, _alone(planned, arrived))
    more = [*planned.extras.versions, *(max(t.versions) for t in planned.typed)]
    return Written(writer.missing_files, found, _versions(planned.given_steps, more))


def _alone(planned: Planned, arrived: set[str]) -> Sequence[tuple[Any, ...]] | None:
    """The natural keys of the assessments that arrived (:meth:`AssessmentStore.natural_key`), when the
    unit held none before (``duplicates.flag`` then compares them without reading the table); None
    otherwise."""
    if (name := ASSESSMENTS.list_name) not in planned.unheld:
        return None
    if (typed := [t for t in planned.typed if t.kind == name]) and len(typed[0].ids) == len(arrived):
        if (lists := typed[0].lists) is not None:  # all came by the typed lane (its ids are distinct)
            return ASSESSMENTS.natural_keys(lists[0])
        return list(map(ASSESSMENTS.natural_key, typed[0].drafts))
    drafts: list[Any] = [planned.checked_drafts.get((name, rid)) for rid in arrived]
    return None if any(d is None for d in drafts) else list(map(ASSESSMENTS.natural_key, drafts))


def _adopt_recovery(s: Session, me: Me, planned: Planned) -> None:
    """A commune recovered from its receiver's copy: the targets come back, and every record the
    receiver sent counts as confirmed by it, so the next bundle holds only what changes from now on."""
    bundle = planned.bundle
    _, targets = read_profile(me.home or planned.unit or _no_profile(me), bundle.head.get(PROFILE))
    store_targets(s, me.code, targets)
    peer = bundle.manifest.origin_unit_code
    for step in planned.steps:
        incoming = step.incoming
        key = (peer, me.code, incoming.kind, incoming.record_id)
        ack = s.get(m.SyncAck, key) or m.SyncAck(
            peer_code=peer, unit_code=me.code, kind=incoming.kind, record_id=incoming.record_id
        )
        ack.sent_version = ack.acked_version = incoming.sibling.version
        s.add(ack)


def _no_profile(me: Me) -> UnitProfile:
    return UnitProfile(code=me.code, name=me.name, province_code="")


def _places(planned: Planned) -> dict[tuple[str, int], tuple[str, str]]:
    """(list, index in the bundle) → (record id, version): where a set-aside field belongs (looked for
    only when a field was set aside: a bundle of this version's format has none)."""
    if not planned.reading.set_aside:
        return {}
    return {
        (st.incoming.kind, st.incoming.index): (st.incoming.record_id, st.incoming.sibling.version)
        for st in planned.steps
    }


def _versions(steps: Iterable[Step], extra: Iterable[str]) -> list[str]:
    greatest = max(max(map(_VERSION, steps), default=""), *extra, "")  # a version is never ""
    return [greatest] if greatest else []


_VERSION = attrgetter("incoming.sibling.version")


@cache
def _unit_row() -> Select[m.Unit]:
    """Built once: asked for every newer bundle of a commune a receiver holds."""
    return select(m.Unit).where(m.Unit.code == bindparam("code"))


def _ensure_unit(
    s: Session, ctx: SyncContext, profile: UnitProfile, bundle: VerifiedBundle, at_start: Arrival | None
) -> None:
    """A receiver holds many communes: a commune's row is made from its first bundle, and follows the
    newest bundle's ``unit`` afterwards (by the time the bundle was made). ``at_start``: the row's state as
    read first in this transaction, which nothing before this step of the import changes (read here
    otherwise)."""
    made = bundle.manifest
    stamp = f"{made.created:%Y%m%dT%H%M%S}.{made.sequence:06d}.{made.bundle_id[:8]}"
    mine = at_start is not None and profile.code == made.origin_unit_code
    found = at_start.unit if at_start is not None and mine else unit_state(s, profile.code)
    if found is not None and (found[0] or found[1] >= stamp):
        return
    full, targets = read_profile(profile, bundle.head.get(PROFILE))
    row = s.scalar(_unit_row(), {"code": profile.code}) if found is not None else None
    if row is None:  # a commune's first bundle: its row goes in at once, as the unit of work would write it
        row = m.Unit(code=profile.code, name=profile.name, province_code=profile.province_code, is_home=False)
        row.uid, before = new_uid(), None
        apply_profile(row, full)  # the one place that maps a profile onto the row
        row.version = stamp
        insert_object(s, row)
    else:
        before = {"name": row.name, "province_code": row.province_code, "villages": list(row.villages or ())}
        apply_profile(row, full)
        row.version = stamp  # before a query flushes the row: one UPDATE
    store_officers(s, full.code, full.officers, new_unit=before is None)
    store_targets(s, full.code, targets)
    ctx.db.audit(
        s, "sync.unit", "unit", row.uid, before, profile_dict(profile), note=made.bundle_id, at_once=True
    )


def incoming_of(planned: Planned) -> list[Incoming]:
    return [st.incoming for st in planned.steps]
