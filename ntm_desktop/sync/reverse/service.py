"""From a receiver back to a commune: correction requests, the decision on each year, criteria sets and
resolved records."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.records.reader import FORMAT
from ntm_desktop.records.versions import versioned
from ntm_desktop.services.kinds.registry import kind_named
from ntm_desktop.services.locks import lock_unit
from ntm_desktop.services.unit import profile_of
from ntm_desktop.sync import log
from ntm_desktop.sync.bundle.manifest import BundleKind, Receiver
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.exported import ExportResult
from ntm_desktop.sync.keys.device import office_devices
from ntm_desktop.sync.keys.service import revoke_unit
from ntm_desktop.sync.labels import unit_label
from ntm_desktop.sync.merge.causal import device_of
from ntm_desktop.sync.outgoing import Chosen, build, count, current, schema_version
from ntm_desktop.sync.profile import PROFILE, profile_doc
from ntm_desktop.sync.reverse import decisions, recognitions
from ntm_desktop.sync.reverse.content import (
    CORRECTIONS,
    SETS,
    outgoing_corrections,
    outgoing_sets,
)
from ntm_desktop.sync.reverse.names import DECISIONS, RECOGNITIONS
from ntm_desktop.sync.views import CorrectionView


class ReverseService:
    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx

    def request(self, unit_code: str, kind: str, record_id: str, reason: str) -> CorrectionView:
        me = self._ctx.me()
        found = kind_named(kind)
        if found is None or not found.correctable:
            raise InvalidInput(
                tr("A correction can be asked for an assessment or a help record"), field="kind"
            )
        if not clean(reason):
            raise InvalidInput(tr("Say what should be corrected"), field="reason")
        model = found.model
        with self._ctx.db.write() as s:
            found = s.scalar(
                select(model.uid).where(model.unit_code == unit_code, model.record_id == record_id)
            )
            if found is None:
                raise NotFound(
                    tr(
                        "{unit} has no record {id} in this data file.",
                        unit=unit_label(
                            unit_code, s.scalar(select(m.Unit.name).where(m.Unit.code == unit_code)) or ""
                        ),
                        id=record_id,
                    )
                )
            row = m.SyncCorrection(
                direction="sent",
                unit_code=unit_code,
                kind=kind,
                record_id=record_id,
                reason=clean(reason),
                requester_code=me.code,
                requested_by=me.name,
                version=self._ctx.identity.now(),
            )
            s.add(row)
            s.flush()
            after = {"unit": unit_code, "kind": kind, "record_id": record_id, "reason": row.reason}
            self._ctx.db.audit(s, "sync.correction", "sync_correction", row.uid, None, after)
            return _view(row)

    def list(self, status: str | None = None) -> list[CorrectionView]:
        with self._ctx.db.read() as s:
            query = select(m.SyncCorrection).order_by(m.SyncCorrection.created_at, m.SyncCorrection.uid)
            if status:
                query = query.where(m.SyncCorrection.status == status)
            return [_view(c) for c in s.scalars(query)]

    def close(self, correction_id: str) -> Changes:
        """Mark a correction request as dealt with."""
        with self._ctx.db.write() as s:
            row = s.get(m.SyncCorrection, correction_id)
            if row is None:
                raise NotFound(tr("There is no correction request {id}.", id=correction_id))
            if row.status != "open":
                raise Conflict(tr("This correction request is already closed."))
            row.status, row.closed_at, row.closed_by = "done", utcnow(), self._ctx.db.actor()
            self._ctx.db.audit(
                s, "sync.correction.close", "sync_correction", row.uid, {"status": "open"}, {"status": "done"}
            )
        return Changes.of(Kind.SYNC, action="sync.correction.close", ids=(correction_id,))

    def export(self, out_dir: Path, unit_code: str, recovery: bool = False) -> ExportResult:
        """A reverse bundle (the receiver's own versions), or with ``recovery`` everything the receiver
        holds of the commune — records, evidence, profile, targets — for a commune whose laptop was lost;
        the commune's keys are revoked in the same transaction (its next key is trusted by phone)."""
        me = self._ctx.me()
        if not me.receiver:
            raise Conflict(tr("Only a receiving workspace sends reverse bundles to communes."))
        self._ctx.answering_communes()
        with self._ctx.db.write() as s:
            lock_unit(s, unit_code)  # another clerk's bundle for this commune takes the next number
            unit = s.scalar(select(m.Unit).where(m.Unit.code == unit_code, m.Unit.is_home.is_(False)))
            if unit is None:
                raise NotFound(tr("There is no unit {code} in this data file.", code=unit_code))
            everything = current(s, unit_code)
            devices = office_devices(s, self._ctx.identity.device_id)
            chosen = everything if recovery else _own_versions(everything, devices)
            built = build(s, self._ctx, unit_code, chosen, everything)
            version = self._ctx.identity.now()
            profile = profile_of(unit, _officers(s, unit_code))
            records_version, lists = versioned(built.lists)
            recognised = recognitions.outgoing(s, unit_code)
            if recognised:  # records format 1.2; a bundle without any stays as an older app reads it
                records_version = max(
                    FormatVersion.parse(records_version) or recognitions.SINCE, recognitions.SINCE
                ).to_json()
            payload: dict[str, object] = {
                "format": FORMAT,
                "version": records_version,
                "unit": unit_doc(profile),
                **lists,
                SETS: outgoing_sets(s, version),
                CORRECTIONS: outgoing_corrections(s, unit_code),
                DECISIONS: decisions.outgoing(s, unit_code, version),
            }
            if recognised:
                payload[RECOGNITIONS] = recognised
            if recovery:
                payload[PROFILE] = profile_doc(s, profile)
                revoke_unit(s, self._ctx, unit_code)
            kind = BundleKind.RECOVERY if recovery else BundleKind.REVERSE
            path, fields = self._write(
                s, out_dir, me.code, Receiver(unit_code, unit.name), payload, built.files, kind
            )
            self._ctx.identity.save_clock(s)
        counts = count({k: v for k, v in payload.items() if isinstance(v, list)})
        changes = Changes.of(Kind.SYNC, action="sync.export")
        size = path.stat().st_size
        return ExportResult(
            path,
            fields.bundle_id,
            str(kind),
            fields.sequence,
            True,
            unit_code,
            counts,
            size,
            len(built.files),
            changes,
            unit.name,
        )

    def _write(
        self,
        s: Session,
        out_dir: Path,
        own: str,
        receiver: Receiver,
        payload: dict[str, object],
        files: dict[str, Path],
        kind: BundleKind = BundleKind.REVERSE,
    ) -> tuple[Path, BundleFields]:
        sequence, previous = log.next_sequence(s, str(kind), receiver.code, self._ctx.sequence_device())
        fields = BundleFields(
            kind=kind,
            origin_unit_code=own,
            device_id=self._ctx.identity.device_id,
            sequence=sequence,
            schema_version=schema_version(),
            previous_bundle_id=previous,
            full=True,
            receiver=receiver,
            office=self._ctx.office_proof(s),
            per_computer=bool(self._ctx.sequence_device()),
        )
        path = write_bundle(out_dir, fields, payload, files, self._ctx.identity.private_key())
        counts = count({k: v for k, v in payload.items() if isinstance(v, list)})
        log.log_sent(
            s,
            fields,
            counts,
            path,
            self._ctx.identity.fingerprint(),
            self._ctx.db.actor(),
            self._ctx.sequence_device(),
        )
        self._ctx.db.audit(s, "sync.export", "bundle", fields.bundle_id, None, {"counts": counts}, path.name)
        return path, fields


def _officers(s: Session, code: str) -> list[m.Officer]:
    query = (
        select(m.Officer)
        .where(m.Officer.unit_code == code, m.Officer.deleted_at.is_(None))
        .order_by(m.Officer.created_at)
    )
    return list(s.scalars(query))


def _own_versions(everything: Chosen, devices: set[str]) -> Chosen:
    """The records whose current version this receiver made (resolved conflicts), on any of its
    computers (each clerk's, on a database server)."""
    return {
        kind: {rid: local for rid, local in by_id.items() if device_of(local.version) in devices}
        for kind, by_id in everything.items()
    }


def _view(c: m.SyncCorrection) -> CorrectionView:
    return decisions.correction_view(c)
