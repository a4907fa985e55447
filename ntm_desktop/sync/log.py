"""The bundle log (what was sent and received), sequence numbers, and gaps in a sender's sequence."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Select, Table, bindparam, select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.driver import fetch, flushed, written
from ntm_desktop.db.sql import insert_row
from ntm_desktop.services.db import Database
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.bundle.writer import BundleFields
from ntm_desktop.sync.keys.office_trust import signer_name
from ntm_desktop.sync.labels import several_computers
from ntm_desktop.sync.results import Gap

if TYPE_CHECKING:
    # sync.views (seven dataclasses) is imported where used: a bundle import never needs it
    from ntm_desktop.sync.views import LogEntry

SENT, RECEIVED = "sent", "received"


def next_sequence(s: Session, kind: str, receiver_code: str, device: str = "") -> tuple[int, str | None]:
    """The next sequence number for bundles of ``kind`` to ``receiver_code``, and the previous bundle
    (``device``: see :meth:`SyncContext.sequence_device`)."""
    row = s.get(m.SyncSequence, (kind, receiver_code, device))
    if row is None:
        return 1, None
    return row.last_sequence + 1, row.last_bundle_id


def log_sent(
    s: Session,
    fields: BundleFields,
    counts: Mapping[str, int],
    path: Path,
    fingerprint: str,
    actor: str,
    device: str = "",
) -> None:
    receiver = fields.receiver.code if fields.receiver else ""
    row = s.get(m.SyncSequence, (str(fields.kind), receiver, device))
    if row is None:
        row = m.SyncSequence(kind=str(fields.kind), receiver_code=receiver, device_id=device)
        s.add(row)
    row.last_sequence, row.last_bundle_id = fields.sequence, fields.bundle_id
    s.add(
        m.SyncBundle(
            direction=SENT,
            bundle_id=fields.bundle_id,
            kind=str(fields.kind),
            origin_unit_code=fields.origin_unit_code,
            device_id=fields.device_id,
            sequence=fields.sequence,
            previous_bundle_id=fields.previous_bundle_id,
            receiver_code=receiver,
            full=fields.full,
            created=fields.created,
            counts=dict(counts),
            file_name=path.name,
            size=path.stat().st_size,
            fingerprint=fingerprint,
            result="exported",
            actor=actor,
        )
    )


def log_received(
    s: Session,
    bundle: VerifiedBundle,
    result: str,
    actor: str,
    changes: Mapping[str, Any],
    kept: str = "",
) -> None:
    manifest = bundle.manifest
    values = {
        "direction": RECEIVED,
        "bundle_id": manifest.bundle_id,
        "kind": str(manifest.kind),
        "origin_unit_code": manifest.origin_unit_code,
        "device_id": manifest.device_id,
        "sequence": manifest.sequence,
        "previous_bundle_id": manifest.previous_bundle_id,
        "receiver_code": manifest.receiver.code if manifest.receiver else "",
        "full": manifest.full,
        "created": manifest.created,
        "counts": dict(manifest.counts),
        "changes": dict(changes),
        "file_name": bundle.path.name,
        "size": _size(bundle.path),
        "fingerprint": manifest.origin_key_fingerprint,
        "result": result,
        "actor": actor,
        "kept_sha256": kept,
        "signer": signer_name(bundle)[:200],
    }
    insert_row(s, m.SyncBundle, values)  # one statement: no flush of its own for every bundle


def _size(path: Path) -> int:
    """The file's size, 0 when it is not there any more (as ``Path.exists`` tells: one look at the disk,
    not two)."""
    try:
        return os.stat(path).st_size
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return 0
        raise


def received(s: Session, bundle_id: str) -> bool:
    """Whether the bundle was imported before (asked for every bundle: on the session's connection, without
    the ORM's bookkeeping; the log's rows are never held in the session, :func:`log_received`)."""
    return s.connection().scalar(_received(), {"bundle": bundle_id}) is not None


@cache
def _received() -> Select[int]:
    """Built once: asked for every bundle imported. On the table, not the ORM entity, as the log's other
    statements an import sends: the ORM's compiling of a statement on its first use costs more than the
    statement (the first import in a process pays it)."""
    log = _log()
    return select(log.c.id).where(log.c.direction == RECEIVED, log.c.bundle_id == bindparam("bundle"))


def _log() -> Table:
    return cast(Table, m.SyncBundle.__table__)


def received_from(s: Session, unit_code: str, kinds: Iterable[str] = ("records",)) -> list[m.SyncBundle]:
    query = (
        select(m.SyncBundle)
        .where(
            m.SyncBundle.direction == RECEIVED,
            m.SyncBundle.origin_unit_code == unit_code,
            m.SyncBundle.kind.in_(list(kinds)),
        )
        .order_by(m.SyncBundle.device_id, m.SyncBundle.sequence)
    )
    return list(s.scalars(query))


def gaps(
    s: Session, unit_code: str, device_id: str, kind: str, extra: tuple[int, bool] | None = None
) -> list[Gap]:
    """Sequence numbers of one sender's stream that have not arrived while a later one has.

    A full bundle holds everything up to it, so numbers before a full bundle are not missing.
    ``extra`` is a (sequence, full) not imported yet, to tell what importing it would leave missing.
    """
    query = select(m.SyncBundle.sequence, m.SyncBundle.full).where(
        m.SyncBundle.direction == RECEIVED,
        m.SyncBundle.origin_unit_code == unit_code,
        m.SyncBundle.device_id == device_id,
        m.SyncBundle.kind == kind,
    )
    got = {seq: full for seq, full in s.execute(query)}
    if extra is not None:
        got[extra[0]] = got.get(extra[0], False) or extra[1]
    return _named(s, _missing((unit_code, device_id, kind), got, other_computer(s, unit_code, device_id)))


def other_computer(s: Session, unit_code: str, device_id: str) -> bool:
    """Whether a bundle of ``unit_code`` came from another computer than ``device_id``: then the unit sends
    from several, each numbering its own bundles, and a number alone does not say which bundle."""
    devices = select(m.SyncBundle.device_id).where(
        m.SyncBundle.direction == RECEIVED,
        m.SyncBundle.origin_unit_code == unit_code,
        m.SyncBundle.device_id != device_id,
    )
    return s.scalars(devices.limit(1)).first() is not None


Stream = tuple[str, str, str]
"""A sender's stream of bundles: unit, device, kind."""


def streams_gaps(s: Session, streams: Iterable[Stream] | None = None) -> list[Gap]:
    """:func:`gaps` for each of ``streams`` (every stream received when None), in one query of the
    streams' units' log (an import of a USB stick of many communes asks for each commune's)."""
    wanted = None if streams is None else set(streams)
    if wanted is None:
        found = list(s.execute(_streams_query()))
    else:
        units = sorted({unit for unit, _, _ in wanted})
        conn = flushed(s)
        found = []
        for n in range(0, len(units), 500):  # within any engine's limit of parameters
            some = units[n : n + 500]
            sql, params = written(_streams_of_units(len(some)), conn.dialect)
            found += fetch(conn, sql, params({f"unit_{i}": unit for i, unit in enumerate(some)}))
    got: dict[Stream, dict[int, bool]] = {}
    for unit, device, kind, sequence, full in found:
        if wanted is None or (unit, device, kind) in wanted:
            got.setdefault((unit, device, kind), {})[sequence] = full
    several = several_computers((unit, device) for unit, device, *_ in found)
    return _named(
        s, [gap for stream in sorted(got) for gap in _missing(stream, got[stream], stream[0] in several)]
    )


def _named(s: Session, gaps: list[Gap]) -> list[Gap]:
    """The gaps with their communes' names, as the units table holds them (asked only when there is a gap:
    the text says "xã Bằng Thành (01234)", not "xã 01234")."""
    if not gaps:
        return gaps
    units = sorted({g.unit_code for g in gaps})
    names = {
        code: name for code, name in s.execute(select(m.Unit.code, m.Unit.name).where(m.Unit.code.in_(units)))
    }
    return [replace(g, name=names.get(g.unit_code) or "") for g in gaps]


@cache
def _streams_query() -> Select[str, str, str, int, bool]:
    log = _log().c
    columns = (log.origin_unit_code, log.device_id, log.kind, log.sequence, log.full)
    return select(*columns).where(log.direction == RECEIVED)


@cache
def _streams_of_units(count: int) -> str:
    """Written once for each number of units (:func:`~ntm_desktop.db.driver.written`: no compiling on the
    first import in a process): asked after every import call, of the driver straight; a sequence's
    ``full`` comes as the driver gives it (SQLite's 0 or 1), read only as yes or no."""
    log = _log().name
    units = ", ".join(f":unit_{n}" for n in range(count))
    return (
        f'SELECT {log}.origin_unit_code, {log}.device_id, {log}.kind, {log}.sequence, {log}."full" '
        f"FROM {log} WHERE {log}.direction = '{RECEIVED}' AND {log}.origin_unit_code IN ({units})"
    )


def _missing(stream: Stream, got: Mapping[int, bool], several: bool = False) -> list[Gap]:
    """Sequence numbers of ``stream`` before its last one that neither arrived nor a full bundle covers;
    ``several``: its unit sends from several computers (the gap names which one's number is missing)."""
    if not got:
        return []
    covered = max((seq for seq, full in got.items() if full), default=0)
    return [Gap(*stream, n, several) for n in range(covered + 1, max(got)) if n not in got]


def last_received(s: Session, unit_code: str) -> datetime | None:
    query = select(m.SyncBundle.logged_at).where(
        m.SyncBundle.direction == RECEIVED, m.SyncBundle.origin_unit_code == unit_code
    )
    return max(s.scalars(query), default=None)


def entries(db: Database, limit: int | None = None) -> list[LogEntry]:
    """The log, newest first."""
    from ntm_desktop.sync.views import LogEntry

    with db.read() as s:
        query = select(m.SyncBundle).order_by(m.SyncBundle.logged_at.desc(), m.SyncBundle.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [
            LogEntry(
                r.direction,
                r.bundle_id,
                r.kind,
                r.origin_unit_code,
                r.device_id,
                r.receiver_code,
                r.sequence,
                r.full,
                r.created,
                r.logged_at,
                dict(r.counts or {}),
                dict(r.changes or {}),
                r.file_name,
                r.size,
                r.fingerprint,
                r.result,
                r.actor,
                r.signer,
            )
            for r in s.scalars(query)
        ]
