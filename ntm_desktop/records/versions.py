"""Which records-format version a file states (``docs/compatibility.md``): the lowest that reads all it
holds. A commune's export without a narrative or a funding source stays version ``1`` byte for byte, so an
older province reads it strictly as before; one that uses them says ``"1.1"``, and an older reader sets
those fields aside instead of refusing the file. Lists added after 1.0 are left out while empty.

    version, lists = versioned({"help": [...], "narratives": []})   # → 1, {"help": [...]}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.services.kinds.registry import KINDS

BASE = FormatVersion(1)
"""The first records format: every list and field of it is written even when empty, as it always was."""


def needed(lists: Mapping[str, Sequence[Mapping[str, Any]]]) -> FormatVersion:
    """The lowest version that knows every list and field in ``lists``."""
    version = BASE
    for kind in KINDS:
        records = lists.get(kind.list_name) or ()
        if records:
            version = max(version, kind.since)
        for name, since in kind.added_fields.items():
            if since > version and any(name in r for r in records):
                version = since
    return version


def versioned(lists: Mapping[str, list[dict[str, Any]]]) -> tuple[int | str, dict[str, list[dict[str, Any]]]]:
    """The version to state and the lists to write (new lists only when they hold records)."""
    written = {k.list_name: lists[k.list_name] for k in KINDS if k.list_name in lists}
    kept = {name: records for name, records in written.items() if records or _listed_in_base(name)}
    return needed(kept).to_json(), kept | {n: r for n, r in lists.items() if n not in written}


def _listed_in_base(name: str) -> bool:
    return next(k.since for k in KINDS if k.list_name == name) <= BASE
