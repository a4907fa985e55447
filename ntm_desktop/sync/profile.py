"""What a commune's bundles carry besides records, so that the receiver can give a commune whose laptop
was lost everything back: the officers (and who signs), the receiving unit, and the criteria targets.

It travels as the optional top-level object ``profile`` of a records (and recovery) payload, part of
records version 1 (docs/bundle-format.md, docs/compatibility.md):


    "profile": {"officers": [{"name": …, "title": …, "signs_as": "TM", "is_signer": true}],
                "receiving_unit": {"name": …, "level": "province"},
                "targets": [{"set": "vn-ntm-xa-2026-2030", "criterion": "6", "year": 2027, "plan": …}]}

The newest bundle's profile wins (as its ``unit`` does); nothing in it is versioned record by record.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.text import clean
from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow

PROFILE = "profile"


class Target(msgspec.Struct, frozen=True):
    set_id: str
    criterion: str
    year: int | None
    plan: str


def profile_doc(s: Session, p: UnitProfile) -> dict[str, Any]:
    """The ``profile`` object of the unit ``p`` (officers from ``p``, targets from the data file)."""
    rows = s.scalars(
        select(m.CriterionTarget)
        .where(m.CriterionTarget.unit_code == p.code)
        .order_by(m.CriterionTarget.set_id, m.CriterionTarget.criterion_code)
    )
    return {
        "officers": [
            {"name": o.name, "title": o.title, "signs_as": o.signs_as, "is_signer": o.is_signer}
            for o in p.officers
        ],
        "receiving_unit": {"name": p.receiving_unit_name, "level": p.receiving_unit_level},
        "targets": [
            {"set": t.set_id, "criterion": t.criterion_code, "year": t.target_year, "plan": t.plan}
            for t in rows
        ],
    }


def read_profile(base: UnitProfile, doc: object) -> tuple[UnitProfile, list[Target]]:
    """``base`` completed with the profile object's officers and receiving unit, and its targets.

    A missing or malformed profile leaves ``base`` as it is (an older app's bundle has none)."""
    if not isinstance(doc, dict):
        return base, []
    profile = base
    officers = doc.get("officers")
    if isinstance(officers, list):
        profile = replace(profile, officers=tuple(_officer(o) for o in officers if isinstance(o, dict)))
    receiving = doc.get("receiving_unit")
    if isinstance(receiving, dict):
        name, level = receiving.get("name"), receiving.get("level")
        if isinstance(name, str):
            profile = replace(profile, receiving_unit_name=name)
        if isinstance(level, str):
            profile = replace(profile, receiving_unit_level=level)
    try:
        profile = profile.cleaned()
    except InvalidInput:
        profile = base
    return profile, _targets(doc.get("targets"))


def _officer(o: dict[str, Any]) -> Officer:
    def text(key: str) -> str:
        value = o.get(key)
        return value if isinstance(value, str) else ""

    return Officer(text("name"), text("title"), text("signs_as"), o.get("is_signer") is True)


def _targets(raw: object) -> list[Target]:
    found = []
    for t in raw if isinstance(raw, list) else []:
        if (
            not isinstance(t, dict)
            or not isinstance(t.get("set"), str)
            or not isinstance(t.get("criterion"), str)
        ):
            continue
        year = t.get("year")
        year = year if isinstance(year, int) and not isinstance(year, bool) and 2000 <= year <= 2100 else None
        plan = t.get("plan")
        found.append(Target(t["set"], t["criterion"], year, clean(plan) if isinstance(plan, str) else ""))
    return found


def store_officers(s: Session, code: str, officers: tuple[Officer, ...], new_unit: bool = False) -> None:
    """Replace the unit's officers (the old rows are soft-deleted) when they differ. ``new_unit``: the
    unit's row is being made in this transaction, so it has no officers to read."""
    rows = []
    if not new_unit:
        query = select(m.Officer).where(m.Officer.unit_code == code, m.Officer.deleted_at.is_(None))
        rows = list(s.scalars(query.order_by(m.Officer.created_at)))
    if tuple(Officer(r.name, r.title, r.signs_as or "", r.is_signer) for r in rows) == officers:
        return
    for row in rows:
        row.deleted_at = utcnow()
    for o in officers:
        s.add(m.Officer(unit_code=code, name=o.name, title=o.title, signs_as=o.signs_as or None,
                        is_signer=o.is_signer))  # fmt: skip


def store_targets(s: Session, code: str, targets: list[Target]) -> None:
    """Set the unit's targets to ``targets`` (one row per set and criterion)."""
    for t in targets:
        row = s.scalar(
            select(m.CriterionTarget).where(
                m.CriterionTarget.unit_code == code,
                m.CriterionTarget.set_id == t.set_id,
                m.CriterionTarget.criterion_code == t.criterion,
            )
        )
        if row is None:
            row = m.CriterionTarget(unit_code=code, set_id=t.set_id, criterion_code=t.criterion)
            s.add(row)
        row.target_year, row.plan = t.year, t.plan
