"""A statement a receiver makes for every bundle, asked of the session's connection's driver straight:
within the session's transaction, as the ORM would ask it (pending changes flushed first), without the
hundred-odd calls of SQLAlchemy's execution of a statement. A driver's error is raised as SQLAlchemy
raises it (the same :class:`~sqlalchemy.exc.DBAPIError` subclass, the driver's error as ``orig``), so a
caller that tells a busy or full data file from others still does."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine


def flushed(s: Session) -> Connection:
    """The session's connection, its pending changes written first when it flushes on its own."""
    if s.autoflush:
        s.flush()  # nothing to do unless the transaction holds unwritten changes
    return s.connection()


def fetch(conn: Connection, sql: str, params: Any) -> list[Any]:
    """The rows of ``sql`` (in the driver's own parameter style) as the driver gives them."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()  # type: ignore[no-any-return]
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


def send(conn: Connection, sql: str, params: Any) -> int:
    """Run ``sql`` (a statement that returns no rows, in the driver's own parameter style): the number of
    rows it wrote; an error as :func:`fetch` raises it."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return int(cursor.rowcount)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


_NAMED = re.compile(r"(?<![:\w]):(\w+)")
_WRITTEN: dict[tuple[str, str, str], tuple[str, Callable[[Mapping[str, Any]], Any]]] = {}


def written(
    sql: str, dialect: Dialect, types: Mapping[str, TypeEngine[Any]] | None = None
) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    """``sql``, written here in the SQL both databases take with ``:name`` parameters, as the database's
    driver takes it (SQLite's ``?`` in order, psycopg's ``%(name)s``), and what makes the driver's
    parameters from their values: without SQLAlchemy's compiling of a statement, which
    costs more on its first use in a process than the statement (the first import a clerk waits for). A
    parameter of ``types`` is converted and, on PostgreSQL, cast as SQLAlchemy does for that type; the
    others go as they are (text and numbers: psycopg sends text for the server to read as the column's
    type). The same ``sql`` must always come with the same ``types``: it is spelled once per database."""
    key = (sql, dialect.name, dialect.driver)
    found = _WRITTEN.get(key)
    if found is not None:
        return found
    typed = types or {}
    processes = {n: t.dialect_impl(dialect).bind_processor(dialect) for n, t in typed.items()}
    casts = dialect.name == "postgresql"
    names: list[str] = []

    def mark(match: re.Match[str]) -> str:
        name = match.group(1)
        names.append(name)
        if dialect.paramstyle == "qmark":
            return "?"
        if dialect.paramstyle == "format":
            spelled = "%s"
        elif dialect.paramstyle == "pyformat":
            spelled = f"%({name})s"
        else:
            raise ValueError(f"no spelling of parameters for {dialect.paramstyle}")
        if casts and name in typed:
            spelled += "::" + dialect.type_compiler_instance.process(typed[name])
        return spelled

    text = sql if dialect.paramstyle == "qmark" else sql.replace("%", "%%")
    text = _NAMED.sub(mark, text)
    if dialect.positional:
        order = [(n, processes.get(n)) for n in names]

        def made(values: Mapping[str, Any]) -> Any:
            return tuple(values[n] if p is None else p(values[n]) for n, p in order)

    else:

        def made(values: Mapping[str, Any]) -> Any:
            return {n: v if (p := processes.get(n)) is None else p(v) for n, v in values.items()}

    found = _WRITTEN[key] = (text, made)
    return found
