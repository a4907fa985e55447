"""A statement asked of the driver straight (:mod:`ntm_desktop.db.driver`) gives the rows SQLAlchemy gives,
and a driver's error comes out as SQLAlchemy raises it, so what tells a busy or full data file from other
errors still does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Select, String, Table, bindparam, exists, literal_column, select, update
from sqlalchemy.exc import DBAPIError

from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.db.driver import fetch, flushed, send, written
from ntm_desktop.sync.arrival import _arrival, arrival
from ntm_desktop.sync.keys.device import _keep_value
from tests.helpers.sync import receiver


def _arrival_by_sqlalchemy() -> Select[Any]:
    """The arrival's statement as SQLAlchemy wrote it from the tables (before it was written out)."""
    keys, log, units = (cast(Table, model.__table__).c for model in (m.SyncKnownKey, m.SyncBundle, m.Unit))
    one = select(literal_column("1").label("one")).subquery("one")
    received = exists().where(log.direction == "received", log.bundle_id == bindparam("bundle"))
    unit = bindparam("unit", type_=String())
    return (
        select(
            keys.fingerprint,
            keys.public_key,
            keys.how,
            received.label("received"),
            select(units.is_home).where(units.code == unit).scalar_subquery().label("is_home"),
            select(units.version).where(units.code == unit).scalar_subquery().label("version"),
        )
        .select_from(one.outerjoin(cast(Table, m.SyncKnownKey.__table__), keys.unit_code == unit))
        .order_by(keys.trusted_at, keys.uid)
    )


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_rows_and_errors_as_sqlalchemy_gives_them(tmp_path: Path, engine: str) -> None:
    ws = receiver(tmp_path)
    try:
        mark = "%s" if engine == "postgresql" else "?"
        sql = f"SELECT set_id, revision FROM criteria_sets WHERE revision >= {mark} ORDER BY set_id"
        with ws.db.read() as s:
            expected = [tuple(r) for r in s.connection().exec_driver_sql(sql, (1,))]
            assert expected and [tuple(r) for r in fetch(flushed(s), sql, (1,))] == expected
        wrong = "SELECT no_such_column FROM criteria_sets"
        with pytest.raises(DBAPIError) as by_sqlalchemy, ws.db.read() as s:
            s.connection().exec_driver_sql(wrong)
        with pytest.raises(DBAPIError) as straight, ws.db.read() as s:
            fetch(flushed(s), wrong, ())
        assert type(straight.value) is type(by_sqlalchemy.value)
        assert type(straight.value.orig) is type(by_sqlalchemy.value.orig)
    finally:
        ws.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_a_written_statement_gives_what_sqlalchemy_gives(tmp_path: Path, engine: str) -> None:
    """The arrival's statement written out (``written``), which every import sends to the driver, gives
    the rows SQLAlchemy's executing of the same query gives."""
    ws = receiver(tmp_path)
    try:
        with ws.db.write() as s:
            s.add(m.Unit(code="10001", name="Xã A", province_code="19", is_home=False, version="v1"))
            s.add(m.SyncBundle(direction="received", bundle_id="b1", kind="records", origin_unit_code="10001",
                               device_id="d", sequence=1, created=utcnow(), file_name="f", size=1,
                               fingerprint="f", result="imported", actor="a"))  # fmt: skip
            for n in (2, 1):
                key = {"unit_code": "10001", "unit_name": "Xã A", "device_id": f"d{n}", "how": "first-use"}
                s.add(m.SyncKnownKey(**key, fingerprint=f"fp{n}", public_key=f"k{n}", trusted_at=utcnow()))
        with ws.db.read() as s:
            for unit, bundle in (("10001", "b1"), ("10001", "b2"), ("10002", "b1")):
                given = {"unit": unit, "bundle": bundle}
                expected = [tuple(r) for r in s.connection().execute(_arrival_by_sqlalchemy(), given)]
                sql, params = written(_arrival(), s.connection().dialect)
                spelled = [tuple(r) for r in fetch(flushed(s), sql, params(given))]
                assert [
                    (*r[:3], bool(r[3]), r[4] if r[4] is None else bool(r[4]), r[5]) for r in spelled
                ] == [(*r[:3], bool(r[3]), r[4], r[5]) for r in expected]
                found = arrival(s, unit, bundle)
                assert found.received is (bundle == "b1") and len(found.keys) == (2 if unit == "10001" else 0)
                assert found.unit == ((unit == "10001" and (False, "v1")) or None)
    finally:
        ws.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_send_tells_the_rows_written_and_raises_as_sqlalchemy(tmp_path: Path, engine: str) -> None:
    """``send`` (a kept bundle's file row) says how many rows went in, and a driver's error comes out as
    SQLAlchemy raises it (a full or busy data file is still told as such)."""
    ws = receiver(tmp_path)
    try:
        mark = "%s" if engine == "postgresql" else "?"
        sql = f"INSERT INTO settings (key, value) VALUES ({mark}, {mark}) ON CONFLICT DO NOTHING"
        with ws.db.write() as s:
            assert send(flushed(s), sql, ("x_sent", '"1"')) == 1
            assert send(flushed(s), sql, ("x_sent", '"2"')) == 0
        with pytest.raises(DBAPIError) as by_sqlalchemy, ws.db.write() as s:
            s.connection().exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
        with pytest.raises(DBAPIError) as straight, ws.db.write() as s:
            send(flushed(s), "INSERT INTO no_such_table VALUES (1)", ())
        assert type(straight.value) is type(by_sqlalchemy.value)
        assert ws.settings.get("x_sent") == "1"
    finally:
        ws.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_a_written_statement_converts_its_values_as_sqlalchemy(tmp_path: Path, engine: str) -> None:
    """A JSON value given to a statement written out is stored as SQLAlchemy stores it (the clock's
    setting, kept by nearly every bundle's import), and reads back the same."""
    ws = receiver(tmp_path)
    try:
        with ws.db.write() as s:
            s.add_all([m.Setting(key=k, value="none yet") for k in ("x_by_sqlalchemy", "x_straight")])
        with ws.db.write() as s:
            table = cast(Table, m.Setting.__table__)
            by_sqlalchemy = update(table).where(table.c.key == bindparam("setting"))
            by_sqlalchemy = by_sqlalchemy.values(value=bindparam("value"))
            s.connection().execute(by_sqlalchemy, {"setting": "x_by_sqlalchemy", "value": {"a": [1, "b"]}})
            sql, params = _keep_value(flushed(s).dialect)
            assert send(flushed(s), sql, params({"setting": "x_straight", "value": {"a": [1, "b"]}})) == 1
            assert send(flushed(s), sql, params({"setting": "x_nowhere", "value": "0"})) == 0
        assert ws.settings.get("x_straight") == ws.settings.get("x_by_sqlalchemy") == {"a": [1, "b"]}
        with ws.db.engine.connect() as conn:
            raw = (
                "SELECT key, CAST(value AS TEXT) FROM settings WHERE key IN ('x_straight', 'x_by_sqlalchemy')"
            )
            stored = dict(conn.exec_driver_sql(raw).all())
        assert stored["x_straight"] == stored["x_by_sqlalchemy"]
    finally:
        ws.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_the_statements_written_out_give_what_sqlalchemys_gave(tmp_path: Path, engine: str) -> None:
    """The sign-offs' and the sender streams' statements an import sends, written out, give the rows the
    statements SQLAlchemy wrote from the tables gave: a commune merged into another, one not merged, the
    home unit (never merged), one unknown; streams of units with bundles and without."""
    from ntm_desktop.receiver.amendments import _signoffs_query
    from ntm_desktop.sync.log import _streams_of_units

    ws = receiver(tmp_path)
    units, signoffs, log = (cast(Table, t.__table__) for t in (m.Unit, m.ReceiverSignoff, m.SyncBundle))
    merged = (
        select(units.c.merged_into)
        .where(units.c.code == bindparam("code"), units.c.deleted_at.is_(None), units.c.is_home.is_(False))
        .scalar_subquery()
    )
    one = select(bindparam("code", type_=String).label("code")).subquery()
    signoffs_then = (
        select(merged, signoffs.c.year, signoffs.c.status)
        .select_from(one)
        .outerjoin(signoffs, signoffs.c.unit_code == one.c.code)
    )
    columns = (log.c.origin_unit_code, log.c.device_id, log.c.kind, log.c.sequence, log.c.full)
    given = [bindparam(f"unit_{n}", type_=String()) for n in range(2)]
    streams_then = select(*columns).where(log.c.direction == "received", log.c.origin_unit_code.in_(given))
    try:
        with ws.db.write() as s:
            s.add(m.Unit(code="10001", name="Xã A", province_code="19", is_home=False, version="v1"))
            s.add(m.Unit(code="10002", name="Xã B", province_code="19", is_home=False, version="v1",
                         merged_into="10001"))  # fmt: skip
            s.add(m.Unit(code="10003", name="Xã C", province_code="19", is_home=True, version="v1",
                         merged_into="10001"))  # fmt: skip
            for code, year in (("10001", 2024), ("10001", 2025), ("10002", 2024)):
                s.add(m.ReceiverSignoff(unit_code=code, year=year, status="received"))
            for n, unit in enumerate(("10001", "10001", "10002")):
                s.add(m.SyncBundle(direction="received", bundle_id=f"b{n}", kind="records",
                                   origin_unit_code=unit, device_id="d", sequence=n + 1, created=utcnow(),
                                   file_name="f", size=1, fingerprint="f", result="imported", actor="a",
                                   full=n == 0))  # fmt: skip
        with ws.db.read() as s:
            conn = flushed(s)
            for code in ("10001", "10002", "10003", "10009"):
                then = sorted(tuple(r) for r in conn.execute(signoffs_then, {"code": code}))
                sql, params = written(_signoffs_query(), conn.dialect)
                assert sorted(tuple(r) for r in fetch(conn, sql, params({"code": code}))) == then
            for pair in (("10001", "10002"), ("10002", "10009"), ("10008", "10009")):
                values = {"unit_0": pair[0], "unit_1": pair[1]}
                then = sorted((*r[:4], bool(r[4])) for r in conn.execute(streams_then, values))
                sql, params = written(_streams_of_units(2), conn.dialect)
                assert sorted((*r[:4], bool(r[4])) for r in fetch(conn, sql, params(values))) == then
    finally:
        ws.close()
