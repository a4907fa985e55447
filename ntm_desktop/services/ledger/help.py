"""Help received: records with item lines, the probable-duplicate check, totals and breakdowns."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.core.text import fold
from ntm_desktop.db import models as m
from ntm_desktop.db.sql import date_key
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import Evidence, EvidenceService
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.store import checked, save
from ntm_desktop.services.ledger import rows
from ntm_desktop.services.ledger.help_evidence import attach_all, detach_all
from ntm_desktop.services.ledger.help_read import help_views
from ntm_desktop.services.ledger.service import RecordService
from ntm_desktop.services.ledger.totals import (
    ALL,
    Breakdown,
    GroupTotal,
    HelpFilter,
    HelpTotals,
    breakdown,
    conditions,
    totals,
)
from ntm_desktop.services.ledger.values import Help, HelpDraft
from ntm_desktop.services.unit import UnitService

if TYPE_CHECKING:
    from ntm_desktop.services.criteria import CriteriaService


class HelpService(RecordService[HelpDraft, Help]):
    def __init__(
        self,
        db: Database,
        unit: UnitService,
        evidence: EvidenceService,
        criteria: CriteriaService | None = None,
    ) -> None:
        super().__init__(db, unit, HELP, criteria)
        self._evidence = evidence

    def add(self, draft: HelpDraft, evidence: Sequence[Path] = ()) -> Changes:
        """Save a new record with its evidence files, in one transaction (a bad file saves nothing)."""
        code = self._code()
        action = f"{self.store.entity}.add"
        with self._db.write() as s:
            cleaned = checked(self.store, s, code, draft)
            row = save(self._db, s, self.store, code, cleaned, action=action)
            attach_all(self._db, self._evidence, s, row, evidence, "help.evidence.attach")
            changes = Changes.of(self.store.kind, action=action, ids=(row.uid,))
        return changes.noting(*self._notes(cleaned))

    def update(
        self,
        uid: str,
        draft: HelpDraft,
        *,
        evidence_add: Sequence[Path] = (),
        evidence_remove: Collection[str] = (),
    ) -> Changes:
        """Save the draft over the record ``uid`` and attach ``evidence_add`` / detach the files whose
        sha256 are in ``evidence_remove``, all in one transaction: a file that cannot be read saves
        nothing. Nothing is written when nothing differs."""
        code = self._code()
        with self._db.write() as s:
            row = self.store.row(s, code, uid)
            cleaned = checked(self.store, s, code, draft)
            actions = []
            if self.store.audit_doc(s, self.store.view(s, row)) != self.store.full_doc(
                s, row.record_id, cleaned
            ):
                save(self._db, s, self.store, code, cleaned, row=row, action="help.update")
                actions.append("help.update")
            if attach_all(self._db, self._evidence, s, row, evidence_add, "help.evidence.attach"):
                actions.append("help.evidence.attach")
            if detach_all(self._db, self._evidence, s, row, evidence_remove, "help.evidence.detach"):
                actions.append("help.evidence.detach")
        if not actions:
            return NOTHING
        changes = Changes.of(self.store.kind, action=actions[0], ids=(uid,))
        return changes.noting(*self._notes(cleaned)) if "help.update" in actions else changes

    # ---- evidence files ----------------------------------------------------------------------------

    def evidence(self, uid: str) -> builtins.list[Evidence]:
        """The files attached to the record ``uid``, oldest first."""
        self.get(uid)  # NotFound for a removed or unknown record
        return self._evidence.list_for(uid)

    def attach_evidence(self, uid: str, paths: Sequence[Path]) -> Changes:
        """Attach files (stored once by SHA-256); a file that cannot be read attaches nothing."""
        code = self._code()
        with self._db.write() as s:
            row = self.store.row(s, code, uid)
            if not attach_all(self._db, self._evidence, s, row, paths, "help.evidence.attach"):
                return NOTHING
        return Changes.of(self.store.kind, action="help.evidence.attach", ids=(uid,))

    def detach_evidence(self, uid: str, sha256: str) -> Changes:
        """Detach the file ``sha256`` from the record (soft: the link is marked removed, the file stays)."""
        code = self._code()
        with self._db.write() as s:
            row = self.store.row(s, code, uid)
            if not detach_all(self._db, self._evidence, s, row, (sha256,), "help.evidence.detach"):
                return NOTHING
        return Changes.of(self.store.kind, action="help.evidence.detach", ids=(uid,))

    def rows(self, uids: Iterable[str] | None = None) -> rows.Read:
        """Compact rows for a table of the whole ledger (or of ``uids``), fast at 100,000 records."""
        return rows.read(self._db.engine, self._unit.home_code(), uids)

    def stamp(self) -> tuple[Any, ...]:
        """Changes whenever the ledger does: a cache of :meth:`rows` with the same stamp is current."""
        return rows.stamp(self._db.engine, self._unit.home_code())

    def list(self, where: HelpFilter | None = None) -> builtins.list[Help]:  # the base's call, narrowed
        """Help records, oldest first, narrowed by ``where`` (all of them by default)."""
        code = self._unit.home_code()
        if code is None:
            return []
        with self._db.read() as s:
            views = help_views(s, conditions(code, where or ALL))
        return sorted(views, key=self.store.sort_key)

    def years(self) -> builtins.list[int]:
        """The years that have help, oldest first."""
        code = self._unit.home_code()
        with self._db.read() as s:
            years = s.scalars(
                select(date_key(m.Help.date, "year"))
                .where(m.Help.unit_code == code, m.Help.deleted_at.is_(None))
                .distinct()
            )
            return sorted(int(y) for y in years if y)

    def probable_duplicates(self, draft: HelpDraft, exclude: str | None = None) -> builtins.list[Help]:
        """Saved help that is probably the same as ``draft``: the same date, a supporter in common and
        the same title (ignoring accents, case and spacing). The form asks before saving another."""
        return self.probable_duplicates_of([draft], exclude)[0]

    def probable_duplicates_of(
        self, drafts: Sequence[HelpDraft], exclude: str | None = None
    ) -> builtins.list[builtins.list[Help]]:
        """:meth:`probable_duplicates` of each draft, in two queries however many (a sheet of thousands)."""
        code = self._unit.home_code()
        wanted = [d for d in drafts if isinstance(d.date, date) and d.supporters]
        if code is None or not wanted:
            return [[] for _ in drafts]
        with self._db.read() as s:
            query = self.store.live(s, code).where(
                m.Help.date.in_({d.date for d in wanted}), m.Help.uid != (exclude or "")
            )
            same: dict[tuple[date, str], builtins.list[m.Help]] = {}
            for row in s.scalars(query):
                same.setdefault((row.date, fold(row.title)), []).append(row)
            links = _supporters_of(s, [r.uid for rows in same.values() for r in rows])
            found = [
                [
                    r
                    for r in same.get((d.date, fold(d.title)), [])
                    if isinstance(d.date, date) and links.get(r.uid, set()) & set(d.supporters)
                ]
                for d in drafts
            ]
            views = {
                v.uid: v for v in self.store.views(s, list({r.uid: r for f in found for r in f}.values()))
            }
            return [[views[r.uid] for r in f] for f in found]

    def totals(self, where: HelpFilter | None = None) -> HelpTotals:
        """Records, value in money, per kind and per item, of the help ``where`` selects (the records-v1
        "Totals" object: ``.to_json()``)."""
        f = where or ALL
        code = self._unit.home_code()
        if code is None:
            return HelpTotals(records=0, value_vnd=0, filter=f)
        with self._db.read() as s:
            return totals(s, code, f)

    def breakdown(self, by: Breakdown, where: HelpFilter | None = None) -> builtins.list[GroupTotal]:
        """Records and value per ``supporter``, ``criterion``, ``village``, ``year`` or ``month``."""
        code = self._unit.home_code()
        if code is None:
            return []
        with self._db.read() as s:
            return breakdown(s, code, by, where or ALL)


def _supporters_of(s: Session, uids: Sequence[str]) -> dict[str, set[str]]:
    """Help uid → the uids of its supporters (a few hundred uids per query)."""
    hs, out = m.HelpSupporter, dict[str, set[str]]()
    for part in range(0, len(uids), 500):
        query = select(hs.help_uid, hs.supporter_uid).where(hs.help_uid.in_(uids[part : part + 500]))
        for help_uid, supporter in s.execute(query):
            out.setdefault(help_uid, set()).add(supporter)
    return out
