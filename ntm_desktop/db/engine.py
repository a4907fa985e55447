"""Engines for the two places a workspace can live.

* A **SQLite file** (every commune, and a receiving office on one computer): foreign keys on, WAL,
  synchronous=FULL, a page cache of :data:`CACHE_KIB`, a busy timeout, real transactions (SQLAlchemy's
  pysqlite recipe). A write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock first,
  so while another program writes it waits up to the busy timeout (instead of failing at once when a
  read turns into a write). A data file in a folder that cannot be written is opened read-only.
* A **PostgreSQL database** (a province or national office where several clerks work at once):
  ``postgresql+psycopg://user@host:port/dbname``. The password is never part of what is stored or
  logged: libpq reads it from ``PGPASSWORD`` or ``~/.pgpass`` (``PGPASSFILE``), or the caller passes
  it in ``password`` (asked for each time, or from the OS keyring); :func:`masked` hides one given in
  the URL in every message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

SERVER_SCHEMES = ("postgresql", "postgres")
"""URL schemes of database servers a workspace may live on (``postgresql+psycopg://…``; ``postgres://`` is
the form psql and many guides print, and means the same)."""
BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another program's write to finish (``NTM_BUSY_TIMEOUT_MS`` overrides)."""
CACHE_KIB = 8192
"""Each SQLite connection's page cache, in KiB (``PRAGMA cache_size``; SQLite's default is 2000). A
receiver's import of a commune's bundle changes a few hundred pages of the indexes (more as the store
grows: its help records' dates go all over the date index) and reads about as many: past the default
cache, pages were written out to the journal before the commit and read back, and the import of the
100th commune made twice the floor's reads (``bench/sync_import.py``). The memory is taken only as
pages are used."""
WRITE = "ntm_write"
"""Execution option of the connections that write (``Database.write``)."""


def busy_timeout_ms() -> int:
    raw = os.environ.get("NTM_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isascii() and raw.isdigit() else BUSY_TIMEOUT_MS


def is_server_url(target: object) -> bool:
    """True for ``postgresql+psycopg://…`` (or ``postgresql://…``, ``postgres://…``), False for a path."""
    if not isinstance(target, str) or "://" not in target:
        return False
    return target.split("://", 1)[0].split("+", 1)[0] in SERVER_SCHEMES


def server_url(text: str, password: str | None = None) -> URL:
    """The URL with the psycopg (3) driver, and ``password`` if one is given."""
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValueError(str(exc)) from exc
    if url.get_backend_name() not in SERVER_SCHEMES:
        raise ValueError(f"not a PostgreSQL URL: {masked(text)}")
    url = url.set(drivername="postgresql+psycopg")
    if password:
        url = url.set(password=password)
    return url


def masked(target: object) -> str:
    """A path or URL fit for a message or a log line: a URL's password is shown as ``***``."""
    if isinstance(target, URL):
        return target.render_as_string(hide_password=True)
    text = str(target)
    if not is_server_url(text):
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text.split("://", 1)[0] + "://***"


def make_engine(target: Path | str | URL, password: str | None = None, *, read_only: bool = False) -> Engine:
    """An engine for a SQLite file path or a PostgreSQL URL."""
    if isinstance(target, URL) or is_server_url(target):
        url = target if isinstance(target, URL) else server_url(str(target), password)
        if password and not url.password:
            url = url.set(password=password)
        return _postgresql_engine(url)
    return _sqlite_engine(Path(target), read_only)


def _postgresql_engine(url: URL) -> Engine:
    # READ COMMITTED (PostgreSQL's default); writers that must not interleave take row locks
    # (``services/locks.py``). ``hide_parameters`` keeps row values out of error messages and logs.
    return create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args={"application_name": "ntm-desktop", "connect_timeout": 10},
    )


def _sqlite_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine whose transactions really are transactions (SQLAlchemy's pysqlite recipe)."""
    if read_only:  # nothing can write there: SQLite may not even make its shared-memory file (immutable)
        engine = create_engine(f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true")
    else:
        # The connection used last is handed out again (not the one that waited longest): SQLite keeps a
        # connection's page cache across its own transactions, and drops it when another connection wrote.
        # Taken in turn, the pool's two connections (a read inside a write makes the second) each began
        # nearly every transaction with an empty cache: a bundle's import re-read its tables' index pages.
        engine = create_engine(f"sqlite:///{path}", pool_use_lifo=True)
    timeout = busy_timeout_ms()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, begin transactions, so DDL and SAVEPOINTs are transactional.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute(f"PRAGMA busy_timeout={timeout}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.connection.info[_BEGIN] = (
            "BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN"
        )

    engine.dialect.do_begin = _do_begin  # type: ignore[method-assign, assignment]
    return engine


_BEGIN = "ntm_begin"
"""Where :func:`_sqlite_engine`'s ``begin`` listener leaves the statement that begins the transaction (in
the pooled connection's ``info``), for :func:`_do_begin` to send."""


def _do_begin(connection: Any) -> None:
    """Begin a transaction as the ``begin`` listener said, on the driver's connection itself (``connection``:
    the pool's proxy of it), where SQLAlchemy sends a DBAPI ``begin``: an error is raised as SQLAlchemy's
    (a busy data file as ``OperationalError``), as for any statement. Not through ``exec_driver_sql``,
    whose execution context cost every transaction (each bundle's import, each read) more than the BEGIN."""
    connection.execute(connection.info.get(_BEGIN, "BEGIN"))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
