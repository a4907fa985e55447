"""Read, check and write criteria-set files (``docs/criteria-set-format.md``).

``parse_set`` checks a whole file and reports every problem at once, each with its path
(``criteria[3].indicators[1].kind: …``), so a province officer fixing a file sees all that is wrong.
``set_to_dict`` is its exact inverse: the dict is what the workspace stores and what files contain.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

from ntm_desktop.core.compat import Reading
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsyntax import syntax_reason
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.core.resources import resource
from ntm_desktop.criteria.evaluate import too_large, validate_value
from ntm_desktop.criteria.in_force import set_for_year
from ntm_desktop.criteria.model import (
    COMMUNE_GROUPS,
    REGIONS,
    CriteriaSet,
    Criterion,
    Dimension,
    Direction,
    Indicator,
    Threshold,
    Value,
)
from ntm_desktop.criteria.reading import DIRECTIONS_FOR, parse_set, read_set, to_value
from ntm_desktop.criteria.writing import set_to_dict

__all__ = [
    "builtin_sets",
    "default_set_id_for_year",
    "group_period_for_year",
    "load_set_file",
    "parse_set",
    "set_to_dict",
    "to_value",
    "with_threshold",
]


def load_set_file(path: str | Path) -> CriteriaSet:
    """Read and check a criteria-set JSON file."""
    return read_set_file(path)[0]


def read_set_file(path: str | Path) -> tuple[CriteriaSet, Reading]:
    """:func:`load_set_file`, and the fields of a newer minor version it set aside."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(tr("{path} is not a UTF-8 text file.", path=str(path))) from None
    except OSError as exc:
        raise InvalidInput(
            tr("Cannot read the file {path}: {error}", path=str(path), error=os_reason(exc))
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            tr(
                "{path} is not valid JSON: line {line}, column {column}: {reason}",
                path=str(path),
                line=exc.lineno,
                column=exc.colno,
                reason=syntax_reason(exc),
            )
        ) from exc
    return read_set(data)


@cache
def _builtin() -> tuple[CriteriaSet, ...]:
    folder = resource("criteria")
    found = [
        parse_set(json.loads(entry.read_text(encoding="utf-8")))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    ]
    return tuple(sorted(found, key=lambda cs: (cs.period_from, cs.id)))


def builtin_sets() -> list[CriteriaSet]:
    """The sets shipped with the app, oldest period first."""
    return list(_builtin())


@cache
def default_set_id_for_year(year: int) -> str | None:
    """The shipped national set a year is judged under, by the decisions' dates of effect
    (:mod:`ntm_desktop.criteria.in_force`: 2021 → vn-ntm-xa-2016-2020, QĐ 318 took effect on 08/03/2022),
    or None. Records files and bundles name a set only when it is not this one. Kept per year: the
    shipped sets never change while the app runs, and a bundle asks once per assessment."""
    found = set_for_year(_builtin(), year)
    return found.id if found else None


def group_period_for_year(year: int) -> str | None:
    """ "2026-2030": the period of the set that groups communes (by commune group) and judges ``year``;
    None when that year's set varies by region (before 2026)."""
    found = set_for_year(_builtin(), year)
    if found is None or found.dimension != "group":
        return None
    return f"{found.period_from}-{found.period_to}"


def with_threshold(
    cs: CriteriaSet,
    indicator_code: str,
    dimension_key: str | int | None,
    value: object,
    *,
    direction: Direction | None = None,
) -> CriteriaSet:
    """A copy of the set, one revision up, with one threshold set (``value``) or cleared (``None``).

    ``dimension_key`` is a region code or a commune group (1, 2, 3) by the set's dimension, or None for
    the general value. ``value`` may be typed text ("80", "80,5", "có"). Editing clears
    ``threshold_confirmed``: an edited value is the province's, not the cited source's.
    """
    indicator = cs.find_indicator(indicator_code)
    if indicator is None:
        raise NotFound(tr("There is no indicator {code} in this criteria set", code=indicator_code))
    key = None if dimension_key is None else str(dimension_key)
    if key is not None and key not in cs.dimension_keys:
        choices = ", ".join(cs.dimension_keys)
        raise InvalidInput(tr("Choose one of: {choices}", choices=choices), field="threshold")
    if direction is not None and direction not in DIRECTIONS_FOR[indicator.kind]:
        raise InvalidInput(tr("This comparison cannot be used for this indicator"), field="direction")
    new_value = None if value is None else validate_value(indicator, value)
    if too_large(new_value):  # typed (``criteria threshold --value``), so refused here, not by parse_set
        raise InvalidInput(too_large(new_value), field=indicator.code)
    threshold = _put(indicator.threshold, cs.dimension, key, new_value)
    new_direction = direction or indicator.direction
    if threshold.has_any() and new_direction is None:
        if indicator.kind not in ("boolean", "level"):
            raise InvalidInput(
                tr("Choose whether the value must be at least, at most or exactly the threshold"),
                field="direction",
            )
        new_direction = "="
    changed = threshold != indicator.threshold or new_direction != indicator.direction
    edited = replace(
        indicator,
        threshold=threshold,
        direction=new_direction,
        threshold_confirmed=indicator.threshold_confirmed and not changed,
    )
    return replace(cs, revision=cs.revision + 1, criteria=_swap(cs.criteria, edited))


def _put(t: Threshold, dimension: Dimension, key: str | None, value: Value | None) -> Threshold:
    if key is None:
        return replace(t, general=value)
    keys = REGIONS if dimension == "region" else COMMUNE_GROUPS
    pairs = t.by_region if dimension == "region" else t.by_group
    found = {k: v for k, v in pairs if k != key}
    if value is not None:
        found[key] = value
    ordered = tuple((k, found[k]) for k in keys if k in found)
    return replace(t, by_region=ordered) if dimension == "region" else replace(t, by_group=ordered)


def _swap(criteria: tuple[Criterion, ...], edited: Indicator) -> tuple[Criterion, ...]:
    def one(c: Criterion) -> Criterion:
        return replace(c, indicators=tuple(edited if i.code == edited.code else i for i in c.indicators))

    return tuple(one(c) for c in criteria)
