"""Which engine a receiving workspace is made on in the current test: SQLite (a file) or PostgreSQL.

Tests that take the ``engine`` fixture (``tests/conftest.py``) run twice, once per engine; the builders
in ``tests.helpers.sync`` ask :func:`new_receiver_location` where to put a receiving office. Communes
always stay in SQLite files (a commune is one laptop).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from tests.helpers.postgres import TEMPLATE, Server

ENGINES = ("sqlite", "postgresql")

_current: dict[str, object] = {"engine": "sqlite", "server": None}
_made: list[tuple[Server, str]] = []


def current() -> str:
    return str(_current["engine"])


def use(engine: str, server: Server | None) -> None:
    _current["engine"], _current["server"] = engine, server


def server() -> Server:
    found = _current["server"]
    assert isinstance(found, Server), "not a PostgreSQL test"
    return found


def new_receiver_location(folder: Path) -> str | Path:
    """Where a new receiving workspace goes: ``folder/ntm.sqlite``, or a fresh PostgreSQL database."""
    if current() == "sqlite":
        return folder / "ntm.sqlite"
    url = server().new_database()
    _made.append((server(), url))
    return url


def drop_made() -> None:
    """Drop the databases the finished test made (their workspaces are closed or about to be)."""
    while _made:
        srv, url = _made.pop()
        if srv.started:
            srv.drop(url)


def prepare_template(srv: Server) -> None:
    """Migrate the template database once, without settings or audit rows (each copy makes its own)."""
    from ntm_desktop.workspace import Workspace

    ws = Workspace.open(srv.url(TEMPLATE), folder=srv.root / "template-clerk")  # removed with the server
    ws.close()
    engine = create_engine(srv.url(TEMPLATE))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM settings"))
        conn.execute(text("DELETE FROM audit"))
    engine.dispose()


def location(ws: object) -> str:
    """What to give ``--db`` to open the same workspace: its file, or its server URL."""
    where = getattr(ws, "where", "")
    return str(where)
