"""Structural checks of a roll-up bundle's ``records.json`` (a province's year, to the national office;
``docs/bundle-format.md``, "Roll-up bundles")::

    {"year": 2025, "province": {"code": "19", "name": "…"},
     "units":        [{"id": "01234", "name", "type", "province_code": "19", "merged_into": ""}],
     "keys":         [{"id": fingerprint, "unit_code", "unit_name", "device_id", "public_key"}],
     "bundles":      [{"id": bundle id, "unit_code", "sequence", "sha256"}],
     "signoffs":     [{"id": "01234/2025", "unit_code", "year", "status", "reason", "changed_at",
                       "changed_by", "history"?: [{"from", "to", "reason", "at", "by", "bundle_id"}]}],
     "recognitions": [{"id": "01234/2025/ntm", "unit_code", "year", "level", "decision", "date",
                       "decided_by", "version", "withdrawn", "reason", "recorded_at"?, "recorded_by"?}],
     "amendments"?:  [{"id": request id, "unit_code", "year", "kind", "record_id", "bundle_id", "status",
                       "reason", "decided_at", "decided_by"}]}

``bundles`` are the communes' own signed bundles, carried whole as ``files/<sha256>`` members, so the
national office checks every commune's signature itself; ``keys`` are the communes' keys the province
vouches for. ``history`` (format 2.2, optional) is every step of the commune-year's sign-off at the
province, oldest first. ``amendments`` (format 2.3, optional) are the changes to approved years the
province holds as amendment requests, each naming the carried commune bundle it came in.
``recorded_at`` and ``recorded_by`` (format 2.4, optional) say when (UTC) and by whom the province
recorded a recognition's present version: the decision, its replacement or its withdrawal. Every field is
checked here; what they mean is checked by the import.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.jsonsafe import shown
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.bundle.rules import is_count, is_sha256, is_unit_code, is_uuid, parse_timestamp
from ntm_desktop.sync.keys.clock import is_device_id, is_record_version
from ntm_desktop.sync.keys.pairs import is_fingerprint

Check = Callable[[object], bool]
_COMMUNE = re.compile(r"\d{5}")
_PROVINCE = re.compile(r"\d{2}")
SIGNOFF_STATES = ("received", "reviewed", "approved", "returned")
LEVELS = ("ntm", "nang_cao", "kieu_mau", "hien_dai")


def _text(limit: int) -> Check:
    return lambda v: isinstance(v, str) and len(v) <= limit


def _name(v: object) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 200


def _commune(v: object) -> bool:
    return isinstance(v, str) and _COMMUNE.fullmatch(v) is not None


def _province(v: object) -> bool:
    return isinstance(v, str) and _PROVINCE.fullmatch(v) is not None


def _year(v: object) -> bool:
    return is_count(v) and 2010 <= int(v) <= 2100  # type: ignore[call-overload]


def _key(v: object) -> bool:
    try:
        return isinstance(v, str) and len(base64.b64decode(v, validate=True)) == 32
    except (binascii.Error, ValueError):
        return False


def _day(v: object) -> bool:
    try:
        return isinstance(v, str) and date.fromisoformat(v).isoformat() == v
    except ValueError:
        return False


LISTS: dict[str, dict[str, Check]] = {
    "units": {
        "id": _commune,
        "name": _name,
        "type": _text(20),
        "province_code": _province,
        "merged_into": lambda v: v == "" or _commune(v),
    },
    "keys": {
        "id": is_fingerprint,
        "unit_code": _commune,
        "unit_name": _text(200),
        "device_id": lambda v: v == "" or is_device_id(v),
        "public_key": _key,
    },
    "bundles": {
        "id": is_uuid,
        "unit_code": _commune,
        "sequence": lambda v: is_count(v, 1),
        "sha256": is_sha256,
    },
    "signoffs": {
        "id": _text(20),
        "unit_code": _commune,
        "year": _year,
        "status": lambda v: v in SIGNOFF_STATES,
        "reason": _text(10_000),
        "changed_at": lambda v: parse_timestamp(v) is not None,
        "changed_by": _text(200),
    },
    "recognitions": {
        "id": _text(30),
        "unit_code": _commune,
        "year": _year,
        "level": lambda v: v in LEVELS,
        "decision": lambda v: isinstance(v, str) and 0 < len(v) <= 100,
        "date": _day,
        "decided_by": is_unit_code,
        "version": is_record_version,
        "withdrawn": lambda v: isinstance(v, bool),
        "reason": _text(10_000),
    },
}
STEP: dict[str, Check] = {
    "from": lambda v: v in (*SIGNOFF_STATES, "not_reported"),
    "to": lambda v: v in SIGNOFF_STATES,
    "reason": _text(10_000),
    "at": lambda v: parse_timestamp(v) is not None,
    "by": _text(200),
    "bundle_id": lambda v: v == "" or is_uuid(v),
}
OPTIONAL: dict[str, dict[str, Check]] = {
    "signoffs": {"history": lambda v: isinstance(v, list)},
    "recognitions": {"recorded_at": lambda v: parse_timestamp(v) is not None, "recorded_by": _text(200)},
}
"""Fields a list's entries may carry (format 2.2: a sign-off's ``history``, a list of ``STEP``; 2.4: when
and by whom the province recorded a recognition)."""
AMENDMENT_STATES = ("open", "accepted", "rejected", "superseded")
OPTIONAL_LISTS: dict[str, dict[str, Check]] = {
    "amendments": {
        "id": is_uuid,
        "unit_code": _commune,
        "year": _year,
        "kind": lambda v: v in BY_LIST,
        "record_id": lambda v: isinstance(v, str) and 0 < len(v) <= 100,
        "bundle_id": is_uuid,
        "status": lambda v: v in AMENDMENT_STATES,
        "reason": _text(10_000),
        "decided_at": lambda v: v == "" or parse_timestamp(v) is not None,
        "decided_by": _text(200),
    }
}
"""Lists a roll-up may carry (format 2.3: the province's ``amendments`` requests and its decisions)."""
TOP = frozenset({"year", "province", *LISTS, *OPTIONAL_LISTS})


def rollup_minor(payload: dict[str, Any]) -> int:
    """The lowest minor of format 2 whose fields the payload uses: 4 with a recognition's ``recorded_at``
    or ``recorded_by``, 3 with ``amendments``, 2 with sign-off ``history``, else 0 (the manifest's
    ``office`` may still make it 1)."""
    recognitions = payload.get("recognitions")
    if isinstance(recognitions, list) and any(
        isinstance(e, dict) and ("recorded_at" in e or "recorded_by" in e) for e in recognitions
    ):
        return 4
    if payload.get("amendments"):
        return 3
    signoffs = payload.get("signoffs")
    history = isinstance(signoffs, list) and any(isinstance(e, dict) and "history" in e for e in signoffs)
    return 2 if history else 0


def _entry(
    path: str, entry: object, fields: dict[str, Check], lenient: bool, optional: dict[str, Check]
) -> Iterator[Problem]:
    if not isinstance(entry, dict):
        yield Problem(path, "must be an object")
        return
    for name, check in fields.items():
        if not check(entry.get(name)):
            yield Problem(f"{path}.{name}", f"missing or wrong: {shown(repr(entry.get(name)))}")
    for name, check in optional.items():
        if name in entry and not check(entry[name]):
            yield Problem(f"{path}.{name}", f"wrong: {shown(repr(entry[name]))}")
    if not lenient:
        known = set(fields) | set(optional)
        yield from (Problem(f"{path}.{n}", "unknown field") for n in sorted(set(entry) - known))
    steps = entry.get("history") if "history" in optional else None
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        yield from _entry(f"{path}.history[{index}]", step, STEP, lenient, {})


def rollup_problems(payload: dict[str, Any], lenient: bool = False) -> Iterator[Problem]:
    """Every problem of the payload's shape; ``lenient`` (a newer minor of format 2) lets unknown fields
    pass: they are set aside (``docs/compatibility.md``)."""
    if not _year(payload.get("year")):
        yield Problem("year", "must be a year from 2010 to 2100")
    province = payload.get("province")
    if not (isinstance(province, dict) and _province(province.get("code")) and _name(province.get("name"))):
        yield Problem("province", 'must be {"code": 2 digits, "name"}')
    if not lenient:
        yield from (Problem(k, "unknown field") for k in sorted(set(payload) - TOP))
    lists = LISTS | {k: v for k, v in OPTIONAL_LISTS.items() if k in payload}
    for key, fields in lists.items():
        entries = payload.get(key)
        if not isinstance(entries, list):
            yield Problem(key, "must be a list")
            continue
        seen: set[object] = set()
        for index, entry in enumerate(entries):
            found = list(_entry(f"{key}[{index}]", entry, fields, lenient, OPTIONAL.get(key, {})))
            yield from found
            if not found and entry["id"] in seen:
                yield Problem(f"{key}[{index}].id", "repeats an id used earlier in the list")
            if not found:
                seen.add(entry["id"])
