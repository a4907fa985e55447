"""The refused characters of :func:`~ntm_desktop.core.text.not_allowed_in`: its quick look (a printable text
holds none) must never pass one of them."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from ntm_desktop.core.text import _NOT_ALLOWED, not_allowed_in
from ntm_desktop.services.kinds.fast_lane import plain_texts


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
