"""Sessions, one transaction per operation, and the audit row written inside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from ntm_desktop.db.lengths import check_flush
from ntm_desktop.db.models import AuditEntry


class Database:
    """Owns the session factory. Services read with :meth:`read` and change data with :meth:`write`."""

    def __init__(self, engine: Engine, actor: Callable[[], str], next_version: Callable[[], str]) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", check_flush)  # lengths hold on SQLite as on PostgreSQL
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
        """One transaction: everything inside commits together or not at all."""
        with self._sessions.begin() as session:
            yield session

    def audit(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_uid: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str = "",
    ) -> None:
        session.add(
            AuditEntry(
                actor=self._actor(),
                action=action,
                entity=entity,
                entity_uid=entity_uid,
                before=before,
                after=after,
                note=note,
            )
        )
