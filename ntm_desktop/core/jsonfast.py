"""The strict JSON reader's quick way: msgspec parses, and a few looks at the whole text and the result say
whether the document is plainly one that the careful reader (:func:`ntm_desktop.core.jsonsafe.loads`) would
take as it is. Anything else returns :data:`DOUBT` and the careful reader decides, and says where.

A document is plain when msgspec parses it (strict JSON: no ``NaN``, no control character as itself, valid
UTF-8) and

* every non-integer token is at most :data:`MAX_NUMBER_CHARS` characters without an exponent (the float
  hook sees each token as written), and no run of 32 digits appears anywhere (an integer that long is
  refused; a run inside a text only costs the careful reading);
* no escape may stand for a refused character or a colon (``\\b``, ``\\f``, ``\\u0000``–``\\u001f``, a
  surrogate, ``\\u003a``): then the text's colons are its keys' plus those written in its texts, and a
  key repeated in one object shows as fewer colons in the result written out again (the colons need
  not be counted when the result written out again is the text itself, as a bundle's members are
  written: the result holds each key once);
* no container lies :data:`MAX_DEPTH` levels down (seen in the text's brackets when no text holds one,
  else looked at container by container).
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from typing import Any

import msgspec

MAX_NUMBER_CHARS = 32
"""Longer number tokens are refused (a sum of đồng has at most 16 digits)."""
MAX_DEPTH = 32
LARGEST = 10**MAX_NUMBER_CHARS // 10
"""The strict reader refuses an integer of this size or more (a token of 32 digits, or 33 characters
with its sign), and reads every smaller one: an integer is read alike when its size is below this."""

DOUBT: Any = object()
"""Returned when the careful reader must decide."""

_ESCAPES = re.compile(r"\\(?:[bf]|u(?:00[01][0-9a-f]|d[89a-f]|003a))", re.IGNORECASE)
_ESCAPES_UTF8 = re.compile(_ESCAPES.pattern.encode("ascii"), re.IGNORECASE)
_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * MAX_NUMBER_CHARS
_BOXES = (dict, list)
_MARKS = bytes.maketrans(b"{}", b"[]")
_NOT_MARKS = bytes(sorted(set(range(256)) - set(b'"[]{}')))
"""Every byte but quotes and brackets: deleted (objects' brackets made lists'), what is left shows how the
containers nest."""


class _Doubtful(Exception):
    """A number the careful reader must look at."""


def _plain(token: str) -> bool:
    return len(token) <= MAX_NUMBER_CHARS and "e" not in token and "E" not in token


def _float(token: str) -> float:
    if _plain(token):
        return float(token)  # between 1E-30 and 1E+30 (or zero), and finite
    raise _Doubtful


def _decimal(token: str) -> Decimal:
    if _plain(token):
        return Decimal(token)
    raise _Doubtful


_DECODERS = {False: msgspec.json.Decoder(float_hook=_float), True: msgspec.json.Decoder(float_hook=_decimal)}
_ENCODER = msgspec.json.Encoder()
_KEPT_BUFFER = 4 * 1024 * 1024
"""The largest buffer kept for writing a document out again (a commune's records are under 1 MB)."""


class _Buffer(threading.local):
    """Each thread's buffer for :func:`keys_once`: a commune's records written out again into memory
    already there, instead of a new bytes object of their size (a fresh block of a few hundred kilobytes
    costs about as much again as writing them: its pages are new to the process)."""

    def __init__(self) -> None:
        self.data = bytearray()


_BUFFER = _Buffer()


def quick_loads(text: str, utf8: bytes | None = None, decimals: bool = False) -> Any:
    """The parsed document, or :data:`DOUBT`. ``utf8``: the text's UTF-8 bytes, when the caller has them."""
    try:
        raw = text.encode("utf-8") if utf8 is None else utf8
    except UnicodeEncodeError:
        return DOUBT
    return quick_loads_utf8(raw, decimals)


def quick_loads_utf8(raw: bytes, decimals: bool = False) -> Any:
    """:func:`quick_loads` of UTF-8 bytes, which need not be decoded first: msgspec refuses invalid UTF-8,
    and the escapes looked for are ASCII, the same searched in the bytes as in the text."""
    data = quick_decode(raw, _DECODERS[decimals])
    if data is DOUBT:
        return DOUBT
    if isinstance(data, _BOXES) and not (keys_once(raw, data) and _shallow_text(raw, data)):
        return DOUBT
    return data


def decoder(of: Any) -> msgspec.json.Decoder[Any]:
    """A decoder of documents of the type ``of`` that reads a number where ``of`` leaves the type open
    (``Any``) as the strict reader does (its float hook: :data:`DOUBT` for an exponent or a long token),
    for :func:`quick_decode`. A typed place refuses any number not of its type."""
    return msgspec.json.Decoder(of, float_hook=_float)


def quick_decode(raw: bytes, with_decoder: msgspec.json.Decoder[Any], runs: bool = True) -> Any:
    """``raw`` read by ``with_decoder`` (:data:`_DECODERS`, :func:`decoder`) when its bytes are plain: no
    escape that may stand for a refused character or a colon, no run of 32 digits; else, or when it does
    not read, :data:`DOUBT`. Repeated keys and depth are the caller's to judge (:func:`keys_once`,
    :func:`shallow`). ``runs=False``: the runs of digits are not looked for — for a caller that judges
    the integers it read instead (:func:`long_digits`, ``typed_records``: a look at a commune's 400 KB
    costs more than one at the few places its typed records hold an integer of any size)."""
    escaped = b"\\" in raw and _ESCAPES_UTF8.search(raw)  # no backslash, no escape (usually none)
    if escaped or (runs and long_digits(raw)):
        return DOUBT
    try:
        return with_decoder.decode(raw)
    except (msgspec.DecodeError, _Doubtful, RecursionError, UnicodeEncodeError, ValueError):
        return DOUBT


def long_digits(raw: bytes) -> bool:
    """Whether ``raw`` holds a run of 32 digits: where an integer token the strict reader refuses (of
    32 digits or more, :data:`LARGEST`) would show, and a text that holds one (then only a doubt)."""
    return raw.translate(_ZEROS).find(_LONG_RUN) >= 0


def keys_once(raw: bytes, root: Any) -> bool:
    """Whether no key is written twice in one object of ``raw`` (the valid JSON ``root`` was read from,
    without an escape for a colon): ``root`` written out again is ``raw`` itself, or holds as many
    colons (a key written twice leaves one pair, and one colon, out). ``root`` may hold typed records
    (:mod:`ntm_desktop.sync.bundle.typed_records`) that leave a field holding its default out when written:
    one the document gives with its default value leaves a colon out too, a doubt as well."""
    again = _BUFFER.data
    _ENCODER.encode_into(root, again)  # from its start; its memory stays allocated for the next document
    if len(again) > _KEPT_BUFFER:
        _BUFFER.data = bytearray()
    return again == raw or again.count(b":") == raw.count(b":")


def _shallow_text(raw: bytes, root: Any) -> bool:
    """:func:`shallow` seen in ``raw`` (the valid JSON ``root`` was read from), which holds many fewer
    brackets than values: its escapes taken out (escaped backslashes first, so that a backslash and a
    quote left are an escaped quote), then all but its quotes and brackets. When every run of quotes
    left is of pairs, no text holds a bracket (one that does ends a run of quotes on its opening quote
    and starts one on its closing quote, and the last quote of all closes a text): the brackets left
    are the containers', and each round takes out the innermost ones, so the root is gone after as many
    rounds as the containers nest. Else the containers are looked at one by one."""
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = raw.translate(_MARKS, _NOT_MARKS)
    brackets = marks.translate(None, b'"')
    if marks.count(b'""') * 2 != len(marks) - len(brackets):  # the quotes left: all in pairs?
        return shallow(root)
    marks = brackets
    for _ in range(MAX_DEPTH):
        marks = marks.replace(b"[]", b"")
        if not marks:
            return True
    return False


def shallow(root: Any) -> bool:
    """Whether no container lies MAX_DEPTH levels below ``root`` (which is one): level by level, each
    level's containers gathered in one comprehension."""
    level = [root]
    for _ in range(MAX_DEPTH):
        level = [
            value
            for box in level
            for value in (box.values() if type(box) is dict else box)
            if type(value) in _BOXES
        ]
        if not level:
            return True
    return False
