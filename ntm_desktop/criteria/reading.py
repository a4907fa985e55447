"""Reading and checking criteria-set files: every problem reported at once, each with its path."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any, cast

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.model import (
    COMMUNE_GROUPS,
    DIMENSIONS,
    DIRECTIONS,
    KINDS,
    LEVELS,
    REGIONS,
    CriteriaSet,
    Criterion,
    Dimension,
    Direction,
    Group,
    Indicator,
    Kind,
    LegalBasis,
    Level,
    Pairs,
    Threshold,
    Value,
)

FORMAT = "ntm-criteria-set"
FORMAT_VERSION = 1

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Keys in the order files list them; the second item says whether the key is required.
_SET_KEYS = (
    ("format", True), ("format_version", True), ("id", True), ("revision", True), ("name_vi", True),
    ("name_en", False), ("level", True), ("period", True), ("legal_basis", True), ("dimension", True),
    ("sources", False), ("note_vi", False), ("note_en", False), ("groups", True), ("criteria", True),
)  # fmt: skip
_PERIOD_KEYS = (("from", True), ("to", True))
_BASIS_KEYS = (("document", True), ("date", True), ("issuer", False), ("effective", False))
_GROUP_KEYS = (("code", True), ("name_vi", True), ("name_en", False), ("confirmed", False))
_CRITERION_KEYS = (
    ("code", True), ("group", True), ("name_vi", True), ("name_en", False), ("confirmed", True),
    ("sources", False), ("requirement_vi", False), ("requirement_en", False),
    ("requirement_confirmed", False), ("note", False), ("indicators", True),
)  # fmt: skip
_INDICATOR_KEYS = (
    ("code", True), ("name_vi", True), ("name_en", False), ("unit", False), ("kind", True),
    ("direction", True), ("threshold", True), ("requirement_vi", False), ("requirement_en", False),
    ("confirmed", True), ("threshold_confirmed", True), ("sources", False), ("note", False),
)  # fmt: skip
_THRESHOLD_KEYS = (("general", False), ("by_region", False), ("by_group", False))

DIRECTIONS_FOR: dict[str, tuple[str, ...]] = {
    "percent": DIRECTIONS,
    "number": DIRECTIONS,
    "boolean": ("=",),
    "level": ("=",),
}


_ABSENT = object()
"""Stands for a key that is missing (already reported as required)."""


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, data: object, path: str, keys: tuple[tuple[str, bool], ...]) -> dict[str, Any] | None:
        if data is _ABSENT:
            return None
        if not isinstance(data, dict):
            self.fail(path, tr("must be an object"))
            return None
        known = {k for k, _ in keys}
        for key in data:
            if key not in known:
                self.fail(_at(path, str(key)), tr("unknown field"))
        for key, required in keys:
            if required and key not in data:
                self.fail(_at(path, key), tr("is required"))
        return data

    def text(self, d: dict[str, Any], key: str, path: str, *, empty_ok: bool = True) -> str:
        if key not in d:
            return ""
        raw = d[key]
        if not isinstance(raw, str):
            self.fail(_at(path, key), tr("must be text"))
            return ""
        value = clean(raw)
        if not value and not empty_ok:
            self.fail(_at(path, key), tr("must not be empty"))
        return value

    def flag(self, d: dict[str, Any], key: str, path: str) -> bool:
        if key not in d:
            return False
        raw = d[key]
        if not isinstance(raw, bool):
            self.fail(_at(path, key), tr("must be true or false"))
            return False
        return raw

    def whole(self, d: dict[str, Any], key: str, path: str, low: int, high: int) -> int:
        if key not in d:
            return low
        raw = d[key]
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(_at(path, key), tr("must be a whole number"))
            return low
        if not low <= raw <= high:
            self.fail(_at(path, key), tr("must be from {low} to {high}", low=low, high=high))
        return raw

    def choice(self, d: dict[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str:
        raw = d.get(key)
        if key not in d:
            return choices[0]
        if raw not in choices:
            self.fail(_at(path, key), tr("must be one of: {choices}", choices=", ".join(choices)))
            return choices[0]
        return cast(str, raw)

    def code(self, d: dict[str, Any], key: str, path: str) -> str:
        if key not in d:
            return ""
        raw = d[key]
        if not isinstance(raw, str) or not _CODE.match(raw):
            self.fail(_at(path, key), tr("must be a code like 3 or 3.1"))
            return str(raw)
        return raw

    def date(self, d: dict[str, Any], key: str, path: str, *, optional: bool = False) -> dt.date | None:
        raw = d.get(key)
        if key not in d or (raw is None and optional):
            return None
        try:
            if isinstance(raw, str) and _DATE.match(raw):
                return dt.date.fromisoformat(raw)
        except ValueError:
            pass
        self.fail(_at(path, key), tr("must be a date written YYYY-MM-DD"))
        return None

    def texts(self, d: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        raw = d.get(key, [])
        if not isinstance(raw, list):
            self.fail(_at(path, key), tr("must be a list"))
            return ()
        out: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not clean(item):
                self.fail(_at(_at(path, key), i), tr("must be non-empty text"))
            else:
                out.append(clean(item))
        return tuple(out)

    def items(self, d: dict[str, Any], key: str, path: str) -> list[tuple[str, object]]:
        raw = d.get(key, [])
        if not isinstance(raw, list):
            self.fail(_at(path, key), tr("must be a list"))
            return []
        return [(_at(_at(path, key), i), item) for i, item in enumerate(raw)]


def parse_set(data: object) -> CriteriaSet:
    """Check a criteria-set dict and build the set; raises :class:`InvalidInput` listing every problem."""
    r = _Reader()
    d = r.obj(data, "", _SET_KEYS)
    if d is None:
        raise InvalidInput(r.problems)
    if d.get("format") != FORMAT:
        raise InvalidInput([Problem("format", tr("this is not a criteria-set file"))])
    version = d.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InvalidInput(
            [Problem("format_version", tr("the file was made by a newer version of the app; update the app"))]
        )
    if "format_version" in d and version != FORMAT_VERSION:
        r.fail("format_version", tr("must be {version}", version=FORMAT_VERSION))
    set_id = d.get("id")
    if not isinstance(set_id, str) or not _ID.match(set_id):
        r.fail("id", tr("must be lowercase letters, digits and dashes, like vn-ntm-xa-2021-2025"))
        set_id = str(set_id)
    dimension = cast(Dimension, r.choice(d, "dimension", "", DIMENSIONS))
    period_from, period_to = _read_period(r, d.get("period", _ABSENT))
    groups = _read_groups(r, d)
    legal_basis = _read_basis(r, d.get("legal_basis", _ABSENT))
    cs = CriteriaSet(
        id=set_id,
        revision=r.whole(d, "revision", "", 1, 1_000_000),
        name_vi=r.text(d, "name_vi", "", empty_ok=False),
        name_en=r.text(d, "name_en", ""),
        level=cast(Level, r.choice(d, "level", "", LEVELS)),
        period_from=period_from,
        period_to=period_to,
        legal_basis=legal_basis,
        dimension=dimension,
        sources=r.texts(d, "sources", ""),
        note_vi=r.text(d, "note_vi", ""),
        note_en=r.text(d, "note_en", ""),
        groups=groups,
        criteria=_read_criteria(r, d, {g.code for g in groups}, dimension, legal_basis.document),
    )
    if r.problems:
        raise InvalidInput(r.problems)
    return cs


def _read_period(r: _Reader, data: object) -> tuple[int, int]:
    d = r.obj(data, "period", _PERIOD_KEYS)
    if d is None:
        return 0, 0
    start = r.whole(d, "from", "period", 1990, 2100)
    end = r.whole(d, "to", "period", 1990, 2100)
    if start > end:
        r.fail("period", tr("the first year must not be after the last"))
    return start, end


def _read_basis(r: _Reader, data: object) -> LegalBasis:
    d = r.obj(data, "legal_basis", _BASIS_KEYS)
    if d is None:
        return LegalBasis("", dt.date.min)
    document = r.text(d, "document", "legal_basis", empty_ok=False)
    signed = r.date(d, "date", "legal_basis")
    effective = r.date(d, "effective", "legal_basis", optional=True)
    issuer = r.text(d, "issuer", "legal_basis")
    return LegalBasis(document, signed or dt.date.min, issuer, effective)


def _read_groups(r: _Reader, d: dict[str, Any]) -> tuple[Group, ...]:
    groups: list[Group] = []
    for path, item in r.items(d, "groups", ""):
        g = r.obj(item, path, _GROUP_KEYS)
        if g is None:
            continue
        code = r.code(g, "code", path)
        if any(other.code == code for other in groups):
            r.fail(_at(path, "code"), tr("the code {code} is used twice", code=code))
        name_vi = r.text(g, "name_vi", path, empty_ok=False)
        groups.append(Group(code, name_vi, r.text(g, "name_en", path), r.flag(g, "confirmed", path)))
    return tuple(groups)


def _read_criteria(
    r: _Reader, d: dict[str, Any], group_codes: set[str], dimension: Dimension, document: str
) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    seen_indicators: set[str] = set()
    for path, item in r.items(d, "criteria", ""):
        c = r.obj(item, path, _CRITERION_KEYS)
        if c is None:
            continue
        code = r.code(c, "code", path)
        if any(other.code == code for other in criteria):
            r.fail(_at(path, "code"), tr("the code {code} is used twice", code=code))
        group = c.get("group")
        if group is not None and (not isinstance(group, str) or group not in group_codes):
            r.fail(_at(path, "group"), tr("must be the code of a group listed in groups, or null"))
            group = None
        indicators: list[Indicator] = []
        for ipath, raw in r.items(c, "indicators", path):
            indicator = _read_indicator(r, raw, ipath, code, dimension, document)
            if indicator is None:
                continue
            if indicator.code in seen_indicators:
                r.fail(_at(ipath, "code"), tr("the code {code} is used twice", code=indicator.code))
            seen_indicators.add(indicator.code)
            indicators.append(indicator)
        criterion = Criterion(
            code=code,
            name_vi=r.text(c, "name_vi", path, empty_ok=False),
            group=group,
            name_en=r.text(c, "name_en", path),
            confirmed=r.flag(c, "confirmed", path),
            sources=r.texts(c, "sources", path),
            indicators=tuple(indicators),
            requirement_vi=r.text(c, "requirement_vi", path),
            requirement_en=r.text(c, "requirement_en", path),
            requirement_confirmed=r.flag(c, "requirement_confirmed", path),
            note=r.text(c, "note", path),
        )
        if criterion.requirement_confirmed and not criterion.requirement_vi:
            r.fail(_at(path, "requirement_confirmed"), tr("can only be true when requirement_vi is given"))
        criteria.append(criterion)
    return tuple(criteria)


def _read_indicator(
    r: _Reader, data: object, path: str, criterion_code: str, dimension: Dimension, document: str
) -> Indicator | None:
    d = r.obj(data, path, _INDICATOR_KEYS)
    if d is None:
        return None
    code = r.code(d, "code", path)
    if code != criterion_code and not code.startswith(criterion_code + "."):
        r.fail(_at(path, "code"), tr("must be {code} or start with {code}.", code=criterion_code))
    known_kind = d.get("kind") in KINDS
    kind = cast(Kind, r.choice(d, "kind", path, KINDS))
    unit = r.text(d, "unit", path)
    direction = d.get("direction")
    threshold = Threshold()
    if known_kind:  # the checks below depend on the kind: skip them rather than report noise
        _check_unit(r, kind, unit, path)
        if direction is not None and direction not in DIRECTIONS_FOR[kind]:
            choices = ", ".join(DIRECTIONS_FOR[kind])
            r.fail(_at(path, "direction"), tr("must be null or one of: {choices}", choices=choices))
            direction = None
        threshold = _read_threshold(r, d.get("threshold", _ABSENT), _at(path, "threshold"), kind, dimension)
        if threshold.has_any() and direction is None and "direction" in d:
            r.fail(_at(path, "direction"), tr("is required when a threshold is set"))
    indicator = Indicator(
        code=code,
        name_vi=r.text(d, "name_vi", path, empty_ok=False),
        kind=kind,
        name_en=r.text(d, "name_en", path),
        unit=unit,
        direction=cast(Direction | None, direction),
        threshold=threshold,
        requirement_vi=r.text(d, "requirement_vi", path),
        requirement_en=r.text(d, "requirement_en", path),
        confirmed=r.flag(d, "confirmed", path),
        threshold_confirmed=r.flag(d, "threshold_confirmed", path),
        sources=r.texts(d, "sources", path),
        note=r.text(d, "note", path),
        document=document,
    )
    if indicator.threshold_confirmed and not (threshold.has_any() or indicator.requirement_vi):
        r.fail(
            _at(path, "threshold_confirmed"),
            tr("can only be true when a threshold or requirement_vi is given"),
        )
    return indicator


def _check_unit(r: _Reader, kind: Kind, unit: str, path: str) -> None:
    if kind == "percent" and unit != "%":
        r.fail(_at(path, "unit"), tr("must be % for a percent indicator"))
    if kind == "boolean" and unit:
        r.fail(_at(path, "unit"), tr("must be empty for a yes/no indicator"))


def _read_threshold(r: _Reader, data: object, path: str, kind: Kind, dimension: Dimension) -> Threshold:
    d = r.obj(data, path, _THRESHOLD_KEYS)
    if d is None:
        return Threshold()
    general = None
    if d.get("general") is not None:
        general = _json_value(r, d["general"], _at(path, "general"), kind)
    by_region = _read_pairs(r, d, "by_region", path, kind, REGIONS if dimension == "region" else ())
    by_group = _read_pairs(r, d, "by_group", path, kind, COMMUNE_GROUPS if dimension == "group" else ())
    return Threshold(general, by_region, by_group)


def _read_pairs(
    r: _Reader, d: dict[str, Any], key: str, path: str, kind: Kind, allowed: tuple[str, ...]
) -> Pairs:
    raw = d.get(key, {})
    where = _at(path, key)
    if not isinstance(raw, dict):
        r.fail(where, tr("must be an object"))
        return ()
    if raw and not allowed:
        r.fail(where, tr("must be empty: the set's dimension does not use it"))
        return ()
    found: dict[str, Value] = {}
    for name, value in raw.items():
        if name not in allowed:
            r.fail(_at(where, name), tr("unknown key; use one of: {choices}", choices=", ".join(allowed)))
        elif value is None:
            r.fail(_at(where, name), tr("must be a value; leave the key out when there is none"))
        else:
            found[name] = _json_value(r, value, _at(where, name), kind)
    return tuple((k, found[k]) for k in allowed if k in found)


def _json_value(r: _Reader, raw: object, path: str, kind: Kind) -> Value:
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
