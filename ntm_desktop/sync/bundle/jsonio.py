"""Compact, canonical JSON for bundle members, and a strict reader that refuses anything ambiguous."""

from __future__ import annotations

import json
from typing import Any

from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import JsonRefused, loads_utf8, shown
from ntm_desktop.sync.errors import InvalidBundle, Reason


def dump_compact(obj: object) -> bytes:
    """UTF-8 JSON without spaces, keys sorted: small, and the same bytes for the same data."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return text.encode("utf-8")


def load_strict(member: str, data: bytes) -> Any:
    """Parse ``data`` (UTF-8 JSON) or reject the bundle naming ``member`` and where in it.

    Refused (:mod:`ntm_desktop.core.jsonsafe`): invalid UTF-8 or JSON, a key repeated in one object
    (readers would disagree on which one counts), ``NaN``/``Infinity``, numbers too long or too large to
    convert, nesting too deep, lone surrogates and control characters in text.
    """
    try:
        return loads_utf8(data)
    except JsonRefused as error:
        raise InvalidBundle(
            Reason.MALFORMED_JSON,
            tr(
                "The bundle's {member} is not valid JSON for a bundle: {path}{problem}",
                member=member,
                path=f"{label(error.path)}: " if error.path else "",
                problem=error.message,
            ),
            f"{member}: {error}",
        ) from error
    except ValueError as error:
        raise InvalidBundle(
            Reason.MALFORMED_JSON,
            tr("The bundle's {member} is not valid JSON; the bundle is damaged", member=member),
            f"{member}: {shown(str(error))}",
        ) from error
