"""``ws.sync``: signed bundles on a USB stick between a commune and its province, in both directions.

    result = ws.sync.export(out_dir)                      # the commune's unconfirmed changes
    preview = ws.sync.inspect(path)                       # what importing would do; writes nothing
    report = ws.sync.import_bundles(paths)                # each bundle all or nothing
    ws.sync.export_receipt(out_dir)                       # receiver: what it holds, signed
    ws.sync.import_receipt(path)                          # commune: those records are confirmed
    ws.sync.conflicts(); ws.sync.resolve(id, keep="local")

How records merge is explained in :mod:`ntm_desktop.sync.merge.causal`; the file format in
``docs/bundle-format.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, NtmError
from ntm_desktop.core.files import require_folder
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.records.reader import FORMAT
from ntm_desktop.records.versions import versioned
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.locks import lock_unit
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService
from ntm_desktop.sync import log
from ntm_desktop.sync.bundle.manifest import BundleKind, Receiver
from ntm_desktop.sync.bundle.reader import VerifiedBundle, peek_manifest, read_bundle
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.sync.conflicts import ConflictsService
from ntm_desktop.sync.context import Me, SyncContext
from ntm_desktop.sync.importing import (
    Planned,
    Refusal,
    invalid,
    plan_bundle,
    refusal,
    remember_first_use,
    trust_of,
    write_bundle_records,
)
from ntm_desktop.sync.keys.device import Identity, device_identity
from ntm_desktop.sync.keys.office import OfficeService
from ntm_desktop.sync.keys.office_trust import identity_fingerprint
from ntm_desktop.sync.keys.pairs import new_device_id
from ntm_desktop.sync.keys.service import KeysService
from ntm_desktop.sync.outgoing import acked, build, count, current, mark_sent, pending, schema_version
from ntm_desktop.sync.profile import PROFILE, profile_doc
from ntm_desktop.sync.receipts.service import ReceiptsService
from ntm_desktop.sync.results import (
    BundleOutcome,
    ExportResult,
    Gap,
    ImportReport,
    KindCounts,
    Preview,
    Sender,
    changes_for,
)
from ntm_desktop.sync.reverse import decisions, recognitions
from ntm_desktop.sync.reverse.decisions import Answer
from ntm_desktop.sync.reverse.recognitions import Received
from ntm_desktop.sync.reverse.service import ReverseService
from ntm_desktop.sync.rollup_view import rollup_contents
from ntm_desktop.sync.views import ConflictView, CorrectionView, LogEntry, ReceiptResult

ImportHook = Callable[[Session, Planned], str]
"""Called by a receiver inside a bundle's transaction, after the checks and before anything is written.
It may take steps out of ``planned.steps`` (and keep them itself, e.g. changes to a year the receiver
has approved); it returns a note for the officer (already translated), or ``""``."""


class SyncService:
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
        self.office = OfficeService(self._ctx)
        self._receipts = ReceiptsService(self._ctx)
        self._conflicts = ConflictsService(self._ctx)
        self._reverse = ReverseService(self._ctx)
        self.import_hook: ImportHook | None = None
        """Set by the workspace: the receiver's check of approved years (``ws.receiver``)."""
        self.rollup_hook: Callable[[VerifiedBundle, bool], BundleOutcome] | None = None
        """Set by the workspace: the national office takes in a province's roll-up (``ws.receiver``)."""
        self.sets_hook: Callable[[], list[str]] | None = None
        """Set by the workspace: on a commune, after a bundle brought criteria sets, use them for the open
        years of their period (``ws.criteria_years``); returns lines for the officer."""

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
        home = self._ctx.commune()
        peer = self._ctx.receiver_of(home).code
        with self._db.read() as s:
            chosen = pending(current(s, home.code), acked(s, peer, home.code))
        return sum(len(by_id) for by_id in chosen.values())

    def pending_text(self) -> str:
        return tr("{count} changes not yet confirmed", count=self.pending_count())

    def export(self, out_dir: str | Path, full: bool = False) -> ExportResult:
        """Write a signed bundle of the commune's records into ``out_dir``: the changes the receiver has
        not confirmed, or (``full``) every record."""
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

    # ---- taking bundles in ---------------------------------------------------------------------

    def inspect(self, path: str | Path, trust_on_first_use: bool = False) -> Preview:
        """What importing the bundle would do; raises only when the file is not a sound bundle."""
        me = self._ctx.me()
        bundle = read_bundle(Path(path))
        manifest = bundle.manifest
        with self._db.read() as s:
            decision = trust_of(s, bundle, trust_on_first_use)
            refused = refusal(self._ctx, me, bundle, decision)
            already = log.received(s, manifest.bundle_id)
            planned = None
            checkable = refused is None or refused.reason in (Refusal.UNKNOWN_KEY, Refusal.KEY_MISMATCH)
            if checkable and manifest.kind is not BundleKind.ROLLUP:  # a roll-up is checked on import
                planned = plan_bundle(s, self._ctx, me, bundle)
            extra = (manifest.sequence, manifest.full)
            gaps = log.gaps(s, manifest.origin_unit_code, manifest.device_id, str(manifest.kind), extra)
        return Preview(
            path=bundle.path,
            bundle_id=manifest.bundle_id,
            kind=str(manifest.kind),
            sequence=manifest.sequence,
            created=manifest.created,
            full=manifest.full,
            sender=_sender(bundle, decision.status, decision.message),
            receiver=manifest.receiver.code if manifest.receiver else None,
            already_imported=already,
            counts=planned.counts() if planned and not already else {},
            gaps=tuple(gaps),
            refusal=refused.message if refused else "",
            problems=tuple(planned.problems) if planned else (),
            notice=notice(bundle, planned),
            rollup=rollup_contents(bundle) if manifest.kind is BundleKind.ROLLUP else None,
        )

    def import_bundles(self, paths: Iterable[str | Path], trust_on_first_use: bool = False) -> ImportReport:
        """Import each bundle in one transaction of its own (all of it, or nothing of it)."""
        me = self._ctx.me()  # a workspace not set up yet says so before any file is read
        receiver = me if me.receiver else None  # a receiver stays itself; a commune may be recovered
        outcomes, streams = [], set()
        given = [Path(p) for p in paths]
        for path in sorted(given, key=_order) if len(given) > 1 else given:  # one: no manifest read to order
            outcome, stream = self._import_one(path, trust_on_first_use, receiver)
            outcomes.append(outcome)
            if stream is not None:
                streams.add(stream)
        with self._db.read() as s:
            gaps = log.streams_gaps(s, streams) if streams else []
        changes = Changes.of(Kind.SYNC, action="sync.import")
        for o in outcomes:
            if o.status == "imported":
                changes = changes | changes_for(
                    o.counts, Kind.CRITERIA if "criteria_sets" in o.counts else Kind.SYNC
                )
        outcomes = self._sets_arrived(outcomes)
        if any(o.counts.get("criteria_sets") for o in outcomes if o.status == "imported"):
            changes = changes | Changes.of(Kind.PROGRESS)
        return ImportReport(tuple(outcomes), tuple(gaps), changes)

    def _sets_arrived(self, outcomes: list[BundleOutcome]) -> list[BundleOutcome]:
        """On a commune: criteria sets that arrived are used for their period's open years; what that
        changed is told on the outcome of the (last) bundle that brought them."""
        brought = [
            n
            for n, o in enumerate(outcomes)
            if o.status == "imported" and (c := o.counts.get("criteria_sets")) and (c.created or c.updated)
        ]
        if not brought or self.sets_hook is None or self._ctx.me().receiver:
            return outcomes
        lines = self.sets_hook()
        if not lines:
            return outcomes
        last = outcomes[brought[-1]]
        outcomes[brought[-1]] = replace(last, message=" ".join([last.message, *lines]))
        return outcomes

    def _import_one(
        self, path: Path, trust_on_first_use: bool, receiver: Me | None = None
    ) -> tuple[BundleOutcome, tuple[str, str, str] | None]:
        try:
            bundle = read_bundle(path)
            if bundle.manifest.kind is BundleKind.ROLLUP:
                return self._rollup(bundle, trust_on_first_use), None
            return self._take_in(bundle, trust_on_first_use, receiver), _stream(bundle)
        except NtmError as exc:
            reason = str(getattr(exc, "reason", ""))
            return BundleOutcome(path, "rejected", str(exc), reason=reason), None

    def _rollup(self, bundle: VerifiedBundle, trust_on_first_use: bool) -> BundleOutcome:
        if self.rollup_hook is None or not self._ctx.me().receiver:
            message = tr(
                "This is a province's roll-up for the national office; only its workspace imports it."
            )
            return _outcome(bundle, "rejected", message)
        return self.rollup_hook(bundle, trust_on_first_use)

    def _take_in(
        self, bundle: VerifiedBundle, trust_on_first_use: bool, receiver: Me | None = None
    ) -> BundleOutcome:
        me = receiver or self._ctx.me()
        manifest = bundle.manifest
        with self._db.write() as s:
            lock_unit(s, manifest.origin_unit_code)  # another clerk's import of this commune waits
            decision = trust_of(s, bundle, trust_on_first_use)
            refused = refusal(self._ctx, me, bundle, decision)
            if refused is not None:
                raise refused
            if log.received(s, manifest.bundle_id):
                return _outcome(bundle, "already-imported", tr("already imported before; nothing changed"))
            planned = plan_bundle(s, self._ctx, me, bundle)
            if planned.problems:
                raise invalid(planned)
            note = self.import_hook(s, planned) if self.import_hook is not None and me.receiver else ""
            remember_first_use(s, self._ctx, bundle, decision)
            written = write_bundle_records(s, self._ctx, me, planned)
            counts = planned.counts()
            if written.duplicates:
                a = counts.get(ASSESSMENTS.list_name, KindCounts())
                counts[ASSESSMENTS.list_name] = replace(a, conflict=a.conflict + written.duplicates)
            missing = written.missing_files
            kept = self._keep(s, bundle) if me.receiver else ""
            self._log_import(s, bundle, counts, missing, written.versions, kept)
        for version in written.versions:  # only now that everything is written
            self.identity.observe(version)
        message = tr("imported") + (f" {note}" if note else "")
        if missing:
            message += " " + tr("({count} evidence files were not in the bundle)", count=len(set(missing)))
        return replace(_outcome(bundle, "imported", message, counts), notice=notice(bundle, planned))

    def _log_import(
        self,
        s: Session,
        bundle: VerifiedBundle,
        counts: dict[str, KindCounts],
        missing: list[str],
        versions: list[str],
        kept: str = "",
    ) -> None:
        manifest = bundle.manifest
        changes = {k: c.to_json() for k, c in counts.items()}
        log.log_received(s, bundle, "imported", self._db.actor(), changes, kept)
        after = {"unit": manifest.origin_unit_code, "sequence": manifest.sequence, "missing_files": missing}
        self._db.audit(s, "sync.import", "bundle", manifest.bundle_id, None, after, bundle.path.name)
        self.identity.save_clock(s, versions)

    def _keep(self, s: Session, bundle: VerifiedBundle) -> str:
        """A receiver keeps each commune's records bundle whole, to carry it to the national office with
        the commune's own signature (``ws.receiver.export_national``)."""
        if bundle.manifest.kind is not BundleKind.RECORDS:
            return ""
        return self._ctx.evidence.store_bytes(s, bundle.path.read_bytes())

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
        require_folder(Path(out_dir))
        return self._reverse.export(Path(out_dir), unit_code)

    def export_recovery(self, out_dir: str | Path, unit_code: str) -> ExportResult:
        """Receiver: everything held of a commune whose laptop was lost (records, evidence, profile,
        targets) as a recovery bundle; the commune's keys are revoked (docs/sync.md, "A lost laptop")."""
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
        with self._ctx.db.read() as s:
            return decisions.titles(s, corrections)

    def answers(self) -> dict[int, Answer]:
        """Commune: the receiving unit's decision on each year (from the bundles it sent back), with the
        correction asked for a returned year and the record it names."""
        with self._ctx.db.read() as s:
            return decisions.answers(s, self._ctx.me().code)

    def recognitions(self) -> list[Received]:
        """Commune: the decisions recognising its years (from the bundles the receiving unit sent back),
        withdrawn ones too (``withdrawn``), by year and level."""
        with self._ctx.db.read() as s:
            return recognitions.held(s, self._ctx.me().code)

    def gaps(self) -> list[Gap]:
        """Every bundle missing from the senders' sequences, over all that was received."""
        return self._receipts.gaps()


def _sender(bundle: VerifiedBundle, status: str, message: str) -> Sender:
    unit = bundle.payload.get("unit") or bundle.payload.get("province")  # a roll-up names its province
    name = unit.get("name", "") if isinstance(unit, dict) else ""
    manifest = bundle.manifest
    return Sender(
        manifest.origin_unit_code,
        str(name),
        manifest.device_id,
        identity_fingerprint(bundle),  # a certified clerk's: the office key's, which the commune trusts
        str(status),
        message,
    )


def _outcome(
    bundle: VerifiedBundle, status: str, message: str, counts: dict[str, KindCounts] | None = None
) -> BundleOutcome:
    m = bundle.manifest
    return BundleOutcome(
        bundle.path, status, message, m.bundle_id, m.origin_unit_code, m.sequence, counts or {}
    )


def notice(bundle: VerifiedBundle, planned: Planned | None) -> str:
    """What a bundle of a newer minor format version carried that this version set aside."""
    said = [bundle.manifest.notice(), planned.reading.notice() if planned is not None else ""]
    return " ".join(x for x in said if x)


def _stream(bundle: VerifiedBundle) -> tuple[str, str, str]:
    m = bundle.manifest
    return (m.origin_unit_code, m.device_id, str(m.kind))


def _order(path: Path) -> tuple[int, str, str, str, int, str]:
    """Bundles in the order their senders made them: by the signed manifest's unit, device, kind and
    sequence, whatever the files are called (old names and renamed files too); unreadable files last,
    where their import explains what is wrong."""
    m = peek_manifest(path, signed=False)  # only the order: each import checks the signature
    if m is None:
        return (1, "", "", "", 0, path.name)
    return (0, m.origin_unit_code, m.device_id, str(m.kind), m.sequence, path.name)
