"""The file checker behind :func:`~ntm_desktop.criteria.reading.parse_set`: it collects every problem of
a criteria-set file, each with its path (``criteria[3].indicators[1].kind``), instead of stopping at the
first."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from ntm_desktop.core.compat import Reading
from ntm_desktop.core.days import why_no_day
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean

_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

ABSENT = object()
"""Stands for a key that is missing (already reported as required)."""


SET = "criteria_sets"
"""A problem's path starts at a set: its fields are named as the set editor's form names them."""


def at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Reader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self, reading: Reading | None = None) -> None:
        self.problems: list[Problem] = []
        self.reading = reading
        """The file's version: a newer minor's unknown fields are set aside, not errors."""

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message, within=SET))

    def obj(self, data: object, path: str, keys: tuple[tuple[str, bool], ...]) -> dict[str, Any] | None:
        if data is ABSENT:
            return None
        if not isinstance(data, dict):
            self.fail(path, tr("must be an object"))
            return None
        known = {k for k, _ in keys}
        for key in data:
            if key not in known and not (
                self.reading and self.reading.unknown(at(path, str(key)), data[key])
            ):
                self.problems.append(
                    Problem(at(path, str(key)), tr("unknown field"), verbatim=True, within=SET)
                )
        for key, required in keys:
            if required and key not in data:
                self.fail(at(path, key), tr("is required"))
        return data

    def text(self, d: dict[str, Any], key: str, path: str, *, empty_ok: bool = True) -> str:
        if key not in d:
            return ""
        raw = d[key]
        if not isinstance(raw, str):
            self.fail(at(path, key), tr("must be text"))
            return ""
        value = clean(raw)
        if not value and not empty_ok:
            self.fail(at(path, key), tr("must not be empty"))
        return value

    def flag(self, d: dict[str, Any], key: str, path: str) -> bool:
        if key not in d:
            return False
        raw = d[key]
        if not isinstance(raw, bool):
            self.fail(at(path, key), tr("must be true or false"))
            return False
        return raw

    def whole(self, d: dict[str, Any], key: str, path: str, low: int, high: int) -> int:
        if key not in d:
            return low
        raw = d[key]
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(at(path, key), tr("must be a whole number"))
            return low
        if not low <= raw <= high:
            self.fail(at(path, key), tr("must be from {low} to {high}", low=low, high=high))
        return raw

    def choice(self, d: dict[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str:
        raw = d.get(key)
        if key not in d:
            return choices[0]
        if raw not in choices:
            self.fail(at(path, key), tr("must be one of: {choices}", choices=", ".join(choices)))
            return choices[0]
        return cast(str, raw)

    def code(self, d: dict[str, Any], key: str, path: str) -> str:
        if key not in d:
            return ""
        raw = d[key]
        if not isinstance(raw, str) or not _CODE.match(raw):
            self.fail(at(path, key), tr("must be a code like 3 or 3.1"))
            return str(raw)
        return raw

    def date(self, d: dict[str, Any], key: str, path: str, *, optional: bool = False) -> dt.date | None:
        raw = d.get(key)
        if key not in d or (raw is None and optional):
            return None
        if isinstance(raw, str) and _DATE.match(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:  # written as asked, but no day of the calendar: say that, not the form
                self.fail(at(path, key), _no_day(raw, int(raw[:4]), int(raw[5:7]), int(raw[8:10])))
                return None
        self.fail(at(path, key), tr("must be a date written YYYY-MM-DD"))
        return None

    def texts(self, d: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        raw = d.get(key, [])
        if not isinstance(raw, list):
            self.fail(at(path, key), tr("must be a list"))
            return ()
        out: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not clean(item):
                self.fail(at(at(path, key), i), tr("must be non-empty text"))
            else:
                out.append(clean(item))
        return tuple(out)

    def items(self, d: dict[str, Any], key: str, path: str) -> list[tuple[str, object]]:
        raw = d.get(key, [])
        if not isinstance(raw, list):
            self.fail(at(path, key), tr("must be a list"))
            return []
        return [(at(at(path, key), i), item) for i, item in enumerate(raw)]


def _no_day(text: str, year: int, month: int, day: int) -> str:
    return why_no_day(text, year, month, day) or tr("must be a date written YYYY-MM-DD")
