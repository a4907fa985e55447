"""File names that come from outside (a bundle, another computer's disk) reduced to a safe base name.

A name kept in the data file or used to write a file is never a path: no folder separators, no ``..``, no
drive letter or NTFS stream (``:``), no control or invisible formatting characters (a right-to-left
override, U+202E, makes ``hoa-don‮fdp.exe`` read as ``hoa-donexe.pdf``), none of the characters Windows
refuses, no trailing dots or spaces, no reserved Windows device name (``CON``, ``NUL``, ``COM1``…), and at
most :data:`MAX_NAME_BYTES` bytes of UTF-8 (file systems count bytes; a Vietnamese letter takes 2–3).

:func:`safe_name` is idempotent: a safe name stays as it is, so two computers that clean the same name
agree on it.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_BYTES = 180
"""Well under the 255 bytes most file systems allow, leaving room for a temporary file's prefix."""
FALLBACK = "tep"
"""The name of a file whose name had nothing usable left ("tệp", file)."""
_MAX_EXTENSION = 16
_FORBIDDEN = set('<>:"/\\|?*')
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{device}{n}" for device in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")),
}


def safe_name(name: str) -> str:
    """The last part of ``name``, with everything unsafe removed or replaced; never empty."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(_safe_char(ch) for ch in text)
    parts = [p for p in text.replace("\\", "/").split("/") if p.strip(" .")]
    text = " ".join((parts[-1] if parts else "").split())
    text = "".join("_" if ch in _FORBIDDEN else ch for ch in text)
    text = text.strip(" .")
    if text.split(".")[0].strip(" ").upper() in _RESERVED:
        text = "_" + text
    return _shorten(text) or FALLBACK


def _safe_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in _DROPPED_CATEGORIES:
        return ""
    if category == "Zs":
        return " "
    return ch


def _shorten(text: str) -> str:
    """At most :data:`MAX_NAME_BYTES` bytes of UTF-8, keeping a short extension."""
    if len(text.encode("utf-8")) <= MAX_NAME_BYTES:
        return text
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or len(extension) > _MAX_EXTENSION:
        stem, extension = text, ""
    room = MAX_NAME_BYTES - len(extension.encode("utf-8")) - (1 if extension else 0)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return f"{cut}.{extension}" if extension and cut else cut or extension


def is_safe_name(name: str) -> bool:
    return safe_name(name) == name


def extension(name: str) -> str:
    """The lower-case extension with its dot (``".pdf"``), or ``""``."""
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext else ""
