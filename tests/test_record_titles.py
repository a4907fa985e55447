"""A record read from its interchange shape (a version in a sync conflict) is named as the lists name it,
not by its internal id; a shape that does not say what the record is gives no title."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ntm_desktop.core.i18n import set_language
from ntm_desktop.services.kinds.registry import kind_named
from tests.helpers.records_example import EXAMPLE


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    set_language("vi")
    yield
    set_language("vi")


def _title(kind: str, doc: object) -> str | None:
    store = kind_named(kind)
    assert store is not None
    return store.doc_title(doc)


def test_each_kind_is_named_by_its_title() -> None:
    assert _title("help", EXAMPLE["help"][0]) == (
        "10/12/2019 · Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II"
    )
    assert _title("assessments", EXAMPLE["assessments"][0]) == "2023 · chỉ tiêu 3.1"
    assert _title("supporters", EXAMPLE["supporters"][0]) == "Sở Nội vụ tỉnh Bắc Kạn"


def test_a_shape_that_does_not_say_gives_no_title() -> None:
    assert _title("help", None) is None  # removed on that side
    assert _title("help", {"title": 5}) is None  # not readable as a help record
    assert _title("assignments", EXAMPLE["assignments"][0]) is None  # needs its supporter's stored name
