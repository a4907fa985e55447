"""Criteria met by many communes at once: the same roll-up as ``progress show``, fed in bulk.

``ProgressService.summary`` reads one commune with a few queries; a province lists thousands, so the
assessments of the year (and of each commune's previous year with data) are read in one query and
every commune is rolled up with :func:`ntm_desktop.services.rollup.summarise`, the function
``progress show`` uses. The result for one commune is the same either way (tested).

A merged commune's year without assessments of its own takes its predecessors' assessments of that
year, combined so that an indicator counts as met only where every predecessor met it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import NtmError
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.rollup import YearSummary, summarise

_CHUNK = 900


class Judged(NamedTuple):
    """What the roll-up reads of an assessment."""

    indicator: str | None
    criterion: str
    met: bool | None
    value: Any = None


@dataclass(frozen=True)
class Standing:
    summary: YearSummary | None
    """None when neither the commune nor its predecessors have assessments of the year."""

    @property
    def met(self) -> int | None:
        return self.summary.met if self.summary else None

    @property
    def total(self) -> int | None:
        return self.summary.total if self.summary else None

    @property
    def change(self) -> int | None:
        s = self.summary
        if s is None or s.previous_met is None:
            return None
        return s.met - s.previous_met


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def years_with_data(s: Session, codes: Sequence[str] | None) -> dict[str, set[int]]:
    """Unit code → the years it has assessments for."""
    query = select(m.Assessment.unit_code, m.Assessment.year).where(m.Assessment.deleted_at.is_(None))
    found: dict[str, set[int]] = defaultdict(set)
    parts = [None] if codes is None else list(_chunks(codes))
    for part in parts:
        q = query if part is None else query.where(m.Assessment.unit_code.in_(part))
        for code, year in s.execute(q.distinct()):
            found[code].add(int(year))
    return found


def sources(registry: Registry, top: str, year: int, years: dict[str, set[int]]) -> tuple[str, ...]:
    """Whose assessments stand for ``top`` in ``year``: its own, else its predecessors'."""
    if year in years.get(top, ()):
        return (top,)
    return tuple(p for p in registry.members(top) if year in years.get(p, ()))


def _judged(
    s: Session, pairs: set[tuple[str, int]], codes: Sequence[str] | None
) -> dict[tuple[str, int], list[Judged]]:
    """The assessments of the (unit, year) pairs asked for."""
    out: dict[tuple[str, int], list[Judged]] = defaultdict(list)
    if not pairs:
        return out
    a = m.Assessment
    years = sorted({y for _, y in pairs})
    query = select(a.unit_code, a.year, a.indicator, a.criterion, a.met).where(
        a.deleted_at.is_(None), a.year.in_(years)
    )
    parts = [None] if codes is None else list(_chunks(sorted({c for c, _ in pairs})))
    for part in parts:
        q = query if part is None else query.where(a.unit_code.in_(part))
        for code, year, indicator, criterion, met in s.execute(q):
            key = (code, int(year))
            if key in pairs:
                out[key].append(Judged(indicator, criterion, met))
    return out


def _combined(lists: Sequence[list[Judged]]) -> list[Judged]:
    if len(lists) == 1:
        return lists[0]
    by_key: dict[tuple[str | None, str], list[bool | None]] = defaultdict(list)
    for judged in lists:
        for j in judged:
            by_key[(j.indicator, j.criterion)].append(j.met)
    out = []
    for (indicator, criterion), mets in by_key.items():
        met = False if False in mets else (True if all(x is True for x in mets) else None)
        out.append(Judged(indicator, criterion, met))
    return out


class _Sets:
    def __init__(self, criteria: CriteriaService) -> None:
        self._criteria = criteria
        self._by_year: dict[int, CriteriaSet | None] = {}

    def for_year(self, year: int) -> CriteriaSet | None:
        if year not in self._by_year:
            try:
                self._by_year[year] = self._criteria.for_year(year)
            except NtmError:  # no set covers the year: nothing can be rolled up
                self._by_year[year] = None
        return self._by_year[year]


def standings(
    s: Session, criteria: CriteriaService, registry: Registry, tops: Sequence[str], year: int
) -> dict[str, Standing]:
    """Each commune's criteria for ``year`` with the change since its previous year with data."""
    every = len(tops) > 50  # many communes: read everything once instead of per commune
    codes = None if every else sorted({c for t in tops for c in registry.codes_of(t)})
    years = years_with_data(s, codes)
    sets = _Sets(criteria)
    wanted: dict[str, tuple[tuple[str, ...], int | None, tuple[str, ...]]] = {}
    pairs: set[tuple[str, int]] = set()
    for top in tops:
        now = sources(registry, top, year, years)
        held = {y for c in registry.codes_of(top) for y in years.get(c, ())}
        prev = max((y for y in held if y < year), default=None)
        before = sources(registry, top, prev, years) if prev is not None else ()
        wanted[top] = (now, prev, before)
        pairs |= {(c, year) for c in now} | {(c, prev) for c in before if prev is not None}
    judged = _judged(s, pairs, codes)
    cs = sets.for_year(year)
    out: dict[str, Standing] = {}
    for top, (now, prev, before) in wanted.items():
        if not now or cs is None:
            out[top] = Standing(None)
            continue
        previous = None
        prev_cs = sets.for_year(prev) if prev is not None else None
        if prev is not None and prev_cs is not None and prev_cs.id == cs.id:
            previous = summarise(prev_cs, prev, _combined([judged[(c, prev)] for c in before]), None, {})
        current = _combined([judged[(c, year)] for c in now])
        out[top] = Standing(summarise(cs, year, current, previous, {}))
    return out
