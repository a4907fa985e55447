"""Every commune a receiver knows, and which commune became which after the 2025 mergers.

A receiver knows a commune when it imported a bundle from it, trusted its key, or was told to expect
it (an expected-units list): all of them are listed, so the ones that have not reported show up.

A merged commune's predecessors are known only from ``Unit.merged_into``, set by the receiver with
``set_successor``: data received under a predecessor's code then counts for its successor. The
``predecessors`` a commune declares in its own profile (and so in its bundles) are a request shown to the
receiver (:meth:`Registry.requests`), never applied: otherwise one commune's bundle could make other
communes, with keys and reports of their own, disappear from the province's lists and totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.db import models as m

_MAX_CHAIN = 10
"""A commune merged twice (A into B, B into C) counts for C; longer chains are cut (and cycles)."""


@dataclass(frozen=True)
class Known:
    code: str
    name: str
    type: str
    province_code: str
    declared: tuple[str, ...]
    """Predecessors the commune declares in its own profile."""
    merged_into: str | None
    """The successor the receiver set."""
    has_row: bool


@dataclass(frozen=True)
class Registry:
    units: dict[str, Known]
    successor: dict[str, str]
    """Predecessor code → the current commune its data counts for (only merged codes)."""

    def current(self, code: str) -> str:
        return self.successor.get(code, code)

    @cached_property
    def _members(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for pred, succ in self.successor.items():
            out.setdefault(succ, []).append(pred)
        return {succ: tuple(sorted(preds)) for succ, preds in out.items()}

    def requests(self, code: str) -> tuple[str, ...]:
        """Predecessors ``code`` declares that the receiver has not merged into it (yet)."""
        unit = self.units.get(code)
        declared = unit.declared if unit is not None else ()
        return tuple(p for p in declared if p != code and self.successor.get(p) != code)

    def members(self, code: str) -> tuple[str, ...]:
        """The codes whose data counts for ``code`` besides its own (its predecessors)."""
        return self._members.get(code, ())

    def codes_of(self, code: str) -> tuple[str, ...]:
        return (code, *self.members(code))

    def top(self) -> list[str]:
        """The communes as listed: every known code that is not merged into another."""
        return sorted(c for c in self.units if c not in self.successor)

    def all_codes(self) -> list[str]:
        return sorted(self.units)


def load(s: Session, receiver_code: str = "") -> Registry:
    """What the receiver knows (the home unit of the workspace and its own code are left out)."""
    units: dict[str, Known] = {}
    query = select(
        m.Unit.code,
        m.Unit.name,
        m.Unit.type,
        m.Unit.province_code,
        m.Unit.predecessors,
        m.Unit.merged_into,
    ).where(m.Unit.deleted_at.is_(None), m.Unit.is_home.is_(False))
    for code, name, type_, province, declared, merged in s.execute(query):
        units[code] = Known(code, name, type_, province, tuple(declared or ()), merged or None, True)
    keys = select(m.SyncKnownKey.unit_code, m.SyncKnownKey.unit_name).order_by(m.SyncKnownKey.trusted_at)
    for code, name in s.execute(keys):
        if len(code) == 5 and code not in units and code != receiver_code:
            units[code] = Known(code, name or code, "xa", "", (), None, False)
    return Registry(units, _successors(units))


def current(s: Session, code: str) -> str:
    """``load(s).current(code)``, reading only the rows on ``code``'s chain of successors (one per link)
    instead of every commune: an import asks it once per bundle, at a province of thousands."""
    seen, end = {code}, _merged_into(s, code)
    if end is None:
        return code
    for _ in range(_MAX_CHAIN):
        nxt = _merged_into(s, end)
        if nxt is None or nxt in seen:
            break
        seen.add(end)
        end = nxt
    return end


def _merged_into(s: Session, code: str) -> str | None:
    """The successor the receiver set for ``code`` (a known commune's row), if any."""
    query = select(m.Unit.merged_into).where(
        m.Unit.code == code, m.Unit.deleted_at.is_(None), m.Unit.is_home.is_(False)
    )
    merged = s.scalar(query)
    return merged if merged and merged != code else None


def _successors(units: dict[str, Known]) -> dict[str, str]:
    direct: dict[str, str] = {}
    for unit in units.values():
        if unit.merged_into and unit.merged_into != unit.code:
            direct[unit.code] = unit.merged_into
    out: dict[str, str] = {}
    for code in direct:
        seen, end = {code}, direct[code]
        for _ in range(_MAX_CHAIN):
            nxt = direct.get(end)
            if nxt is None or nxt in seen:
                break
            seen.add(end)
            end = nxt
        if end != code:
            out[code] = end
    return out


def ensure_unit(s: Session, code: str, name: str, type_: str, province_code: str) -> tuple[m.Unit, bool]:
    """The unit's row, made if missing (as an expected unit: its first bundle fills in the rest)."""
    row = s.scalar(select(m.Unit).where(m.Unit.code == code))
    if row is not None:
        return row, False
    row = m.Unit(code=code, name=name, type=type_, province_code=province_code, is_home=False)
    row.extra = {"expected": True}
    s.add(row)
    return row, True


def unit_snapshot(row: m.Unit) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "type": row.type,
        "province_code": row.province_code,
        "merged_into": row.merged_into,
        "expected": bool((row.extra or {}).get("expected")),
    }
