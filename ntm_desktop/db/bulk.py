"""Many rows into one table in one statement, on either engine, inside the caller's transaction.

An import writes thousands of rows at once. SQLAlchemy's ``execute(insert(table), rows)`` builds and
processes a parameter dictionary per row, which costs several times what the database itself spends.
Here the column types' own bind processors (those SQLAlchemy uses) are looked up once per column, each
row becomes a plain tuple, and the driver gets them all at once: ``executemany`` on SQLite, ``COPY …
FROM STDIN`` on PostgreSQL. Column defaults apply as in SQLAlchemy (a Python-side default when a row
leaves the column out; otherwise NULL, or the server's default when no row gives it); lengths are
checked as for every write (:mod:`ntm_desktop.db.lengths`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table

from ntm_desktop.db.lengths import check_rows

_Fill = Callable[[Mapping[str, Any]], Any]


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (column name → Python value, as for ``insert(table)``) into ``table``."""
    if not rows:
        return
    check_rows(table, rows)
    given = set().union(*(row.keys() for row in rows))
    columns = [c for c in table.columns if c.name in given or _python_default(c) is not None]
    dialect = conn.dialect
    fills = [_fill(c, dialect) for c in columns]
    values = [tuple(fill(row) for fill in fills) for row in rows]
    names = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    name = dialect.identifier_preparer.format_table(table)
    raw = conn.connection.driver_connection
    if dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in values:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", values)
    finally:
        cursor.close()


def _python_default(column: Column[Any]) -> Any:
    default = column.default
    return (
        default if default is not None and not default.is_sequence and not default.is_clause_element else None
    )


def _fill(column: Column[Any], dialect: Any) -> _Fill:
    """Row → the column's value as the driver takes it."""
    key, process = column.name, column.type._cached_bind_processor(dialect)
    default = _python_default(column)
    if default is None:
        missing: Callable[[], Any] = lambda: None  # noqa: E731
    elif default.is_callable:
        missing = lambda: default.arg(None)  # noqa: E731  (SQLAlchemy wraps it to take a context)
    else:
        missing = lambda: default.arg  # noqa: E731

    def fill(row: Mapping[str, Any]) -> Any:
        value = row[key] if key in row else missing()
        return value if process is None else process(value)

    return fill
