"""A data file's sessions take the connection used last: SQLite keeps a connection's page cache across
its own transactions and drops it when another connection wrote, so taking the pool's connections in
turn began nearly every transaction (each bundle's import) with an empty cache."""

from __future__ import annotations

from sqlalchemy import event

from ntm_desktop.workspace import Workspace


def test_consecutive_sessions_reuse_the_last_connection(blank_ws: Workspace) -> None:
    taken: list[int] = []
    event.listen(blank_ws.engine, "checkout", lambda conn, *_: taken.append(id(conn)))

    def work() -> None:
        with blank_ws.db.write() as s, blank_ws.db.read() as inner:  # a read inside a write: two connections
            s.connection()
            inner.connection()

    work()
    taken.clear()
    for _ in range(3):
        with blank_ws.db.write() as s:
            s.connection()
        with blank_ws.db.read() as s:
            s.connection()
    assert len(set(taken)) == 1, taken
