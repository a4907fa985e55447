"""Reading the parts of a criteria-set file that hold values: thresholds, requirement texts by key and
citations (``source``). Used by :func:`~ntm_desktop.criteria.reading.parse_set`."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, cast

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.checker import Reader, at
from ntm_desktop.criteria.model import (
    COMMUNE_GROUPS,
    REGIONS,
    Citation,
    Dimension,
    Kind,
    Pairs,
    Texts,
    Threshold,
    Value,
)

_CITATION_KEYS = (("document", True), ("part", False), ("date", False))
_THRESHOLD_KEYS = (("general", False), ("by_region", False), ("by_group", False))


def dimension_keys(dimension: Dimension) -> tuple[str, ...]:
    return REGIONS if dimension == "region" else COMMUNE_GROUPS


def read_citation(r: Reader, d: dict[str, Any], path: str) -> Citation | None:
    """``source``: null, or where the values and texts are written (document, part, date)."""
    where = at(path, "source")
    raw = d.get("source")
    c = None if raw is None else r.obj(raw, where, _CITATION_KEYS)
    if c is None:
        return None
    document = r.text(c, "document", where, empty_ok=False)
    return Citation(document, r.text(c, "part", where), r.date(c, "date", where, optional=True))


def read_texts(r: Reader, d: dict[str, Any], path: str, allowed: tuple[str, ...]) -> Texts:
    """``requirement_by_key``: requirement text per region or commune group, by the set's dimension."""
    raw = d.get("requirement_by_key", {})
    where = at(path, "requirement_by_key")
    if not isinstance(raw, dict):
        r.fail(where, tr("must be an object"))
        return ()
    found: dict[str, str] = {}
    for name, text in raw.items():
        if name not in allowed:
            r.fail(at(where, name), tr("unknown key; use one of: {choices}", choices=", ".join(allowed)))
        elif not isinstance(text, str) or not clean(text):
            r.fail(at(where, name), tr("must be non-empty text"))
        else:
            found[name] = clean(text)
    return tuple((k, found[k]) for k in allowed if k in found)


def check_unit(r: Reader, kind: Kind, unit: str, path: str) -> None:
    if kind == "percent" and unit != "%":
        r.fail(at(path, "unit"), tr("must be % for a percent indicator"))
    if kind == "boolean" and unit:
        r.fail(at(path, "unit"), tr("must be empty for a yes/no indicator"))


def read_threshold(r: Reader, data: object, path: str, kind: Kind, dimension: Dimension) -> Threshold:
    d = r.obj(data, path, _THRESHOLD_KEYS)
    if d is None:
        return Threshold()
    general = None
    if d.get("general") is not None:
        general = _json_value(r, d["general"], at(path, "general"), kind)
    by_region = _read_pairs(r, d, "by_region", path, kind, REGIONS if dimension == "region" else ())
    by_group = _read_pairs(r, d, "by_group", path, kind, COMMUNE_GROUPS if dimension == "group" else ())
    return Threshold(general, by_region, by_group)


def _read_pairs(
    r: Reader, d: dict[str, Any], key: str, path: str, kind: Kind, allowed: tuple[str, ...]
) -> Pairs:
    raw = d.get(key, {})
    where = at(path, key)
    if not isinstance(raw, dict):
        r.fail(where, tr("must be an object"))
        return ()
    if raw and not allowed:
        r.fail(where, tr("must be empty: the set's dimension does not use it"))
        return ()
    found: dict[str, Value] = {}
    for name, value in raw.items():
        if name not in allowed:
            r.fail(at(where, name), tr("unknown key; use one of: {choices}", choices=", ".join(allowed)))
        elif value is None:
            r.fail(at(where, name), tr("must be a value; leave the key out when there is none"))
        else:
            found[name] = _json_value(r, value, at(where, name), kind)
    return tuple((k, found[k]) for k in allowed if k in found)


def _json_value(r: Reader, raw: object, path: str, kind: Kind) -> Value:
    """A threshold value as JSON holds it: a number for percent/number, true/false, or level text."""
    message = threshold_problem(kind, raw)
    if message:
        r.fail(path, message)
        return False if kind == "boolean" else ""
    return to_value(kind, raw)


def threshold_problem(kind: Kind, raw: object) -> str:
    """What is wrong with ``raw`` as a threshold of this kind, or "" when nothing is."""
    if kind == "boolean":
        return "" if isinstance(raw, bool) else tr("must be true or false")
    if kind == "level":
        return "" if isinstance(raw, str) and clean(raw) else tr("must be non-empty text")
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        return tr("must be a number")
    if isinstance(raw, float | Decimal) and not math.isfinite(raw):
        return tr("must be a number")
    if raw < 0:
        return tr("must not be negative")
    if kind == "percent" and raw > 100:
        return tr("must be from {low} to {high}", low=0, high=100)
    return ""


def to_value(kind: Kind, raw: object) -> Value:
    """Convert an already checked JSON value: numbers to Decimal (floats through their shortest text)."""
    if kind == "boolean":
        return bool(raw)
    if kind == "level":
        return clean(str(raw))
    if isinstance(raw, Decimal):
        return raw
    return Decimal(str(raw)) if isinstance(raw, float) else Decimal(cast(int, raw))
