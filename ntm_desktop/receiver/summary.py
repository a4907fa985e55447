"""The year's summary as ``summary --json`` prints it: every commune, how many reached the standard by
their own figures and how many of those were reviewed, approved and recognised, and per province the
communes, reported, approved and recognised, with the help they received.

A province (or a district) lists one province, itself; the national office one per province whose
roll-up of the year it imported (one of no commune yet too, with zeros) or whose communes it holds
(grouped by the province code each commune's own signed bundle states, which the roll-up import checked
against the province that carried it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.units import PROVINCES
from ntm_desktop.db import models as m
from ntm_desktop.receiver.registry import Registry
from ntm_desktop.receiver.values import APPROVED, NATIONAL, NOT_REPORTED, REVIEWED, ReceiverInfo, UnitRow
from ntm_desktop.services.ledger.totals import HelpFilter, totals
from ntm_desktop.sync import log
from ntm_desktop.sync.bundle.manifest import BundleKind


def unit_json(r: UnitRow) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": r.name,
        "criteria_met": r.criteria_met,
        "criteria_total": r.criteria_total,
        "status": r.status,
        "recognitions": [x.to_json() for x in r.recognitions],
    }


def reached_standard(rows: Sequence[UnitRow]) -> dict[str, int]:
    """Communes meeting every criterion by their own figures (``self_assessed``); of those, the ones
    the receiver reviewed (or approved) and approved; and the communes recognised for the year."""
    full = [r for r in rows if r.reached_standard]
    return {
        "self_assessed": len(full),
        "reviewed": sum(1 for r in full if r.status in (REVIEWED, APPROVED)),
        "approved": sum(1 for r in full if r.status == APPROVED),
        "recognised": sum(1 for r in rows if r.recognised),
    }


def province_of(info: ReceiverInfo, row: UnitRow) -> str:
    """The province a commune counts for: the receiver's own below the national level."""
    if info.level != NATIONAL:
        return info.province_code or info.code
    return row.province_code or ""


def last_rollups(s: Session, year: int) -> dict[str, datetime]:
    """Province code → when its newest roll-up of ``year`` was imported. The year a roll-up is of is in
    the audit row its import wrote in the same transaction (``sync.rollup.import``)."""
    b, a = m.SyncBundle, m.AuditEntry
    query = (
        select(b.origin_unit_code, b.logged_at, a.after)
        .join(a, (a.entity_uid == b.bundle_id) & (a.action == "sync.rollup.import"))
        .where(b.direction == log.RECEIVED, b.kind == str(BundleKind.ROLLUP), b.result == "imported")
    )
    found: dict[str, datetime] = {}
    for code, moment, after in s.execute(query).all():
        if (
            isinstance(after, dict)
            and after.get("year") == year
            and (code not in found or moment > found[code])
        ):
            found[code] = moment
    return found


def provinces(
    s: Session, registry: Registry, info: ReceiverInfo, year: int, rows: Sequence[UnitRow]
) -> list[dict[str, Any]]:
    groups: dict[str, list[UnitRow]] = {}
    for r in rows:
        groups.setdefault(province_of(info, r), []).append(r)
    if info.level != NATIONAL and not groups:
        groups[info.province_code or info.code] = []
    if info.level == NATIONAL:  # a province whose roll-up brought no commune yet counts too (zeros)
        for code in last_rollups(s, year):
            groups.setdefault(code, [])
    out = []
    for code in sorted(groups):
        members = groups[code]
        codes = [c for r in members for c in registry.codes_of(r.code)]
        out.append(
            {
                "code": code,
                "name": PROVINCES.get(code, "") or (info.name if info.level != NATIONAL else code),
                "units": len(members),
                "reported": sum(1 for r in members if r.status != NOT_REPORTED),
                "approved": sum(1 for r in members if r.status == APPROVED),
                "recognised": sum(1 for r in members if r.recognised),
                "help": totals(s, codes, HelpFilter(year=year)).to_json(),
            }
        )
    return out


def summary(
    s: Session, registry: Registry, info: ReceiverInfo, year: int, rows: Sequence[UnitRow]
) -> dict[str, Any]:
    return {
        "year": year,
        "units": [unit_json(r) for r in rows],
        "reached_standard": reached_standard(rows),
        "provinces": provinces(s, registry, info, year, rows),
        "help": totals(s, registry.all_codes(), HelpFilter(year=year)).to_json(),
    }
