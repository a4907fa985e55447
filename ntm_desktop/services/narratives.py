"""``ws.narratives``: the sections of a year's report the officer writes, one record per year and section.

    ws.narratives.write(2025, "debt", "Đến ngày 31/12/2025, xã không có nợ đọng xây dựng cơ bản.")
    ws.narratives.for_year(2025)  # {"debt": Narrative(...)}

Writing the text a section already has changes nothing; writing empty text keeps an empty section (the
report then says there is nothing to report); :meth:`clear` removes what was written, so the report goes
back to sentences drawn from the data.
"""

from __future__ import annotations

import builtins

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.narratives import NARRATIVES
from ntm_desktop.services.kinds.store import checked, save, soft_delete
from ntm_desktop.services.ledger.service import RecordService
from ntm_desktop.services.narrative_values import Narrative, NarrativeDraft, record_id_for
from ntm_desktop.services.unit import UnitService


class NarrativeService(RecordService[NarrativeDraft, Narrative]):
    def __init__(self, db: Database, unit: UnitService) -> None:
        super().__init__(db, unit, NARRATIVES)

    def write(self, year: int, section: str, text: str) -> Changes:
        """Keep ``text`` as the section of ``year`` (a new record, or a new version of the one there)."""
        code = self._code()
        with self._db.write() as s:
            draft = checked(self.store, s, code, NarrativeDraft(year, section, text))
            row = self._row(s, code, draft.year, draft.section)
            if row is not None and row.deleted_at is None and row.text == draft.text:
                return NOTHING
            action = "narrative.add" if row is None or row.deleted_at is not None else "narrative.update"
            record_id = record_id_for(draft.year, draft.section)
            row = save(self._db, s, self.store, code, draft, row=row, record_id=record_id, action=action)
            return Changes.of(self.store.kind, action=action, ids=(row.uid,))

    def clear(self, year: int, section: str) -> Changes:
        """Forget what was written for the section: the report shows sentences drawn from the data again."""
        code = self._code()
        with self._db.write() as s:
            row = self._row(s, code, year, section)
            if row is None or row.deleted_at is not None:
                return NOTHING
            soft_delete(self._db, s, self.store, row, "narrative.remove")
            return Changes.of(self.store.kind, action="narrative.remove", ids=(row.uid,))

    def for_year(self, year: int, unit_code: str | None = None) -> dict[str, Narrative]:
        """The sections written for ``year``, by key (a receiver passes the commune's code)."""
        code = unit_code or self._unit.home_code()
        if code is None:
            return {}
        model = m.Narrative
        with self._db.read() as s:
            rows = s.scalars(
                select(model).where(model.unit_code == code, model.year == year, model.deleted_at.is_(None))
            ).all()
            return {v.section: v for v in self.store.views(s, rows)}

    def years(self) -> builtins.list[int]:
        return sorted({n.year for n in self.list()})

    @staticmethod
    def _row(s: Session, code: str, year: int, section: str) -> m.Narrative | None:
        """The section's record, live or removed (a removed one comes back when written again)."""
        model = m.Narrative
        query = select(model).where(model.unit_code == code, model.year == year, model.section == section)
        rows = sorted(s.scalars(query).all(), key=lambda r: r.deleted_at is not None)
        return rows[0] if rows else None
