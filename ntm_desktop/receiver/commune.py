"""One commune as the receiver holds it, read through the services a commune uses for itself."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ntm_desktop.core.errors import NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.receiver import recognition_history
from ntm_desktop.receiver import registry as reg
from ntm_desktop.receiver.standing import sources, year_summary, years_with_data
from ntm_desktop.receiver.values import CommuneData, CommuneView, HistoryEntry
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.ledger import CADRES, EVENTS
from ntm_desktop.services.ledger import Cadre, Event, GroupTotal, Help, HelpTotals
from ntm_desktop.services.ledger.totals import HelpFilter, breakdown, conditions, totals
from ntm_desktop.services.progress import AssessmentView, ProgressService
from ntm_desktop.services.rollup import YearSummary
from ntm_desktop.services.unit import profile_of


class CommuneReader:
    """The queries behind a :class:`CommuneView` of ``code`` (with its predecessors' data)."""

    def __init__(self, db: Database, criteria: CriteriaService, progress: ProgressService, code: str) -> None:
        self._db, self._criteria, self._progress, self.code = db, criteria, progress, code

    def _registry(self) -> reg.Registry:
        with self._db.read() as s:
            return reg.load(s)

    def codes(self) -> tuple[str, ...]:
        return self._registry().codes_of(self.code)

    def summary(self, year: int) -> YearSummary | None:
        registry = self._registry()
        with self._db.read() as s:
            return year_summary(s, self._criteria, registry, self.code, year)

    def assessments(self, year: int) -> list[AssessmentView]:
        registry = self._registry()
        with self._db.read() as s:
            years = years_with_data(s, list(registry.codes_of(self.code)))
        out: list[AssessmentView] = []
        for code in sources(registry, self.code, year, years):
            out += self._progress.assessments(year, unit_code=code)
        return out

    def totals(self, year: int | None) -> HelpTotals:
        with self._db.read() as s:
            return totals(s, self.codes(), HelpFilter(year=year))

    def supporters(self, year: int | None) -> list[GroupTotal]:
        with self._db.read() as s:
            return breakdown(s, self.codes(), "supporter", HelpFilter(year=year))

    def help(self, year: int | None) -> list[Help]:
        query = select(m.Help).where(*conditions(self.codes(), HelpFilter(year=year)))
        query = query.options(selectinload(m.Help.items), selectinload(m.Help.supporter_links))
        with self._db.read() as s:
            views = HELP.views(s, s.scalars(query).all())
        return sorted(views, key=HELP.sort_key)

    def cadres(self) -> list[Cadre]:
        model = m.Cadre
        query = select(model).where(model.unit_code.in_(self.codes()), model.deleted_at.is_(None))
        with self._db.read() as s:
            views = CADRES.views(s, s.scalars(query).all())
        return sorted(views, key=CADRES.sort_key)

    def events(self) -> list[Event]:
        model = m.Event
        query = select(model).where(model.unit_code.in_(self.codes()), model.deleted_at.is_(None))
        with self._db.read() as s:
            views = EVENTS.views(s, s.scalars(query).all())
        return sorted(views, key=EVENTS.sort_key)

    def history(self, year: int) -> list[HistoryEntry]:
        codes = self.codes()
        with self._db.read() as s:
            return recognition_history.with_steps(s, self.code, codes, year)

    def data(self) -> CommuneData:
        return CommuneData(
            self.summary,
            self.assessments,
            self.totals,
            self.supporters,
            self.help,
            self.cadres,
            self.events,
            self.history,
        )


def view(db: Database, criteria: CriteriaService, progress: ProgressService, code: str) -> CommuneView:
    with db.read() as s:
        registry = reg.load(s)
        known = registry.units.get(code)
        if known is None:
            raise NotFound(tr("There is no unit {code} in this data file.", code=code))
        row = s.scalar(select(m.Unit).where(m.Unit.code == code))
        codes = list(registry.codes_of(code))
        years = years_with_data(s, codes)
    profile = (
        profile_of(row, [])
        if row is not None
        else UnitProfile(code=code, name=known.name, province_code=known.province_code)
    )
    held = sorted({y for c in codes for y in years.get(c, ())})
    reader = CommuneReader(db, criteria, progress, code)
    return CommuneView(
        code=code,
        profile=profile,
        predecessors=registry.members(code),
        successor=registry.successor.get(code),
        years=tuple(held),
        _data=reader.data(),
    )
