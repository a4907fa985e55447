"""Help received: records with item lines, the probable-duplicate check, totals and breakdowns."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ntm_desktop.core.text import fold
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.services.ledger import rows
from ntm_desktop.services.ledger.help_read import help_views
from ntm_desktop.services.ledger.service import RecordService
from ntm_desktop.services.ledger.stores import HELP
from ntm_desktop.services.ledger.totals import (
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


class HelpService(RecordService[HelpDraft, Help]):
    def __init__(self, db: Database, unit: UnitService) -> None:
        super().__init__(db, unit, HELP)

    def rows(self, uids: Iterable[str] | None = None) -> rows.Read:
        """Compact rows for a table of the whole ledger (or of ``uids``), fast at 100,000 records."""
        return rows.read(self._db.engine, self._unit.home_code(), uids)

    def stamp(self) -> tuple[Any, ...]:
        """Changes whenever the ledger does: a cache of :meth:`rows` with the same stamp is current."""
        return rows.stamp(self._db.engine, self._unit.home_code())

    def list(  # the base's call, with optional filters
        self,
        year: int | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
        supporter: str | None = None,
        criterion: str | None = None,
        village: str | None = None,
    ) -> builtins.list[Help]:
        """Help records, oldest first, narrowed by the filters given (``supporter`` is a uid)."""
        code = self._unit.home_code()
        if code is None:
            return []
        f = HelpFilter(year, start, end, supporter, criterion, village)
        with self._db.read() as s:
            views = help_views(s, conditions(code, f))
        return sorted(views, key=self.store.sort_key)

    def years(self) -> builtins.list[int]:
        """The years that have help, oldest first."""
        code = self._unit.home_code()
        with self._db.read() as s:
            years = s.scalars(
                select(func.strftime("%Y", m.Help.date))
                .where(m.Help.unit_code == code, m.Help.deleted_at.is_(None))
                .distinct()
            )
            return sorted(int(y) for y in years if y)

    def probable_duplicates(self, draft: HelpDraft, exclude: str | None = None) -> builtins.list[Help]:
        """Saved help that is probably the same as ``draft``: the same date, a supporter in common and
        the same title (ignoring accents, case and spacing). The form asks before saving another."""
        code = self._unit.home_code()
        if code is None or not isinstance(draft.date, date) or not draft.supporters:
            return []
        hs = m.HelpSupporter
        with self._db.read() as s:
            query = (
                self.store.live(s, code)
                .where(m.Help.date == draft.date, m.Help.uid != (exclude or ""))
                .where(
                    select(hs.help_uid)
                    .where(hs.help_uid == m.Help.uid, hs.supporter_uid.in_(draft.supporters))
                    .exists()
                )
            )
            title = fold(draft.title)
            rows = [r for r in s.scalars(query) if fold(r.title) == title]
            return self.store.views(s, rows)

    def totals(
        self,
        year: int | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
        supporter: str | None = None,
        criterion: str | None = None,
        village: str | None = None,
    ) -> HelpTotals:
        """Records, value in money, per kind and per item (the records-v1 "Totals" object:
        ``.to_json()``)."""
        f = HelpFilter(year, start, end, supporter, criterion, village)
        code = self._unit.home_code()
        if code is None:
            return HelpTotals(records=0, value_vnd=0, filter=f)
        with self._db.read() as s:
            return totals(s, code, f)

    def breakdown(
        self,
        by: Breakdown,
        year: int | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
        supporter: str | None = None,
        criterion: str | None = None,
        village: str | None = None,
    ) -> builtins.list[GroupTotal]:
        """Records and value per ``supporter``, ``criterion``, ``village``, ``year`` or ``month``."""
        code = self._unit.home_code()
        if code is None:
            return []
        with self._db.read() as s:
            return breakdown(s, code, by, HelpFilter(year, start, end, supporter, criterion, village))
