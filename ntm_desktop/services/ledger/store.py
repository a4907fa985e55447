"""How each ledger list is checked, written and read inside a session: one :class:`Store` per list.

The services (one transaction per call) and the records-v1 import (one transaction per file) both
write through :func:`save`, so a record saved from a form and one imported from a file go through the
same checks, get a new ``version`` and leave the same audit row (before → after, as records-v1 JSON).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.services.db import Database
from ntm_desktop.services.ledger.values import Saved

D = TypeVar("D")
V = TypeVar("V", bound=Saved)
R = TypeVar("R", bound=Any)

Doc = dict[str, Any]


class Store(ABC, Generic[D, V]):
    """One list of records (supporters, help, …): its table, checks, writing and reading."""

    list_name: str
    """The records-v1 list: ``supporters``, ``assignments``, ``help``, ``cadres``, ``events``."""
    entity: str
    """The audit entity: ``supporter``, ``help`` …"""
    kind: Kind
    model: Any

    @abstractmethod
    def check(self, draft: D, at: str = "") -> tuple[D, list[Problem]]:
        """The cleaned draft and every problem, each under ``at``."""

    def refs(self, draft: D) -> list[tuple[str, str]]:
        """The supporters the draft refers to, as (field, uid)."""
        return []

    def relink(self, draft: D, ids: Mapping[str, str]) -> D:
        """The draft with its supporter references mapped through ``ids`` (e.g. a file's ids → uids);
        a reference ``ids`` does not know stays as it is (find those with :meth:`refs`)."""
        return draft

    @abstractmethod
    def write(self, s: Session, row: Any, draft: D) -> None:
        """Put a checked draft's fields on the row."""

    @abstractmethod
    def views(self, s: Session, rows: Sequence[Any]) -> list[V]:
        """Frozen views of rows (one query for related names, however many rows)."""

    @abstractmethod
    def doc(self, draft: D, ids: Mapping[str, str]) -> Doc:
        """The record as records-v1 JSON without its ``id``; ``ids`` maps supporter uids to record ids."""

    def sort_key(self, view: V) -> tuple[Any, ...]:
        return (view.record_id,)

    # ---- shared ----------------------------------------------------------------------------------

    def live(self, s: Session, code: str) -> Any:
        return select(self.model).where(self.model.unit_code == code, self.model.deleted_at.is_(None))

    def row(self, s: Session, code: str, uid: str) -> Any:
        row = s.get(self.model, uid)
        if row is None or row.deleted_at is not None or row.unit_code != code:
            raise NotFound(tr("That record no longer exists. Refresh the list and try again."))
        return row

    def view(self, s: Session, row: Any) -> V:
        return self.views(s, [row])[0]

    def all_views(self, s: Session, code: str) -> list[V]:
        """Every live record of the commune, in no particular order."""
        return self.views(s, s.scalars(self.live(s, code)).all())

    def audit_doc(self, s: Session, view: V) -> Doc:
        """The saved record as records-v1 JSON, ``id`` first (what the audit keeps before → after)."""
        return self.full_doc(s, view.record_id, cast(D, view))  # a view is its draft plus keys

    def full_doc(self, s: Session, record_id: str, draft: D) -> Doc:
        """``{"id": record_id, …}``: the draft as it stands (or would stand) in a records-v1 file."""
        uids = [uid for _, uid in self.refs(draft)]
        return {"id": record_id} | self.doc(draft, record_ids(s, uids))


def record_ids(s: Session, uids: Iterable[str]) -> dict[str, str]:
    """Supporter uid → record id (the id records-v1 files use)."""
    wanted = set(uids)
    if not wanted:
        return {}
    rows = s.execute(select(m.Supporter.uid, m.Supporter.record_id).where(m.Supporter.uid.in_(wanted)))
    return {uid: rid for uid, rid in rows}


def supporter_names(s: Session, uids: Iterable[str]) -> dict[str, str]:
    wanted = set(uids)
    if not wanted:
        return {}
    rows = s.execute(select(m.Supporter.uid, m.Supporter.name).where(m.Supporter.uid.in_(wanted)))
    return {uid: name for uid, name in rows}


def unknown_refs(s: Session, code: str, refs: Sequence[tuple[str, str]], at: str = "") -> list[Problem]:
    """A problem for every reference to a supporter that is not (or no longer) in the workspace."""
    if not refs:
        return []
    uids = {uid for _, uid in refs}
    known = set(
        s.scalars(
            select(m.Supporter.uid).where(
                m.Supporter.uid.in_(uids), m.Supporter.unit_code == code, m.Supporter.deleted_at.is_(None)
            )
        )
    )
    prefix = f"{at}." if at else ""
    return [
        Problem(f"{prefix}{field}", tr("unknown supporter id “{id}”", id=uid))
        for field, uid in refs
        if uid not in known
    ]


def checked(store: Store[D, V], s: Session, code: str, draft: D) -> D:
    """The cleaned draft, or :class:`InvalidInput` with every problem (fields and references)."""
    cleaned, problems = store.check(draft)
    problems += unknown_refs(s, code, store.refs(cleaned))
    if problems:
        raise InvalidInput(problems)
    return cleaned


def save(
    db: Database,
    s: Session,
    store: Store[D, V],
    code: str,
    draft: D,
    *,
    row: Any = None,
    uid: str | None = None,
    record_id: str | None = None,
    action: str,
) -> Any:
    """Write a checked draft as a new record (``row`` None) or over ``row``, with a version and audit.

    A new record gets ``uid`` (or a fresh one) and ``record_id`` (or its uid). A removed ``row`` comes back.
    """
    before = store.audit_doc(s, store.view(s, row)) if row is not None and row.deleted_at is None else None
    if row is None:
        uid = uid or new_uid()
        row = store.model(uid=uid, record_id=record_id or uid, unit_code=code)
        s.add(row)
    store.write(s, row, draft)
    row.deleted_at = None
    row.version = db.next_version()
    row.updated_at = utcnow()
    s.flush()
    db.audit(s, action, store.entity, row.uid, before, store.audit_doc(s, store.view(s, row)))
    return row


def soft_delete(db: Database, s: Session, store: Store[D, V], row: Any, action: str) -> None:
    before = store.audit_doc(s, store.view(s, row))
    row.deleted_at = utcnow()
    row.version = db.next_version()
    db.audit(s, action, store.entity, row.uid, before, None)
