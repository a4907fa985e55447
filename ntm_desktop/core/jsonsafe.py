"""Reading JSON from outside (records files, bundles, key cards) without being frozen or tricked.

``json.loads`` alone turns ``1e400`` into infinity, ``NaN`` into a float that equals nothing, a
5,001-digit integer into a ValueError from deep inside the parser, ``1E+999999999`` into a number whose
conversion to an integer later takes minutes, deep nesting into a RecursionError, and ``"\\ud800"`` into a
string that cannot be written back. :func:`loads` bounds every number before it is converted, refuses
``NaN``/``Infinity``, a key repeated in one object, nesting deeper than :data:`MAX_DEPTH`, lone surrogates
and control characters other than tab and line breaks, and says where: ``help[3].items[0].quantity``.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonfast import DOUBT, MAX_DEPTH, MAX_NUMBER_CHARS, quick_loads, quick_loads_utf8

MAX_EXPONENT = 30
"""``1E+30`` is the largest magnitude read (and ``1E-30`` the smallest besides zero)."""
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_SHOWN = 40


class JsonRefused(ValueError):
    """The document is refused; ``path`` says where (``""`` for the document as a whole)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class _Refused:
    """Stands in for a value refused while parsing, so the walk can say where it was."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def shown(text: str) -> str:
    """At most a few dozen characters of ``text``, for a message."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _number_problem(token: str) -> str | None:
    if len(token) > MAX_NUMBER_CHARS:
        return tr("the number {number} has too many digits", number=shown(token))
    exponent = Decimal(token).adjusted()
    if exponent > MAX_EXPONENT or (exponent < -MAX_EXPONENT and Decimal(token) != 0):
        return tr("the number {number} is too large or too small", number=shown(token))
    return None


_PLAIN_INT = MAX_NUMBER_CHARS - 1
"""An integer token this short is within bounds (at most 31 digits: magnitude below ``1E+31``)."""


class _Hooks:
    """The parser's hooks for one document; they note whether they refused anything."""

    def __init__(self, decimals: bool) -> None:
        self.decimals = decimals
        self.refused = False

    def refuse(self, message: str) -> _Refused:
        self.refused = True
        return _Refused(message)

    def integer(self, token: str) -> int | _Refused:
        if len(token) <= _PLAIN_INT:
            return int(token)
        problem = _number_problem(token)
        return self.refuse(problem) if problem else int(token)

    def real(self, token: str) -> Decimal | float | _Refused:
        if len(token) <= MAX_NUMBER_CHARS and "e" not in token and "E" not in token:
            # no exponent, at most 32 characters: between 1E-30 and 1E+30 (or zero), and finite
            return Decimal(token) if self.decimals else float(token)
        problem = _number_problem(token)
        if problem:
            return self.refuse(problem)
        value = float(token)
        if not math.isfinite(value):
            return self.refuse(tr("the number {number} is too large or too small", number=shown(token)))
        return Decimal(token) if self.decimals else value

    def constant(self, name: str) -> _Refused:
        return self.refuse(tr("{value} is not a number JSON allows", value=name))

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        result = {}
        for key, value in pairs:
            if key in result:
                value = self.refuse(tr("the key “{key}” is written twice in one object", key=shown(key)))
            result[key] = value
        return result


def loads(text: str, *, decimals: bool = False, utf8: bytes | None = None) -> Any:
    """Parse ``text``; :class:`JsonRefused` naming the path of the first problem. Non-integers are
    :class:`~decimal.Decimal` with ``decimals``, else finite floats. ``utf8``: the text's UTF-8 bytes, when
    the caller has them. A plain document is read the quick way (:mod:`.jsonfast`); anything in doubt
    the careful way below, which decides and says where."""
    quick = quick_loads(text, utf8, decimals)
    if quick is not DOUBT:
        return quick
    return careful_loads(text, decimals=decimals)


def loads_utf8(data: bytes, *, decimals: bool = False) -> Any:
    """:func:`loads` of UTF-8 bytes, decoded only when the careful way must read them (a bundle's records
    are hundreds of kilobytes); invalid UTF-8 raises :class:`UnicodeDecodeError`, as decoding does."""
    quick = quick_loads_utf8(data, decimals)
    if quick is not DOUBT:
        return quick
    return careful_loads(data.decode("utf-8"), decimals=decimals)


def careful_loads(text: str, *, decimals: bool = False) -> Any:
    """:func:`loads` without the quick way: ``json.loads`` with a hook for every number, constant and
    object, and a walk of the result when in doubt."""
    hooks = _Hooks(decimals)
    try:
        data = json.loads(
            text,
            parse_int=hooks.integer,
            parse_float=hooks.real,
            parse_constant=hooks.constant,
            object_pairs_hook=hooks.pairs,
        )
    except RecursionError:
        raise JsonRefused("", tr("the data is nested too deeply")) from None
    if (hooks.refused or not _plainly_fine(text, data)) and not _fine(data):
        _walk(data)  # the same checks again, saying where
        raise AssertionError("a refused value without its path")  # pragma: no cover
    return data


_ESCAPED_BAD = re.compile(r"\\(?:[bf]|u(?:00[01][0-9a-f]|d[89a-f]))", re.IGNORECASE)
"""An escape that may stand for a refused character (``\\b``, ``\\f``, ``\\u0000``–``\\u001f``, a surrogate);
an escaped backslash before such letters also matches, which only costs the full check."""


def _plainly_fine(text: str, data: Any) -> bool:
    """Whether the checks of :func:`_fine` pass, judged set-wise for a text that parsed without a refused
    number, constant or repeated key. A refused character in a string or key is either written as an
    escape (:data:`_ESCAPED_BAD`, searched once over the text) or as itself: a control character as itself
    does not parse (``json.loads`` is strict), a lone surrogate does not encode. The depth is looked at
    container by container, without visiting every value. False means "look closer", not "refused"."""
    if _ESCAPED_BAD.search(text):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    level = [data] if isinstance(data, dict | list) else []
    for _ in range(MAX_DEPTH):
        below: list[Any] = []
        for box in level:
            below += [
                v for v in (box.values() if isinstance(box, dict) else box) if isinstance(v, dict | list)
            ]
        level = below
    return not level  # nothing at MAX_DEPTH or deeper


def _fine(root: Any) -> bool:
    """Whether nothing below ``root`` is refused: the checks of :func:`_walk` in one quick pass that
    builds no paths (a bundle holds tens of thousands of values); :func:`_walk` says where, if not."""
    search, stack = _BAD_TEXT.search, [(root, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if any(search(key) for key in value):
                return False
            items: Any = value.values()
        elif isinstance(value, list):
            items = value
        else:
            return not isinstance(value, _Refused) and not (isinstance(value, str) and search(value))
        if depth >= MAX_DEPTH:
            return False
        for item in items:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
            elif isinstance(item, _Refused) or (isinstance(item, str) and search(item)):
                return False
    return True


def _walk(root: Any) -> None:
    """Check every value below ``root`` (iteratively: depth is what is being checked)."""
    stack: list[tuple[Any, str, int]] = [(root, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, _Refused):
            raise JsonRefused(path, value.message)
        if isinstance(value, str):
            _text(path, value)
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise JsonRefused(path, tr("the data is nested too deeply"))
            stack.extend(reversed(list(_children(value, path, depth + 1))))


def _children(value: dict[str, Any] | list[Any], path: str, depth: int) -> list[tuple[Any, str, int]]:
    if isinstance(value, list):
        return [(item, f"{path}[{i}]", depth) for i, item in enumerate(value)]
    out = []
    for key, item in value.items():
        child = f"{path}.{shown(key)}" if path else shown(key)
        _text(path, key)
        out.append((item, child, depth))
    return out


def _text(path: str, text: str) -> None:
    bad = _BAD_TEXT.search(text)
    if bad is not None:
        raise JsonRefused(
            path,
            tr(
                "the text holds a character that is not allowed (U+{code}) at position {at}",
                code=f"{ord(bad.group()):04X}",
                at=bad.start() + 1,
            ),
        )


def nonfinite_path(root: Any) -> str | None:
    """The path of the first infinite or NaN number in ``root`` (old data may hold one), or None."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return path
        if isinstance(value, Decimal) and not value.is_finite():
            return path
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in value.items())
        elif isinstance(value, list | tuple):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
    return None


def nonfinite_message(root: Any) -> str:
    """Which record holds an infinite or NaN number (``assessments[3] (id a-2023-19).value``), to ask the
    officer to correct it; ``""`` when there is none."""
    where = nonfinite_path(root)
    if where is None:
        return ""
    head, _, rest = where.partition("].")
    record: Any = None
    name, _, index = head.partition("[")
    if index.isascii() and index.isdigit() and isinstance(root, dict):
        items = root.get(name)
        record = items[int(index)] if isinstance(items, list) and int(index) < len(items) else None
    record_id = record.get("id") if isinstance(record, dict) else None
    found = f"{head}] (id {shown(str(record_id))}).{rest}" if record_id and rest else where
    return tr("{path} is not a finite number (old data?); correct that record first", path=label(found))
