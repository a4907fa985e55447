"""A statement a receiver makes for every bundle, asked of the session's connection's driver straight:
within the session's transaction, as the ORM would ask it (pending changes flushed first), without the
hundred-odd calls of SQLAlchemy's execution of a statement. A driver's error is raised as SQLAlchemy
raises it (the same :class:`~sqlalchemy.exc.DBAPIError` subclass, the driver's error as ``orig``), so a
caller that tells a busy or full data file from others still does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


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
