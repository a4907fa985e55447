"""``ws.sync``: signed bundles on a USB stick between a commune and its province, in both directions.

    result = ws.sync.export(out_dir)                      # the commune's unconfirmed changes
    preview = ws.sync.inspect(path)                       # what importing would do; writes nothing
    report = ws.sync.import_bundles(paths)                # each bundle all or nothing
    ws.sync.export_receipt(out_dir)                       # receiver: what it holds, signed
    ws.sync.import_receipt(path)                          # commune: those records are confirmed
    ws.sync.conflicts(); ws.sync.resolve(id, keep="local")

How records merge is explained in :mod:`ntm_desktop.sync.merge.causal`; the file format in
``docs/bundle-format.md``; how a bundle is taken in in :mod:`ntm_desktop.sync.intake`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.files import require_folder
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.db import models as m
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.records.reader import FORMAT
from ntm_desktop.records.versions import versioned
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync import log
from ntm_desktop.sync.bundle.manifest import BundleKind, Receiver
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.intake import BundleIntake, ImportHook
from ntm_desktop.sync.keys.device import Identity, device_identity
from ntm_desktop.sync.keys.pairs import new_device_id
from ntm_desktop.sync.keys.service import KeysService
from ntm_desktop.sync.profile import PROFILE, profile_doc
from ntm_desktop.sync.results import BundleOutcome, Gap

if TYPE_CHECKING:
    # built or imported on first use: a process that only imports bundles never loads them
    from ntm_desktop.sync.conflicts import ConflictsService
    from ntm_desktop.sync.exported import ExportResult
    from ntm_desktop.sync.keys.office import OfficeService
    from ntm_desktop.sync.receipts.service import ReceiptsService
    from ntm_desktop.sync.reverse.decisions import Answer
    from ntm_desktop.sync.reverse.recognitions import Received
    from ntm_desktop.sync.reverse.service import ReverseService
    from ntm_desktop.sync.views import ConflictView, CorrectionView, LogEntry, ReceiptResult


class SyncService(BundleIntake):
    """``ws.sync``: the commune's bundles out, receipts, conflicts and reverse bundles here; bundles in
    through :class:`~ntm_desktop.sync.intake.BundleIntake`."""

    def __init__(
        self,
        db: Database,
        db_path: Path,
        settings: SettingsService,
        unit: UnitService,
        criteria: CriteriaService,
        evidence: EvidenceService,
        identity: Identity | None = None,
    ) -> None:
        self._db = db
        self.identity = identity or device_identity(db, db_path, settings.device_id)
        self._ctx = SyncContext(db, self.identity, settings, unit, criteria, evidence)
        self.keys = KeysService(self._ctx)
        self.import_hook: ImportHook | None = None
        """Set by the workspace: the receiver's check of approved years (``ws.receiver``)."""
        self.rollup_hook: Callable[[VerifiedBundle, bool], BundleOutcome] | None = None
        """Set by the workspace: the national office takes in a province's roll-up (``ws.receiver``)."""
        self.sets_hook: Callable[[], list[str]] | None = None
        """Set by the workspace: on a commune, after a bundle brought criteria sets, use them for the open
        years of their period (``ws.criteria_years``); returns lines for the officer."""

    @cached_property
    def office(self) -> OfficeService:
        """The office key and its clerks' certificates (``ws.sync.office``)."""
        from ntm_desktop.sync.keys.office import OfficeService

        return OfficeService(self._ctx)

    @cached_property
    def _receipts(self) -> ReceiptsService:
        from ntm_desktop.sync.receipts.service import ReceiptsService

        return ReceiptsService(self._ctx)

    @cached_property
    def _conflicts(self) -> ConflictsService:
        from ntm_desktop.sync.conflicts import ConflictsService

        return ConflictsService(self._ctx)

    @cached_property
    def _reverse(self) -> ReverseService:
        from ntm_desktop.sync.reverse.service import ReverseService

        return ReverseService(self._ctx)

    def next_version(self) -> str:
        """A new record version from this device's clock (the workspace's ``next_version``)."""
        return self.identity.now()

    def close(self) -> None:
        self.identity.close()

    def start_new_device(self, reason: str) -> Changes:
        """Continue this data file as a new device: a new device id and bundle numbers from 1.

        Used when the file was restored from a backup or recovered from the receiver: the receiver may
        have seen bundles and clock values this file does not know about, and a new device is a new
        stream to it, so nothing it has seen is ever sent again under the same number (docs/sync.md)."""
        with self._db.write() as s:
            row = s.get(m.Setting, "device_id")
            before = None if row is None else row.value
            new = new_device_id()
            if row is None:
                s.add(m.Setting(key="device_id", value=new))
            else:
                row.value = new
            s.execute(delete(m.SyncSequence))
            self._db.audit(s, reason, "setting", "device_id", {"device_id": before}, {"device_id": new})
        return Changes.of(Kind.SYNC, Kind.SETTINGS, action=reason)

    # ---- commune → receiver ------------------------------------------------------------------

    def pending_count(self) -> int:
        """How many records have changes the receiver has not confirmed yet."""
        from ntm_desktop.sync.outgoing import acked, current, pending

        home = self._ctx.commune()
        peer = self._ctx.receiver_of(home).code
        with self._db.read() as s:
            chosen = pending(current(s, home.code), acked(s, peer, home.code))
        return sum(len(by_id) for by_id in chosen.values())

    def pending_text(self) -> str:
        return trn("{n} change not yet confirmed", "{n} changes not yet confirmed", self.pending_count())

    def export(self, out_dir: str | Path, full: bool = False) -> ExportResult:
        """Write a signed bundle of the commune's records into ``out_dir``: the changes the receiver has
        not confirmed, or (``full``) every record."""
        from ntm_desktop.sync.exported import ExportResult
        from ntm_desktop.sync.outgoing import acked, build, count, current, mark_sent, pending

        require_folder(Path(out_dir))
        home = self._ctx.commune()
        receiver = self._ctx.receiver_of(home)
        key = self.identity.private_key()
        with self._db.write() as s:
            everything = current(s, home.code)
            chosen = everything if full else pending(everything, acked(s, receiver.code, home.code))
            chosen = {kind: dict(by_id) for kind, by_id in chosen.items()}
            built = build(s, self._ctx, home.code, chosen, everything)
            version, lists = versioned(built.lists)
            payload = {"format": FORMAT, "version": version, "unit": unit_doc(home), **lists}
            payload[PROFILE] = profile_doc(s, home)  # what recovery needs besides records (sync/profile.py)
            fields = self._fields(s, home.code, receiver, full)
            path = write_bundle(Path(out_dir), fields, payload, built.files, key)
            counts = count(built.lists)
            mark_sent(s, receiver.code, home.code, chosen, fields.bundle_id)
            log.log_sent(s, fields, counts, path, self.identity.fingerprint(), self._db.actor())
            self._db.audit(s, "sync.export", "bundle", fields.bundle_id, None, {"counts": counts}, path.name)
            self.identity.save_clock(s)
        size = path.stat().st_size
        changes = Changes.of(Kind.SYNC, action="sync.export")
        return ExportResult(
            path,
            fields.bundle_id,
            "records",
            fields.sequence,
            full,
            receiver.code,
            counts,
            size,
            len(built.files),
            changes,
        )

    def _fields(self, s: Session, code: str, receiver: Receiver, full: bool) -> BundleFields:
        from ntm_desktop.sync.outgoing import schema_version

        sequence, previous = log.next_sequence(s, str(BundleKind.RECORDS), receiver.code)
        return BundleFields(
            kind=BundleKind.RECORDS,
            origin_unit_code=code,
            device_id=self.identity.device_id,
            sequence=sequence,
            schema_version=schema_version(),
            previous_bundle_id=previous,
            full=full,
            receiver=receiver,
            office=self._ctx.office_proof(s),
        )

    def require_certified(self) -> None:
        """An office: refuse (:class:`Conflict`, saying what to do) when its office key has not certified
        this computer, before the clerk chooses a folder; every receipt, bundle sent back and roll-up is
        refused the same way when written."""
        self._ctx.require_certified()

    @property
    def context(self) -> SyncContext:
        """What the receiver's roll-up (receiver/rollup.py) shares with the sync import."""
        return self._ctx

    def log(self, limit: int | None = None) -> list[LogEntry]:
        """The bundles and receipts written and taken in, newest first."""
        return log.entries(self._db, limit)

    # ---- receipts, conflicts, reverse bundles ---------------------------------------------------

    def export_receipt(self, out_dir: str | Path, for_unit: str | None = None) -> list[ExportResult]:
        """Signed receipts (one per commune, or for ``for_unit``): the bundles and record versions held."""
        self._ctx.require_certified()
        require_folder(Path(out_dir))
        return self._receipts.export(Path(out_dir), for_unit)

    def import_receipt(self, path: str | Path, trust_on_first_use: bool = False) -> ReceiptResult:
        """Take in the receiver's receipt: the records it holds are confirmed, and leave the next bundle."""
        return self._receipts.take_in(Path(path), trust_on_first_use)

    def conflicts(self, status: str | None = "open") -> list[ConflictView]:
        return self._conflicts.list(status)

    def resolve(self, conflict_id: str, keep: str) -> Changes:
        """Keep the ``local`` or the ``incoming`` version of a conflicting record, as a new version."""
        return self._conflicts.resolve(conflict_id, keep)

    def export_reverse(self, out_dir: str | Path, unit_code: str) -> ExportResult:
        """Receiver: a signed bundle for one commune with criteria sets, correction requests and the
        receiver's own versions of that commune's records."""
        self._ctx.require_certified()
        require_folder(Path(out_dir))
        return self._reverse.export(Path(out_dir), unit_code)

    def export_recovery(self, out_dir: str | Path, unit_code: str) -> ExportResult:
        """Receiver: everything held of a commune whose laptop was lost (records, evidence, profile,
        targets) as a recovery bundle; the commune's keys are revoked (docs/sync.md, "A lost laptop")."""
        self._ctx.require_certified()
        require_folder(Path(out_dir))
        return self._reverse.export(Path(out_dir), unit_code, recovery=True)

    def request_correction(self, unit_code: str, kind: str, record_id: str, reason: str) -> CorrectionView:
        """Receiver: ask a commune to check and correct one assessment or help record. The national office
        does not: its communes' province asks them (and they trust only the province's key)."""
        if self._ctx.settings.get("receiver_level") == "national":  # receiver/info.py LEVEL, NATIONAL
            raise Conflict(
                tr(
                    "The province asks its communes to correct their records; the national office receives "
                    "the province's decisions in its roll-up."
                )
            )
        return self._reverse.request(unit_code, kind, record_id, reason)

    def corrections(self, status: str | None = None) -> list[CorrectionView]:
        return self._reverse.list(status)

    def close_correction(self, correction_id: str) -> Changes:
        return self._reverse.close(correction_id)

    def correction_titles(self, corrections: list[CorrectionView]) -> dict[str, str]:
        """What each correction request is about, in words: the title of the record it names."""
        from ntm_desktop.sync.reverse import decisions  # a commune's: the import never needs it

        with self._ctx.db.read() as s:
            return decisions.titles(s, corrections)

    def answers(self) -> dict[int, Answer]:
        """Commune: the receiving unit's decision on each year (from the bundles it sent back), with the
        correction asked for a returned year and the record it names."""
        from ntm_desktop.sync.reverse import decisions

        with self._ctx.db.read() as s:
            return decisions.answers(s, self._ctx.me().code)

    def recognitions(self) -> list[Received]:
        """Commune: the decisions recognising its years (from the bundles the receiving unit sent back),
        withdrawn ones too (``withdrawn``), by year and level."""
        from ntm_desktop.sync.reverse import recognitions as given

        with self._ctx.db.read() as s:
            return given.held(s, self._ctx.me().code)

    def gaps(self) -> list[Gap]:
        """Every bundle missing from the senders' sequences, over all that was received."""
        return self._receipts.gaps()
