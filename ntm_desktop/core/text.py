"""Text hygiene: every string stored is trimmed NFC; searching ignores accents and case."""

from __future__ import annotations

import unicodedata


def clean(value: str | None) -> str:
    """Trim surrounding whitespace and normalise to NFC (a file in NFD stores the same as in NFC)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", value).strip()


def clean_or_none(value: str | None) -> str | None:
    text = clean(value)
    return text or None


def fold(value: str) -> str:
    """Key for accent- and case-insensitive matching: "Bằng Thành" and "bang thanh" fold alike."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def name_key(value: str) -> str:
    """Key for comparing item names in totals: NFC, trimmed, case-folded (accents kept)."""
    return " ".join(clean(value).casefold().split())
