"""Exporting the commune's records as one records-v1 document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.records.reader import FORMAT
from ntm_desktop.records.versions import versioned
from ntm_desktop.services.kinds.fields import put
from ntm_desktop.services.kinds.registry import KINDS


def unit_doc(p: UnitProfile) -> dict[str, Any]:
    doc: dict[str, Any] = {"code": p.code, "name": p.name, "type": p.type, "province_code": p.province_code}
    put(doc, "province_name", p.province_name)
    put(doc, "district_name", p.district_name)
    put(doc, "region", p.region)
    put(doc, "group", p.group)
    put(doc, "villages", list(p.villages))
    put(doc, "predecessors", list(p.predecessors))
    return doc


def export(s: Session, profile: UnitProfile) -> dict[str, Any]:
    """Every live record of the commune, in a stable order (by date, name and id)."""
    code = profile.code
    doc: dict[str, Any] = {"format": FORMAT, "version": 1, "unit": unit_doc(profile)}
    query = select(m.Supporter.uid, m.Supporter.record_id).where(m.Supporter.unit_code == code)
    record_ids = {uid: record_id for uid, record_id in s.execute(query)}
    lists = {}
    for kind in KINDS:
        views = sorted(kind.all_views(s, code), key=kind.sort_key)
        doc |= kind.header(views)  # e.g. the criteria set the assessments were judged under
        lists[kind.list_name] = [{"id": v.record_id} | kind.doc(v, record_ids) for v in views]
    doc["version"], written = versioned(lists)
    return doc | written
