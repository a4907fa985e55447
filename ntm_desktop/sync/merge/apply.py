"""Writing what the merge decided, inside the import's one transaction.

Rows are written through their kind's own ``write`` (the same mapping a form or a records file uses,
:mod:`ntm_desktop.services.kinds`) and take the bundle's version; nothing is flushed record by record, so
a bundle of thousands of records goes in as a few batched statements. The audit keeps one row for the
bundle and, for every record that was there before and changed, one row with its before-image and
after-image in the shape every write path audits (:meth:`Store.audit_doc`, plus ``_evidence``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, new_uids, utcnow
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.kinds.batch import NewRows, insert_new_rows
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.services.kinds.store import Doc
from ntm_desktop.sync.merge.bulk import insert_states
from ntm_desktop.sync.merge.causal import Sibling, vector
from ntm_desktop.sync.merge.codec import KINDS, Incoming, evidence_of, load_rows, supporter_ids
from ntm_desktop.sync.merge.decide import Step
from ntm_desktop.sync.merge.typed_lane import TypedList

FileSource = Callable[[str], bytes | None]
"""sha256 → the evidence file's bytes from the bundle, or None when the bundle does not hold it."""


class Writer(msgspec.Struct):
    """Writes the steps of one bundle for one unit."""

    db: Database
    s: Session
    code: str
    drafts: Mapping[tuple[str, str], Any]
    new_supporters: Mapping[str, str]
    keep_state: bool
    """Keep every record's vector (a commune edits its own records; a receiver never does)."""
    bundle_id: str
    evidence: EvidenceService
    files: FileSource
    missing_files: list[str] = msgspec.field(default_factory=list)
    now: datetime = msgspec.field(default_factory=utcnow)

    def write(self, steps: Sequence[Step], typed: Sequence[TypedList] = ()) -> None:
        """``typed``: lists the typed lane took (all new here), written from their column lists."""
        by_kind = {t.kind: t for t in typed}
        fresh: dict[str, list[Step]] = {kind: [] for kind in KINDS}  # new here, with content
        rest: dict[str, list[Step]] = {kind: [] for kind in KINDS}
        for st in steps:  # one pass over a bundle's hundreds of steps
            if st.local is None and st.incoming.sibling.doc is not None:
                fresh[st.incoming.kind].append(st)
            elif st.outcome != "unchanged" or _needs_row(st):
                rest[st.incoming.kind].append(st)
        for kind in KINDS:
            if kind in by_kind:
                self._insert_typed(by_kind[kind])
                self.s.flush()
            elif fresh[kind] or rest[kind]:
                self._write_kind(kind, fresh[kind], rest[kind])
                self.s.flush()  # supporters exist before the records that name them

    def _insert_typed(self, t: TypedList) -> None:
        """A list the typed lane took: :meth:`_insert_fresh` from its column lists (each record's vector
        is its own version's, so a receiver keeps no state for it; no evidence files)."""
        new = NewRows(new_uids(len(t.ids)), t.ids, t.drafts, t.versions, t.origins, [False] * len(t.ids))
        insert_new_rows(self.s, BY_LIST[t.kind], self.code, new, self.now, t.lists)
        if self.keep_state:
            code, kind = self.code, t.kind
            states = [
                {
                    "unit_code": code,
                    "kind": kind,
                    "record_id": rid,
                    "version": v,
                    "vv": {d: v} if d else {},
                    "deleted": False,
                }
                for rid, v, d in zip(t.ids, t.versions, t.devices, strict=True)
            ]
            insert_states(self.s, states)

    def _write_kind(self, kind: str, fresh: list[Step], steps: list[Step]) -> None:
        if fresh:
            self._insert_fresh(kind, fresh)
        if not steps:  # all new (a commune's first bundle, new records): nothing to read back
            return
        uids = [st.local.uid for st in steps if st.local is not None and st.local.uid is not None]
        rows = {row.uid: row for row in load_rows(self.s, kind, uids)}
        store, ids = BY_LIST[kind], supporter_ids(self.s, self.code)
        views = store.views(self.s, list(rows.values()))
        before = {v.uid: {"id": v.record_id} | store.doc(v, ids) | store.bundle_extras(v) for v in views}
        audited = {v.uid: store.content(v.record_id, v, ids) for v in views}
        files = evidence_of(self.s, list(rows)) if store.evidence_owner else {}
        for doc_uid, doc in [*before.items(), *audited.items()]:
            if files.get(doc_uid):
                doc["_evidence"] = [{"sha256": sha, "name": name} for sha, name in files[doc_uid]]
        for st in steps:
            uid = st.local.uid if st.local is not None else None
            row = rows.get(uid) if uid else None
            shown = before.get(uid) if uid else None
            self._write_step(kind, st, row, shown, audited.get(uid) if uid else None, ids)

    def _insert_fresh(self, kind: str, steps: list[Step]) -> None:
        """Records this workspace never had: batched inserts given column by column (the common case at
        a province: a commune's hundreds of records)."""
        store = BY_LIST[kind]
        rids = [st.incoming.record_id for st in steps]
        winners = [st.merged.winner for st in steps]
        made = self.new_supporters if kind == SUPPORTERS.list_name else {}
        fresh = new_uids(sum(rid not in made for rid in rids))
        if made:
            more = iter(fresh)
            fresh = [made.get(rid) or next(more) for rid in rids]
        drafts = self.drafts
        new = NewRows(
            fresh,
            rids,
            [drafts[(kind, rid)] for rid in rids],
            [w.version for w in winners],
            [w.origin for w in winners],
            [w.deleted for w in winners],
        )
        insert_new_rows(self.s, store, self.code, new, self.now)
        states = [
            {
                "unit_code": self.code,
                "kind": kind,
                "record_id": rid,
                "version": w.version,
                "vv": dict(w.vv),
                "deleted": w.deleted,
            }
            for rid, w in zip(rids, winners, strict=True)
            if self.keep_state or not _own_vector(w)
        ]
        insert_states(self.s, states)
        if store.evidence_owner:
            for st, uid in zip(steps, fresh, strict=True):
                if st.incoming.evidence:
                    self._evidence(kind, uid, st.incoming.evidence)

    def _write_step(
        self,
        kind: str,
        st: Step,
        row: Any,
        before: Doc | None,
        audited: Doc | None,
        ids: Mapping[str, str],
    ) -> None:
        inc, winner = st.incoming, st.merged.winner
        existed, was_live = row is not None, row is not None and row.deleted_at is None
        if inc.has_content and (st.takes_incoming or row is None):
            row = self._content(kind, inc.record_id, row)
        if row is not None and (st.takes_incoming or row.version != winner.version):
            self._version(row, winner)
            if BY_LIST[kind].evidence_owner and st.takes_incoming and (inc.evidence or existed):
                self._evidence(kind, row.uid, inc.evidence)
        if st.takes_incoming and existed:
            after = None if winner.deleted else self._after(kind, inc, ids)
            action = "sync.remove" if winner.deleted else "sync.update"
            self.db.audit(
                self.s,
                action,
                BY_LIST[kind].entity,
                row.uid,
                audited if was_live else None,
                after,
                self.bundle_id,
            )
        self._state(kind, st, has_row=row is not None)
        self._conflict(kind, st, before)

    def _after(self, kind: str, inc: Incoming, ids: Mapping[str, str]) -> Doc:
        """The record as written, in the audit's shape (the same as a form or a records file leaves)."""
        doc = BY_LIST[kind].content(inc.record_id, self.drafts[(kind, inc.record_id)], ids)
        if inc.evidence:
            doc["_evidence"] = [{"sha256": sha, "name": name} for sha, name in inc.evidence]
        return doc

    def _content(self, kind: str, record_id: str, row: Any) -> Any:
        store, draft = BY_LIST[kind], self.drafts[(kind, record_id)]
        if row is None:
            uid = self.new_supporters.get(record_id) if kind == SUPPORTERS.list_name else None
            row = store.model(uid=uid or new_uid(), record_id=record_id, unit_code=self.code)
            self.s.add(row)
        store.write(self.s, row, draft)
        return row

    def _version(self, row: Any, winner: Sibling) -> None:
        row.version, row.origin, row.updated_at = winner.version, winner.origin, self.now
        if not winner.deleted:
            row.deleted_at = None
        elif row.deleted_at is None:
            row.deleted_at = self.now

    def _state(self, kind: str, st: Step, has_row: bool) -> None:
        winner = st.merged.winner
        key = (self.code, kind, st.incoming.record_id)
        state = self.s.get(m.SyncRecordState, key) if st.local is not None and st.local.has_state else None
        needed = self.keep_state or not has_row or winner.vv != vector(winner.version)
        if state is None and not needed:
            return
        if state is None:
            state = m.SyncRecordState(unit_code=self.code, kind=kind, record_id=st.incoming.record_id)
            self.s.add(state)
        state.version, state.vv, state.deleted = winner.version, dict(winner.vv), winner.deleted

    def _conflict(self, kind: str, st: Step, before: dict[str, Any] | None) -> None:
        local = st.local
        if local is None or st.merged.known:
            return
        row = self.s.get(m.SyncConflict, local.conflict_uid) if local.conflict_uid else None
        if not st.merged.conflict:
            if row is not None:
                row.status, row.resolution, row.resolved_at = "resolved", "superseded", self.now
                row.resolved_by = self.db.actor()
            return
        if row is None:
            row = m.SyncConflict(unit_code=self.code, kind=kind, record_id=st.incoming.record_id)
            self.s.add(row)
        shown, others = _sides(st, before)
        row.local, row.incoming = shown.to_json(), st.incoming.sibling.to_json()
        row.others = [x.to_json() for x in others]
        row.bundle_id, row.status = self.bundle_id, "open"

    def _evidence(self, kind: str, owner_uid: str, files: Sequence[tuple[str, str]]) -> None:
        links = list(self.s.scalars(select(m.EvidenceLink).where(m.EvidenceLink.owner_uid == owner_uid)))
        wanted = set(files)
        for link in links:
            if (link.sha256, link.filename) not in wanted and link.deleted_at is None:
                link.deleted_at = self.now
        have = {(link.sha256, link.filename): link for link in links}
        for sha256, name in files:
            if not self._stored(sha256):
                self.missing_files.append(sha256)
                continue
            found = have.get((sha256, name))
            if found is None:
                self.s.add(
                    m.EvidenceLink(
                        owner_kind=BY_LIST[kind].evidence_owner,
                        owner_uid=owner_uid,
                        sha256=sha256,
                        filename=name,
                        unit_code=self.code,
                    )
                )
            else:
                found.deleted_at = None

    def _stored(self, sha256: str) -> bool:
        """The file is in the evidence folder (taken from the bundle if needed) and has its row."""
        if self.s.get(m.EvidenceFile, sha256) is not None and self.evidence.path_for(sha256).exists():
            return True
        data = self.files(sha256)
        if data is None:
            return self.evidence.path_for(sha256).exists() and self._file_row(sha256)
        self.evidence.store_bytes(self.s, data)
        return True

    def _file_row(self, sha256: str) -> bool:
        if self.s.get(m.EvidenceFile, sha256) is None:
            self.s.add(m.EvidenceFile(sha256=sha256, size=self.evidence.path_for(sha256).stat().st_size))
        return True


def _own_vector(winner: Sibling) -> bool:
    """``winner.vv == vector(winner.version)``: a version made on top of no other device's (a receiver
    then keeps no state for it). The usual vector is the one reading the bundle made for the version,
    holding that very version under its device; a vector holds a version under its device only (see
    :func:`vector`), so that one is known without reading the version again."""
    vv, version = winner.vv, winner.version
    if len(vv) == 1 and vv.get(version[22:]) is version:
        return True
    return vv == vector(version)


def _needs_row(st: Step) -> bool:
    """An unchanged record with content but no row here (only its removal was known) gets its row."""
    return st.outcome == "unchanged" and st.incoming.has_content and st.local is not None and not st.local.uid


def _sides(st: Step, before: dict[str, Any] | None) -> tuple[Sibling, list[Sibling]]:
    """The conflict's local side (what was shown here, if it still stands) and any further versions."""
    assert st.local is not None
    local, incoming = st.local, st.incoming.sibling.version
    known = {x.version: x for x in local.stored if x.doc is not None}
    current = local.current
    known.setdefault(
        current.version, Sibling(current.version, current.vv, current.origin, current.deleted, before)
    )
    rest = [known.get(x.version, x) for x in st.merged.standing if x.version != incoming]
    shown = next((x for x in rest if x.version == current.version), None)
    shown = shown or max(rest, key=lambda x: x.version)
    return shown, [x for x in rest if x.version != shown.version]
