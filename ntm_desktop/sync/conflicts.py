"""Conflicts: a record edited in two places independently. Both versions are kept until a person chooses.

Resolving writes the chosen content as a new version that includes every conflicting one, so wherever
the resolution travels it settles the conflict there too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.services.kinds.registry import change_kind, kind_named
from ntm_desktop.services.locks import lock_unit
from ntm_desktop.services.unit import profile_of
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.merge import duplicates
from ntm_desktop.sync.merge.apply import Writer
from ntm_desktop.sync.merge.causal import Sibling, device_of, extend, includes, join
from ntm_desktop.sync.merge.check import check_records
from ntm_desktop.sync.merge.codec import (
    Incoming,
    content_docs,
    evidence_files,
    evidence_of,
    load_rows,
    supporter_ids,
)
from ntm_desktop.sync.merge.decide import Local, load_local, plan
from ntm_desktop.sync.views import ConflictView, Version

KEEP = ("local", "incoming")


class ConflictsService:
    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx

    def list(self, status: str | None = "open") -> list[ConflictView]:
        with self._ctx.db.read() as s:
            query = select(m.SyncConflict).order_by(m.SyncConflict.opened_at, m.SyncConflict.uid)
            if status:
                query = query.where(m.SyncConflict.status == status)
            found = list(s.scalars(query))
            codes = {c.unit_code for c in found}
            names = {code: supporter_names(s, code) for code in codes}
            held = select(m.Unit.code, m.Unit.name).where(m.Unit.code.in_(codes))
            units = {code: name for code, name in s.execute(held)}  # the commune named, not only its code
            return [_view(c, names[c.unit_code], units.get(c.unit_code, "")) for c in found]

    def resolve(self, conflict_id: str, keep: str) -> Changes:
        if keep not in KEEP:
            raise InvalidInput(tr("Choose which version to keep: local or incoming"), field="keep")
        ctx = self._ctx
        with ctx.db.write() as s:
            lock_unit(
                s, s.scalar(select(m.SyncConflict.unit_code).where(m.SyncConflict.uid == conflict_id)) or ""
            )
            c = s.get(m.SyncConflict, conflict_id)
            if c is None:
                raise NotFound(tr("There is no conflict {id}.", id=conflict_id))
            if c.status != "open":
                raise Conflict(
                    tr(
                        "This conflict was already resolved ({resolution}).",
                        resolution=state_text(c.status, c.resolution),
                    )
                )
            version = ctx.identity.now()
            if c.kind == duplicates.DUPLICATE:
                duplicates.resolve(s, ctx.db, c, keep, version)
            else:
                self._keep(s, c, keep, version)
            c.status, c.resolution, c.resolved_by, c.resolved_at = "resolved", keep, ctx.db.actor(), utcnow()
            after = {"keep": keep, "version": version}
            ctx.db.audit(s, "sync.resolve", "sync_conflict", c.uid, {"status": "open"}, after, c.record_id)
            ctx.identity.save_clock(s)
            kind = Kind.PROGRESS if c.kind == duplicates.DUPLICATE else change_kind(c.kind)
        return Changes.of(Kind.SYNC, kind, action="sync.resolve", ids=(conflict_id,))

    def _keep(self, s: Session, c: m.SyncConflict, keep: str, version: str) -> None:
        """Write the kept version as ``version``, which includes every conflicting one."""
        ctx = self._ctx
        local = load_local(s, c.unit_code, c.kind)
        held = local[c.record_id]
        chosen = _chosen(s, c, held, keep)
        vv = extend(join(chosen.vv, *(x.vv for x in held.standing())), version)
        incoming = _incoming(
            c.kind, c.record_id, Sibling(version, vv, device_of(version), chosen.deleted, chosen.doc)
        )
        checked = check_records(s, ctx.criteria, _unit_obj(s, c.unit_code), [incoming], c.unit_code)
        if checked.problems:
            raise InvalidInput(checked.problems)
        writer = Writer(
            ctx.db,
            s,
            c.unit_code,
            checked.drafts,
            checked.new_supporters,
            True,
            c.bundle_id,
            ctx.evidence,
            lambda _: None,
        )
        writer.write(plan([incoming], {c.kind: local}))


def _chosen(s: Session, c: m.SyncConflict, held: Local, keep: str) -> Sibling:
    """The version to keep; when the officer edited the record here on top of it since, that edit."""
    chosen = Sibling.from_json(c.local if keep == "local" else c.incoming)
    stored = {x["version"] for x in (c.local, c.incoming, *c.others)}
    if held.uid is None or held.version in stored or not includes(held.vv, chosen.vv):
        return chosen
    rows = load_rows(s, c.kind, [held.uid])
    doc = content_docs(s, c.kind, rows, supporter_ids(s, c.unit_code))[held.uid]
    files = evidence_of(s, [held.uid]).get(held.uid)
    if files:
        doc["_evidence"] = [{"sha256": sha, "name": name} for sha, name in files]
    return Sibling(held.version, held.vv, device_of(held.version), held.deleted, doc)


def _incoming(kind: str, record_id: str, sibling: Sibling) -> Incoming:
    doc = sibling.doc or {}
    files = evidence_files(doc.get("_evidence", ()))
    criteria_set = doc.get("_criteria_set")
    return Incoming(
        kind, 0, record_id, sibling, criteria_set if isinstance(criteria_set, str) else None, files
    )


def _unit_obj(s: Session, code: str) -> dict[str, Any]:
    row = s.scalar(select(m.Unit).where(m.Unit.code == code))
    if row is None:
        raise NotFound(tr("There is no unit {code} in this data file.", code=code))
    return unit_doc(profile_of(row, []))


def _version(data: dict[str, Any]) -> Version:
    return Version(
        str(data["version"]), str(data.get("origin", "")), bool(data.get("deleted")), data.get("doc")
    )


def list_of(c: ConflictView) -> str:
    """The records-v1 list whose fields its versions hold: ``assessments`` for two assessments of one thing
    recorded on two computers (kind ``assessment-duplicate``), else its kind."""
    return "assessments" if c.kind == duplicates.DUPLICATE else c.kind


def record_name(c: ConflictView) -> str:
    """The record by its title, as this computer has it (or as received, when removed here), not by its
    internal id (the fallback): "2025 · chỉ tiêu 2.1", a help record's title."""
    kind = kind_named(list_of(c))
    named = kind.doc_title(c.local.doc or c.incoming.doc) if kind is not None else None
    return named or c.record_id


def state_text(status: str, resolution: str) -> str:
    """Whether a conflict is open, and how it was resolved, in words."""
    if status == "open":
        return tr("open")
    return {
        "local": tr("kept the version on this computer"),
        "incoming": tr("kept the version received"),
        "superseded": tr("settled by a later change"),
    }.get(resolution, resolution or status)


def supporter_names(s: Session, unit_code: str) -> dict[str, str]:
    """The unit's supporters' record ids (as records-v1 documents refer to them) → their names."""
    query = select(m.Supporter.record_id, m.Supporter.name).where(m.Supporter.unit_code == unit_code)
    return {record_id: name for record_id, name in s.execute(query)}


def _view(c: m.SyncConflict, names: dict[str, str], unit_name: str) -> ConflictView:
    return ConflictView(
        c.uid,
        c.unit_code,
        c.kind,
        c.record_id,
        c.status,
        _version(c.local),
        _version(c.incoming),
        tuple(_version(o) for o in c.others),
        c.opened_at,
        c.resolution,
        names,
        unit_name,
    )
