"""Every kind of record the app keeps and exchanges, in records-v1 order.

Code that handles "every kind" (the records-v1 reader, importer and exporter, bundles, the merge, the
receiver) loops over :data:`KINDS` or looks a kind up by its list name; none of it names a kind itself.
"""

from __future__ import annotations

from typing import Any

from ntm_desktop.core.changes import Kind
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.ledger import ASSIGNMENTS, CADRES, EVENTS, SUPPORTERS
from ntm_desktop.services.kinds.narratives import NARRATIVES
from ntm_desktop.services.kinds.store import Store

KINDS: tuple[Store[Any, Any], ...] = (
    ASSESSMENTS,
    SUPPORTERS,
    ASSIGNMENTS,
    HELP,
    CADRES,
    EVENTS,
    NARRATIVES,
)
"""In records-v1 order; supporters come before the lists that refer to them."""

LISTS: tuple[str, ...] = tuple(k.list_name for k in KINDS)
"""The records-v1 list names (and bundle lists, and sync ``kind`` values)."""

BY_LIST: dict[str, Store[Any, Any]] = {k.list_name: k for k in KINDS}


def kind_named(name: str) -> Store[Any, Any] | None:
    """The kind whose records-v1 list is ``name``; None for a name that is no kind of record."""
    return BY_LIST.get(name)


def change_kind(name: str, default: Kind = Kind.SYNC) -> Kind:
    """What a change to records of the list ``name`` touches."""
    found = BY_LIST.get(name)
    return found.kind if found is not None else default


def correctable() -> tuple[str, ...]:
    """The lists a receiver may ask a commune to correct a record of."""
    return tuple(k.list_name for k in KINDS if k.correctable)
