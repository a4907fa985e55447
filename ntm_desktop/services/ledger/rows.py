"""Reading the help ledger in compact rows, for the ledger table (``ws.help.rows()``).

``ws.help.list()`` builds a full frozen :class:`~ntm_desktop.services.ledger.Help` per record (22 s for
100.000 records with 300.000 item lines). The table needs far less, so this reads flat tuples with two
queries: one row per record with its sums, and the item lines other than cash grouped by what they are.
It is a read-only view of the tables the ledger service writes.

The queries are SQLite's own SQL (``group_concat``, ``char(31)``): the ledger table is a commune's, and a
commune's workspace is always a SQLite file (a database server holds only receiving offices, which have
no ledger of their own and read help through ``receiver/help.py``, portable SQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

Row = tuple[str, str, str, str, str, str, str, str, str]
"""``(uid, version, date "YYYY-MM-DD", title, village, criteria JSON, supporter uids joined by spaces,
items, funding source)``; ``items`` is ``value␟cash␟kinds,joined,by,commas␟item names``."""

Lines = tuple[str, str, str, str, str]
"""Item lines other than cash that are alike: ``(kind, name, unit, quantity, uids joined by commas)``
(a uid appears once per line, so twice when a record has two such lines)."""

FIELD = "\x1f"

_ROWS = """
SELECT h.uid, h.version, h.date, h.title, h.village, h.criteria,
  coalesce((SELECT group_concat(s.supporter_uid, ' ') FROM
    (SELECT supporter_uid FROM help_supporters WHERE help_uid = h.uid ORDER BY position) AS s), ''),
  coalesce((SELECT coalesce(sum(i.value_vnd), 0) || char(31)
    || coalesce(sum(CASE WHEN i.kind = 'cash' THEN i.value_vnd END), 0) || char(31)
    || group_concat(DISTINCT i.kind) || char(31) || group_concat(i.name, ' ')
    FROM help_items AS i WHERE i.help_uid = h.uid), ''),
  h.funding_source
FROM help AS h
WHERE h.unit_code = ? AND h.deleted_at IS NULL
"""

_LINES = """
SELECT i.kind, i.name, i.unit, i.quantity, group_concat(h.uid)
FROM help_items AS i JOIN help AS h ON h.uid = i.help_uid
WHERE h.unit_code = ? AND h.deleted_at IS NULL AND i.kind != 'cash'
"""
_GROUP = " GROUP BY i.kind, i.name, i.unit, i.quantity"

_STAMP = """
SELECT count(*), count(deleted_at), coalesce(max(updated_at), ''), coalesce(max(version), '')
FROM help WHERE unit_code = ?
"""


@dataclass(frozen=True)
class Read:
    rows: list[Row]
    lines: list[Lines]
    stamp: tuple[Any, ...]


def read(engine: Engine, code: str | None, uids: Iterable[str] | None = None) -> Read:
    """Every live help record of the commune, or only those of ``uids`` that are still live, with the
    ledger's :func:`stamp` read in the same transaction."""
    if code is None:
        return Read([], [], ())
    with engine.connect() as conn, conn.begin():
        stamp = tuple(conn.exec_driver_sql(_STAMP, (code,)).one())
        if uids is None:
            rows = [tuple(r) for r in conn.exec_driver_sql(_ROWS, (code,))]
            lines = [tuple(r) for r in conn.exec_driver_sql(_LINES + _GROUP, (code,))]
            return Read(rows, lines, (code, *stamp))
        rows, lines = [], []
        for chunk in _chunks(list(uids), 500):
            where = f" AND h.uid IN ({', '.join('?' * len(chunk))})"
            rows += [tuple(r) for r in conn.exec_driver_sql(_ROWS + where, (code, *chunk))]
            lines += [tuple(r) for r in conn.exec_driver_sql(_LINES + where + _GROUP, (code, *chunk))]
        return Read(rows, lines, (code, *stamp))


def stamp(engine: Engine, code: str | None) -> tuple[Any, ...]:
    """What changes whenever the help ledger does: a save gives the record a newer ``version`` (a
    hybrid logical clock, never going back) and ``updated_at``, a sync merge a new ``updated_at``, a
    removal or a bulk insert the counts. A cached ledger with the same stamp is current."""
    if code is None:
        return ()
    with engine.connect() as conn:
        return (code, *conn.exec_driver_sql(_STAMP, (code,)).one())


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
