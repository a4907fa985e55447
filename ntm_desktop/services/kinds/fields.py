"""One JSON object of a records file (or a bundle record), read field by field: wrong types are reported
under the field's path and a usable value is returned, so reading goes on and every problem is found in
one pass."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import MISSING
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ntm_desktop.core.compat import Reading
from ntm_desktop.core.days import why_no_day
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_WHOLE = 1_000_000_000
"""Years, groups, households, persons, participants: anything larger is refused as it is read."""
NO_DATE = date.min
"""Stands in for a date already reported as missing or wrong."""


T = TypeVar("T")
_new = object.__new__


def changed(draft: T, **values: Any) -> T:
    """``dataclasses.replace`` for a frozen draft (no slots, no ``__post_init__``) at a fraction of its
    cost, which an import pays for each of its thousands of records; a name the draft does not have
    raises as ``replace`` does."""
    fields = vars(draft)
    new = _new(type(draft))
    d = vars(new)
    d.update(fields)
    d.update(values)
    if len(d) != len(fields):  # a name the draft does not have was added (told after the fact: cheaper)
        raise TypeError(f"{type(draft).__name__} has no field {sorted(values.keys() - fields.keys())}")
    return new


def made(cls: type[T], **values: Any) -> T:
    """``cls(**values)`` for a frozen draft (no slots, no ``__post_init__``, no default factories) at a
    fraction of its generated ``__init__``'s cost, for the quick lanes' hundreds of drafts per bundle;
    the fields left out take their defaults (a name the draft does not have is a programming error,
    ``tests/test_help_fast.py`` compares these drafts with those the slow lane makes)."""
    new = object.__new__(cls)
    vars(new).update(_defaults(cls), **values)
    return new


_DEFAULTS: dict[type[Any], dict[str, Any]] = {}


def _defaults(cls: type[Any]) -> dict[str, Any]:
    found = _DEFAULTS.get(cls)
    if found is None:
        assert all(f.default_factory is MISSING for f in dataclass_fields(cls)), cls
        found = _DEFAULTS[cls] = {
            f.name: f.default for f in dataclass_fields(cls) if f.default is not MISSING
        }
    return found


def put(doc: dict[str, Any], key: str, value: Any) -> None:
    """Add an optional field only when it says something (records-v1 files stay short)."""
    if value is None or value == "" or value == [] or value == {}:
        return
    doc[key] = value.isoformat() if isinstance(value, date) else value


class Fields:
    """One JSON object under a path; reports wrong types and collects problems."""

    def __init__(
        self, data: dict[str, Any], at: str, problems: list[Problem], reading: Reading | None = None
    ) -> None:
        self.d, self.at, self.problems = data, at, problems
        self.reading = reading
        """The file's version: a newer minor's unknown fields are set aside, not errors."""

    def path(self, key: str) -> str:
        return f"{self.at}.{key}" if self.at else key

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path(key), message))

    def shape(self, known: AbstractSet[str], required: AbstractSet[str]) -> None:
        d = self.d
        if d.keys() <= known and d.keys() >= required and None not in map(d.get, required):
            return  # the usual case, set-wise; otherwise key by key, to say which
        for key in self.d:
            if key not in known and not (self.reading and self.reading.unknown(self.path(key), self.d[key])):
                message = tr("unknown field (check the spelling)")
                self.problems.append(Problem(self.path(str(key)), message, verbatim=True))
        for key in sorted(k for k in required if self.d.get(k) is None):  # null is no value either
            self.fail(key, tr("is required"))

    def text(self, key: str) -> str:
        raw = self.d.get(key)
        if raw is None:
            return ""
        if not isinstance(raw, str):
            self.fail(key, tr("must be text"))
            return ""
        return clean(raw)

    def day(self, key: str) -> date | None:
        raw = self.d.get(key)
        if raw is None:
            return None
        if isinstance(raw, str) and _DATE.match(raw.strip()):
            try:
                return date.fromisoformat(raw.strip())
            except ValueError:  # written as asked, but no day of the calendar: say that, not the form
                text = raw.strip()
                self.fail(key, _no_day(text, int(text[:4]), int(text[5:7]), int(text[8:10])))
                return NO_DATE
        self.fail(key, tr("must be a date written YYYY-MM-DD"))
        return NO_DATE

    def whole(self, key: str) -> int | None:
        raw = self.d.get(key)
        if raw is None:
            return None
        if isinstance(raw, Decimal) and raw == raw.to_integral_value():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(key, tr("must be a whole number ≥ 0"))
            return None
        if abs(raw) > MAX_WHOLE:
            self.fail(key, tr("is too large"))
            return None
        return raw

    def whole_money(self, key: str) -> int | None:
        """An amount of đồng: a whole number (``40000000`` or ``40000000.0``) or null."""
        number = self.number(key)
        if number is None and self.d.get(key) is None:
            return None
        if number is None or number != number.to_integral_value():
            self.fail(key, tr("must be a whole number of đồng ≥ 0, or empty"))
            return None
        return int(number)

    def number(self, key: str) -> Decimal | None:
        raw = self.d.get(key)
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
            return None
        return Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)

    def texts(self, key: str) -> tuple[str, ...]:
        raw = self.d.get(key)
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(key, tr("must be a list"))
            return ()
        out = []
        for i, item in enumerate(raw):
            if isinstance(item, int) and not isinstance(item, bool):
                item = str(item)  # a criterion code written as a number
            if not isinstance(item, str):
                self.problems.append(Problem(f"{self.path(key)}[{i}]", tr("must be text")))
            else:
                out.append(clean(item))
        return tuple(out)

    def child(self, key: str) -> Fields | None:
        raw = self.d.get(key)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.fail(key, tr("must be an object"))
            return None
        return self.nested(raw, self.path(key))

    def nested(self, data: dict[str, Any], at: str) -> Fields:
        """An object inside this one, read under the same file version."""
        return Fields(data, at, self.problems, self.reading)


def _no_day(text: str, year: int, month: int, day: int) -> str:
    return why_no_day(text, year, month, day) or tr("must be a date written YYYY-MM-DD")
