"""Choosing and writing what a bundle carries.

A commune's incremental bundle holds every record whose current version the receiver has not confirmed
(by a receipt); a full bundle holds every record, removed ones too. Either way the supporters the chosen
records name come along, so a bundle never refers to a supporter the receiver may lack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.text import is_ascii_digits
from ntm_desktop.db import models as m
from ntm_desktop.db.migrate import HEAD
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.merge.causal import device_of
from ntm_desktop.sync.merge.codec import (
    KINDS,
    bundle_record,
    content_docs,
    evidence_of,
    load_rows,
    supporter_ids,
)
from ntm_desktop.sync.merge.decide import Local, load_local

Chosen = dict[str, dict[str, Local]]
"""Per list: record id → the record's state, for the records a bundle carries."""


def schema_version() -> int:
    """The data file's schema (the newest migration), as the manifest's ``schema_version``."""
    return int(HEAD) if is_ascii_digits(HEAD) else 0


def acked(s: Session, peer: str, code: str) -> dict[tuple[str, str], m.SyncAck]:
    query = select(m.SyncAck).where(m.SyncAck.peer_code == peer, m.SyncAck.unit_code == code)
    return {(a.kind, a.record_id): a for a in s.scalars(query)}


def current(s: Session, code: str) -> Chosen:
    """Every record of a unit, per list."""
    return {kind: load_local(s, code, kind) for kind in KINDS}


def pending(records: Chosen, acks: Mapping[tuple[str, str], m.SyncAck]) -> Chosen:
    """The records whose current version the peer has not confirmed."""
    out: Chosen = {}
    for kind, by_id in records.items():
        out[kind] = {
            rid: local
            for rid, local in by_id.items()
            if local.version
            and (acks.get((kind, rid)) is None or acks[(kind, rid)].acked_version != local.version)
        }
    return out


def stamp_unversioned(s: Session, ctx: SyncContext, records: Chosen) -> None:
    """Give a version to any row that has none yet (written before versions existed), so it travels."""
    for kind, by_id in records.items():
        for rid, local in list(by_id.items()):
            if not local.version and local.uid is not None:
                row = s.get(BY_LIST[kind].model, local.uid)
                assert row is not None
                row.version = ctx.identity.now()
                by_id[rid] = Local(
                    local.uid, row.version, {device_of(row.version): row.version}, local.deleted
                )


@dataclass
class Built:
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def build(s: Session, ctx: SyncContext, code: str, chosen: Chosen, everything: Chosen | None = None) -> Built:
    """The bundle's record lists (sorted by id) and evidence files; with ``everything`` given, the
    supporters the chosen records name are added from it."""
    built = Built()
    ids = supporter_ids(s, code)
    for kind in KINDS:
        built.lists[kind] = _records(s, ctx, kind, chosen.get(kind, {}), ids, built.files)
    if everything is not None:
        sup = SUPPORTERS.list_name
        named = _named_supporters(built.lists) - {r["id"] for r in built.lists[sup]}
        extra = {rid: everything[sup][rid] for rid in named if rid in everything[sup]}
        if extra:
            chosen.setdefault(sup, {}).update(extra)
            more = _records(s, ctx, sup, extra, ids, built.files)
            built.lists[sup] = sorted(built.lists[sup] + more, key=lambda r: r["id"])
    return built


def _records(
    s: Session,
    ctx: SyncContext,
    kind: str,
    chosen: Mapping[str, Local],
    ids: Mapping[str, str],
    files: dict[str, Path],
) -> list[dict[str, Any]]:
    with_rows = [local for local in chosen.values() if local.uid is not None]
    rows = load_rows(s, kind, [local.uid for local in with_rows if local.uid])
    docs = content_docs(s, kind, rows, ids)
    attached = evidence_of(s, list(docs)) if BY_LIST[kind].evidence_owner else {}
    out = []
    for rid, local in chosen.items():
        if local.uid is None:  # a removal known only by its id
            out.append(bundle_record({"id": rid}, local.version, local.vv, True))
            continue
        evidence = attached.get(local.uid, [])
        for sha256, _ in evidence:
            path = ctx.evidence.path_for(sha256)
            if path.exists():
                files[sha256] = path
        out.append(bundle_record(docs[local.uid], local.version, local.vv, local.deleted, evidence))
    return sorted(out, key=lambda r: r["id"])


def _named_supporters(lists: Mapping[str, Sequence[Mapping[str, Any]]]) -> set[str]:
    named: set[str] = set()
    for kind in KINDS:
        for record in lists.get(kind, ()) if kind != SUPPORTERS.list_name else ():
            named.update(record.get("supporters") or ())
            if record.get("supporter"):
                named.add(record["supporter"])
    return named


def mark_sent(s: Session, peer: str, code: str, chosen: Chosen, bundle_id: str) -> None:
    acks = acked(s, peer, code)
    for kind, by_id in chosen.items():
        for rid, local in by_id.items():
            ack = acks.get((kind, rid))
            if ack is None:
                ack = m.SyncAck(peer_code=peer, unit_code=code, kind=kind, record_id=rid)
                s.add(ack)
            ack.sent_version, ack.sent_bundle_id = local.version, bundle_id


def count(lists: Mapping[str, Iterable[object]]) -> dict[str, int]:
    return {name: len(list(items)) for name, items in lists.items()}
