"""Các tỉnh: the national office's provinces for a year — the communes each one's roll-up brought (the
communes it expects, those that reported, were approved and recognised), the help they received, and
when its last roll-up arrived. Every province is listed, so the office sees which have sent nothing.

The counts are those of ``summary --json``'s ``"provinces"`` (:mod:`ntm_desktop.receiver.summary`):
communes are grouped by the province code their own signed bundle states."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ntm_desktop.core.units import PROVINCES
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.receiver.summary import last_rollups, province_of
from ntm_desktop.receiver.values import APPROVED, NATIONAL, NOT_REPORTED, ReceiverInfo, UnitRow
from ntm_desktop.services.ledger.totals import HelpFilter, totals


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name: str
    units: int
    """Communes it expects or holds (as its roll-up listed them)."""
    reported: int
    approved: int
    recognised: int
    help_records: int
    help_value_vnd: int
    help_cash_vnd: int
    last_rollup_at: datetime | None
    """When its newest roll-up of the year was imported here (UTC); ``None``: it has sent none."""

    @property
    def sent(self) -> bool:
        return self.last_rollup_at is not None


def province_rows(
    s: Session, registry: Registry, info: ReceiverInfo, year: int, rows: Sequence[UnitRow]
) -> list[ProvinceRow]:
    """At the national office every province (those that sent nothing too); below it, its own."""
    groups: dict[str, list[UnitRow]] = {}
    for r in rows:
        groups.setdefault(province_of(info, r), []).append(r)
    if info.level == NATIONAL:
        for code in PROVINCES:
            groups.setdefault(code, [])
    else:
        groups.setdefault(info.province_code or info.code, [])
    arrived = last_rollups(s, year)
    out = []
    for code in sorted(groups):
        members = groups[code]
        help_ = totals(s, [c for r in members for c in registry.codes_of(r.code)], HelpFilter(year=year))
        out.append(
            ProvinceRow(
                code=code,
                name=PROVINCES.get(code, "") or (info.name if info.level != NATIONAL else code),
                units=len(members),
                reported=sum(1 for r in members if r.status != NOT_REPORTED),
                approved=sum(1 for r in members if r.status == APPROVED),
                recognised=sum(1 for r in members if r.recognised),
                help_records=help_.records,
                help_value_vnd=help_.value_vnd,
                help_cash_vnd=help_.cash_vnd,
                last_rollup_at=arrived.get(code),
            )
        )
    return out
