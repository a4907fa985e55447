"""Receipts: the receiver says, signed, which bundles and which record versions it holds; the commune then
counts those records as confirmed, so its next incremental bundle carries only what is new."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.locks import lock_units
from ntm_desktop.sync import log
from ntm_desktop.sync.admission import Refusal, Refused, remember_first_use, trust_of, trust_refusal
from ntm_desktop.sync.bundle.manifest import BundleKind, Receiver
from ntm_desktop.sync.bundle.writer import BundleFields
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.exported import ExportResult
from ntm_desktop.sync.labels import Act, refused_text, unit_label
from ntm_desktop.sync.merge.codec import KINDS
from ntm_desktop.sync.outgoing import acked, current, pending, schema_version
from ntm_desktop.sync.receipts.document import (
    HeldRecord,
    Receipt,
    ReceivedBundle,
    read_receipt,
    write_receipt,
)
from ntm_desktop.sync.results import Gap
from ntm_desktop.sync.views import ReceiptResult


class ReceiptsService:
    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx

    def export(self, out_dir: Path, for_unit: str | None) -> list[ExportResult]:
        me = self._ctx.me()
        self._ctx.answering_communes()
        key = self._ctx.identity.private_key()
        results = []
        with self._ctx.db.write() as s:
            units = [for_unit] if for_unit else _senders(s, me.code)
            lock_units(s, units)  # another clerk's receipt for a commune takes the next number
            if not units or (for_unit and not log.received_from(s, for_unit)):
                who = unit_label(for_unit, _unit_name(s, for_unit)) if for_unit else tr("any unit")
                raise NotFound(
                    tr("No bundle from {unit} has been imported yet: there is nothing to confirm.", unit=who)
                )
            for code in units:
                results.append(self._one(s, out_dir, code, key))
            self._ctx.identity.save_clock(s)
        return results

    def _one(self, s: Session, out_dir: Path, code: str, key: Ed25519PrivateKey) -> ExportResult:
        me = self._ctx.me()
        bundles = [
            ReceivedBundle(b.bundle_id, b.origin_unit_code, b.device_id, b.sequence)
            for b in log.received_from(s, code)
        ]
        records = [
            HeldRecord(kind, rid, local.version)
            for kind, by_id in current(s, code).items()
            for rid, local in sorted(by_id.items())
            if local.version
        ]
        sequence, previous = log.next_sequence(s, str(BundleKind.RECEIPT), code, self._ctx.sequence_device())
        fields = BundleFields(
            kind=BundleKind.RECEIPT,
            origin_unit_code=me.code,
            device_id=self._ctx.identity.device_id,
            sequence=sequence,
            schema_version=schema_version(),
            previous_bundle_id=previous,
            receiver=Receiver(code, name := _unit_name(s, code)),
            office=self._ctx.office_proof(s),
            per_computer=bool(self._ctx.sequence_device()),
        )
        path = write_receipt(out_dir, fields, bundles, records, key)
        counts = {"bundles": len(bundles), "records": len(records)}
        log.log_sent(
            s,
            fields,
            counts,
            path,
            self._ctx.identity.fingerprint(),
            self._ctx.db.actor(),
            self._ctx.sequence_device(),
        )
        self._ctx.db.audit(s, "sync.receipt", "bundle", fields.bundle_id, None, counts, path.name)
        changes = Changes.of(Kind.SYNC, action="sync.receipt")
        size = path.stat().st_size
        return ExportResult(
            path, fields.bundle_id, "receipt", sequence, True, code, counts, size, 0, changes, name
        )

    def take_in(self, path: Path, trust_on_first_use: bool) -> ReceiptResult:
        home = self._ctx.commune()
        receipt = read_receipt(path)
        manifest = receipt.bundle.manifest
        if manifest.receiver is None or manifest.receiver.code != home.code:
            raise Refused(
                Refusal.WRONG_RECEIVER,
                tr(
                    "This receipt is addressed to {receiver}, not to this commune — {unit}. "
                    "Nothing was changed.",
                    receiver=(
                        unit_label(manifest.receiver.code, manifest.receiver.name)
                        if manifest.receiver
                        else tr("no one")
                    ),
                    unit=unit_label(home.code, home.name),
                ),
            )
        with self._ctx.db.write() as s:
            decision = trust_of(s, receipt.bundle, trust_on_first_use)
            if not decision.accepted:
                raise Refused(trust_refusal(decision), refused_text(decision.message, Act.IMPORT))
            peer = manifest.origin_unit_code
            acknowledged = 0
            if not log.received(s, manifest.bundle_id):
                remember_first_use(s, self._ctx, receipt.bundle, decision)
                acknowledged = self._acknowledge(s, peer, home.code, receipt)
                log.log_received(
                    s, receipt.bundle, "imported", self._ctx.db.actor(), {"acknowledged": acknowledged}
                )
                after = {"from": peer, "acknowledged": acknowledged}
                self._ctx.db.audit(s, "sync.receipt", "bundle", manifest.bundle_id, None, after, path.name)
            left = pending(current(s, home.code), acked(s, peer, home.code))
            ours = sum(1 for b in receipt.bundles if b.device_id == self._ctx.identity.device_id)
        waiting = sum(len(by_id) for by_id in left.values())
        changes = Changes.of(Kind.SYNC, action="sync.receipt")
        return ReceiptResult(path, peer, ours, acknowledged, waiting, changes)

    def _acknowledge(self, s: Session, peer: str, code: str, receipt: Receipt) -> int:
        """Confirm what the receipt shows the peer holds; returns how many records became confirmed."""
        device = self._ctx.identity.device_id
        ours = {b.bundle_id for b in receipt.bundles if b.origin_unit_code == code and b.device_id == device}
        acks = acked(s, peer, code)
        confirmed: set[tuple[str, str]] = set()
        for key, ack in acks.items():
            if ack.sent_bundle_id in ours and ack.sent_version and ack.acked_version != ack.sent_version:
                ack.acked_version = ack.sent_version
                confirmed.add(key)
        held = current(s, code)
        for record in receipt.records:
            local = held.get(record.kind, {}).get(record.id) if record.kind in KINDS else None
            if local is None or local.version != record.version:
                continue
            held_ack = acks.get((record.kind, record.id))
            if held_ack is None:
                held_ack = m.SyncAck(peer_code=peer, unit_code=code, kind=record.kind, record_id=record.id)
                s.add(held_ack)
                acks[(record.kind, record.id)] = held_ack
            if held_ack.acked_version != record.version:
                held_ack.acked_version = record.version
                confirmed.add((record.kind, record.id))
        return len(confirmed)

    def gaps(self) -> list[Gap]:
        with self._ctx.db.read() as s:
            return log.streams_gaps(s)


def _senders(s: Session, own: str) -> list[str]:
    query = (
        select(m.SyncBundle.origin_unit_code)
        .where(m.SyncBundle.direction == log.RECEIVED, m.SyncBundle.kind == str(BundleKind.RECORDS))
        .distinct()
    )
    return sorted(s.scalars(query))


def _unit_name(s: Session, code: str) -> str:
    name = s.scalar(select(m.Unit.name).where(m.Unit.code == code))
    return name or ""
