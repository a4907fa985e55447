"""Sessions, one transaction per operation, and the audit row written inside it.

A write that SQLite cannot make is said in the officer's words, and nothing of it is kept: the data file
is in use by another program (after waiting the busy timeout), the disk is full, or the file is read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.db.engine import WRITE
from ntm_desktop.db.lengths import check_flush
from ntm_desktop.db.models import AuditEntry
from ntm_desktop.db.sql import insert_row


class DataFileBusy(WorkspaceError):
    """Another program holds the data file's write lock (longer than the busy timeout)."""


class DiskFull(WorkspaceError):
    """The disk (or the data file's size limit) is full."""


class ReadOnly(WorkspaceError):
    """The data file, or its folder, cannot be written."""


def storage_error(exc: OperationalError, path: str) -> WorkspaceError | None:
    """What an SQLite error while writing means for the officer (None when it is something else)."""
    reason = str(exc.orig or exc).lower()
    if "locked" in reason or "busy" in reason:
        return DataFileBusy(
            tr(
                "The data file {path} is in use by another program (another NTM Desktop window, a backup or "
                "sync tool?). Nothing was changed; close the other program and try again.",
                path=path,
            ),
            details=str(exc.orig),
        )
    if "full" in reason:
        return DiskFull(
            tr("The disk is full: {path} could not be written. Nothing was changed.", path=path),
            details=str(exc.orig),
        )
    if "readonly" in reason or "read-only" in reason:
        return ReadOnly(
            tr(
                "The data file {path} can only be read here (the file or its folder is read-only). "
                "Nothing was changed.",
                path=path,
            ),
            details=str(exc.orig),
        )
    if "disk i/o" in reason:
        return DiskFull(
            tr(
                "Could not write {path} (is the disk full or was it removed?). Nothing was changed.",
                path=path,
            ),
            details=str(exc.orig),
        )
    return None


class Database:
    """Owns the session factory. Services read with :meth:`read` and change data with :meth:`write`."""

    def __init__(self, engine: Engine, actor: Callable[[], str], next_version: Callable[[], str]) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        for maker in (self._sessions, self._writes):  # lengths hold on SQLite as on PostgreSQL
            event.listen(maker, "before_flush", check_flush)
        self.path = unquote(str(engine.url.database or "").removeprefix("file:").split("?")[0])
        self._actor = actor
        self.next_version = next_version

    def actor(self) -> str:
        """Who is making changes (the officer's name, or the OS user)."""
        return self._actor()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together or not at all.

        It starts by taking the write lock (waiting for another program's write, up to the busy timeout);
        a write SQLite refuses is raised as :class:`DataFileBusy`, :class:`DiskFull` or :class:`ReadOnly`.
        """
        try:
            with self._writes.begin() as session:
                yield session
        except OperationalError as exc:
            error = storage_error(exc, self.path)
            if error is None:
                raise
            raise error from exc

    def audit(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_uid: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str = "",
        *,
        at_once: bool = False,
    ) -> None:
        """The audit row of a change, made in the caller's transaction. ``at_once``: written now, in one
        statement (:func:`ntm_desktop.db.sql.insert_row`), where an ORM row would cost a flush of its own
        (the last step of a bundle's import)."""
        values = {
            "actor": self._actor(),
            "action": action,
            "entity": entity,
            "entity_uid": entity_uid,
            "before": before,
            "after": after,
            "note": note,
        }
        if at_once:
            insert_row(session, AuditEntry, values)
        else:
            session.add(AuditEntry(**values))
