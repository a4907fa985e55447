"""The receiver's list of communes for a year: one row each, read with a fixed number of queries
however many communes there are (a province holds hundreds; the country 3,321)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.receiver import recognition, signoff
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.receiver.standing import NONE, standings
from ntm_desktop.receiver.values import CadreOutcome, UnitRow
from ntm_desktop.services.criteria import CriteriaService


def _by_top(registry: Registry, pairs: Iterable[tuple[str, int]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for code, n in pairs:
        out[registry.current(code)] += int(n)
    return out


def reported(
    s: Session, registry: Registry, year: int, codes: Sequence[str] | None = None, assessed: bool = True
) -> set[str]:
    """The communes (current codes) that sent data of ``year``: an assessment of it or help in it
    (help only, with ``assessed`` False, when the caller knows who sent assessments)."""
    a, h = m.Assessment, m.Help
    q1 = select(a.unit_code).where(a.year == year, a.deleted_at.is_(None)).distinct()
    q2 = select(h.unit_code).where(
        h.date >= date(year, 1, 1), h.date <= date(year, 12, 31), h.deleted_at.is_(None)
    )
    if codes is not None:
        q1, q2 = q1.where(a.unit_code.in_(codes)), q2.where(h.unit_code.in_(codes))
    found = set(s.scalars(q2.distinct()))
    if assessed:
        found |= set(s.scalars(q1))
    return {registry.current(c) for c in found}


def last_bundles(s: Session, registry: Registry) -> dict[str, tuple[datetime, int]]:
    """Per commune (its predecessors' bundles included): when its newest records bundle was made,
    and that bundle's sequence number."""
    b = m.SyncBundle
    query = (
        select(b.origin_unit_code, b.created, func.max(b.sequence))
        .where(b.direction == "received", b.kind == "records")
        .group_by(b.origin_unit_code, b.created)
    )
    out: dict[str, tuple[datetime, int]] = {}
    for code, created, sequence in s.execute(query):
        top = registry.current(code)
        if top not in out or (created, sequence) > out[top]:
            out[top] = (created, sequence)
    return out


def _open_counts(s: Session, registry: Registry) -> tuple[Counter[str], Counter[str], Counter[str]]:
    c, r, x = m.SyncConflict, m.SyncCorrection, m.ReceiverAmendment
    conflicts = s.execute(select(c.unit_code, func.count()).where(c.status == "open").group_by(c.unit_code))
    corrections = s.execute(
        select(r.unit_code, func.count())
        .where(r.status == "open", r.direction == "sent")
        .group_by(r.unit_code)
    )
    held = s.execute(select(x.signoff_code, func.count()).where(x.status == "open").group_by(x.signoff_code))
    pairs = (conflicts, corrections, held)
    conflicts_n, corrections_n, held_n = (_by_top(registry, ((k, n) for k, n in p)) for p in pairs)
    return conflicts_n, corrections_n, held_n


def cadre_names(s: Session, registry: Registry, year: int) -> dict[str, list[str]]:
    """Per commune, the cadres seconded to it at some time in ``year`` (by start date, then name)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    q = (
        select(m.Cadre.unit_code, m.Cadre.name)
        .where(
            m.Cadre.deleted_at.is_(None),
            or_(m.Cadre.start.is_(None), m.Cadre.start <= last),
            or_(m.Cadre.end.is_(None), m.Cadre.end >= first),
        )
        .order_by(m.Cadre.start, m.Cadre.name)
    )
    out: dict[str, list[str]] = {}
    for code, name in s.execute(q):
        out.setdefault(registry.current(code), []).append(name)
    return out


def unit_rows(s: Session, criteria: CriteriaService, registry: Registry, year: int) -> list[UnitRow]:
    tops = registry.top()
    standing = standings(s, criteria, registry, tops, year)
    states = signoff.states(s, year)
    assessed = {t for t, st in standing.items() if st.met is not None}
    sent = reported(s, registry, year, assessed=False) | assessed
    bundles = last_bundles(s, registry)
    conflicts, corrections, held = _open_counts(s, registry)
    cadres = cadre_names(s, registry, year)
    recognised = recognition.by_code(recognition.of_year(s, year))
    rows = []
    for top in tops:
        unit = registry.units[top]
        st = standing.get(top, NONE)
        created, sequence = bundles.get(top, (None, None))
        rows.append(
            UnitRow(
                code=top,
                name=unit.name,
                type=unit.type,
                province_code=unit.province_code,
                criteria_met=st.met,
                criteria_total=st.total,
                change=st.change,
                last_bundle_at=created,
                last_bundle_seq=sequence,
                status=signoff.effective(states.get(top), top in sent),
                open_conflicts=conflicts[top],
                open_corrections=corrections[top],
                has_cadre=top in cadres,
                predecessors=registry.members(top),
                open_amendments=held[top],
                merge_requests=registry.requests(top),
                recognitions=recognised.get(top, ()),
            )
        )
    return rows


def cadre_outcomes(rows: Sequence[UnitRow], cadres: dict[str, list[str]]) -> list[CadreOutcome]:
    return [
        CadreOutcome(
            r.code,
            r.name,
            tuple(cadres[r.code]),
            r.criteria_met,
            r.criteria_total,
            r.reached_standard,
        )
        for r in rows
        if r.code in cadres
    ]


def distribution(rows: Sequence[UnitRow]) -> dict[int, int]:
    counts = Counter(r.criteria_met for r in rows if r.criteria_met is not None)
    return {met: counts[met] for met in sorted(counts)}
