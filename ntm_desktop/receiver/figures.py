"""The receiving unit's figures for a year — help received (in total, per supporter, criterion, kind and
commune), cadres' outcomes, the criteria distribution, the summary and the per-province rows — summed
from what each commune sees of itself. Mixed into :class:`~ntm_desktop.receiver.service.ReceiverService`
(``ws.receiver.summary(2025)``), which gives the communes' registry and their rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.receiver import help as help_sums
from ntm_desktop.receiver import listing
from ntm_desktop.receiver import provinces as by_province
from ntm_desktop.receiver import registry as reg
from ntm_desktop.receiver import summary as summaries
from ntm_desktop.receiver.values import CadreOutcome, ReceiverInfo, SupporterTotal, UnitHelp, UnitRow
from ntm_desktop.services.db import Database
from ntm_desktop.services.ledger import GroupTotal, HelpTotals, KindTotal
from ntm_desktop.services.ledger.totals import HelpFilter, totals


class YearFigures:
    """Needs from its host the database and the three methods declared here."""

    _db: Database

    def _registry(self, s: Session) -> reg.Registry:
        raise NotImplementedError

    def units(self, year: int) -> list[UnitRow]:
        raise NotImplementedError

    def info(self) -> ReceiverInfo:
        raise NotImplementedError

    def _codes(self, s: Session) -> list[str]:
        return self._registry(s).all_codes()

    def help_totals(self, year: int | None) -> HelpTotals:
        """The help all communes received, as one commune's ``help totals`` (``.to_json()`` is the
        records-v1 totals object)."""
        with self._db.read() as s:
            return totals(s, self._codes(s), HelpFilter(year=year))

    def by_supporter(self, year: int | None) -> list[SupporterTotal]:
        with self._db.read() as s:
            registry = self._registry(s)
            return help_sums.by_supporter(s, registry, registry.all_codes(), HelpFilter(year=year))

    def by_criterion(self, year: int | None) -> list[GroupTotal]:
        with self._db.read() as s:
            return help_sums.by_criterion(s, self._codes(s), HelpFilter(year=year))

    def by_kind(self, year: int | None) -> list[KindTotal]:
        return list(self.help_totals(year).by_kind)

    def by_unit(self, year: int | None) -> list[UnitHelp]:
        with self._db.read() as s:
            registry = self._registry(s)
            tops = registry.top()
            names = {t: registry.units[t].name for t in tops}
            return help_sums.by_unit(s, registry, tops, names, HelpFilter(year=year))

    def cadre_outcomes(self, year: int) -> list[CadreOutcome]:
        rows = self.units(year)
        with self._db.read() as s:
            cadres = listing.cadre_names(s, self._registry(s), year)
        return listing.cadre_outcomes(rows, cadres)

    def criteria_distribution(self, year: int) -> dict[int, int]:
        """Criteria met → how many communes met that many (communes with data for the year)."""
        return listing.distribution(self.units(year))

    def summary(self, year: int) -> dict[str, Any]:
        """``{"year", "units", "reached_standard", "provinces", "help"}`` (README, "summary --json");
        ``help`` is the records-v1 totals object summed over all communes."""
        rows = self.units(year)
        with self._db.read() as s:
            registry = self._registry(s)
            return summaries.summary(s, registry, self.info(), year, rows)

    def provinces(self, year: int) -> list[by_province.ProvinceRow]:
        """Per province: its communes, reported, approved, recognised, help and last roll-up received
        (the national office lists every province, those that sent nothing too)."""
        rows = self.units(year)
        with self._db.read() as s:
            return by_province.province_rows(s, self._registry(s), self.info(), year, rows)
