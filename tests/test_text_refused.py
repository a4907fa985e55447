"""The refused characters of :func:`~ntm_desktop.core.text.not_allowed_in`: its quick look (a printable text
holds none) must never pass one of them."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from ntm_desktop.core.text import _NOT_ALLOWED, not_allowed_in
from ntm_desktop.services.kinds.fast_lane import plain_texts, printable_ascii


def test_every_refused_character_is_unprintable() -> None:
    refused = [chr(c) for c in range(sys.maxunicode + 1) if _NOT_ALLOWED.fullmatch(chr(c))]
    assert len(refused) == 32 - 3 + 1 + 0x800 + 2  # C0 but \t \n \r, DEL, surrogates, FFFE and FFFF
    assert not any(ch.isprintable() for ch in refused)
    for ch in refused:
        assert not_allowed_in(f"Xã {ch}Nà") and not plain_texts(["Bằng Thành", f"a{ch}", "b"])


@given(st.text(alphabet=st.characters(codec=None)))
def test_the_quick_look_agrees_with_the_search(text: str) -> None:
    assert not_allowed_in(text) == (re.search(_NOT_ALLOWED, text) is not None)
    assert plain_texts([text, "x"]) == (plain_texts([text]))


def test_texts_found_printable_ascii_are_plain_and_the_look_is_isprintable() -> None:
    """A list's ids are left out of the search when they are all printable ASCII (they are plain then):
    the quick look says so of exactly the characters ``isascii`` and ``isprintable`` both accept."""
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        quick = printable_ascii(["a-1", f"x{ch}y"])
        assert quick == (ch.isascii() and ch.isprintable()), hex(c)
        assert not quick or plain_texts([f"x{ch}y"])
    assert printable_ascii([]) and not printable_ascii(["a", "b\n"]) and not printable_ascii(["Nà"])
