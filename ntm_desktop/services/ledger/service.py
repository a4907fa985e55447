"""The ledger services: add, update, remove, get and list records of one list.

    ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn", kind="agency"))
    ws.help.add(HelpDraft(date(2019, 12, 10), "Bê tông hóa đường…", (uid,), (ItemDraft("cash", 40_000_000),)))

Every mutation is one transaction with an audit row and a new ``version``, and returns
:class:`~ntm_desktop.core.changes.Changes` whose ``ids`` hold the record's ``uid``. Removing is soft.
"""

from __future__ import annotations

from typing import Any, Generic

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.core.errors import Conflict, NotFound, Problem
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import fold
from ntm_desktop.db import models as m
from ntm_desktop.db.sql import json_texts
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.ledger import ASSIGNMENTS, CADRES, EVENTS, SUPPORTERS
from ntm_desktop.services.kinds.notes import same_name_notes, save_notes
from ntm_desktop.services.kinds.store import D, Store, V, checked, save, soft_delete, unknown_refs
from ntm_desktop.services.ledger.criteria_notes import YearSets
from ntm_desktop.services.ledger.values import (
    Assignment,
    AssignmentDraft,
    Cadre,
    CadreDraft,
    Event,
    EventDraft,
    Supporter,
    SupporterDraft,
)
from ntm_desktop.services.unit import UnitService


class RecordService(Generic[D, V]):
    def __init__(
        self, db: Database, unit: UnitService, store: Store[D, V], criteria: CriteriaService | None = None
    ) -> None:
        self._db = db
        self._unit = unit
        self.store = store
        self._criteria = criteria
        """The sets a record's criteria are compared with, to warn of one its year's set lacks (the kinds
        that name criteria: help, events, assignments)."""

    def _code(self) -> str:
        code = self._unit.home_code()
        if code is None:
            raise NotFound(tr("This data file has no commune yet. Set it up first."))
        return code

    def check(self, draft: D) -> list[Problem]:
        """Every problem the draft has (what a form shows before saving); empty when it can be saved."""
        code = self._code()
        cleaned, problems = self.store.check(draft)
        with self._db.read() as s:
            return problems + unknown_refs(s, code, self.store.refs(cleaned))

    def add(self, draft: D) -> Changes:
        code = self._code()
        with self._db.write() as s:
            cleaned = checked(self.store, s, code, draft)
            row = save(self._db, s, self.store, code, cleaned, action=f"{self.store.entity}.add")
            changes = Changes.of(self.store.kind, action=f"{self.store.entity}.add", ids=(row.uid,))
        return changes.noting(*self._notes(cleaned))

    def update(self, uid: str, draft: D) -> Changes:
        """Save the draft over the record ``uid``; nothing is written when nothing differs."""
        code = self._code()
        with self._db.write() as s:
            row = self.store.row(s, code, uid)
            cleaned = checked(self.store, s, code, draft)
            current = self.store.view(s, row)
            if self.store.audit_doc(s, current) == self.store.full_doc(s, row.record_id, cleaned):
                return NOTHING
            save(self._db, s, self.store, code, cleaned, row=row, action=f"{self.store.entity}.update")
        changes = Changes.of(self.store.kind, action=f"{self.store.entity}.update", ids=(uid,))
        return changes.noting(*self._notes(cleaned))

    def _notes(self, cleaned: D) -> tuple[str, ...]:
        """What a save tells the officer (:func:`~ntm_desktop.services.kinds.notes.save_notes`); read
        after the write, outside its transaction."""
        sets = YearSets(self._criteria) if self._criteria is not None else None
        return save_notes(self.store, cleaned, sets)

    def remove(self, uid: str) -> Changes:
        """Mark the record removed; it stays in the file and the audit trail."""
        code = self._code()
        with self._db.write() as s:
            row = self.store.row(s, code, uid)
            self._before_remove(s, row)
            soft_delete(self._db, s, self.store, row, f"{self.store.entity}.remove")
        return Changes.of(self.store.kind, action=f"{self.store.entity}.remove", ids=(uid,))

    def get(self, uid: str) -> V:
        code = self._code()
        with self._db.read() as s:
            return self.store.view(s, self.store.row(s, code, uid))

    def list(self) -> list[V]:
        code = self._unit.home_code()
        if code is None:
            return []
        with self._db.read() as s:
            views = self.store.all_views(s, code)
        return sorted(views, key=self.store.sort_key)

    def count(self) -> int:
        code = self._unit.home_code()
        with self._db.read() as s:
            query = self.store.live(s, code or "").with_only_columns(func.count())
            return int(s.scalar(query) or 0)

    def _before_remove(self, s: Session, row: Any) -> None:
        """Refuse a removal that would leave other records pointing at nothing (overridden)."""


class SupporterService(RecordService[SupporterDraft, Supporter]):
    """Agencies, party bodies, companies and people that help the commune."""

    def __init__(self, db: Database, unit: UnitService) -> None:
        super().__init__(db, unit, SUPPORTERS)

    def find(self, text: str) -> list[Supporter]:
        """Supporters whose id is ``text``, or whose name matches it ignoring accents and case.

        An exact name wins over partial matches ("Sở Nội vụ" finds "Sở Nội vụ tỉnh Bắc Kạn" only when
        no supporter is called exactly "Sở Nội vụ").
        """
        key, everyone = fold(text), self.list()
        by_id = [v for v in everyone if text.strip() in (v.record_id, v.uid)]
        exact = [v for v in everyone if fold(v.name) == key]
        return by_id or exact or [v for v in everyone if key and key in fold(v.name)]

    def add(self, draft: SupporterDraft) -> Changes:
        """A new supporter. A name already taken is saved with a note (two of the same name cannot be told
        apart in the help form's list, and ``help add --supporter NAME`` no longer finds either alone)."""
        same = self._same_name(draft.name)
        return super().add(draft).noting(*same)

    def update(self, uid: str, draft: SupporterDraft) -> Changes:
        same = self._same_name(draft.name, uid)
        changes = super().update(uid, draft)
        return changes.noting(*same) if changes.ids else changes

    def _same_name(self, name: str, uid: str | None = None) -> list[str]:
        return same_name_notes(name, ((v.name, v.record_id) for v in self.list() if v.uid != uid))

    def _before_remove(self, s: Session, row: Any) -> None:
        used = _uses(s, row.uid)
        if used:
            raise Conflict(
                trn(
                    "{name} is named in {n} record (help, assignments, cadres or events). "
                    "Change or remove it first.",
                    "{name} is named in {n} records (help, assignments, cadres or events). "
                    "Change or remove those first.",
                    used,
                    name=row.name,
                )
            )


def _uses(s: Session, uid: str) -> int:
    """How many live records name the supporter ``uid``."""
    links = (
        select(func.count())
        .select_from(m.HelpSupporter)
        .join(m.Help, m.Help.uid == m.HelpSupporter.help_uid)
        .where(m.HelpSupporter.supporter_uid == uid, m.Help.deleted_at.is_(None))
    )
    named = json_texts(m.Event.supporter_uids)
    queries = [
        links,
        select(func.count()).where(m.Assignment.supporter_uid == uid, m.Assignment.deleted_at.is_(None)),
        select(func.count()).where(m.Cadre.supporter_uid == uid, m.Cadre.deleted_at.is_(None)),
        select(func.count())
        .select_from(m.Event)
        .where(m.Event.deleted_at.is_(None), exists().select_from(named).where(named.c.value == uid)),
    ]
    return sum(int(s.scalar(q) or 0) for q in queries)


class AssignmentService(RecordService[AssignmentDraft, Assignment]):
    """Documents that assign a supporter to help the commune (e.g. 2523/QĐ-UBND)."""

    def __init__(self, db: Database, unit: UnitService, criteria: CriteriaService | None = None) -> None:
        super().__init__(db, unit, ASSIGNMENTS, criteria)


class CadreService(RecordService[CadreDraft, Cadre]):
    """Cadres seconded to the commune (cán bộ biệt phái, tăng cường)."""

    def __init__(self, db: Database, unit: UnitService) -> None:
        super().__init__(db, unit, CADRES)


class EventService(RecordService[EventDraft, Event]):
    """Meetings, campaigns and other activities, with the number of participants."""

    def __init__(self, db: Database, unit: UnitService, criteria: CriteriaService | None = None) -> None:
        super().__init__(db, unit, EVENTS, criteria)
