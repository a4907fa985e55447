"""Taking bundles in (the import half of ``ws.sync``): what importing would do, and each bundle imported
in one transaction of its own, all of it or nothing of it.

The checks are :mod:`ntm_desktop.sync.admission`'s (kind, address, key) and
:mod:`ntm_desktop.sync.importing`'s (the records), and so is the writing; here is the order they run in,
the bundle log and the audit row around them, the signed file a receiver keeps, and the clock (which
observes a bundle's versions only once it has committed). ``ws.sync`` (:class:`SyncService
<ntm_desktop.sync.service.SyncService>`) is a :class:`BundleIntake`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec import structs
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.collector import older_objects_set_aside, without_collector
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.locks import lock_unit
from ntm_desktop.sync import log
from ntm_desktop.sync.admission import (
    KEY_REFUSALS,
    Refusal,
    Refused,
    refusal,
    remember_first_use,
    trust_of,
)
from ntm_desktop.sync.arrival import arrival
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import WHOLE_BYTES, Peeked, VerifiedBundle, peek, read_bundle
from ntm_desktop.sync.context import Me, SyncContext
from ntm_desktop.sync.importing import invalid, plan_bundle, write_bundle_records
from ntm_desktop.sync.keys.device import Identity
from ntm_desktop.sync.keys.office_trust import identity_fingerprint, signer_name
from ntm_desktop.sync.labels import Act, origin_name, sent_back, unit_label
from ntm_desktop.sync.planned import Planned
from ntm_desktop.sync.results import BundleOutcome, Gap, ImportReport, KindCounts, changes_for

if TYPE_CHECKING:
    from ntm_desktop.sync.preview import Preview, Sender
    from ntm_desktop.sync.rollup_view import RollupContents

ImportHook = Callable[[Session, Planned], str]
"""Called by a receiver inside a bundle's transaction, after the checks and before anything is written.
It may take steps out of ``planned.steps`` (and keep them itself, e.g. changes to a year the receiver
has approved); it returns a note for the officer (already translated), or ``""``."""


class BundleIntake:
    """``inspect`` and ``import_bundles``, and the steps of one bundle's import (a test replaces
    ``_log_import`` to fail the last step)."""

    _db: Database
    _ctx: SyncContext
    identity: Identity
    import_hook: ImportHook | None
    rollup_hook: Callable[[VerifiedBundle, bool], BundleOutcome] | None
    sets_hook: Callable[[], list[str]] | None

    def inspect(self, path: str | Path, trust_on_first_use: bool = False) -> Preview:
        """What importing the bundle would do; raises only when the file is not a sound bundle."""
        from ntm_desktop.sync.preview import Preview  # an import never builds one (its module: preview.py)

        me = self._ctx.me()
        bundle = read_bundle(Path(path))
        manifest = bundle.manifest
        with self._db.read() as s:
            decision = trust_of(s, bundle, trust_on_first_use)
            refused = refusal(self._ctx, me, bundle, decision, Act.INSPECT)
            already = log.received(s, manifest.bundle_id)
            planned = None
            checkable = refused is None or refused.reason in KEY_REFUSALS
            if checkable and manifest.kind is not BundleKind.ROLLUP:  # a roll-up is checked on import
                planned = plan_bundle(s, self._ctx, me, bundle)
            extra = (manifest.sequence, manifest.full)
            gaps = log.gaps(s, manifest.origin_unit_code, manifest.device_id, str(manifest.kind), extra)
            gaps = [g if g.name else replace(g, name=origin_name(bundle)) for g in gaps]  # a first bundle's
            several = log.other_computer(s, manifest.origin_unit_code, manifest.device_id)
        return Preview(
            path=bundle.path,
            bundle_id=manifest.bundle_id,
            kind=str(manifest.kind),
            sequence=manifest.sequence,
            created=manifest.created,
            full=manifest.full,
            sender=_sender(bundle, decision.status, _key_said(decision.message, refused)),
            receiver=manifest.receiver.code if manifest.receiver else None,
            receiver_name=manifest.receiver.name if manifest.receiver else "",
            already_imported=already,
            counts=planned.counts() if planned and not already else {},
            gaps=tuple(gaps),
            refusal=refused.message if refused else "",
            problems=tuple(planned.problems) if planned else (),
            notice=notice(bundle, planned),
            rollup=_rollup_contents(bundle) if manifest.kind is BundleKind.ROLLUP else None,
            several=several,
        )

    def import_bundles(self, paths: Iterable[str | Path], trust_on_first_use: bool = False) -> ImportReport:
        """Import each bundle in one transaction of its own (all of it, or nothing of it)."""
        me = self._ctx.me()  # a workspace not set up yet says so before any file is read
        receiver = me if me.receiver else None  # a receiver stays itself; a commune may be recovered
        outcomes: list[BundleOutcome] = []
        streams: set[log.Stream] = set()
        given = [Path(p) for p in paths]
        ahead = _ahead(given) if len(given) > 1 else {}  # one: no manifest to order
        ordered = sorted(given, key=lambda p: ahead[p][0]) if ahead else given
        batch = BatchGaps(streams)
        with older_objects_set_aside():  # the collections between bundles walk only the import's objects
            for n, path in enumerate(ordered):
                peeked = ahead[path][1] if ahead else None
                last = batch if n == len(ordered) - 1 else None  # its transaction reads the gaps
                outcome, stream = self._import_one(path, trust_on_first_use, receiver, peeked, last)
                outcomes.append(outcome)
                if stream is not None:
                    streams.add(stream)
        if batch.gaps is not None:
            gaps = batch.gaps
        else:
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
        outcomes[brought[-1]] = structs.replace(last, message=" ".join([last.message, *lines]))
        return outcomes

    @without_collector  # reading a bundle makes its tens of thousands of records: all freed on return
    def _import_one(
        self,
        path: Path,
        trust_on_first_use: bool,
        receiver: Me | None = None,
        peeked: Peeked | None = None,
        batch: BatchGaps | None = None,
    ) -> tuple[BundleOutcome, tuple[str, str, str] | None]:
        try:
            bundle = read_bundle(path, peeked=peeked)
            if bundle.manifest.kind is BundleKind.ROLLUP:
                return self._rollup(bundle, trust_on_first_use), None
            outcome = self._take_in(bundle, trust_on_first_use, receiver, batch)
            if batch is not None:
                batch.committed()  # its transaction committed: the gaps it read are the batch's
            return outcome, _stream(bundle)
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
        self,
        bundle: VerifiedBundle,
        trust_on_first_use: bool,
        receiver: Me | None = None,
        batch: BatchGaps | None = None,
    ) -> BundleOutcome:
        me = receiver or self._ctx.me()
        manifest = bundle.manifest
        with self._db.write() as s:
            lock_unit(s, manifest.origin_unit_code)  # another clerk's import of this commune waits
            at_start = arrival(s, manifest.origin_unit_code, manifest.bundle_id)  # after the lock: its own
            decision = trust_of(s, bundle, trust_on_first_use, at_start.keys)
            refused = refusal(self._ctx, me, bundle, decision, Act.IMPORT)
            if refused is not None:
                raise refused
            if at_start.received:
                if batch is not None:
                    batch.read_in(s, bundle)
                return _outcome(bundle, "already-imported", tr("already imported before; nothing changed"))
            planned = plan_bundle(s, self._ctx, me, bundle)
            if planned.problems:
                raise invalid(planned)
            note = self.import_hook(s, planned) if self.import_hook is not None and me.receiver else ""
            remember_first_use(s, self._ctx, bundle, decision)
            written = write_bundle_records(s, self._ctx, me, planned, at_start)
            counts = planned.counts()
            if written.duplicates:
                a = counts.get(ASSESSMENTS.list_name, KindCounts())
                counts[ASSESSMENTS.list_name] = structs.replace(a, conflict=a.conflict + written.duplicates)
            missing = written.missing_files
            kept = self._keep(s, bundle) if me.receiver else ""
            self._log_import(s, bundle, counts, missing, written.versions, kept)
            if batch is not None:
                batch.read_in(s, bundle)
        for version in written.versions:  # only now that everything is written
            self.identity.observe(version)
        message = tr("imported") + (f" {note}" if note else "")
        if decision.first_use:  # the clerk has yet to confirm the key it now trusts (a sentence of its own)
            message += ". " + tr(
                "The key {fingerprint} of {unit} is remembered from this first bundle: confirm this "
                "fingerprint with {unit} by phone.",
                fingerprint=decision.fingerprint,
                unit=unit_label(decision.unit_code, origin_name(bundle)),
            )
        if missing:
            message += " " + trn(
                "({n} evidence file was not in the bundle)",
                "({n} evidence files were not in the bundle)",
                len(set(missing)),
            )
        return structs.replace(_outcome(bundle, "imported", message, counts), notice=notice(bundle, planned))

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
        self._db.audit(
            s, "sync.import", "bundle", manifest.bundle_id, None, after, bundle.path.name, at_once=True
        )
        self.identity.save_clock(s, versions)

    def _keep(self, s: Session, bundle: VerifiedBundle) -> str:
        """A receiver keeps each commune's records bundle whole, to carry it to the national office with
        the commune's own signature (``ws.receiver.export_national``)."""
        if bundle.manifest.kind is not BundleKind.RECORDS:
            return ""
        data = bundle.data if bundle.data is not None else bundle.path.read_bytes()  # as it was checked
        return self._ctx.evidence.store_bytes(s, data)


def _sender(bundle: VerifiedBundle, status: str, message: str) -> Sender:
    from ntm_desktop.sync.preview import Sender

    manifest = bundle.manifest
    # a roll-up names its province; a bundle sent back names the commune it is for, not its sender
    unit = None if sent_back(str(manifest.kind)) else bundle.head.get("unit") or bundle.head.get("province")
    name = unit.get("name", "") if isinstance(unit, dict) else ""
    return Sender(
        manifest.origin_unit_code,
        str(name),
        manifest.device_id,
        identity_fingerprint(bundle),  # a certified clerk's: the office key's, which the commune trusts
        str(status),
        message,
        signer_name(bundle),
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


class BatchGaps(msgspec.Struct):
    """The gaps in the senders' sequences after a batch, read in the transaction of its last bundle once it
    took the bundle in (imported, or found imported before) — as a read after it commits would find
    them, without a transaction of their own — and kept once that transaction committed; else (a last
    bundle refused, or not committed) they are read after the batch."""

    streams: set[log.Stream]
    """The streams of the bundles taken in before the last one (the batch's set, filled as it goes)."""
    gaps: list[Gap] | None = None
    _read: list[Gap] | None = None

    def read_in(self, s: Session, bundle: VerifiedBundle) -> None:
        self._read = log.streams_gaps(s, self.streams | {_stream(bundle)})

    def committed(self) -> None:
        self.gaps = self._read


_PEEK_KEPT = 16 * 1024
"""The largest manifest kept from ordering a batch until its bundle's import (about 150 evidence files;
a records bundle's is usually under 2 KB): a larger one is read again on import."""
_FILES_KEPT = 32 * 1024 * 1024
"""The most of a batch's files kept read whole from its ordering until their imports, first come first
kept (a commune's records bundle is ~40 KB to a few MB: a province's drop of hundreds mostly fits); the
others are opened again on import."""


def _ahead(paths: list[Path]) -> dict[Path, tuple[tuple[int, str, str, str, int, str], Peeked | None]]:
    """Where each bundle comes in its batch, and its manifest as read for that (its signature is checked
    on import), kept for the import when small: the import parses it again only if the file changed;
    and the file read whole while the batch's room lasts: the import reads the file again, and opens
    it again only if it no longer holds the same bytes."""
    room, ahead = _FILES_KEPT, {}
    for path in paths:
        try:
            whole = os.stat(path).st_size <= min(room, WHOLE_BYTES)
        except (OSError, ValueError):  # e.g. a name with a NUL: peek and the import say so as before
            whole = False
        found = peek(path, whole=whole)
        kept = found if found is not None and len(found.manifest_bytes) <= _PEEK_KEPT else None
        if kept is not None and kept.archive is not None and kept.archive.data is not None:
            room -= len(kept.archive.data)
        ahead[path] = _order(path, found), kept
    return ahead


def _order(path: Path, peeked: Peeked | None) -> tuple[int, str, str, str, int, str]:
    """Bundles in the order their senders made them: by the signed manifest's unit, device, kind and
    sequence, whatever the files are called (old names and renamed files too); unreadable files last,
    where their import explains what is wrong."""
    if peeked is None:
        return (1, "", "", "", 0, path.name)
    m = peeked[1]  # only the order: each import checks the signature
    return (0, m.origin_unit_code, m.device_id, str(m.kind), m.sequence, path.name)


def _key_said(trust_message: str, refused: Refused | None) -> str:
    """The key card's message: none when the refusal gives another reason for an unknown key (a bundle
    made on this computer: "phone the commune to confirm its key" would send the officer to phone
    itself)."""
    if refused is not None and refused.reason is Refusal.UNKNOWN_KEY and trust_message not in refused.message:
        return ""
    return trust_message


def _rollup_contents(bundle: VerifiedBundle) -> RollupContents:
    """What a province's roll-up holds (imported here: only a roll-up's preview needs the module)."""
    from ntm_desktop.sync.rollup_view import rollup_contents

    return rollup_contents(bundle)
