"""Quantities of item lines, added up under any filter in a few milliseconds (no Qt here).

Lines are grouped by what they are: (kind, name, unit), names and units compared as the ledger's totals
compare them. For each group, the quantity of each record (in thousandths) is cut into *bit planes*: plane
``b`` is an integer whose bit ``s`` is set when record slot ``s`` has bit ``b`` set in its quantity. The sum
over the records a filter lets through is then ``Σ popcount(plane_b & filter) << b`` — some twenty big-integer
operations per group instead of a Python step per line. Quantities with more than three decimals (rare)
are kept apart and added as ``Decimal``.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from ntm_desktop.core.text import name_key

SCALE = 1000
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BIT_DIGITS = [bytes(0x31 if value >> bit & 1 else 0x30 for value in range(256)) for bit in range(8)]

GroupLines = tuple[str, str, str, str, list[int]]
"""(kind, name, unit, quantity, record slots): alike lines, one slot per line."""


def mask_bits(mask: bytes) -> int:
    """The 0/1-per-slot ``mask`` as an integer with bit ``s`` for slot ``s``."""
    return int(mask.translate(_TO_DIGITS)[::-1], 2) if mask else 0


class Quantities:
    def __init__(self) -> None:
        self.groups: list[tuple[str, str, str]] = []
        """(kind, name, unit) of each group, as first spelt."""
        self.planes: list[list[int]] = []
        self.odd: list[tuple[int, int, str]] = []
        """(slot, group, quantity) of lines with more than three decimals."""
        self._group_of: dict[tuple[str, str, str], int] = {}
        self._raw: dict[tuple[str, str, str], int] = {}

    def restore(self) -> None:
        """Rebuild the lookup after ``groups`` was loaded from a cache."""
        self._group_of = {(k, name_key(n), name_key(u)): g for g, (k, n, u) in enumerate(self.groups)}

    def add(self, lines: Iterable[GroupLines]) -> None:
        """Add lines of records that have new slots (a slot never gets lines twice)."""
        per_group: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for kind, name, unit, quantity, slots in lines:
            group = self._group(kind, name, unit)
            scaled = _scaled(quantity)
            if scaled is None:
                self.odd += [(slot, group, quantity) for slot in slots]
                continue
            amounts = per_group[group]
            for slot in slots:
                amounts[slot] += scaled
        for group, amounts in per_group.items():
            self._set(group, amounts)

    def _group(self, kind: str, name: str, unit: str) -> int:
        group = self._raw.get((kind, name, unit))
        if group is not None:
            return group
        key = (kind, name_key(name), name_key(unit))
        group = self._group_of.get(key)
        if group is None:
            group = self._group_of[key] = len(self.groups)
            self.groups.append((kind, name, unit))
            self.planes.append([])
        self._raw[(kind, name, unit)] = group
        return group

    def _set(self, group: int, amounts: dict[int, int]) -> None:
        planes = self.planes[group]
        top = max(amounts.values()).bit_length()
        planes += [0] * (top - len(planes))
        if len(amounts) < 64:
            for slot, amount in amounts.items():
                for bit in range(amount.bit_length()):
                    if amount >> bit & 1:
                        planes[bit] |= 1 << slot
            return
        first = min(amounts)
        values = array("Q", bytes(8 * (max(amounts) - first + 1)))
        for slot, amount in amounts.items():
            values[slot - first] = amount
        if sys.byteorder == "big":
            values.byteswap()
        raw = values.tobytes()
        for bit in range(top):
            digits = raw[bit // 8 :: 8].translate(_BIT_DIGITS[bit % 8])
            planes[bit] |= int(digits[::-1], 2) << first

    def sums(self, bits: int, mask: bytes) -> dict[int, Decimal]:
        """Group → quantity over the slots set in ``bits`` (``mask`` is the same filter as bytes)."""
        sums: dict[int, Decimal] = {}
        for group, planes in enumerate(self.planes):
            scaled = sum((plane & bits).bit_count() << bit for bit, plane in enumerate(planes))
            if scaled:
                sums[group] = Decimal(scaled) / SCALE
        for slot, group, quantity in self.odd:
            if slot < len(mask) and mask[slot]:
                sums[group] = sums.get(group, Decimal(0)) + _decimal(quantity)
        return sums


def _scaled(text: str) -> int | None:
    value = _decimal(text) * SCALE
    return int(value) if value == value.to_integral_value() and value >= 0 else None


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return Decimal(0)
    return value if value.is_finite() else Decimal(0)
