"""Several clerks at once: work on one commune is serialised by a lock on that commune.

On PostgreSQL (an office's server, READ COMMITTED) each write that must not interleave with another for
the same commune — importing its bundle, moving its year's sign-off, deciding an amendment or a
conflict, writing its receipt or reverse bundle — takes a transaction-scoped advisory lock on the
commune's code first (``pg_advisory_xact_lock``), then reads what it decides on. The lock is released
when the transaction ends. A second clerk's import of the same bundle waits, then sees it logged and
imports nothing; two communes' bundles import side by side. Advisory locks rather than ``SELECT … FOR
UPDATE`` on the commune's row, because a commune's first bundle arrives before it has a row.

Locks are taken in code order within a transaction (:func:`lock_units`), so two transactions never wait
for each other in a circle. SQLite needs none of this: one writer holds the whole file at a time.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

UNIT_LOCKS = 7160
"""The first key of the advisory locks on communes (the second is the commune's code as a number)."""
WORKSPACE_LOCK = 7161
"""Taken for work on the workspace as a whole (installing the shipped criteria sets)."""


def _key(code: str) -> int:
    if code.isdigit() and len(code) <= 9:
        return int(code)
    return zlib.crc32(code.encode("utf-8")) - 2**31  # a 32-bit signed key for any other name


def _on_server(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def lock_units(s: Session, codes: Iterable[str]) -> None:
    """Hold the communes ``codes`` until the caller's transaction ends (PostgreSQL only)."""
    if not _on_server(s):
        return
    for code in sorted({c for c in codes if c}):
        s.execute(text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": UNIT_LOCKS, "key": _key(code)})


def lock_unit(s: Session, code: str) -> None:
    lock_units(s, (code,))


def lock_workspace(s: Session) -> None:
    """Hold the workspace-wide lock until the caller's transaction ends (PostgreSQL only)."""
    if _on_server(s):
        s.execute(text("SELECT pg_advisory_xact_lock(:ns, 0)"), {"ns": WORKSPACE_LOCK})
