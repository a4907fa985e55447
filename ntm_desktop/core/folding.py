"""Folding many strings at once for accent-insensitive search ("bang thanh" finds "Bằng Thành").

:func:`ntm_desktop.core.text.fold` works string by string, character by character: 0,2–0,4 s for the
titles of a ledger of 100.000 records. :func:`fold_many` gives exactly the same keys ten times faster by
folding the strings joined into one, so that each step runs once, in C: decompose, drop the accents
(encode as ASCII), lower-case, squeeze spaces. A string with any other character than ASCII letters and
accents goes through ``fold`` itself.
"""

from __future__ import annotations

import re
import unicodedata

from ntm_desktop.core.text import fold

_SEP = "\x1e"
_OTHER = re.compile("[^\x00-\x7f\u0300-\u036f]")
"""After decomposition: anything but ASCII and combining accents (these strings take the slow path)."""
_WHITESPACE = bytes.maketrans(b"\t\n\r\x0b\x0c\x1c\x1d\x1f", b"        ")


def fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, fast."""
    if not texts:
        return []
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:  # a text holds the separator itself
        return [fold(t) for t in texts]
    nfd = unicodedata.normalize("NFD", joined.replace("đ", "d").replace("Đ", "D"))
    plain = nfd.encode("ascii", "ignore").translate(_WHITESPACE).lower().decode("ascii")
    while "  " in plain:
        plain = plain.replace("  ", " ")
    result = plain.replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP).strip(" ").split(_SEP)
    if _OTHER.search(nfd):
        for i, part in enumerate(nfd.split(_SEP)):
            if _OTHER.search(part):
                result[i] = fold(texts[i])
    return result
