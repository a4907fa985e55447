"""What the tests of the quick lanes (``services/kinds/*_fast.py``) share: the unit of their records-v1
documents, the odd values hypothesis puts in a record's places, and the one question they all ask — did
the quick lane make exactly the slow lane's drafts, or leave the list to it (no tests here)."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

UNIT = {"code": "10000", "name": "Xã số 10000", "province_code": "19", "region": "TDMNPB"}

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=10**19),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1, max_value=1e19),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1, max_value=10**6),
    st.sampled_from(
        [
            Decimal("0.1000000000000000000001"),
            Decimal("1E+2"),
            Decimal("-0"),
            Decimal("12345678901234567890.5"),
        ]
    ),
    st.sampled_from(
        [
            "",
            " ",
            "đồng",
            " tấn ",
            "cash",
            "labour",
            "x" * 301,
            "a\x01b",
            "\x1f tấn",
            unicodedata.normalize("NFD", "Nà Phầy"),
            "2025-07-01",
            "2024-02-30",
            " 2024-01-01",
            "20240101",
            "district_budget",
            "s-1",
            "1",
            "\ud800",
        ]
    ),
    st.lists(st.sampled_from(["s-1", "s-2", "1", "", " 2 ", 3]), max_size=3),
    st.fixed_dictionaries({}, optional={"households": st.integers(-1, 2 * 10**9), "other": st.just(1)}),
)
"""Values to put in a record's places: of the wrong type, out of range, malformed or merely odd."""


def lanes_agree(
    quick: Callable[[list[Any]], Sequence[Any] | None],
    slow: Callable[[list[Any]], tuple[list[tuple[str, Any]], bool]],
    records: list[Any],
) -> bool:
    """The quick lane took ``records`` (True) with exactly the slow lane's drafts, compared by ``repr`` so
    a quantity's Decimal exponent counts too, and the slow lane found no problem in them; or the quick
    lane left them to the slow lane (False)."""
    made = quick(copy.deepcopy(records))
    if made is None:
        return False
    drafts, problems = slow(records)
    assert not problems, records
    assert repr(made) == repr(drafts)
    return True
