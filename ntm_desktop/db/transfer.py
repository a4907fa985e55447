"""Copy every table of one database into another of the same schema, in one transaction.

Used to move a receiving office from its SQLite file to a PostgreSQL server (``server_move.py``): the
rows go across table by table in the order of their foreign keys, in batches, through the tables'
own column types (so dates, decimals and JSON arrive as the app wrote them); the counts are compared
before the commit; on PostgreSQL the id sequences are set past the copied ids. Anything wrong and the
target is left as it was.

    counts = copy_all(sqlite_engine, pg_engine, adapt={"settings": rename}, extra={"audit": [row]})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from ntm_desktop.db.base import Base

Row = dict[str, Any]
Adapt = Callable[[Row], Row | None]
"""Changes a row on its way (or drops it, returning None)."""
BATCH = 2_000
KEPT_IN_TARGET = ("alembic_version",)


class NotEmpty(Exception):
    """The target already holds data (names the first table that does)."""

    def __init__(self, table: str, rows: int) -> None:
        super().__init__(f"{table}: {rows} rows")
        self.table, self.rows = table, rows


class TransferFailed(Exception):
    """The copy failed part way (the server's or the file's words); nothing was committed."""


def tables() -> list[Table]:
    """Every table of the app's schema, parents before children."""
    return list(Base.metadata.sorted_tables)


def first_filled(conn: Connection, ignore: Iterable[str] = ()) -> tuple[str, int] | None:
    """The first table holding rows (besides ``ignore``), with its row count."""
    skipped = set(ignore)
    for table in tables():
        if table.name in skipped:
            continue
        rows = conn.scalar(select(func.count()).select_from(table)) or 0
        if rows:
            return table.name, rows
    return None


def others(conn: Connection, table: str, column: str, expected: Callable[[Any], bool]) -> int:
    """How many rows of ``table`` hold in ``column`` a value that is not ``expected``."""
    values = conn.scalars(select(Base.metadata.tables[table].c[column]))
    return sum(1 for value in values if not expected(value))


def copy_all(
    source: Engine,
    target: Engine,
    *,
    adapt: Mapping[str, Adapt] | None = None,
    extra: Mapping[str, Iterable[Row]] | None = None,
    clear: Iterable[str] = (),
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; the rows written per table.

    ``adapt`` changes (or drops) the rows of a table on their way, ``extra`` adds rows to a table,
    ``clear`` names target tables whose rows (made when the target was opened) are replaced.
    Raises :class:`NotEmpty` when the target holds anything else, :class:`TransferFailed` if a row
    or a table did not arrive whole; either way nothing is written.
    """
    try:
        return _copy_all(source, target, adapt or {}, extra or {}, tuple(clear), progress)
    except SQLAlchemyError as exc:
        raise TransferFailed(str(getattr(exc, "orig", None) or exc).strip()) from exc


def _copy_all(
    source: Engine,
    target: Engine,
    adapt: Mapping[str, Adapt],
    extra: Mapping[str, Iterable[Row]],
    clear: tuple[str, ...],
    progress: Callable[[int, int, str], None] | None,
) -> dict[str, int]:
    every, written = tables(), dict[str, int]()
    with source.connect() as src, target.begin() as dst:
        filled = first_filled(dst, ignore=clear)
        if filled is not None:
            raise NotEmpty(*filled)
        for name in clear:
            dst.execute(Base.metadata.tables[name].delete())
        for done, table in enumerate(every):
            if progress is not None:
                progress(done, len(every), table.name)
            written[table.name] = _copy_table(src, dst, table, adapt.get(table.name))
            if dst.dialect.name == "postgresql":
                _advance_sequence(dst, table)
            for row in extra.get(table.name, ()):
                dst.execute(table.insert(), [row])
                written[table.name] += 1
        _check_counts(dst, written)
    return written


def _copy_table(src: Connection, dst: Connection, table: Table, adapt: Adapt | None) -> int:
    copied = 0
    result = src.execution_options(yield_per=BATCH).execute(select(table))
    for part in result.partitions():
        rows = [dict(r._mapping) for r in part]
        if adapt is not None:
            rows = [a for a in map(adapt, rows) if a is not None]
        if rows:
            dst.execute(table.insert(), rows)
            copied += len(rows)
    return copied


def _check_counts(dst: Connection, written: dict[str, int]) -> None:
    for table in tables():
        there = dst.scalar(select(func.count()).select_from(table)) or 0
        if there != written.get(table.name, 0):
            raise TransferFailed(f"{table.name}: {written.get(table.name, 0)} copied, {there} found")


def _advance_sequence(dst: Connection, table: Table) -> None:
    """New rows after the copy get ids past the copied ones (PostgreSQL's serial columns)."""
    for column in table.primary_key.columns:
        if column.autoincrement is True:
            dst.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(MAX({column.name}), 1), "
                    f"MAX({column.name}) IS NOT NULL) FROM {table.name}"
                ),
                {"t": table.name, "c": column.name},
            )
