"""Thùng rác: the records the officer removed (removing is soft), and putting one back.

    ws.trash.list()            # every removed record of the commune, newest removal first
    ws.trash.restore(uid)      # back where it was: one transaction, an audit row, Changes

Every kind of record the registry declares (:data:`~ntm_desktop.services.kinds.registry.KINDS`) has its
removed records here; nothing in this module names a kind. A record comes back only as it may be saved
now: a help record whose supporter was removed since waits for that supporter, and an assessment waits
while another result for the same indicator and year is in its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import Conflict, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.registry import KINDS
from ntm_desktop.services.kinds.store import Store, checked, save, supporter_names
from ntm_desktop.services.unit import UnitService


@dataclass(frozen=True)
class Removed:
    uid: str
    kind: str
    """The registry's list name (``help``, ``supporters`` …)."""
    kind_label: str
    title: str
    """What the record is, as the officer knows it: a help record's date and title, a supporter's name."""
    removed_at: datetime
    """UTC, as stored (show it in Vietnam time)."""
    removed_by: str


class TrashService:
    def __init__(self, db: Database, unit: UnitService, kinds: Sequence[Store[Any, Any]] = KINDS) -> None:
        self._db, self._unit, self._kinds = db, unit, tuple(kinds)

    def _code(self) -> str | None:
        return self._unit.home_code()

    def list(self) -> list[Removed]:
        """Every removed record of the commune (none on a receiving unit's computer), newest first."""
        code = self._code()
        if code is None:
            return []
        with self._db.read() as s:
            found: list[Removed] = []
            for store in self._kinds:
                rows = s.scalars(
                    select(store.model).where(
                        store.model.unit_code == code, store.model.deleted_at.is_not(None)
                    )
                ).all()
                who = _removers(s, store.entity, [r.uid for r in rows])
                for row, view in zip(rows, store.views(s, rows), strict=True):
                    found.append(
                        Removed(
                            row.uid,
                            store.list_name,
                            store.label(),
                            store.title(view),
                            row.deleted_at,
                            who.get(row.uid, ""),
                        )
                    )
        return sorted(found, key=lambda r: (r.removed_at, r.uid), reverse=True)

    def restore(self, uid: str) -> Changes:
        """Put the removed record ``uid`` back as it was when removed (a new version, an audit row)."""
        code = self._code()
        if code is None:
            raise NotFound(tr("This data file has no commune yet. Set it up first."))
        with self._db.write() as s:
            store, row = self._removed(s, code, uid)
            view = store.view(s, row)
            self._may_come_back(s, store, code, view)
            cleaned = checked(store, s, code, view)
            save(self._db, s, store, code, cleaned, row=row, action=f"{store.entity}.restore")
        return Changes.of(store.kind, action=f"{store.entity}.restore", ids=(uid,))

    def _removed(self, s: Session, code: str, uid: str) -> tuple[Store[Any, Any], Any]:
        for store in self._kinds:
            row = s.get(store.model, uid)
            if row is not None and row.unit_code == code:
                if row.deleted_at is None:
                    raise Conflict(tr("This record is not in the trash: it was restored already."))
                return store, row
        raise NotFound(tr("That record is not in the trash. Refresh the list and try again."))

    def _may_come_back(self, s: Session, store: Store[Any, Any], code: str, view: Any) -> None:
        gone = _removed_supporters(s, [uid for _, uid in store.refs(view)])
        if gone:
            raise Conflict(
                tr(
                    "“{title}” names a supporter that was removed: {names}. Restore that supporter first.",
                    title=store.title(view),
                    names=", ".join(gone),
                )
            )
        key = store.natural_key(view)
        if key is not None and any(
            store.natural_key(other) == key for other in store.all_views(s, code) if other.uid != view.uid
        ):
            raise Conflict(
                tr(
                    "“{title}” cannot come back: another record for the same thing is in its place. "
                    "Correct that one instead.",
                    title=store.title(view),
                )
            )


def _removers(s: Session, entity: str, uids: Sequence[str]) -> dict[str, str]:
    """Who removed each record: the actor of its newest audit row that has no after-image."""
    if not uids:
        return {}
    query = (
        select(m.AuditEntry)
        .where(m.AuditEntry.entity == entity, m.AuditEntry.entity_uid.in_(uids))
        .order_by(m.AuditEntry.id)
    )
    return {a.entity_uid: a.actor for a in s.scalars(query) if a.after is None}


def _removed_supporters(s: Session, uids: Sequence[str]) -> list[str]:
    if not uids:
        return []
    gone = s.scalars(
        select(m.Supporter.uid).where(m.Supporter.uid.in_(uids), m.Supporter.deleted_at.is_not(None))
    ).all()
    names = supporter_names(s, gone)
    return [names.get(uid, uid) for uid in gone]
