"""Text hygiene: every string stored is trimmed NFC; searching ignores accents and case."""

from __future__ import annotations

import re
import unicodedata


def clean(value: str | None) -> str:
    """Trim surrounding whitespace and normalise to NFC (a file in NFD stores the same as in NFC)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", value).strip()


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def without_note(name: str) -> str:
    """ "Xã Bằng Thành (dữ liệu mẫu)" → "Xã Bằng Thành": a trailing note in brackets is not the name."""
    return _TRAILING_NOTE.sub("", name).strip()


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


def is_ascii_digits(value: str) -> bool:
    """Only the digits 0–9, at least one (``str.isdigit`` also takes "²", "٣" and "１", which look like
    or convert to digits but are other characters: a code or version written with them is another one)."""
    return value.isascii() and value.isdigit()


def capped(text: str, max_lines: int = 25, max_line: int = 1000) -> str:
    """``text`` cut to what a terminal or a dialog can show: at most ``max_lines`` lines of at most
    ``max_line`` characters (a refusal quoting a hostile file must not print 100 KB)."""
    lines = text.splitlines() or [""]
    shown = [line if len(line) <= max_line else line[: max_line - 1] + "…" for line in lines[:max_lines]]
    if len(lines) > max_lines:
        shown.append(f"… (+{len(lines) - max_lines})")
    return "\n".join(shown)


SHORT_TEXT = 300
"""Names, places, units, codes: at most this many characters."""
LONG_TEXT = 10_000
"""Notes and descriptions."""
_NOT_ALLOWED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def not_allowed_in(value: str) -> bool:
    """Whether ``value`` holds a control character or lone surrogate (a text that cannot be kept).

    A printable text (``str.isprintable``, one quick pass in C) holds none: each refused character is a
    control character, a surrogate or a noncharacter, all of them unprintable (``tests/test_text.py``
    checks each); any other text is searched."""
    return not value.isprintable() and _NOT_ALLOWED.search(value) is not None


def text_problem(value: str, limit: int = SHORT_TEXT) -> str | None:
    """Why ``value`` cannot be kept (too long, or a control character or lone surrogate), or None."""
    if len(value) <= limit and _NOT_ALLOWED.search(value) is None:
        return None
    from ntm_desktop.core.i18n import tr

    if len(value) > limit:
        return tr("is too long ({length} characters; at most {limit})", length=len(value), limit=limit)
    bad = _NOT_ALLOWED.search(value)
    if bad is not None:
        return tr(
            "holds a character that is not allowed (U+{code}) at position {at}",
            code=f"{ord(bad.group()):04X}",
            at=bad.start() + 1,
        )
    return None
