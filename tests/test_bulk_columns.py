"""Rows given column by column (a bundle's new records) are written exactly as the same rows given one
dictionary each, on SQLite and on PostgreSQL: the same values read back, the same defaults for a column
left out, the same refusal of a value longer than its column; and the uids made in a batch are version-4
UUIDs as ``new_uid`` makes them."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, Text, func, insert, select
from sqlalchemy import cast as cast_

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, new_uids
from ntm_desktop.db.bulk import Same, insert_columns, insert_rows
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

NOW = datetime(2026, 12, 1, 7, 15, tzinfo=UTC)
TABLE = cast(Table, m.Supporter.__table__)


def _rows(prefix: str) -> list[dict[str, object]]:
    """Three supporters; the third leaves ``kind`` and ``parent`` out (their defaults apply)."""
    names = ["Sở Nông nghiệp và Môi trường", "Công ty TNHH Hòa Bình", "Hội Nông dân xã"]
    rows: list[dict[str, object]] = [
        {"record_id": f"{prefix}-{i}", "unit_code": "01234", "name": name, "created_at": NOW}
        for i, name in enumerate(names)
    ]
    rows[0] |= {"kind": "agency", "parent": "", "deleted_at": None}
    rows[1] |= {"kind": "business", "parent": "Tập đoàn X", "deleted_at": NOW}
    return rows


def _read(s: object, prefix: str) -> list[tuple[object, ...]]:
    columns = [c for c in TABLE.columns if c.name not in ("uid", "record_id", "updated_at")]
    query = select(*columns).where(TABLE.c.record_id.like(f"{prefix}-%")).order_by(TABLE.c.record_id)
    return [tuple(row) for row in s.execute(query)]  # type: ignore[attr-defined]


def test_rows_given_by_column_are_the_rows_given_by_dictionary(tmp_path: Path) -> None:
    office = receiver(tmp_path, "office")
    by_row = _rows("a")
    for row, uid in zip(by_row, new_uids(3), strict=True):
        row["uid"] = uid
    with office.db.write() as s:
        insert_rows(s.connection(), TABLE, by_row[:2])
        insert_rows(s.connection(), TABLE, by_row[2:])  # a row leaving columns out: their defaults
        by_column = _rows("b")
        shared = {"unit_code": Same("01234"), "created_at": Same(NOW)}
        full = {k: [r[k] for r in by_column[:2]] for k in by_column[0] if k not in shared}
        insert_columns(s.connection(), TABLE, {"uid": new_uids(2), **full, **shared}, 2)
        left_out = {k: [by_column[2][k]] for k in by_column[2] if k not in shared}
        insert_columns(s.connection(), TABLE, {"uid": new_uids(1), **left_out, **shared}, 1)
    with office.db.read() as s:
        written = _read(s, "a")
        assert len(written) == 3 and written == _read(s, "b")
        kinds = s.scalars(select(m.Supporter.kind).where(m.Supporter.record_id == "b-2"))
        assert list(kinds) == ["agency"]  # the column's default
        times = s.scalars(select(m.Supporter.updated_at))
        assert all(t is not None and t > NOW for t in times)  # a default worked out when written
    office.close()


def test_a_value_longer_than_its_column_is_refused_the_same_way(tmp_path: Path) -> None:
    office = receiver(tmp_path, "office")
    long_name = "Công ty " * 40  # 320 characters, the column holds 300
    refused = []
    for give in ("rows", "columns"):
        with pytest.raises(InvalidInput) as caught, office.db.write() as s:
            rows = _rows(give)
            rows[1]["name"] = long_name
            if give == "rows":
                insert_rows(
                    s.connection(), TABLE, [r | {"uid": u} for r, u in zip(rows, new_uids(3), strict=True)]
                )
            else:
                names = [str(r["name"]) for r in rows]
                columns: dict[str, Any] = {"uid": new_uids(3), "record_id": [r["record_id"] for r in rows]}
                insert_columns(s.connection(), TABLE, columns | {"name": names, "unit_code": Same("x")}, 3)
        refused.append((caught.value.field, str(caught.value)))
    assert refused[0] == refused[1] == ("supporters.name", refused[0][1]) and "300" in refused[0][1]
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Supporter)) == 0  # nothing written
    office.close()


def test_uids_made_in_a_batch_are_time_ordered_version_7_uuids_each_once() -> None:
    """New rows' uids go in at their indexes' end (version 7: the time first), in ascending order in a
    batch and from one batch to the next, each once."""
    made = new_uids(5000)
    assert len(made) == len(set(made)) == 5000 and new_uids(0) == []
    for uid in made:
        parsed = uuid.UUID(uid)
        assert str(parsed) == uid and parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert made == sorted(made)
    small = new_uids(3)  # written one by one below _MANY
    assert small == sorted(small) and all(uuid.UUID(u).version == 7 for u in small)
    for count in (32, 500, 4096):  # counted up in the bits after the version: ascending as made
        batches = [new_uids(count) for _ in range(3)]  # likely within one millisecond: still each once
        assert len(set().union(*batches)) == 3 * count
        for batch in batches:
            assert batch == sorted(batch)
            assert all(uuid.UUID(u).version == 7 and uuid.UUID(u).variant == uuid.RFC_4122 for u in batch)
    time.sleep(0.002)
    assert new_uid() > made[-1]  # a later uid sorts after: the store's indexes grow at their end
    now_ms = time.time_ns() // 1_000_000
    assert abs(int(made[0].replace("-", "")[:12], 16) - now_ms) < 60_000  # the time in milliseconds


def _as_stored(s: Any, prefix: str) -> list[tuple[object, ...]]:
    """Each row's value and date as the database holds them (the text, not what reading makes of it)."""
    table = cast(Table, m.Assessment.__table__)
    query = (
        select(table.c.record_id, cast_(table.c.value, Text), cast_(table.c.assessed_on, Text))
        .where(table.c.record_id.like(f"{prefix}-%"))
        .order_by(table.c.record_id)
    )
    return [(rid[len(prefix) + 1 :], value, day) for rid, value, day in s.execute(query)]


def test_answers_and_dates_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    """A bundle's hundreds of answers and dates are converted for the driver by quicker functions than
    the column types' own (:func:`ntm_desktop.db.bulk_values.quicker`), and one row goes in as an ``INSERT``,
    many as ``COPY`` on PostgreSQL: what lands in the database is the very text SQLAlchemy's own insert
    writes, whichever way, for every kind of answer (yes/no, whole and decimal numbers,
    a negative zero, huge and tiny numbers, a text, a list, none) and dates from year 1 to 9999."""
    office = receiver(tmp_path, "office")
    answers: list[Any] = [True, False, 0, -0.0, 0.0, 7, -12, 10**20, 64.6, 0.1 + 0.2, 1e-7, 1e16, 2.5e300]
    answers += ["đạt", 'có "ngoặc"', ["1", "19"], {"a": [1, 2.5]}, None]
    if office.db.engine.dialect.name == "sqlite":  # PostgreSQL's json refuses them (the checks refuse them)
        answers += [float("inf"), float("nan")]
    days = [date(1, 1, 1), date(999, 12, 31), date(2026, 2, 28), date(9999, 12, 31), None]
    count = len(answers)
    base: dict[str, Any] = {"unit_code": "01234", "year": 2026, "set_id": "s", "set_revision": 1}
    base |= {"criterion": "1", "version": "v", "created_at": NOW, "updated_at": NOW}
    rows = [
        base | {"uid": uid, "record_id": f"{i:02d}", "value": a, "assessed_on": days[i % len(days)]}
        for i, (uid, a) in enumerate(zip(new_uids(count), answers, strict=True))
    ]
    table = cast(Table, m.Assessment.__table__)
    with office.db.write() as s:
        s.execute(insert(table), [r | {"record_id": f"core-{r['record_id']}"} for r in rows])
        by_column = {k: [r[k] for r in rows] for k in rows[0]}
        by_column |= {"uid": new_uids(count), "record_id": [f"bulk-{r['record_id']}" for r in rows]}
        insert_columns(s.connection(), table, by_column, count)
        uids = new_uids(count)
        insert_rows(
            s.connection(),
            table,
            [r | {"uid": uids[i], "record_id": f"rows-{i:02d}"} for i, r in enumerate(rows)],
        )
        for i, (row, uid) in enumerate(zip(rows, new_uids(count), strict=True)):  # one row: an INSERT
            insert_rows(s.connection(), table, [row | {"uid": uid, "record_id": f"one-{i:02d}"}])
    with office.db.read() as s:
        core, bulk, by_row = _as_stored(s, "core"), _as_stored(s, "bulk"), _as_stored(s, "rows")
        one = _as_stored(s, "one")
    assert len(core) == count and bulk == core and by_row == core and one == core
    assert core[0][1] == "true" and core[15] == ("15", '["1", "19"]', "0001-01-01")
    office.close()


def test_the_quicker_converters_give_the_column_types_own_values(tmp_path: Path) -> None:
    """The same, value by value, for every date and JSON column of the schema: where a quicker function
    stands in for a column type's own converter (:func:`ntm_desktop.db.bulk_values.quicker`), it gives exactly
    what that converter gives (the text the driver receives, before the database reads it)."""
    from ntm_desktop.db.base import Base
    from ntm_desktop.db.bulk_values import quicker as _quicker

    office = receiver(tmp_path, "office")
    dialect = office.db.engine.dialect
    office.close()
    values: list[Any] = [True, False, 0, -0.0, 7, -12, 10**20, 64.6, 0.1 + 0.2, 1e-7, 2.5e300, float("inf")]
    values += ["đạt", ["1", "19"], [], {"a": 1}, None, date(1, 1, 1), date(2026, 2, 28), date(9999, 12, 31)]
    values += [datetime(2026, 2, 28, 7, 5, tzinfo=UTC), datetime(2026, 2, 28, 7, 5)]
    quick = 0
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            own = column.type._cached_bind_processor(dialect)
            faster = _quicker(column, own)
            if faster is own or own is None:
                continue
            quick += 1
            for value in values:
                try:
                    expected = own(value)
                except (TypeError, ValueError) as refused:
                    with pytest.raises(type(refused)):
                        faster(value)
                    continue
                assert faster(value) == expected, (table.name, column.name, value)
    assert quick >= (3 if dialect.name == "sqlite" else 0)  # help.date, assessments.value, … on SQLite


def test_values_of_other_types_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    """On PostgreSQL a bundle's rows go in ``COPY``'s binary format when every value is of its column's
    own type (:mod:`ntm_desktop.db.pgcopy`); rows holding a date or a whole number given as a text, a
    time without its zone, a number too big for its column, go in the text format as before: what lands
    (or is refused) is what SQLAlchemy's own insert lands (or refuses), on both engines."""
    office = receiver(tmp_path, "office")
    table = cast(Table, m.Assessment.__table__)
    base: dict[str, Any] = {"unit_code": "01234", "set_id": "s", "set_revision": 1, "criterion": "1"}
    base |= {"version": "v", "value": 1.5, "assessed_on": date(2026, 2, 28), "created_at": NOW}
    odd: list[dict[str, Any]] = [
        {"year": 2026},  # as usual: the binary format
        {"assessed_on": "2026-03-01"},
        {"created_at": datetime(2026, 2, 28, 7, 5), "updated_at": NOW},
        {"set_revision": "2"},
    ]
    for n, change in enumerate(odd):
        rows = [base | {"year": 2025, "record_id": f"{p}{n}-{i}"} | change for p in "ab" for i in range(3)]
        for row, uid in zip(rows, new_uids(len(rows)), strict=True):
            row["uid"] = uid
        if office.db.engine.dialect.name == "sqlite" and change == {"assessed_on": "2026-03-01"}:
            continue  # SQLite's Date refuses a text (SQLAlchemy's and the bulk rows' alike)
        with office.db.write() as s:
            s.execute(insert(table), rows[:3])
            insert_rows(s.connection(), table, rows[3:])
    with office.db.read() as s:
        for n in range(len(odd)):
            assert _as_stored(s, f"a{n}") == _as_stored(s, f"b{n}")
        query = select(table.c.year, table.c.created_at, table.c.set_revision).where(
            table.c.record_id.like("b%")
        )
        stored = sorted(set(s.execute(query)), key=str)
    assert (2026, NOW, 1) in stored and (2025, NOW, 2) in stored
    too_big = [base | {"year": 1 << 40, "record_id": f"c-{i}", "uid": u} for i, u in enumerate(new_uids(3))]
    if office.db.engine.dialect.name == "postgresql":
        from sqlalchemy.exc import DBAPIError

        with pytest.raises(DBAPIError) as core, office.db.write() as s:
            s.execute(insert(table), too_big)
        with pytest.raises(type(core.value.orig)), office.db.write() as s:
            insert_rows(s.connection(), table, too_big)  # the server's refusal, as before
    office.close()


@pytest.mark.parametrize(
    "answers",
    [
        [64.6, -0.0, 0.0, 1e-7, 0.1 + 0.2, 2.5e300],
        [7, -12, 10**20, 64.6, 0.5],
        [True, False, 1, 0, 1.0, 0.0, 64.6],
        [True, False, True],
        [1.5, 10**400, 2],  # a whole number too big for a float
        [1.5, "inf"],
    ],
    ids=["decimals", "numbers", "yes-no-and-numbers", "yes-no", "huge", "infinite"],
)
def test_a_column_of_numbers_and_a_column_of_dates_are_stored_as_sqlalchemy_stores_them(
    tmp_path: Path, answers: list[Any]
) -> None:
    """A bundle's answers are mostly numbers and yes/no, each its own object, and its dates all distinct:
    such a column is converted in one pass (:func:`ntm_desktop.db.bulk_values._in_one_pass`), and lands as the
    very text SQLAlchemy's own insert writes."""
    office = receiver(tmp_path, "office")
    if answers[-1] == "inf":
        if office.db.engine.dialect.name != "sqlite":  # PostgreSQL's json refuses it (the checks do too)
            office.close()
            pytest.skip("SQLite only")
        answers = [*answers[:-1], float("inf"), float("nan")]
    count = len(answers)
    days = [date(2026, 1 + i % 12, 1 + i) for i in range(count)]
    base: dict[str, Any] = {"unit_code": "01234", "year": 2026, "set_id": "s", "set_revision": 1}
    base |= {"criterion": "1", "version": "v", "created_at": NOW, "updated_at": NOW}
    rows = [
        base | {"uid": uid, "record_id": f"{i:02d}", "value": a, "assessed_on": days[i]}
        for i, (uid, a) in enumerate(zip(new_uids(count), answers, strict=True))
    ]
    table = cast(Table, m.Assessment.__table__)
    with office.db.write() as s:
        s.execute(insert(table), [r | {"record_id": f"core-{r['record_id']}"} for r in rows])
        by_column = {k: [r[k] for r in rows] for k in rows[0]}
        by_column |= {"uid": new_uids(count), "record_id": [f"bulk-{r['record_id']}" for r in rows]}
        insert_columns(s.connection(), table, by_column, count)
        later = [  # every other date met before (its text kept), the others not
            r
            | {
                "uid": uid,
                "assessed_on": date(2031 - i % 2 * 5, r["assessed_on"].month, r["assessed_on"].day),
            }
            for i, (r, uid) in enumerate(zip(rows, new_uids(count), strict=True))
        ]
        s.execute(insert(table), [r | {"record_id": f"core2-{r['record_id']}"} for r in later])
        again: dict[str, Any] = {k: [r[k] for r in later] for k in later[0]}
        again |= {"uid": new_uids(count), "record_id": [f"again-{r['record_id']}" for r in later]}
        insert_columns(s.connection(), table, again, count)
    with office.db.read() as s:
        core, bulk = _as_stored(s, "core"), _as_stored(s, "bulk")
        core2, bulk2 = _as_stored(s, "core2"), _as_stored(s, "again")
    assert len(core) == count and bulk == core and len(core2) == count and bulk2 == core2
    office.close()


_SHARED = ["3", "7"]


@pytest.mark.parametrize(
    "values",
    [
        [True, False, None, True, True, False],
        [True, 1, 0, False, None],
        [_SHARED, ["3", "7"], _SHARED, [], ["19"], _SHARED],
        [["3"], [3], ["3"], [3.0], [True]],
        [["3"], "3", None],
        [("3", "7"), ("3", "7"), (), ("19",), ("3", "7")],
        [("3",), (3,), ("3",), (3.0,), (True,)],
    ],
    ids=[
        "yes-no",
        "yes-no-and-numbers",
        "lists-of-codes",
        "lists-of-numbers",
        "lists-and-others",
        "tuples-of-codes",
        "tuples-of-numbers",
    ],
)
def test_a_column_is_converted_as_its_own_converter_converts_each_value(
    tmp_path: Path, values: list[Any]
) -> None:
    """A column given at once (:func:`ntm_desktop.db.bulk_values.converted`: yes/no and lists of codes in one
    pass, each distinct list once, by its codes from one call to the next) is what the column type's own
    converter gives value by value, for every column of the schema: ``["3"]`` and ``[3]`` stay apart."""
    from ntm_desktop.db.base import Base
    from ntm_desktop.db.bulk_values import converted as _converted
    from ntm_desktop.db.bulk_values import quicker as _quicker
    from ntm_desktop.db.pgcopy import json_as_text

    office = receiver(tmp_path, "office")
    dialect = office.db.engine.dialect
    office.close()
    quick: set[str] = set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            own = json_as_text(column, dialect, column.type._cached_bind_processor(dialect))  # as _plan
            if own is None or _quicker(column, own) is own:  # converted value by value, as always
                continue
            quick.add(f"{table.name}.{column.name}")
            faster = _quicker(column, own)  # one for the column, as the insert's plan keeps it
            try:
                expected = [own(value) for value in values]
            except (TypeError, ValueError, AttributeError) as refused:
                with pytest.raises(type(refused)):
                    _converted(faster, list(values))
                continue
            for _ in range(2):  # the second time, each list's text is known from the first
                assert _converted(faster, list(values)) == expected, (table.name, column.name)
    assert {"help.criteria", "assessments.value"} <= quick
    assert dialect.name != "sqlite" or "assessments.met" in quick
