"""Small checks shared by the manifest, the payload, receipts and key files."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from functools import lru_cache

_UNIT_CODE_RE = re.compile(r"[0-9]{5}|[0-9]{2}")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_TIMESTAMP_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def is_unit_code(value: object) -> bool:
    """A commune's 5-digit code, or a province's 2-digit code (the province office signs too)."""
    return isinstance(value, str) and _UNIT_CODE_RE.fullmatch(value) is not None


def is_sha256(value: object) -> bool:
    """A SHA-256 digest in lower-case hex."""
    return isinstance(value, str) and _SHA256_RE.fullmatch(value) is not None


def is_uuid(value: object) -> bool:
    """A UUID in its canonical lower-case text form."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


MAX_COUNT = 2**53 - 1
"""The largest whole number every JSON reader keeps exactly (and far below SQLite's 2^63 − 1)."""


def is_count(value: object, minimum: int = 0) -> bool:
    """An integer (not a boolean) from ``minimum`` to :data:`MAX_COUNT`."""
    return isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= MAX_COUNT


def format_timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(value: object) -> datetime | None:
    """``2026-11-21T08:30:00Z`` as an aware UTC datetime, or None if it is not exactly that form."""
    return _parsed(value) if isinstance(value, str) else None


@lru_cache(maxsize=64)
def _parsed(value: str) -> datetime | None:
    """Remembered: a manifest's time is checked, then read, and a batch's manifests are read twice."""
    if _TIMESTAMP_RE.fullmatch(value) is None:
        return None
    try:
        return datetime.strptime(value, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
