"""Compact, canonical JSON for bundle members, and a strict reader that refuses anything ambiguous."""

from __future__ import annotations

import json
from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.errors import InvalidBundle, Reason


def dump_compact(obj: object) -> bytes:
    """UTF-8 JSON without spaces, keys sorted: small, and the same bytes for the same data."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.encode("utf-8")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def load_strict(member: str, data: bytes) -> Any:
    """Parse ``data`` (UTF-8 JSON) or reject the bundle naming ``member``.

    Refused: invalid UTF-8 or JSON, a key repeated in one object (readers would disagree on which one
    counts), ``NaN``/``Infinity``, numbers too long to convert, nesting too deep to parse.
    """
    try:
        return json.loads(
            data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants
        )
    except (ValueError, RecursionError) as error:
        raise InvalidBundle(
            Reason.MALFORMED_JSON,
            tr("The bundle's {member} is not valid JSON; the bundle is damaged", member=member),
            f"{member}: {error}",
        ) from error
