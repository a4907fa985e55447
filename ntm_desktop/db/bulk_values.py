"""A column's values converted for the driver as its type's own bind processor converts them, for
:mod:`ntm_desktop.db.bulk`: a bundle's hundreds of rows share a few values (the import's time, a date, a
list of criteria codes), so each distinct value is converted once, and what a bundle holds hundreds of
(dates, JSON numbers and yes/no answers, lists of codes) in one pass without a Python call a value — each
quicker way used only where it gives exactly what the processor gives (:func:`quicker`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import chain, repeat
from math import isfinite
from operator import is_
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Column, Date

_DAYS = (date(1, 2, 3), date(2026, 12, 31), date(9999, 10, 9))
_JSON = (
    (64.6, "64.6"),
    (-0.0, "-0.0"),
    (1e300, "1e+300"),
    (-7, "-7"),
    (True, "true"),
    (False, "false"),
)


def quicker(column: Column[Any], process: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """``process``, or a quicker function that gives the very same values, for what a bundle holds
    hundreds of: a date that the processor writes as its ISO text (SQLite's ``YYYY-MM-DD``) written by
    ``date.isoformat``; a JSON number or yes/no (an assessment's value) written by Python's own ``repr``,
    as ``json.dumps`` writes it. Each is used only when the column's own processor gives the very same
    text for a few such values, checked here."""
    if process is None:
        return None
    if isinstance(column.type, Date) and all(process(day) == day.isoformat() for day in _DAYS):
        return partial(_day, process)
    if isinstance(column.type, JSON) and all(process(value) == text for value, text in _JSON):
        return partial(_json, process)
    if isinstance(column.type, Boolean) and (process(True), process(False), process(None)) == (1, 0, None):
        return partial(_yes_no, process)
    return process


def _day(process: Callable[[Any], Any], value: Any) -> Any:
    return value.isoformat() if type(value) is date else process(value)


def _json(process: Callable[[Any], Any], value: Any) -> Any:
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int or (kind is float and value - value == 0.0):  # not infinite, not NaN
        return repr(value)
    return process(value)  # a list is converted once per list of codes (_by_value): json.dumps is quick


def _yes_no(process: Callable[[Any], Any], value: Any) -> Any:
    """``process`` itself (a yes/no column's own converter): a column of them is converted in one pass
    (:func:`_in_one_pass`)."""
    return process(value)


def converted(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    first = values[0]
    if all(map(is_, values, repeat(first))):  # the very same object in every row
        return [process(first)] * len(values)
    if type(process) is partial and (quick := _in_one_pass(process, values)) is not None:
        return quick
    keys = list(map(id, values))  # ``values`` holds every object, so no id is reused while this runs
    done: dict[Any, Any] = {}
    distinct = dict(zip(keys, values, strict=True))
    by_id = {key: _by_value(process, value, done) for key, value in distinct.items()}
    return list(map(by_id.__getitem__, keys))  # rows often share one object (a list, a quantity)


_NOT_YET = object()


def _in_one_pass(process: partial[Any], values: list[Any]) -> list[Any] | None:
    """A column of dates, of JSON numbers and yes/no answers, of lists of codes, or of yes/no (hundreds of
    distinct values: each its own object), converted by :func:`_day`, :func:`_json` or :func:`_yes_no`
    without a Python call a value: what those give, value by value; None for any other column (then
    converted value by value)."""
    kinds, quick = set(map(type, values)), process.func
    if quick is _day and kinds == _DATE:
        return _days(values)
    if quick is _yes_no and kinds <= _YES_NO:
        own = process.args[0]  # True, False and None are each one object: converted once each
        return list(map({True: own(True), False: own(False), None: own(None)}.__getitem__, values))
    if quick is _json and kinds == _LIST:
        return _code_lists(process, values)
    if quick is _json and kinds == _TUPLE:
        return _code_tuples(process, values)
    if quick is not _json or not kinds <= _NUMBERS or (float in kinds and not _finite(values)):
        return None
    texts = list(map(repr, values))
    if bool not in kinds:
        return texts
    return list(map(_JSON_YES_NO.get, texts, texts))  # no number's repr is "True" or "False"


def _code_lists(process: partial[Any], values: list[Any]) -> list[Any] | None:
    """A JSON column of lists (a help record's criteria): each distinct list, when all its items are
    texts, by its codes as :func:`_by_value` converts it (:data:`_CODES`, the same keys), the look-ups
    made for all of them at once; None when a list holds anything but texts."""
    keys = list(map(id, values))  # ``values`` holds every list, so no id is reused while this runs
    distinct = dict(zip(keys, values, strict=True))
    lists = list(distinct.values())
    if not set(map(type, chain.from_iterable(lists))) <= _TEXT:
        return None
    codes = [(process, *codes) for codes in lists]
    found = list(map(_CODES.get, codes))
    if None in found:  # a list's text is never None
        if len(_CODES) >= _MAX_CODES:
            _CODES.clear()
        for n, text in enumerate(found):
            if text is None:
                found[n] = _CODES[codes[n]] = process(lists[n])
    by_id = dict(zip(distinct, found, strict=True))
    return list(map(by_id.__getitem__, keys))


def _code_tuples(process: partial[Any], values: list[Any]) -> list[Any]:
    """A JSON column of tuples of codes (a help record's criteria as a bulk insert takes them), each
    written as the list it stands for: a row's text found by its tuple (:data:`_TUPLES`, kept from one
    call to the next: communes name the same few lists), each tuple not met before converted once as
    that list. A tuple holding anything but texts: every row's as a list (:func:`converted`)."""
    texts = _TUPLES.get(process)
    if texts is None or len(texts) >= _MAX_CODES:
        texts = _TUPLES[process] = {}  # a new one: another thread may be reading the one it replaces
    found = list(map(texts.get, values))  # a list's text is never None
    if None not in found:
        return found
    for n, text in enumerate(found):
        if text is None:
            codes = values[n]
            text = texts.get(codes)
            if text is None:
                if not all(type(code) is str for code in codes):
                    return converted(process, [list(codes) for codes in values])
                text = texts[codes] = process(list(codes))
            found[n] = text
    return found


_TUPLES: dict[Any, dict[tuple[str, ...], Any]] = {}
"""By column processor: a tuple of codes → the text it writes (:func:`_code_tuples`)."""


def _days(values: list[date]) -> list[str]:
    """Each date's ISO text (``date.isoformat``, which costs several times a look-up), kept from one call
    to the next: a receiver's communes date their help on the same few thousand days."""
    found = list(map(_ISO.get, values))
    if None not in found:
        return cast(list[str], found)
    if len(_ISO) >= _MAX_DAYS:
        _ISO.clear()
    new = [day for day, text in zip(values, found, strict=True) if text is None]
    made = dict(zip(new, map(date.isoformat, new), strict=True))
    _ISO.update(made)  # another thread may empty it meanwhile: the texts come from ``made`` and ``found``
    pick: Callable[[date, str | None], str | None] = made.get
    return cast(list[str], list(map(pick, values, found)))


_ISO: dict[date, str] = {}
_MAX_DAYS = 8192


def _finite(values: list[Any]) -> bool:
    try:
        return all(map(isfinite, values))
    except OverflowError:  # a whole number too big for a float (converted value by value)
        return False


_DATE = {date}
_JSON_YES_NO = {"True": "true", "False": "false"}
"""A yes/no's ``repr`` → its JSON text."""
_NUMBERS = frozenset({bool, int, float})
_YES_NO = frozenset({bool, type(None)})
_LIST, _TUPLE, _TEXT = {list}, {tuple}, frozenset({str})


_PLAIN = frozenset({str, int, bool, date})
"""Types whose equal values a bind processor turns into the same value (unlike a Decimal's digits, a
float's sign of zero or a time's zone): converted once per value, whichever objects hold it."""


def _by_value(process: Callable[[Any], Any], value: Any, done: dict[Any, Any]) -> Any:
    """A value not met before by identity: a list of codes (JSON) by its codes, as rows often have their
    own list of the same few codes (kept from one call to the next: :data:`_CODES`), and a plain value
    (:data:`_PLAIN`) by its type and value, as rows often have their own object for the same date or
    answer; anything else converted."""
    kind = type(value)
    if kind is list and all(type(x) is str for x in value):
        key: Any = (process, *value)
        found = _CODES.get(key, _NOT_YET)
        if found is _NOT_YET:
            if len(_CODES) >= _MAX_CODES:
                _CODES.clear()
            found = _CODES[key] = process(value)
        return found
    if kind not in _PLAIN:
        return process(value)
    key = (kind, value)
    found = done.get(key, _NOT_YET)
    if found is _NOT_YET:
        found = done[key] = process(value)
    return found


_CODES: dict[tuple[Any, ...], Any] = {}
"""A list of codes as a column's processor (the first item) converts it: each commune's hundreds of help
records name a few criteria each, and communes name the same few lists again and again."""
_MAX_CODES = 4096
