"""Every text of a draft checked at once: the quick pass before the field-by-field one.

A bundle or a records file brings thousands of drafts whose texts are nearly always fine. Checking each
text on its own (:func:`~ntm_desktop.core.text.text_problem`) costs a call and a search per text; here a
draft's texts are measured against their limits and searched for characters that are not allowed in one
go. Only a draft this pass does not clear goes through the field-by-field check that says where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from operator import attrgetter

from ntm_desktop.core.text import not_allowed_in

LimitOf = Callable[[str], int]
"""A field's name → the most characters its text may have."""
_PLAIN = frozenset({int, bool, float, Decimal, date, type(None)})
"""Values that hold no text."""


Plan = tuple[Callable[[object], tuple[object, ...]], tuple[int, ...]]
_PLANS: dict[tuple[type, LimitOf], Plan] = {}


def _plan(kind: type, limit_of: LimitOf) -> Plan:
    """How to read every field of a dataclass in one call, and each field's limit (once per class)."""
    found = _PLANS.get((kind, limit_of))
    if found is None:
        names = [f.name for f in fields(kind)]
        get = attrgetter(*names)
        read = get if len(names) > 1 else lambda d: (get(d),)
        found = _PLANS[(kind, limit_of)] = (read, tuple(limit_of(name) for name in names))
    return found


def texts_fine(draft: object, limit_of: LimitOf) -> bool:
    """Whether every text of ``draft`` (item lines and lists of texts included) is within its limit
    (``limit_of(field name)``) and holds only allowed characters; False means "look closer"."""
    found: list[str] = []
    return _collect(draft, limit_of, found) and not not_allowed_in("\n".join(found))


def _collect(draft: object, limit_of: LimitOf, found: list[str]) -> bool:
    get, limits = _plan(type(draft), limit_of)
    for value, limit in zip(get(draft), limits, strict=True):
        if type(value) in _PLAIN:
            continue
        if isinstance(value, tuple):
            for one in value:
                if not _one(one, limit, limit_of, found):
                    return False
        elif not _one(value, limit, limit_of, found):
            return False
    return True


def _one(value: object, limit: int, limit_of: LimitOf, found: list[str]) -> bool:
    if isinstance(value, str):
        if len(value) > limit:
            return False
        found.append(value)
        return True
    if hasattr(type(value), "__dataclass_fields__"):
        return _collect(value, limit_of, found)
    return True
