"""Writing a criteria set back to its file shape; the exact inverse of :func:`parse_set`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ntm_desktop.criteria.model import (
    Citation,
    CriteriaSet,
    Criterion,
    Indicator,
    Value,
)
from ntm_desktop.criteria.reading import FORMAT, FORMAT_VERSION


def _json_of(value: Value) -> bool | int | float | str:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _citation(c: Citation | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"document": c.document, "part": c.part, "date": c.date.isoformat() if c.date else None}


def set_to_dict(cs: CriteriaSet) -> dict[str, Any]:
    """The JSON-ready dict of a set: every field written, in the documented order."""
    basis = cs.legal_basis
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": cs.id,
        "revision": cs.revision,
        "name_vi": cs.name_vi,
        "name_en": cs.name_en,
        "level": cs.level,
        "period": {"from": cs.period_from, "to": cs.period_to},
        "legal_basis": {
            "document": basis.document,
            "date": basis.date.isoformat(),
            "issuer": basis.issuer,
            "effective": basis.effective.isoformat() if basis.effective else None,
            "part": basis.part,
        },
        "dimension": cs.dimension,
        "sources": list(cs.sources),
        "note_vi": cs.note_vi,
        "note_en": cs.note_en,
        "groups": [
            {"code": g.code, "name_vi": g.name_vi, "name_en": g.name_en, "confirmed": g.confirmed}
            for g in cs.groups
        ],
        "criteria": [_criterion_dict(c) for c in cs.criteria],
    }


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    return {
        "code": c.code,
        "group": c.group,
        "name_vi": c.name_vi,
        "name_en": c.name_en,
        "confirmed": c.confirmed,
        "sources": list(c.sources),
        "requirement_vi": c.requirement_vi,
        "requirement_en": c.requirement_en,
        "requirement_by_key": dict(c.requirement_by_key),
        "requirement_confirmed": c.requirement_confirmed,
        "source": _citation(c.source),
        "delegated": c.delegated,
        "note": c.note,
        "indicators": [_indicator_dict(i) for i in c.indicators],
    }


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    t = i.threshold
    return {
        "code": i.code,
        "name_vi": i.name_vi,
        "name_en": i.name_en,
        "unit": i.unit,
        "kind": i.kind,
        "direction": i.direction,
        "threshold": {
            "general": None if t.general is None else _json_of(t.general),
            "by_region": {k: _json_of(v) for k, v in t.by_region},
            "by_group": {k: _json_of(v) for k, v in t.by_group},
        },
        "requirement_vi": i.requirement_vi,
        "requirement_en": i.requirement_en,
        "requirement_by_key": dict(i.requirement_by_key),
        "confirmed": i.confirmed,
        "threshold_confirmed": i.threshold_confirmed,
        "source": _citation(i.source),
        "delegated": i.delegated,
        "sources": list(i.sources),
        "note": i.note,
    }
