"""Rows given column by column (a bundle's new records) are written exactly as the same rows given one
dictionary each, on SQLite and on PostgreSQL: the same values read back, the same defaults for a column
left out, the same refusal of a value longer than its column; and the uids made in a batch are version-4
UUIDs as ``new_uid`` makes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, func, select

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uids
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


def test_uids_made_in_a_batch_are_version_4_uuids_each_once() -> None:
    made = new_uids(5000)
    assert len(made) == len(set(made)) == 5000 and new_uids(0) == []
    for uid in made:
        parsed = uuid.UUID(uid)
        assert str(parsed) == uid and parsed.version == 4 and parsed.variant == uuid.RFC_4122
