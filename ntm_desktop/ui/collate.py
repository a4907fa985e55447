"""Vietnamese sorting: "Đắk Lắk" after "Dĩ An", "Ân Thi" after "An Giang" (QCollator, vi_VN)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, cmp_to_key
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale

T = TypeVar("T")


@cache
def collator() -> QCollator:
    c = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    c.setNumericMode(True)  # "Thôn 2" before "Thôn 10"
    return c


def compare(a: str, b: str) -> int:
    return collator().compare(a, b)


def vi_sorted(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    def by_name(a: T, b: T) -> int:
        return compare(key(a), key(b))

    return sorted(items, key=cmp_to_key(by_name))
