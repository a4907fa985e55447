"""Totals of help received, added up in SQL: the records-v1 "Totals" object and breakdowns.

Quantities are exact: they are stored as decimal text, and SQLite adds their whole parts and their
fractions (scaled to integers) separately, so no float ``SUM`` turns 0,1 + 0,2 into 0,30000000000000004.
Item names and units are compared after NFC, trimming and case-folding; a row shows the spelling most
lines use.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import BigInteger, ColumnElement, String, case, cast, exists, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean, name_key
from ntm_desktop.db import models as m
from ntm_desktop.db.sql import date_key, json_texts, text_position
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES, ITEM_KINDS, UNSPECIFIED, funding_source_label
from ntm_desktop.services.progress_values import to_json_value

Breakdown = Literal["supporter", "criterion", "village", "year", "month", "funding_source"]
BREAKDOWNS: tuple[Breakdown, ...] = ("supporter", "criterion", "village", "year", "month", "funding_source")

Units = str | Collection[str]
"""One unit's code (a commune's own ledger) or several (a receiver adding up many communes)."""


@dataclass(frozen=True)
class HelpFilter:
    """Which help records count. Every field left ``None`` means "all"."""

    year: int | None = None
    start: date | None = None
    end: date | None = None
    supporter: str | None = None
    """A supporter's uid: only help that supporter gave (alone or with others)."""
    criterion: str | None = None
    village: str | None = None
    funding_source: str | None = None
    """A funding source's code; ``""`` (or ``unspecified``) for help with none recorded."""


ALL = HelpFilter()
"""Every help record."""


@dataclass(frozen=True)
class ItemTotal:
    kind: str
    name: str
    unit: str
    quantity: Decimal
    value_vnd: int
    lines: int


@dataclass(frozen=True)
class KindTotal:
    kind: str
    value_vnd: int
    quantities: tuple[tuple[str, Decimal], ...]
    """(unit, quantity) in the order the units first appear among the items."""


@dataclass(frozen=True)
class GroupTotal:
    """One row of a breakdown: per supporter, criterion, village, year, month or funding source."""

    key: str
    label: str
    records: int
    value_vnd: int
    cash_vnd: int


@dataclass(frozen=True)
class HelpTotals:
    records: int
    value_vnd: int
    by_kind: tuple[KindTotal, ...] = ()
    items: tuple[ItemTotal, ...] = ()
    filter: HelpFilter = field(default_factory=HelpFilter)
    by_funding_source: tuple[GroupTotal, ...] = ()
    """One row per funding source used (key ``unspecified`` for help with none recorded), in the order of
    :data:`~ntm_desktop.services.ledger.kinds.FUNDING_SOURCES`; their values add up to ``value_vnd``."""

    @property
    def cash_vnd(self) -> int:
        return next((k.value_vnd for k in self.by_kind if k.kind == "cash"), 0)

    def to_json(self) -> dict[str, Any]:
        """The records-v1 "Totals" object (whole quantities as JSON integers), then
        ``by_funding_source``: ``{code: {"records", "value_vnd", "cash_vnd"}}``."""
        return {
            "records": self.records,
            "value_vnd": self.value_vnd,
            "by_kind": {
                k.kind: {
                    "value_vnd": k.value_vnd,
                    "quantities": {unit: to_json_value(q) for unit, q in k.quantities},
                }
                for k in self.by_kind
            },
            "items": [
                {
                    "kind": i.kind,
                    "name": i.name,
                    "unit": i.unit,
                    "quantity": to_json_value(i.quantity),
                    "value_vnd": i.value_vnd,
                }
                for i in self.items
            ],
            "by_funding_source": {
                g.key: {"records": g.records, "value_vnd": g.value_vnd, "cash_vnd": g.cash_vnd}
                for g in self.by_funding_source
            },
        }


def conditions(code: Units, f: HelpFilter) -> list[ColumnElement[bool]]:
    h = m.Help
    unit = h.unit_code == code if isinstance(code, str) else h.unit_code.in_(sorted(set(code)))
    where: list[ColumnElement[bool]] = [unit, h.deleted_at.is_(None)]
    if f.year is not None:
        where += [h.date >= date(f.year, 1, 1), h.date <= date(f.year, 12, 31)]
    if f.start is not None:
        where.append(h.date >= f.start)
    if f.end is not None:
        where.append(h.date <= f.end)
    if f.village is not None:
        where.append(h.village == clean(f.village))
    if f.funding_source is not None:
        where.append(h.funding_source == ("" if f.funding_source == UNSPECIFIED else f.funding_source))
    if f.supporter is not None:
        hs = m.HelpSupporter
        # Not a correlated EXISTS: the item and link queries select from help_supporters themselves.
        where.append(h.uid.in_(select(hs.help_uid).where(hs.supporter_uid == f.supporter)))
    if f.criterion is not None:
        crit = json_texts(h.criteria)
        where.append(exists().select_from(crit).where(crit.c.value == clean(f.criterion)))
    return where


FRACTION_DIGITS = 9
"""Quantities with up to this many decimals are summed exactly in SQL; longer ones in Python."""


def totals(s: Session, code: Units, f: HelpFilter) -> HelpTotals:
    where = conditions(code, f)
    records = int(s.scalar(select(func.count()).select_from(m.Help).where(*where)) or 0)
    i = m.HelpItem
    # Quantities are stored as decimal text ("12", "2.5"). Add the whole parts and the fractions scaled to
    # integers separately, so the database sums exactly; a group with longer fractions is summed in Python.
    text = type_coerce(i.quantity, String)
    dot = text_position(text, ".")
    has_fraction = dot > 0
    fraction = func.substr(text, dot + 1)
    whole = case((has_fraction, func.substr(text, 1, dot - 1)), else_=text)
    scaled = cast(func.substr(fraction + "0" * FRACTION_DIGITS, 1, FRACTION_DIGITS), BigInteger)
    grouped = s.execute(
        select(
            i.kind,
            i.name,
            i.unit,
            func.count(),
            func.sum(i.value_vnd),
            func.sum(cast(whole, BigInteger)),
            func.sum(case((has_fraction, scaled))),
            func.max(case((has_fraction, func.length(fraction)))),
        )
        .join(m.Help, m.Help.uid == i.help_uid)
        .where(*where)
        .group_by(i.kind, i.name, i.unit)
    ).all()
    rows = []
    for kind, name, unit, n, value, whole, frac, digits in grouped:
        if (digits or 0) > FRACTION_DIGITS:
            quantity = _sum_in_python(s, where, kind, name, unit)
        else:
            quantity = Decimal(whole or 0) + Decimal(frac or 0).scaleb(-FRACTION_DIGITS)
        rows.append((kind, name, unit, quantity, int(n), int(value or 0)))
    items = _merge(rows)
    return HelpTotals(
        records=records,
        value_vnd=sum(it.value_vnd for it in items),
        by_kind=_by_kind(items),
        items=items,
        filter=f,
        by_funding_source=tuple(breakdown(s, code, "funding_source", f)),
    )


def _sum_in_python(s: Session, where: list[ColumnElement[bool]], kind: str, name: str, unit: str) -> Decimal:
    i = m.HelpItem
    quantities = s.scalars(
        select(i.quantity)
        .join(m.Help, m.Help.uid == i.help_uid)
        .where(*where, i.kind == kind, i.name == name, i.unit == unit)
    )
    return sum(quantities, Decimal(0))


def _merge(rows: Iterable[tuple[str, str, str, Decimal, int, int]]) -> tuple[ItemTotal, ...]:
    """One row per (kind, name, unit) compared after NFC, trimming and case-folding."""
    quantity: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    value: Counter[tuple[str, str, str]] = Counter()
    lines: Counter[tuple[str, str, str]] = Counter()
    names: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    units: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for kind, name, unit, qty, n, v in rows:
        key = (kind, name_key(name), name_key(unit))
        quantity[key] += qty
        value[key] += v
        lines[key] += n
        names[key][clean(name)] += n
        units[key][clean(unit)] += n
    order = {kind: i for i, kind in enumerate(ITEM_KINDS)}
    merged = [
        ItemTotal(key[0], _usual(names[key]), _usual(units[key]), quantity[key], value[key], lines[key])
        for key in quantity
    ]
    merged.sort(key=lambda t: (order.get(t.kind, len(order)), name_key(t.name), name_key(t.unit)))
    return tuple(merged)


def _usual(spellings: Counter[str]) -> str:
    """The spelling most lines use (the first in sort order on a tie)."""
    return min(spellings, key=lambda text: (-spellings[text], text))


def _by_kind(items: tuple[ItemTotal, ...]) -> tuple[KindTotal, ...]:
    value: Counter[str] = Counter()
    quantities: dict[str, dict[str, Decimal]] = {}
    for it in items:
        value[it.kind] += it.value_vnd
        per_unit = quantities.setdefault(it.kind, {})
        per_unit[it.unit] = per_unit.get(it.unit, Decimal(0)) + it.quantity
    return tuple(KindTotal(kind, value[kind], tuple(quantities[kind].items())) for kind in quantities)


def values_per_help() -> Subquery:
    """Each help record's value and the cash in it (đồng, its items added up): ``help_uid``, ``value``,
    ``cash``. A breakdown joins it to count each record once however many items it has."""
    i = m.HelpItem
    return (
        select(
            i.help_uid.label("help_uid"),
            func.sum(func.coalesce(i.value_vnd, 0)).label("value"),
            func.sum(case((i.kind == "cash", func.coalesce(i.value_vnd, 0)), else_=0)).label("cash"),
        )
        .group_by(i.help_uid)
        .subquery()
    )


def breakdown(s: Session, code: Units, by: Breakdown, f: HelpFilter) -> list[GroupTotal]:
    """Records and value per supporter, criterion, village, year or month, largest value first
    (year and month in time order). Help given by several supporters counts in full for each, and help
    serving several criteria for each criterion, so those rows add up to more than the total."""
    h, per_help = m.Help, values_per_help()
    key: Any
    if by == "supporter":
        key = m.HelpSupporter.supporter_uid
    elif by == "criterion":
        key = json_texts(h.criteria).c.value
    elif by == "village":
        key = h.village
    elif by == "funding_source":
        key = h.funding_source
    else:
        key = date_key(h.date, "year" if by == "year" else "month")
    value, cash = func.coalesce(per_help.c.value, 0), func.coalesce(per_help.c.cash, 0)
    query = select(key, func.count(), func.sum(value), func.sum(cash)).select_from(h)
    if by == "supporter":
        query = query.join(m.HelpSupporter, m.HelpSupporter.help_uid == h.uid)
    query = query.outerjoin(per_help, per_help.c.help_uid == h.uid)
    rows = s.execute(query.where(*conditions(code, f)).group_by(key)).all()
    labels = _labels(s, by, [str(r[0] or "") for r in rows])
    groups = [
        GroupTotal(str(k or ""), labels.get(str(k or ""), str(k or "")), int(n), int(v), int(c))
        for k, n, v, c in rows
    ]
    if by in ("year", "month"):
        return sorted(groups, key=lambda g: g.key)
    if by == "funding_source":
        return _by_source(groups)
    return sorted(groups, key=lambda g: (-g.value_vnd, -g.records, name_key(g.label)))


def _labels(s: Session, by: Breakdown, keys: list[str]) -> dict[str, str]:
    if by == "supporter":
        rows = s.execute(select(m.Supporter.uid, m.Supporter.name).where(m.Supporter.uid.in_(keys)))
        return {uid: name for uid, name in rows}
    if by == "village":
        return {"": tr("(no village given)")}
    if by == "funding_source":
        return {k: funding_source_label(k) for k in keys}
    if by == "criterion":
        return {k: tr("Criterion {code}", code=k) for k in keys}
    return {}


def _by_source(groups: list[GroupTotal]) -> list[GroupTotal]:
    """Funding sources in their fixed order, help with none recorded last under ``unspecified``."""
    order = {code: i for i, code in enumerate(FUNDING_SOURCES)}
    named = [replace(g, key=g.key or UNSPECIFIED) for g in groups]
    return sorted(named, key=lambda g: order.get(g.key, len(order)))
