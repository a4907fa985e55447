"""A statement asked of the driver straight (:mod:`ntm_desktop.db.driver`) gives the rows SQLAlchemy gives,
and a driver's error comes out as SQLAlchemy raises it, so what tells a busy or full data file from other
errors still does."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from ntm_desktop.db.driver import fetch, flushed
from tests.helpers.sync import receiver


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
