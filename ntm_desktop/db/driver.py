"""A statement a receiver makes for every bundle, asked of the session's connection's driver straight:
within the session's transaction, as the ORM would ask it (pending changes flushed first), without the
hundred-odd calls of SQLAlchemy's execution of a statement. A driver's error is raised as SQLAlchemy
raises it (the same :class:`~sqlalchemy.exc.DBAPIError` subclass, the driver's error as ``orig``), so a
caller that tells a busy or full data file from others still does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement


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


_PREPARED: dict[tuple[int, str, str], tuple[Any, str, Callable[[Mapping[str, Any]], Any]]] = {}


def prepared(query: ClauseElement, dialect: Dialect) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    """``query`` (built once by the caller and kept) as the database's driver takes it, compiled once per
    database by SQLAlchemy as it would send it, and what makes the driver's parameters from the values of
    its named parameters, each converted as SQLAlchemy converts it for the driver (a JSON value; the
    statement's own constants as compiled)."""
    key = (id(query), dialect.name, dialect.driver)
    found = _PREPARED.get(key)
    if found is None or found[0] is not query:
        compiled = cast(SQLCompiler, query.compile(dialect=dialect))
        given = {b.key: None for b in compiled.binds.values() if b.required}
        processes = {
            name: bind.type.dialect_impl(dialect).bind_processor(dialect)
            for name, bind in compiled.binds.items()
        }
        fixed = dict(compiled.construct_params(given) or {})  # the constants, converted once
        for name, value in fixed.items():
            process = processes.get(name)
            if name not in given and process is not None:
                fixed[name] = process(value)
        names = tuple(compiled.positiontup or ())
        order = [(n, processes.get(n)) for n in names]
        if compiled.positional:

            def made(values: Mapping[str, Any]) -> Any:
                return tuple(
                    fixed[n] if n not in values else values[n] if p is None else p(values[n])
                    for n, p in order
                )

        else:

            def made(values: Mapping[str, Any]) -> Any:
                out = dict(fixed)
                for n, v in values.items():
                    p = processes.get(n)
                    out[n] = v if p is None else p(v)
                return out

        found = _PREPARED[key] = (query, compiled.string, made)
    return found[1], found[2]
