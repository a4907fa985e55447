"""The quick lane for a list of supporters that are all plainly fine (the common case of a bundle).

The records-v1 reader reads a supporter field by field and :func:`~ntm_desktop.services.ledger.checks.
check_supporter` judges it, so that every problem is named. Here the whole list's shape, types and
lengths are judged in one call (msgspec, compiled) and its texts in one search of all of them joined;
what a schema cannot say (a name not blank, a known kind) is looked at per record. The result is the
very drafts the slow lane makes, checked; the slightest doubt answers None, and the caller reads and
checks the list the slow way, which names the problem (``tests/test_supporters_fast.py`` compares both
lanes, at each limit too).
"""

# Annotations are objects here, not strings (no ``from __future__ import annotations``): msgspec reads a
# Struct's annotations when its decoder or first conversion is made, and each string costs a compile
# (~1 ms in all, on the first import in a process).

from typing import Annotated, Any

import msgspec

from ntm_desktop.core.text import SHORT_TEXT
from ntm_desktop.services.kinds.fast_lane import plain_texts, typed_list
from ntm_desktop.services.kinds.fields import made
from ntm_desktop.services.ledger.kinds import SUPPORTER_KINDS
from ntm_desktop.services.ledger.values import SupporterDraft

MAX_ID = 100
"""A record id (:data:`ntm_desktop.records.reader.MAX_ID_LENGTH`, which a test compares)."""

_Short = Annotated[str, msgspec.Meta(max_length=SHORT_TEXT)]


class _Supporter(msgspec.Struct, forbid_unknown_fields=True):
    id: Annotated[str, msgspec.Meta(max_length=MAX_ID)]
    name: _Short
    kind: _Short | None = None
    parent: _Short | None = None


_LIST = list[_Supporter]


def supporter_drafts(raw: object) -> list[tuple[str, SupporterDraft]] | None:
    """Each record's (id, checked draft) when every supporter of the list is plainly fine; None when any
    is in doubt (then nothing of this is used)."""
    if not isinstance(raw, list) or (records := typed_list(raw, _LIST)) is None:
        return None
    texts: list[str] = []
    out = []
    for r in records:
        record_id, name = r.id.strip(), r.name.strip()
        kind = (r.kind or "").strip() or "agency"
        if not record_id or not name or kind not in SUPPORTER_KINDS:
            return None
        texts += (r.id, r.name, r.kind or "", r.parent or "")
        out.append((record_id, made(SupporterDraft, name=name, kind=kind, parent=(r.parent or "").strip())))
    return out if plain_texts(texts) else None


def fast_types() -> dict[str, Any]:
    """The schema's fields (for the test that compares them with the records-v1 kind)."""
    return {"supporters": set(_Supporter.__struct_fields__)}
