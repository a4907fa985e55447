"""Exporting the commune's records as one records-v1 document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.records import assessments
from ntm_desktop.records.reader import FORMAT, VERSION
from ntm_desktop.services.ledger.stores import STORES, put


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
    named_set, assessed = assessments.export(s, code)
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "unit": unit_doc(profile)}
    put(doc, "criteria_set", named_set)
    doc["assessments"] = assessed
    query = select(m.Supporter.uid, m.Supporter.record_id).where(m.Supporter.unit_code == code)
    record_ids = {uid: record_id for uid, record_id in s.execute(query)}
    for store in STORES:
        views = sorted(store.all_views(s, code), key=store.sort_key)
        doc[store.list_name] = [{"id": v.record_id} | store.doc(v, record_ids) for v in views]
    return doc
