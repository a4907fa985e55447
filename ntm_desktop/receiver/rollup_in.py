"""The national office takes in a province's roll-up (:mod:`ntm_desktop.receiver.rollup`), all or nothing:

1. only the national office imports it, from a province key it trusts (its key file, or first use when
   asked), addressed to it;
2. the province may only carry communes of its own province code: every commune it lists and every
   commune bundle it carries must be of that code, or the roll-up is refused, naming them;
3. every commune bundle inside is read and checked like any bundle (its own signature, checksums,
   records), and must be signed by a key the province vouches for (or one this office already trusts);
4. then, in one transaction: the vouched keys, the communes, each commune bundle not taken in before
   (through the same merge as a province's import), the province's sign-offs of the year with every
   step of them (:mod:`ntm_desktop.receiver.rollup_history`), its recognition decisions (the newest
   version of each wins, shown in the history when the province recorded it) and its decisions on the
   amendment requests it held.

A commune's change to a year the province approved is kept aside here exactly as the province kept it
(:mod:`ntm_desktop.receiver.rollup_amendments`): the national office counts what the province approved.

Every commune bundle is read whole and its signature checked, so the national office's figures are the
sum of what each commune signed and its province approved; a province's own sign-off is its appraisal.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import PROVINCES
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.receiver import amendments, rollup_amendments, rollup_history
from ntm_desktop.receiver.values import NATIONAL, ReceiverInfo
from ntm_desktop.services.locks import lock_unit
from ntm_desktop.sync import log
from ntm_desktop.sync.admission import (
    Refusal,
    Refused,
    refusal,
    remember_first_use,
    trust_of,
)
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import VerifiedBundle, read_bundle
from ntm_desktop.sync.bundle.rollup_payload import LISTS
from ntm_desktop.sync.bundle.rules import parse_timestamp
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.importing import invalid, plan_bundle, write_bundle_records
from ntm_desktop.sync.keys.pairs import PublicKeyCard
from ntm_desktop.sync.keys.service import known_map, remember, revoked
from ntm_desktop.sync.labels import Act, origin_name, unit_label
from ntm_desktop.sync.results import BundleOutcome, KindCounts

VOUCHED = "vouched"
"""How a commune's key is trusted at the national office: through its province's roll-up."""


@dataclass
class Taken:
    versions: list[str] = field(default_factory=list)
    new: int = 0
    known: int = 0
    """Commune bundles taken in, and those this office held already (from an earlier roll-up)."""
    held: int = 0
    """Changes kept aside as the province kept them (amendment requests for approved years)."""


def _refuse(reason: Refusal, message: str) -> Refused:
    return Refused(reason, message + " " + tr("It was refused; nothing was imported."))


def _province(bundle: VerifiedBundle) -> str:
    """The province the roll-up is from: its signer, a province code, the one the payload names."""
    origin = bundle.manifest.origin_unit_code
    named = bundle.payload["province"]["code"]
    if origin not in PROVINCES or named != origin:
        raise _refuse(
            Refusal.WRONG_UNIT,
            tr(
                "A roll-up comes from a province office; this one is signed by {unit}.",
                unit=unit_label(origin),
            ),
        )
    return origin


def _foreign(province: str, communes: list[str]) -> Refused:
    return _refuse(
        Refusal.WRONG_UNIT,
        tr(
            "Province {province} may only send communes of its own province; this roll-up also carries "
            "{communes}.",
            province=province,
            communes=", ".join(communes),
        ),
    )


def check_units(bundle: VerifiedBundle, province: str) -> set[str]:
    """The communes the roll-up lists, all of ``province``; everything else in it must be one of them."""
    payload = bundle.payload
    foreign = [u["id"] for u in payload["units"] if u["province_code"] != province]
    if foreign:
        raise _foreign(province, foreign)
    codes = {u["id"] for u in payload["units"]}
    strays = sorted(
        {e["unit_code"] for key in (*LISTS, "amendments") for e in payload.get(key, ()) if "unit_code" in e}
        - codes
    )
    if strays:
        raise _foreign(province, strays)
    return codes


def _extracted(bundle: VerifiedBundle, folder: Path) -> Iterator[tuple[dict[str, Any], VerifiedBundle]]:
    for entry in bundle.payload["bundles"]:
        sha, unit = entry["sha256"], entry["unit_code"]
        if sha not in bundle.files:
            raise _refuse(
                Refusal.INVALID_RECORDS, tr("The bundle of {unit} is missing from the roll-up.", unit=unit)
            )
        try:  # logged under the roll-up's own file name: the file the clerk took in, not a checksum
            (folder / sha).mkdir(exist_ok=True)
            inner = read_bundle(bundle.extract_file(sha, folder / sha / bundle.path.name))
        except NtmError as error:
            message = tr(
                "The bundle of {unit} in the roll-up is not sound: {reason}", unit=unit, reason=str(error)
            )
            raise _refuse(Refusal.INVALID_RECORDS, message) from error
        yield entry, inner


def check_inner(entry: dict[str, Any], inner: VerifiedBundle, province: str) -> None:
    made = inner.manifest
    unit = inner.head.get("unit")
    same = made.kind is BundleKind.RECORDS and made.origin_unit_code == entry["unit_code"]
    if not (same and made.bundle_id == entry["id"] and made.sequence == entry["sequence"]):
        raise _refuse(
            Refusal.INVALID_RECORDS,
            tr(
                "The roll-up lists a bundle of {unit} that is not the one it carries.",
                unit=entry["unit_code"],
            ),
        )
    if not isinstance(unit, dict) or unit.get("province_code") != province:
        raise _foreign(province, [entry["unit_code"]])


def _vouched(s: Session, bundle: VerifiedBundle, inner: VerifiedBundle) -> None:
    unit = inner.manifest.origin_unit_code
    listed = {k["id"] for k in bundle.payload["keys"] if k["unit_code"] == unit}
    known = known_map(s, unit, inner.fingerprint).get(unit)
    if inner.fingerprint in revoked(s, unit) or inner.fingerprint not in listed | {known}:
        raise _refuse(
            Refusal.UNKNOWN_KEY,
            tr(
                "The bundle of {unit} is signed with the key {fingerprint}, which its province does not "
                "vouch for.",
                unit=unit_label(unit, origin_name(inner)),
                fingerprint=inner.fingerprint,
            ),
        )


def _remember_keys(s: Session, ctx: SyncContext, bundle: VerifiedBundle) -> None:
    for k in bundle.payload["keys"]:
        raw = base64.b64decode(k["public_key"])
        card = PublicKeyCard(k["unit_code"], k["unit_name"], k["device_id"], raw)
        if card.fingerprint == k["id"] and card.fingerprint not in revoked(s, k["unit_code"]):
            remember(s, ctx, card, VOUCHED)


def _units(s: Session, ctx: SyncContext, bundle: VerifiedBundle) -> None:
    for u in bundle.payload["units"]:
        row = s.scalar(select(m.Unit).where(m.Unit.code == u["id"]))
        if row is None:
            row = m.Unit(code=u["id"], name=u["name"], type=u["type"], province_code=u["province_code"])
            row.is_home, row.extra = False, {"expected": True}
            s.add(row)
            s.flush()
            ctx.db.audit(s, "receiver.expect", "unit", u["id"], None, dict(u), bundle.manifest.bundle_id)
        if u["merged_into"] and row.merged_into != u["merged_into"]:
            row.merged_into = u["merged_into"]


def _signoffs(s: Session, ctx: SyncContext, bundle: VerifiedBundle) -> KindCounts:
    """The province's sign-off decisions: new where this office held none for the commune's year."""
    tally = {"created": 0, "updated": 0, "unchanged": 0}
    entries = bundle.payload["signoffs"]
    rows = {e["id"]: s.get(m.ReceiverSignoff, (e["unit_code"], e["year"])) for e in entries}
    was = {key: row.status for key, row in rows.items() if row is not None}
    rollup_history.take_in(ctx.db, s, entries, was, bundle.manifest.bundle_id)
    for e in entries:
        row = s.get(m.ReceiverSignoff, (e["unit_code"], e["year"]))
        before = None if row is None else {"status": row.status, "reason": row.reason}
        if before == {"status": e["status"], "reason": e["reason"]}:
            tally["unchanged"] += 1
            continue
        if row is None:
            row = m.ReceiverSignoff(unit_code=e["unit_code"], year=e["year"])
            s.add(row)
            tally["created"] += 1
        else:
            tally["updated"] += 1
        moment = parse_timestamp(e["changed_at"])
        row.status, row.reason, row.changed_by = e["status"], e["reason"], e["changed_by"]
        row.changed_at = moment.replace(tzinfo=None) if moment else utcnow()
        after = {"status": row.status, "reason": row.reason, "province": bundle.manifest.origin_unit_code}
        ctx.db.audit(
            s, "sync.rollup.signoff", "receiver_signoff", e["id"], before, after, bundle.manifest.bundle_id
        )
    return KindCounts(**tally)


def _recognitions(s: Session, ctx: SyncContext, bundle: VerifiedBundle) -> KindCounts:
    """The recognition decisions: new where this office held none for the commune, year and level; each
    when and by whom the province recorded it (format 2.4; a roll-up without that: now, by this clerk)."""
    tally = {"created": 0, "updated": 0, "unchanged": 0}
    for e in bundle.payload["recognitions"]:
        key = (e["unit_code"], e["year"], e["level"])
        row = s.get(m.ReceiverRecognition, key)
        if row is not None and row.version >= e["version"]:
            tally["unchanged"] += 1
            continue
        before = None if row is None else {"decision": row.decision, "date": row.decided_on.isoformat()}
        if row is None:
            row = m.ReceiverRecognition(unit_code=key[0], year=key[1], level=key[2])
            s.add(row)
            tally["created"] += 1
        else:
            tally["updated"] += 1
        row.decision, row.decided_on, row.decided_by = (
            e["decision"],
            date.fromisoformat(e["date"]),
            e["decided_by"],
        )
        row.version, row.reason = e["version"], e["reason"]
        carried = parse_timestamp(e.get("recorded_at"))  # format 2.4: when the province recorded it
        if before is None or not e["withdrawn"]:  # a withdrawal keeps who recorded the decision
            row.recorded_at = carried or row.recorded_at or utcnow()
            row.recorded_by = e.get("recorded_by", ctx.db.actor())
        row.deleted_at = (carried or utcnow()) if e["withdrawn"] else None
        after = {
            "decision": row.decision,
            "date": e["date"],
            "withdrawn": e["withdrawn"],
            "reason": e["reason"],
        }
        after |= {k: e[k] for k in ("recorded_at", "recorded_by") if k in e}  # shown in the history
        ctx.db.audit(s, "sync.rollup.recognition", "receiver_recognition", e["id"], before, after,
                     bundle.manifest.bundle_id)  # fmt: skip
    return KindCounts(**tally)


def _commune_bundle(
    s: Session, ctx: SyncContext, inner: VerifiedBundle, taken: Taken, held: amendments.Listed
) -> None:
    me = ctx.me()
    if log.received(s, inner.manifest.bundle_id):
        taken.known += 1
        return
    planned = plan_bundle(s, ctx, me, inner)
    if planned.problems:
        raise invalid(planned)
    taken.held += amendments.hold_listed(ctx.db, ctx.evidence, s, planned, held)
    written = write_bundle_records(s, ctx, me, planned)
    changes = {k: c.to_json() for k, c in planned.counts().items()}
    log.log_received(s, inner, "imported", ctx.db.actor(), changes)
    taken.versions += written.versions
    taken.new += 1


def take_in(ctx: SyncContext, info: ReceiverInfo, bundle: VerifiedBundle, first_use: bool) -> BundleOutcome:
    """Import the roll-up (``ws.sync.import_bundles`` calls this for a bundle of kind ``rollup``)."""
    made = bundle.manifest
    if info.level != NATIONAL:
        raise _refuse(Refusal.WRONG_KIND, tr("Only the national office imports a province's roll-up."))
    with tempfile.TemporaryDirectory(prefix="ntm-rollup-") as folder, ctx.db.write() as s:
        lock_unit(s, made.origin_unit_code)
        decision = trust_of(s, bundle, first_use)
        refused = refusal(ctx, ctx.me(), bundle, decision, Act.IMPORT)
        if refused is not None:
            raise refused
        if log.received(s, made.bundle_id):
            return _outcome(bundle, "already-imported", tr("already imported before; nothing changed"), {})
        province = _province(bundle)
        check_units(bundle, province)
        remember_first_use(s, ctx, bundle, decision)
        _remember_keys(s, ctx, bundle)
        inner = list(_extracted(bundle, Path(folder)))
        for entry, one in inner:
            check_inner(entry, one, province)
            _vouched(s, bundle, one)
        taken, held = Taken(), rollup_amendments.listed(bundle.payload)
        requests_before = rollup_amendments.request_ids(s)
        _units(s, ctx, bundle)
        for _, one in inner:
            _commune_bundle(s, ctx, one, taken, held.get(one.manifest.bundle_id, {}))
        counts = {
            "bundles": KindCounts(created=taken.new, unchanged=taken.known),
            "signoffs": _signoffs(s, ctx, bundle),
            "recognitions": _recognitions(s, ctx, bundle),
        }
        decided = rollup_amendments.follow(s, ctx, bundle, rollup_amendments.request_ids(s) - requests_before)
        if taken.held or decided:
            counts["amendments"] = KindCounts(created=taken.held, updated=decided)
        changes = {k: c.to_json() for k, c in counts.items()}
        log.log_received(s, bundle, "imported", ctx.db.actor(), changes)
        after = {"province": province, "year": bundle.payload["year"], "counts": changes}
        ctx.db.audit(s, "sync.rollup.import", "bundle", made.bundle_id, None, after, bundle.path.name)
        ctx.identity.save_clock(s, taken.versions)
    for version in taken.versions:
        ctx.identity.observe(version)
    return _outcome(bundle, "imported", tr("imported"), counts)


def _outcome(
    bundle: VerifiedBundle, status: str, message: str, counts: dict[str, KindCounts]
) -> BundleOutcome:
    made = bundle.manifest
    return BundleOutcome(
        bundle.path, status, message, made.bundle_id, made.origin_unit_code, made.sequence, counts,
        notice=made.notice(),
    )  # fmt: skip
