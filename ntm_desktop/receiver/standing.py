"""Criteria met by many communes at once: the same roll-up as ``progress show``, fed in bulk.

``ProgressService.summary`` reads one commune with a few queries; a province lists hundreds of
communes and the country 3,321, so the assessments of the year and of the year before are read in one
grouped query (SQLite joins each commune-year's results into one string), and only communes without
data the year before are looked up further back.

One commune's full year is rolled up with :func:`ntm_desktop.services.rollup.summarise`, the function
``progress show`` uses. For the list only the count of criteria met is needed: each criterion is judged
by the criteria module's own rule (``criterion_result``, which ``rollup`` applies to every criterion),
remembered per pattern of that criterion's results (:class:`Counter`). The result for a commune is the
same either way (tested against ``progress show``).

A merged commune's year without assessments of its own takes its predecessors' assessments of that
year, combined so that an indicator counts as met only where every predecessor met it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import NtmError
from ntm_desktop.criteria.evaluate import criterion_result
from ntm_desktop.criteria.model import CriteriaSet, Criterion
from ntm_desktop.db import models as m
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.rollup import MET, YearSummary, summarise

_CHUNK = 900
_MANY = 50
"""From this many communes on, read every commune's rows at once instead of naming them."""

Pair = tuple[str, int]


class Judged(NamedTuple):
    """What the roll-up reads of an assessment."""

    indicator: str | None
    criterion: str
    met: bool | None
    value: Any = None


@dataclass(frozen=True)
class Standing:
    """A commune's criteria met in a year, and in its previous year with data (same criteria set)."""

    met: int | None
    total: int | None
    previous_met: int | None = None

    @property
    def change(self) -> int | None:
        if self.met is None or self.previous_met is None:
            return None
        return self.met - self.previous_met


NONE = Standing(None, None)


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


def _packed() -> ColumnElement[str]:
    """Each commune-year's results as ``code;met;code;met…``: an indicator's code, or ``#`` and a
    criterion's code for a criterion judged as a whole; met is ``1``, ``0`` or empty (not judged).
    (``group_concat`` on SQLite, ``string_agg`` on PostgreSQL.)"""
    a = m.Assessment
    code = func.coalesce(a.indicator, literal("#") + a.criterion)
    met = case((a.met.is_(True), "1"), (a.met.is_(False), "0"), else_="")
    return func.aggregate_strings(code + ";" + met, ";")


def _grouped(s: Session, years: Sequence[int], codes: Sequence[str] | None) -> dict[Pair, str]:
    """(unit, year) → its assessments packed as :func:`_packed` says."""
    out: dict[Pair, str] = {}
    if not years:
        return out
    a = m.Assessment
    query = (
        select(a.unit_code, a.year, _packed())
        .where(a.deleted_at.is_(None), a.year.in_(list(years)))
        .group_by(a.unit_code, a.year)
    )
    parts: list[Sequence[str] | None] = [None] if codes is None else list(_chunks(codes))
    for part in parts:
        q = query if part is None else query.where(a.unit_code.in_(list(part)))
        for code, year, packed in s.execute(q).all():
            out[(code, int(year))] = packed or ""
    return out


def _older_years(s: Session, codes: Sequence[str], before: int) -> dict[str, set[int]]:
    a = m.Assessment
    found: dict[str, set[int]] = defaultdict(set)
    for part in _chunks(codes):
        query = (
            select(a.unit_code, a.year)
            .where(a.deleted_at.is_(None), a.year < before, a.unit_code.in_(part))
            .distinct()
        )
        for code, year in s.execute(query):
            found[code].add(int(year))
    return found


Raw = dict[str, str]
"""Indicator or criterion code → ``1`` (met), ``0`` (not met) or ``""`` (not judged)."""
_BOOL: dict[str, bool | None] = {"1": True, "0": False, "": None}


def raw_results(packed: str) -> Raw:
    """The packed results as :func:`ntm_desktop.services.rollup.summarise` reads assessments: by
    indicator code, and by criterion code for a criterion judged as a whole unless an indicator has
    that code (split in C: this runs for every commune)."""
    if not packed:
        return {}
    parts = packed.split(";")
    raw = dict(zip(parts[::2], parts[1::2], strict=True))
    if "#" in packed:
        for key in [k for k in raw if k.startswith("#")]:
            raw.setdefault(key[1:], raw.pop(key))
    return raw


def combined(many: Sequence[Raw]) -> Raw:
    """One commune's results, or several predecessors' combined: met only where every one met it."""
    if len(many) == 1:
        return many[0]
    out: Raw = {}
    for key in {k for raw in many for k in raw}:
        values = [raw[key] for raw in many if key in raw]
        out[key] = "0" if "0" in values else ("1" if all(v == "1" for v in values) else "")
    return out


def judged(packed: str) -> list[Judged]:
    """The packed results as assessments for :func:`summarise` (the whole-criterion ones kept apart)."""
    parts = packed.split(";") if packed else []
    out = []
    for key, met in zip(parts[::2], parts[1::2], strict=True):
        whole = key.startswith("#")
        out.append(Judged(None if whole else key, key[1:] if whole else "", _BOOL[met]))
    return out


class Counter:
    """Criteria met under one set, each criterion judged by the criteria module's rule and remembered
    per pattern of its results (thousands of communes share few patterns per criterion).

    A code without a result and one recorded as not judged read the same (``None``) in the rule, so
    both are ``""`` in the pattern."""

    def __init__(self, cs: CriteriaSet) -> None:
        self.cs = cs
        self._rules: list[tuple[Criterion, tuple[str, ...], Callable[[Raw], Any], dict[Any, bool]]] = [
            (
                c,
                (c.code, *(i.code for i in c.indicators)),
                itemgetter(c.code, *(i.code for i in c.indicators)),
                {},
            )
            for c in cs.criteria
        ]

    def met(self, raw: Raw) -> int:
        filled: defaultdict[str, str] = defaultdict(str, raw)
        n = 0
        for criterion, codes, pattern_of, memo in self._rules:
            pattern = pattern_of(filled)
            met = memo.get(pattern)
            if met is None:
                results = {code: _BOOL[filled[code]] for code in codes}
                met = memo[pattern] = criterion_result(criterion, results).status == MET
            n += met
        return n


class _Sets:
    def __init__(self, criteria: CriteriaService) -> None:
        self._criteria = criteria
        self._by_year: dict[int, CriteriaSet | None] = {}

    def for_year(self, year: int | None) -> CriteriaSet | None:
        if year is None:
            return None
        if year not in self._by_year:
            try:
                self._by_year[year] = self._criteria.for_year(year)
            except NtmError:  # no set covers the year: nothing can be rolled up
                self._by_year[year] = None
        return self._by_year[year]


@dataclass(frozen=True)
class Wanted:
    now: tuple[str, ...]
    previous: int | None
    before: tuple[str, ...]


def plan(
    s: Session, registry: Registry, tops: Sequence[str], year: int
) -> tuple[dict[str, Wanted], dict[Pair, str]]:
    """Whose rows stand for each commune this year and in its previous year with data, and the rows."""
    codes = None if len(tops) >= _MANY else sorted({c for t in tops for c in registry.codes_of(t)})
    packed = _grouped(s, [year, year - 1], codes)
    years: dict[str, set[int]] = defaultdict(set)
    for code, y in packed:
        years[code].add(y)
    further: set[str] = set()  # communes with nothing the year before: look further back
    for top in tops:
        mine = registry.codes_of(top)
        if not any(year - 1 in years.get(c, ()) for c in mine):
            further.update(mine)
    for code, older in _older_years(s, sorted(further), year - 1).items():
        years[code] |= older
    wanted: dict[str, Wanted] = {}
    missing: dict[int, set[str]] = defaultdict(set)
    for top in tops:
        held = {y for c in registry.codes_of(top) for y in years.get(c, ()) if y < year}
        prev = max(held, default=None)
        before = sources(registry, top, prev, years) if prev is not None else ()
        wanted[top] = Wanted(sources(registry, top, year, years), prev, before)
        for code in before:
            if prev is not None and (code, prev) not in packed:
                missing[prev].add(code)
    for prev, needed in missing.items():
        packed |= _grouped(s, [prev], sorted(needed))
    return wanted, packed


def _raw(packed: dict[Pair, str], codes: tuple[str, ...], year: int) -> Raw:
    return combined([raw_results(packed[(c, year)]) for c in codes])


def standings(
    s: Session, criteria: CriteriaService, registry: Registry, tops: Sequence[str], year: int
) -> dict[str, Standing]:
    """Each commune's criteria met in ``year``, and in its previous year with data."""
    wanted, packed = plan(s, registry, tops, year)
    sets = _Sets(criteria)
    cs = sets.for_year(year)
    counters: dict[str, Counter] = {}

    def count(set_: CriteriaSet, codes: tuple[str, ...], y: int) -> int:
        if set_.id not in counters:
            counters[set_.id] = Counter(set_)
        return counters[set_.id].met(_raw(packed, codes, y))

    out: dict[str, Standing] = {}
    for top, w in wanted.items():
        if not w.now or cs is None:
            out[top] = NONE
            continue
        prev_cs = sets.for_year(w.previous)
        previous = None
        if w.previous is not None and prev_cs is not None and prev_cs.id == cs.id:
            previous = count(prev_cs, w.before, w.previous)
        out[top] = Standing(count(cs, w.now, year), len(cs.criteria), previous)
    return out


def _summary_rows(packed: dict[Pair, str], codes: tuple[str, ...], year: int) -> list[Judged]:
    if len(codes) == 1:
        return judged(packed[(codes[0], year)])
    raw = _raw(packed, codes, year)  # predecessors combined: by code, as the roll-up reads them
    return [Judged(code, "", _BOOL[met]) for code, met in raw.items()]


def year_summary(
    s: Session, criteria: CriteriaService, registry: Registry, top: str, year: int
) -> YearSummary | None:
    """One commune's year as ``progress show`` gives it (each criterion's status, the change)."""
    wanted, packed = plan(s, registry, [top], year)
    w = wanted[top]
    sets = _Sets(criteria)
    cs = sets.for_year(year)
    if not w.now or cs is None:
        return None
    previous = None
    prev_cs = sets.for_year(w.previous)
    if w.previous is not None and prev_cs is not None and prev_cs.id == cs.id:
        previous = summarise(prev_cs, w.previous, _summary_rows(packed, w.before, w.previous), None, {})
    return summarise(cs, year, _summary_rows(packed, w.now, year), previous, {})
