"""What a bundle's import reads first in its transaction, in one statement: the signing unit's key rows
(the trust decision), whether the bundle was imported before, and the unit's row's ``is_home`` and
``version`` (a receiver's ``_ensure_unit``).

They were three statements, each costing SQLAlchemy more than the database (a commune-year's bundle at a
province is a few dozen rows, so this is its fixed cost). One statement also reads them in one snapshot
on PostgreSQL. It is sent after ``lock_unit``, never with it: a statement's snapshot is taken when it
starts, before a lock it waits for is granted, so a statement that took the lock would not see the
import of this commune that another clerk committed while it waited.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple, cast

from sqlalchemy import Select, Table, bindparam, select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.driver import fetch, flushed, written
from ntm_desktop.sync.keys.service import KeyRow
from ntm_desktop.sync.log import RECEIVED


class Arrival(NamedTuple):
    keys: list[KeyRow]
    """Every key row of the bundle's unit, oldest first (:func:`~ntm_desktop.sync.keys.service.unit_keys`)."""
    received: bool
    """Whether the bundle was imported before (:func:`~ntm_desktop.sync.log.received`)."""
    unit: tuple[bool, str] | None
    """The unit's row's ``is_home`` and ``version``, None when the workspace has no row of the unit."""


def arrival(s: Session, unit_code: str, bundle_id: str) -> Arrival:
    """What :class:`Arrival` says of the bundle ``bundle_id`` of ``unit_code``, in one statement on the
    session's connection (after what the session holds is flushed, as before an ORM query), asked of its
    driver straight (:mod:`ntm_desktop.db.driver`: SQLAlchemy's executing of it cost more than the
    statement, for every bundle)."""
    conn = flushed(s)
    sql, params = written(_arrival(), conn.dialect)
    rows = fetch(conn, sql, params({"unit": unit_code, "bundle": bundle_id}))
    first = rows[0]  # one row at least: the keys are outer-joined to a row of one
    # fingerprint, public_key, how, received, is_home, version: text, and yes/no as the driver gives them
    keys = [KeyRow(r[0], r[1], r[2]) for r in rows if r[0] is not None]
    unit = None if first[4] is None else (bool(first[4]), str(first[5]))
    return Arrival(keys, bool(first[3]), unit)


def unit_state(s: Session, code: str) -> tuple[bool, str] | None:
    """:attr:`Arrival.unit` alone, for a unit whose state was not read first."""
    s.flush()  # what the session holds goes first, as before an ORM query
    found = s.connection().execute(_unit_state(), {"code": code}).first()
    return None if found is None else (bool(found.is_home), str(found.version))


@cache
def _unit_state() -> Select[tuple[bool, str]]:
    """Built once, on the table (no ORM query for none)."""
    units = cast(Table, m.Unit.__table__).c
    return select(units.is_home, units.version).where(units.code == bindparam("code"))


@cache
def _arrival() -> str:
    """Written once (every bundle; :func:`~ntm_desktop.db.driver.written`, no compiling on first use): the
    unit's key rows outer-joined to one row, with the log and the unit's row asked in subqueries
    (``units.code`` is unique, as is a received bundle's id)."""
    keys, log, units = (model.__tablename__ for model in (m.SyncKnownKey, m.SyncBundle, m.Unit))
    return (
        f"SELECT {keys}.fingerprint, {keys}.public_key, {keys}.how, "
        f"EXISTS (SELECT * FROM {log} WHERE {log}.direction = '{RECEIVED}' AND {log}.bundle_id = :bundle) "
        f"AS received, (SELECT {units}.is_home FROM {units} WHERE {units}.code = :unit) AS is_home, "
        f"(SELECT {units}.version FROM {units} WHERE {units}.code = :unit) AS version "
        f"FROM (SELECT 1 AS one) AS one LEFT OUTER JOIN {keys} ON {keys}.unit_code = :unit "
        f"ORDER BY {keys}.trusted_at, {keys}.uid"
    )
