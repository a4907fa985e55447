"""Structural checks of ``records.json``: only what the merge needs, the records themselves stay opaque.

A records (or reverse) payload is a JSON object shaped like a records-v1 file. Every top-level value that
is a list is a list of records (``assessments``, ``help``, …); each record is an object with

* ``id``: non-empty text (at most 100 characters), unique within its list,
* ``_version``: a record version from :mod:`ntm_desktop.sync.keys.clock`,
* ``_origin``: the device id that made that version,
* ``_deleted``: true or false.

Everything else in a record is checked later, by the records import, against records-v1.

A receipt payload is ``{"bundles": [...], "records": [...]}``; see :mod:`ntm_desktop.sync.receipts.document`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from ntm_desktop.core.compat import reading
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import shown
from ntm_desktop.core.text import clean
from ntm_desktop.db.lengths import Bounded
from ntm_desktop.records.reader import MINE as RECORDS_FORMAT
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.rollup_payload import rollup_problems
from ntm_desktop.sync.bundle.rules import is_count, is_unit_code, is_uuid
from ntm_desktop.sync.errors import InvalidBundle, Reason
from ntm_desktop.sync.keys.clock import (
    DEVICE_ID_RE,
    LATEST_MILLIS,
    MILLIS_DIGITS,
    VERSION_RE,
    is_device_id,
    is_record_version,
)

MAX_ID_LENGTH = 100
RECORD_LISTS = frozenset(("assessments", "supporters", "assignments", "help", "cadres", "events"))
"""The records-v1 lists: in a records or reverse bundle each is a list when present."""
_MAX_PROBLEMS = 20
_REPEATED_ID = "repeats an id used earlier in the list"

Check = Callable[[object], bool]


def _is_id(value: object) -> bool:
    """Non-empty text of at most 100 characters, as the records-v1 reader keeps it (trimmed NFC)."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH and clean(value) == value


RECORD_FIELDS: dict[str, Check] = {
    "id": _is_id,
    "_version": is_record_version,
    "_origin": is_device_id,
    "_deleted": lambda v: isinstance(v, bool),
}
RECEIPT_BUNDLE_FIELDS: dict[str, Check] = {
    "bundle_id": is_uuid,
    "origin_unit_code": is_unit_code,
    "device_id": is_device_id,
    "sequence": lambda v: is_count(v, 1),
}
RECEIPT_RECORD_FIELDS: dict[str, Check] = {
    "kind": _is_id,
    "id": _is_id,
    "_version": is_record_version,
}


def _entry_problems(path: str, entry: object, fields: dict[str, Check], exact: bool) -> Iterator[Problem]:
    if not isinstance(entry, dict):
        yield Problem(path, "must be an object")
        return
    for name, check in fields.items():
        if not check(entry.get(name)):
            yield Problem(f"{path}.{name}", f"missing or wrong: {shown(repr(entry.get(name)))}")
    if exact:
        for name in sorted(set(entry) - set(fields)):
            yield Problem(f"{path}.{name}", "unknown field")


def _lines_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Lines each matching ``pattern`` (which holds no line break), joined by line breaks."""
    one = pattern.pattern.replace("(", "(?:")
    return re.compile(f"(?:{one}\n)*{one}")


_VERSIONS, _ORIGINS = _lines_of(VERSION_RE), _lines_of(DEVICE_ID_RE)
_ASCII_DIGITS, _ASCII_LETTERS = b"0123456789", b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SHAPES = bytes.maketrans(_ASCII_DIGITS + _ASCII_LETTERS, b"0" * 10 + b"a" * 52)
"""A text's shape: each digit a ``0``, each letter an ``a``, every other character itself. A version's
pattern (:data:`~ntm_desktop.sync.keys.clock.VERSION_RE`) looks only at which of those a character is: two
versions of the same shape both match it or both do not."""
_SYNC_FIELDS = (itemgetter("id"), itemgetter("_version"), itemgetter("_origin"))
_DELETED = itemgetter("_deleted")
_LATEST = f"{LATEST_MILLIS:0{MILLIS_DIGITS}d}"


def _plainly_sound(entries: list[Any]) -> bool:
    """Whether no record of the list has a problem of :data:`RECORD_FIELDS`, judged set-wise (a bundle
    holds thousands): the ids text, trimmed NFC, unique and short; the versions and origins each one
    search of their lines joined. False means "look record by record", which names what is wrong."""
    if not entries:
        return True
    if set(map(type, entries)) != {dict}:
        return False
    try:  # each column in one call over the records, not a line of Python each
        ids, versions, origins = (list(map(field, entries)) for field in _SYNC_FIELDS)
        deleted = set(map(type, map(_DELETED, entries)))
    except KeyError:  # a record without one of them
        return False
    if {*map(type, ids), *map(type, versions), *map(type, origins)} != {str} or deleted != {bool}:
        return False
    return sound_columns(ids, versions, origins)


def sound_columns(ids: list[str], versions: list[str], origins: list[str]) -> bool:
    """:func:`_plainly_sound` of a list whose records' ids, versions and origins (texts, one each a
    record, at least one) are these; for a reader that has them already (the typed lane)."""
    unique = set(ids)
    return (
        len(unique) == len(ids)
        and "" not in unique
        and max(map(len, ids)) <= MAX_ID_LENGTH
        and list(map(str.strip, ids)) == ids
        and unicodedata.is_normalized("NFC", "\n".join(ids))
        and _versions(versions)
        and max(versions)[:MILLIS_DIGITS] < _LATEST
        and _each_line(_ORIGINS, list(set(origins)))  # a device's records name it: usually one or two
    )


SOUND_LONGEST = (MAX_ID_LENGTH, 54, 32)
"""The longest id, version and origin :func:`sound_columns` lets through: its limit on ids, and the longest
texts :data:`VERSION_RE` and :data:`DEVICE_ID_RE` match (a test works these out of the expressions)."""


def sound_columns_of(records: list[Any]) -> tuple[list[str], list[str], list[str]] | None:
    """The ids, versions and origins of ``records`` (typed records, at least one), when
    :func:`sound_columns` finds them sound: each :class:`Bounded` by :data:`SOUND_LONGEST`, so a bulk insert
    of them does not measure them again; None when they are not sound."""
    ids, versions, origins = (
        [r.id for r in records],
        [r.version for r in records],
        [r.origin for r in records],
    )
    if not sound_columns(ids, versions, origins):
        return None
    return (
        Bounded(ids, SOUND_LONGEST[0]),
        Bounded(versions, SOUND_LONGEST[1]),
        Bounded(origins, SOUND_LONGEST[2]),
    )


def _versions(versions: list[str]) -> bool:
    """Whether each text is a record version (:func:`_each_line` of :data:`_VERSIONS`). A device's versions
    all have one shape (:data:`_SHAPES`; its clock writes its millis and counter with all their digits):
    then the first matching the pattern is enough, a look at every character in C instead of the regular
    expression's (a third of the time for a commune's 500); else the expression looks at each."""
    joined = "\n".join(versions)
    if joined.isascii():
        first = versions[0].encode("ascii").translate(_SHAPES)
        if (
            joined.encode("ascii").translate(_SHAPES) == b"\n".join([first] * len(versions))
            and VERSION_RE.fullmatch(versions[0]) is not None
        ):
            return True
    return _each_line(_VERSIONS, versions)


def _each_line(lines: re.Pattern[str], texts: list[str]) -> bool:
    """Whether each text is one of the lines ``lines`` matches (:func:`_lines_of`), in one search of them
    all joined; a text holding a line break is not one line (``"V\\nV"`` is not a version)."""
    joined = "\n".join(texts)
    return joined.count("\n") == len(texts) - 1 and lines.fullmatch(joined) is not None


def _list_problems(key: str, entries: list[Any], fields: dict[str, Check], exact: bool) -> Iterator[Problem]:
    if fields is RECORD_FIELDS and not exact and _plainly_sound(entries):
        return
    seen: set[object] = set()
    for index, entry in enumerate(entries):
        path = f"{key}[{index}]"
        problems = list(_entry_problems(path, entry, fields, exact))
        yield from problems
        if problems or "id" not in fields:
            continue
        identity = (entry["kind"], entry["id"]) if "kind" in fields else entry["id"]
        if identity in seen:
            yield Problem(f"{path}.id", _REPEATED_ID)
        seen.add(identity)


def _payload_problems(kind: BundleKind, payload: object, lenient: bool) -> Iterator[Problem]:
    if not isinstance(payload, dict):
        yield Problem("", "records.json must hold a JSON object")
        return
    if kind is BundleKind.ROLLUP:
        yield from rollup_problems(payload, lenient)
        return
    if kind is BundleKind.RECEIPT:
        for key, fields in (("bundles", RECEIPT_BUNDLE_FIELDS), ("records", RECEIPT_RECORD_FIELDS)):
            if not isinstance(payload.get(key), list):
                yield Problem(key, "must be a list")
            else:
                yield from _list_problems(key, payload[key], fields, exact=True)
        for key in sorted(set(payload) - {"bundles", "records"}):
            yield Problem(key, "unknown field")
        return
    for key, value in payload.items():
        if isinstance(value, list):
            yield from _list_problems(key, value, RECORD_FIELDS, exact=False)
        elif key in RECORD_LISTS:
            yield Problem(key, "must be a list")


def count_records(payload: dict[str, Any]) -> dict[str, int]:
    """How many entries each top-level list holds: the manifest's ``counts``."""
    return {key: len(value) for key, value in payload.items() if isinstance(value, list)}


def _records_version(kind: BundleKind, payload: object) -> None:
    """Refuse records of a records format major this version cannot read (``docs/compatibility.md``)."""
    if (
        kind in (BundleKind.RECEIPT, BundleKind.ROLLUP)
        or not isinstance(payload, dict)
        or "version" not in payload
    ):
        return
    found = reading(payload["version"], RECORDS_FORMAT)
    if found is not None and found.too_new:
        raise InvalidBundle(
            Reason.FUTURE_VERSION,
            tr(
                "This bundle was made by a newer version of NTM Desktop (records format {version}). "
                "Update NTM Desktop to read it.",
                version=str(found.found),
            ),
            f"records version {payload['version']!r}, this app reads {RECORDS_FORMAT}",
        )
    if found is None or found.unreadable:
        raise InvalidBundle(
            Reason.BAD_PAYLOAD,
            tr("The bundle's records are invalid: {path} is missing or wrong", path="version"),
            f"records version {payload['version']!r}, this app reads {RECORDS_FORMAT}",
        )


def check_payload(kind: BundleKind, payload: object, lenient: bool = False) -> dict[str, Any]:
    """The payload, if its shape is right for ``kind``; otherwise reject naming the first problem.
    ``lenient``: the bundle is of a newer minor format (only roll-ups check every field themselves)."""
    _records_version(kind, payload)
    problems: list[Problem] = []
    for problem in _payload_problems(kind, payload, lenient):
        problems.append(problem)
        if len(problems) >= _MAX_PROBLEMS:
            break
    if problems:
        first = problems[0]
        path = label(first.path) if first.path else "records.json"
        if first.message == _REPEATED_ID:
            message = tr("The bundle's records are invalid: {path} repeats an id used earlier", path=path)
        else:
            message = tr("The bundle's records are invalid: {path} is missing or wrong", path=path)
        raise InvalidBundle(Reason.BAD_PAYLOAD, message, "\n".join(p.technical for p in problems))
    assert isinstance(payload, dict)
    return payload
