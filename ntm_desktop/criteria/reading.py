"""Reading and checking criteria-set files: every problem reported at once, each with its path."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from ntm_desktop.core.compat import FormatVersion, Reading, reading, strict
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.checker import ABSENT, Reader, at
from ntm_desktop.criteria.model import (
    DIMENSIONS,
    DIRECTIONS,
    KINDS,
    LEVELS,
    Citation,
    CriteriaSet,
    Criterion,
    Dimension,
    Direction,
    Group,
    Indicator,
    Kind,
    LegalBasis,
    Level,
    Threshold,
)
from ntm_desktop.criteria.reading_values import (
    check_unit,
    dimension_keys,
    read_citation,
    read_texts,
    read_threshold,
    threshold_problem,
    to_value,
)

__all__ = [
    "DIRECTIONS_FOR",
    "FORMAT",
    "FORMAT_VERSION",
    "parse_set",
    "read_set",
    "threshold_problem",
    "to_value",
]

FORMAT = "ntm-criteria-set"
FORMAT_VERSION = 2
MINE = FormatVersion(FORMAT_VERSION)
OLDER = (1,)
"""Version 2 added citations (``source``, ``legal_basis.part``), ``requirement_by_key`` and ``delegated``;
a version-1 file is read as it is (it has none of them)."""

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Keys in the order files list them; the second item says whether the key is required.
_SET_KEYS = (
    ("format", True), ("format_version", True), ("id", True), ("revision", True), ("name_vi", True),
    ("name_en", False), ("level", True), ("period", True), ("legal_basis", True), ("dimension", True),
    ("sources", False), ("note_vi", False), ("note_en", False), ("groups", True), ("criteria", True),
)  # fmt: skip
_PERIOD_KEYS = (("from", True), ("to", True))
_BASIS_KEYS = (("document", True), ("date", True), ("issuer", False), ("effective", False), ("part", False))
_GROUP_KEYS = (("code", True), ("name_vi", True), ("name_en", False), ("confirmed", False))
_CRITERION_KEYS = (
    ("code", True), ("group", True), ("name_vi", True), ("name_en", False), ("confirmed", True),
    ("sources", False), ("requirement_vi", False), ("requirement_en", False),
    ("requirement_by_key", False), ("requirement_confirmed", False), ("source", False),
    ("delegated", False), ("note", False), ("indicators", True),
)  # fmt: skip
_INDICATOR_KEYS = (
    ("code", True), ("name_vi", True), ("name_en", False), ("unit", False), ("kind", True),
    ("direction", True), ("threshold", True), ("requirement_vi", False), ("requirement_en", False),
    ("requirement_by_key", False), ("confirmed", True), ("threshold_confirmed", True), ("source", False),
    ("delegated", False), ("sources", False), ("note", False),
)  # fmt: skip

DIRECTIONS_FOR: dict[str, tuple[str, ...]] = {
    "percent": DIRECTIONS,
    "number": DIRECTIONS,
    "boolean": ("=",),
    "level": ("=",),
}


def parse_set(data: object) -> CriteriaSet:
    """Check a criteria-set dict and build the set; raises :class:`InvalidInput` listing every problem."""
    return read_set(data)[0]


def read_set(data: object) -> tuple[CriteriaSet, Reading]:
    """:func:`parse_set`, and the fields of a newer minor version it set aside (``docs/compatibility.md``)."""
    found = reading(data.get("format_version") if isinstance(data, dict) else None, MINE, OLDER)
    r = Reader(found if found is not None and not found.unreadable else strict(MINE))
    d = r.obj(data, "", _SET_KEYS)
    if d is None:
        raise InvalidInput(r.problems)
    if d.get("format") != FORMAT:
        raise InvalidInput([Problem("format", tr("this is not a criteria-set file"))])
    if found is not None and found.too_new:
        raise InvalidInput(
            [Problem("format_version", tr("the file was made by a newer version of the app; update the app"))]
        )
    if "format_version" in d and (found is None or found.unreadable):
        r.fail("format_version", tr("must be {version}", version=FORMAT_VERSION))
    set_id = d.get("id")
    if not isinstance(set_id, str) or not _ID.match(set_id):
        r.fail("id", tr("must be lowercase letters, digits and dashes, like vn-ntm-xa-2021-2025"))
        set_id = str(set_id)
    dimension = cast(Dimension, r.choice(d, "dimension", "", DIMENSIONS))
    period_from, period_to = _read_period(r, d.get("period", ABSENT))
    groups = _read_groups(r, d)
    legal_basis = _read_basis(r, d.get("legal_basis", ABSENT))
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
        criteria=_read_criteria(r, d, {g.code for g in groups}, dimension, legal_basis.citation),
    )
    if r.problems:
        raise InvalidInput(r.problems)
    assert r.reading is not None
    return cs, r.reading


def _read_period(r: Reader, data: object) -> tuple[int, int]:
    d = r.obj(data, "period", _PERIOD_KEYS)
    if d is None:
        return 0, 0
    start = r.whole(d, "from", "period", 1990, 2100)
    end = r.whole(d, "to", "period", 1990, 2100)
    if start > end:
        r.fail("period", tr("the first year must not be after the last"))
    return start, end


def _read_basis(r: Reader, data: object) -> LegalBasis:
    d = r.obj(data, "legal_basis", _BASIS_KEYS)
    if d is None:
        return LegalBasis("", dt.date.min)
    document = r.text(d, "document", "legal_basis", empty_ok=False)
    signed = r.date(d, "date", "legal_basis")
    effective = r.date(d, "effective", "legal_basis", optional=True)
    issuer = r.text(d, "issuer", "legal_basis")
    part = r.text(d, "part", "legal_basis")
    return LegalBasis(document, signed or dt.date.min, issuer, effective, part)


def _read_groups(r: Reader, d: dict[str, Any]) -> tuple[Group, ...]:
    groups: list[Group] = []
    for path, item in r.items(d, "groups", ""):
        g = r.obj(item, path, _GROUP_KEYS)
        if g is None:
            continue
        code = r.code(g, "code", path)
        if any(other.code == code for other in groups):
            r.fail(at(path, "code"), tr("the code {code} is used twice", code=code))
        name_vi = r.text(g, "name_vi", path, empty_ok=False)
        groups.append(Group(code, name_vi, r.text(g, "name_en", path), r.flag(g, "confirmed", path)))
    return tuple(groups)


def _read_criteria(
    r: Reader, d: dict[str, Any], group_codes: set[str], dimension: Dimension, basis: Citation
) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    seen_indicators: set[str] = set()
    for path, item in r.items(d, "criteria", ""):
        c = r.obj(item, path, _CRITERION_KEYS)
        if c is None:
            continue
        code = r.code(c, "code", path)
        if any(other.code == code for other in criteria):
            r.fail(at(path, "code"), tr("the code {code} is used twice", code=code))
        group = c.get("group")
        if group is not None and (not isinstance(group, str) or group not in group_codes):
            r.fail(at(path, "group"), tr("must be the code of a group listed in groups, or null"))
            group = None
        indicators: list[Indicator] = []
        for ipath, raw in r.items(c, "indicators", path):
            indicator = _read_indicator(r, raw, ipath, code, dimension, basis)
            if indicator is None:
                continue
            if indicator.code in seen_indicators:
                r.fail(at(ipath, "code"), tr("the code {code} is used twice", code=indicator.code))
            seen_indicators.add(indicator.code)
            indicators.append(indicator)
        source = read_citation(r, c, path)
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
            requirement_by_key=read_texts(r, c, path, dimension_keys(dimension)),
            requirement_confirmed=r.flag(c, "requirement_confirmed", path),
            source=source,
            delegated=r.flag(c, "delegated", path),
            note=r.text(c, "note", path),
            cited=source or basis,
        )
        has_text = criterion.requirement_vi or criterion.requirement_by_key
        if criterion.requirement_confirmed and not has_text:
            r.fail(at(path, "requirement_confirmed"), tr("can only be true when requirement_vi is given"))
        criteria.append(criterion)
    return tuple(criteria)


def _read_indicator(
    r: Reader, data: object, path: str, criterion_code: str, dimension: Dimension, basis: Citation
) -> Indicator | None:
    d = r.obj(data, path, _INDICATOR_KEYS)
    if d is None:
        return None
    code = r.code(d, "code", path)
    if code != criterion_code and not code.startswith(criterion_code + "."):
        r.fail(at(path, "code"), tr("must be {code} or start with {code}.", code=criterion_code))
    known_kind = d.get("kind") in KINDS
    kind = cast(Kind, r.choice(d, "kind", path, KINDS))
    unit = r.text(d, "unit", path)
    direction = d.get("direction")
    threshold = Threshold()
    if known_kind:  # the checks below depend on the kind: skip them rather than report noise
        check_unit(r, kind, unit, path)
        if direction is not None and direction not in DIRECTIONS_FOR[kind]:
            choices = ", ".join(DIRECTIONS_FOR[kind])
            r.fail(at(path, "direction"), tr("must be null or one of: {choices}", choices=choices))
            direction = None
        threshold = read_threshold(r, d.get("threshold", ABSENT), at(path, "threshold"), kind, dimension)
        if threshold.has_any() and direction is None and "direction" in d:
            r.fail(at(path, "direction"), tr("is required when a threshold is set"))
    source = read_citation(r, d, path)
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
        requirement_by_key=read_texts(r, d, path, dimension_keys(dimension)),
        confirmed=r.flag(d, "confirmed", path),
        threshold_confirmed=r.flag(d, "threshold_confirmed", path),
        source=source,
        delegated=r.flag(d, "delegated", path),
        sources=r.texts(d, "sources", path),
        note=r.text(d, "note", path),
        cited=source or basis,
    )
    has_text = indicator.requirement_vi or indicator.requirement_by_key
    if indicator.threshold_confirmed and not (threshold.has_any() or has_text):
        r.fail(
            at(path, "threshold_confirmed"),
            tr("can only be true when a threshold or requirement_vi is given"),
        )
    return indicator
