"""What the quick lanes (``help_fast``, ``assessments_fast``, ``supporters_fast``) share: reading a whole
list into msgspec's typed records in one call, and judging all of its texts in one search."""

from __future__ import annotations

import unicodedata
from typing import Any

import msgspec

from ntm_desktop.core.text import not_allowed_in


def typed_list(raw: list[Any], of: Any) -> list[Any] | None:
    """``raw`` as a list of ``of`` (a ``list[Struct]`` type), strictly; None when it is not one."""
    try:
        records: list[Any] = msgspec.convert(raw, of, strict=True)
    except ValueError:  # msgspec.ValidationError; a lone surrogate in a key raises UnicodeEncodeError
        return None
    return records


def plain_texts(texts: list[str]) -> bool:
    """Every text free of refused characters and already NFC, judged on all of them joined."""
    joined = "\n".join(texts)  # "\n" composes with nothing: the join is NFC exactly when each text is
    spaced = joined.replace("\n", " ")  # the same characters refused, and printable when each text is
    return not not_allowed_in(spaced) and unicodedata.is_normalized("NFC", joined)


def printable_ascii(texts: list[str]) -> bool:
    """Every text printable ASCII, judged on all of them joined: then each is plain (:func:`plain_texts`:
    no refused character is printable, and ASCII is NFC as it is). Record ids (UUIDs) are, usually; a
    list's texts need only the rest searched then. False says nothing of the texts."""
    joined = " ".join(texts)
    return joined.isascii() and not joined.encode("ascii").translate(None, _PRINTABLE_ASCII)


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
"""What ``str.isprintable`` calls printable in ASCII: deleting these leaves nothing of a printable text
(a quarter of ``isprintable``'s time, on a list's ids)."""
