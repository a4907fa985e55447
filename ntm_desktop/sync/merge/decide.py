"""Deciding, record by record, what a bundle changes: created, updated, unchanged, or a conflict.

The local side of a record is its row (version, removed or not), its version vector when it has one
(:class:`~ntm_desktop.db.models.SyncRecordState`) and the versions kept in its open conflict. The decision
itself is :func:`ntm_desktop.sync.merge.causal.take_in`; nothing here writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import cache
from operator import attrgetter
from typing import Any

import msgspec
from sqlalchemy import Select, bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.driver import fetch, flushed, written
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.merge.causal import (
    VV,
    Merged,
    Sibling,
    device_of,
    extend,
    includes,
    take_in,
    vector,
)
from ntm_desktop.sync.merge.codec import Incoming


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


class Local(msgspec.Struct, frozen=True):
    """A record as this workspace holds it."""

    uid: str | None
    """The row's uid; None for a removal known only from a bundle (no content, no row)."""
    version: str
    vv: VV
    deleted: bool
    stored: tuple[Sibling, ...] = ()
    """The versions kept in the record's open conflict."""
    conflict_uid: str | None = None
    has_state: bool = False

    @property
    def current(self) -> Sibling:
        return Sibling(self.version, self.vv, device_of(self.version), self.deleted)

    def standing(self) -> tuple[Sibling, ...]:
        """The versions no other held version includes: the current one, and those it conflicts with."""
        others = tuple(s for s in self.stored if s.version != self.version and not includes(self.vv, s.vv))
        return (self.current, *others)


def current_vector(row_version: str, state: m.SyncRecordState | None) -> VV:
    """The vector of a row's version: its state's, extended when the row was edited here since."""
    if state is None:
        return vector(row_version)
    if state.version == row_version or not row_version:
        return dict(state.vv)
    return extend(state.vv, row_version)


def load_local(s: Session, code: str, kind: str) -> dict[str, Local]:
    """Every record of one list of a unit, by record id (removed ones and bare removals included)."""
    return load_locals(s, code, [kind])[kind]


def load_locals(s: Session, code: str, kinds: Iterable[str]) -> dict[str, dict[str, Local]]:
    """:func:`load_local` for several lists of a unit: their rows (and whether they have sync states) in
    one statement, then their states and their open conflicts in one each when there are any (a bundle's
    import asks for three lists; a commune seen for the first time has none of them, and its states and
    conflicts are not looked for)."""
    wanted = sorted(set(kinds))
    rows, stated = _rows(s, code, wanted)
    # a state is read as the ORM object (the writer finds it again in the session); none, once for all,
    # on a commune's first bundle
    states = _states(s, code, wanted) if stated else {}
    # a conflict is about a record held here: none to look for when the lists hold nothing
    conflicts = _open_conflicts(s, code, wanted) if states or rows else {}
    return {
        kind: _locals(rows.get(kind, []), states.get(kind, {}), conflicts.get(kind, {})) for kind in wanted
    }


Row = tuple[str, str, str, Any]
"""A record's row as the merge needs it: uid, record id, version, removed at (or None)."""


def _rows(s: Session, code: str, kinds: list[str]) -> tuple[dict[str, list[Row]], bool]:
    """The rows of the lists' tables for one unit, and whether the lists have any sync state there, in
    one statement (``UNION ALL`` of one per table, and the states'), asked of the driver straight
    (:mod:`ntm_desktop.db.driver`: a receiver asks it for every bundle). A removal's time comes as the
    driver gives it (SQLite's text): only whether there is one is read."""
    out: dict[str, list[Row]] = {}
    if not kinds:
        return out, False
    conn = flushed(s)
    sql, params = _driver_rows(tuple(kinds), conn.dialect)
    stated = False
    for held, kind, uid, record_id, version, deleted_at in fetch(conn, sql, params(code)):
        if held:
            out.setdefault(kind, []).append((uid, record_id, version, deleted_at))
        else:
            stated = True
    return out, stated


_DRIVER: dict[tuple[tuple[str, ...], str, str], tuple[str, Callable[[str], Any]]] = {}


def _driver_rows(kinds: tuple[str, ...], dialect: Dialect) -> tuple[str, Callable[[str], Any]]:
    """:func:`_rows_sql` as the database's driver takes it (:func:`~ntm_desktop.db.driver.written`), and
    the driver's parameters for a unit's code."""
    key = (kinds, dialect.name, dialect.driver)
    if key not in _DRIVER:
        deleted_type = dialect.type_compiler_instance.process(_deleted_type(kinds))
        sql, made = written(_rows_sql(kinds, deleted_type), dialect)
        _DRIVER[key] = sql, lambda code: made({"code": code})
    return _DRIVER[key]


def _deleted_type(kinds: tuple[str, ...]) -> Any:
    return BY_LIST[kinds[0]].model.__table__.c.deleted_at.type


def _rows_sql(kinds: tuple[str, ...], deleted_type: str) -> str:
    """:func:`_rows`' statement for these lists, written once (a receiver runs it for every bundle, and
    SQLAlchemy's compiling of it cost more than running it, on the first import in a process): a row of a
    list's table is ``held`` 1, a sync state of one of the lists 0 (its other columns are not read). One
    state is enough to know: LIMIT needs a subquery in a UNION, its columns cast as the tables' columns
    (``deleted_type``: the removal time's type as the database spells it)."""
    names = ", ".join(f"'{_plain(kind)}'" for kind in kinds)
    parts = [
        f"SELECT 1 AS held, CAST('{_plain(kind)}' AS VARCHAR) AS kind, {t}.uid, {t}.record_id, {t}.version, "
        f"{t}.deleted_at FROM {t} WHERE {t}.unit_code = :code"
        for kind, t in ((kind, _plain(BY_LIST[kind].model.__tablename__)) for kind in kinds)
    ]
    state = _plain(m.SyncRecordState.__tablename__)
    parts.append(
        "SELECT one.held, one.kind, one.uid, one.record_id, one.version, one.deleted_at FROM "
        f"(SELECT 0 AS held, {state}.kind AS kind, CAST(NULL AS VARCHAR) AS uid, {state}.record_id AS "
        f"record_id, {state}.version AS version, CAST(NULL AS {deleted_type}) AS deleted_at FROM {state} "
        f"WHERE {state}.unit_code = :code AND {state}.kind IN ({names}) LIMIT 1) AS one"
    )
    return " UNION ALL ".join(parts)


def _plain(name: str) -> str:
    """A list's or table's name written into a statement: this program's own, never a bundle's."""
    if not name.isidentifier() or not name.isascii():
        raise ValueError(f"not a plain name: {name!r}")
    return name


def _locals(
    rows: list[Row], states: dict[str, m.SyncRecordState], conflicts: dict[str, m.SyncConflict]
) -> dict[str, Local]:
    out: dict[str, Local] = {}
    for uid, record_id, version, deleted_at in rows:
        state = states.get(record_id)
        out[record_id] = Local(
            uid, version, current_vector(version, state), deleted_at is not None, has_state=state is not None
        )
    for record_id, state in states.items():
        if record_id not in out:
            out[record_id] = Local(None, state.version, dict(state.vv), state.deleted, has_state=True)
    for record_id, conflict in conflicts.items():
        if record_id in out:
            stored = tuple(
                Sibling.from_json(x) for x in (conflict.local, conflict.incoming, *conflict.others)
            )
            base = out[record_id]
            out[record_id] = Local(
                base.uid, base.version, base.vv, base.deleted, stored, conflict.uid, base.has_state
            )
    return out


def _states(s: Session, code: str, kinds: list[str]) -> dict[str, dict[str, m.SyncRecordState]]:
    out: dict[str, dict[str, m.SyncRecordState]] = {}
    for st in s.scalars(_states_query(), {"code": code, "kinds": kinds}):
        out.setdefault(st.kind, {})[st.record_id] = st
    return out


@cache
def _states_query() -> Select[m.SyncRecordState]:
    state = m.SyncRecordState
    return select(state).where(
        state.unit_code == bindparam("code"), state.kind.in_(bindparam("kinds", expanding=True))
    )


def _open_conflicts(s: Session, code: str, kinds: list[str]) -> dict[str, dict[str, m.SyncConflict]]:
    query = select(m.SyncConflict).where(
        m.SyncConflict.unit_code == code, m.SyncConflict.kind.in_(kinds), m.SyncConflict.status == "open"
    )
    out: dict[str, dict[str, m.SyncConflict]] = {}
    for c in s.scalars(query):
        out.setdefault(c.kind, {})[c.record_id] = c
    return out


class Step(msgspec.Struct, frozen=True):
    incoming: Incoming
    local: Local | None
    merged: Merged
    outcome: Outcome

    @property
    def takes_incoming(self) -> bool:
        """The incoming version becomes the one shown."""
        return not self.merged.known and self.merged.winner.version == self.incoming.sibling.version


def plan(incoming: Iterable[Incoming], local: Mapping[str, Mapping[str, Local]]) -> list[Step]:
    steps = []
    lists: dict[str, Mapping[str, Local]] = {}
    for item in incoming:
        held_here = lists.get(item.kind)
        if held_here is None:
            held_here = lists[item.kind] = local.get(item.kind, {})
        held = held_here.get(item.record_id) if held_here else None
        if held is None:  # a record new here: nothing to compare (all of a new commune's)
            steps.append(_created(item))
            continue
        merged = take_in(held.standing(), item.sibling)
        if merged.known:
            outcome = Outcome.UNCHANGED
        elif merged.conflict:
            outcome = Outcome.CONFLICT
        else:
            outcome = Outcome.UPDATED
        steps.append(Step(item, held, merged, outcome))
    return steps


def _created(item: Incoming) -> Step:
    """``Step(item, None, take_in((), item.sibling), Outcome.CREATED)`` (``merged_new`` inline)."""
    version = item.sibling
    return Step(item, None, Merged(False, (version,), version), Outcome.CREATED)


_KIND, _OUTCOME = attrgetter("incoming.kind"), attrgetter("outcome")


def counts(steps: Iterable[Step]) -> dict[str, dict[str, int]]:
    """Per list: how many records are created, updated, unchanged or in conflict."""
    out: dict[str, dict[str, int]] = {}
    steps = list(steps)
    tally = Counter(zip(map(_KIND, steps), map(_OUTCOME, steps), strict=True))  # no Python loop per step
    for (kind, outcome), n in tally.items():
        if kind not in out:
            out[kind] = {o.value: 0 for o in Outcome}
        out[kind][outcome.value] += n
    return out
