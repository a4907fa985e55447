"""The help ledger held in columns, so that a table of 100.000 records filters as fast as one types.

No Qt here. Each record is a *slot*: one entry in every column list. Filters are masks (``bytes`` of 0/1
per slot) computed with C-speed ``map`` over a column and cached per value; several masks are combined as
big integers. Totals under a mask add up per-record sums and the bit planes of
:class:`~.quantities.Quantities`. A saved record takes a new slot and its old slot
is marked dead, so nothing is rebuilt when one record changes (a full read compacts the slots again).
"""

from __future__ import annotations

import json
import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress, repeat
from typing import Any

from ntm_desktop.core.folding import fold_many
from ntm_desktop.core.text import fold, is_ascii_digits, name_key
from ntm_desktop.services.ledger.browse.quantities import Quantities, mask_bits
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES, ITEM_KINDS
from ntm_desktop.services.ledger.rows import FIELD, Lines, Row

KIND_BITS = {kind: 1 << i for i, kind in enumerate(ITEM_KINDS)}
_NO_ITEMS = f"0{FIELD}0{FIELD}{FIELD}"
_SEP = "\x00"
"""Between the fields of a search key, so that a word never matches across two fields."""


@dataclass(frozen=True)
class LedgerFilter:
    """Which records show. ``None`` (or empty text) means "all"."""

    year: int | None = None
    supporter: str | None = None
    """A supporter's uid."""
    kind: str | None = None
    criterion: str | None = None
    village: str | None = None
    text: str = ""
    funding_source: str | None = None
    """A funding source's code, or ``""`` for records with none recorded."""


@dataclass(frozen=True)
class QuantityTotal:
    kind: str
    name: str
    unit: str
    quantity: Decimal


@dataclass(frozen=True)
class LedgerTotals:
    records: int
    value_vnd: int
    cash_vnd: int
    quantities: tuple[QuantityTotal, ...] = ()
    """Item lines other than cash, per (kind, name, unit), in kind order, largest first within a kind."""
    by_source: tuple[tuple[str, int, int], ...] = ()
    """(funding source, records, value in đồng) for each source among the records, in the order of
    :data:`~ntm_desktop.services.ledger.kinds.FUNDING_SOURCES`; ``""`` (none recorded) last."""


class LedgerIndex:
    COLUMNS = (
        "uid", "version", "date", "title", "village", "criteria", "supporters",
        "value", "cash", "kinds", "text_key", "funding",
    )  # fmt: skip
    """The columns a cache saves (with ``alive`` and the quantities)."""

    def __init__(self, supporter_names: dict[str, str] | None = None) -> None:
        self.uid: list[str] = []
        self.version: list[str] = []
        self.date: list[str] = []
        """ISO dates, "2019-12-10": they sort as dates and their year is the first four characters."""
        self.title: list[str] = []
        self.village: list[str] = []
        self.criteria: list[str] = []
        """Criterion codes as stored (JSON text, '["2", "5"]')."""
        self.supporters: list[str] = []
        """Supporter uids, joined by spaces, in the record's order."""
        self.value: list[int] = []
        self.cash: list[int] = []
        self.kinds: list[int] = []
        """The item kinds of each record, as bits (:data:`KIND_BITS`)."""
        self.text_key: list[str] = []
        """Folded title, village and item names."""
        self.funding: list[str] = []
        """The funding source's code ("" when none was recorded)."""
        self.key: list[str] = []
        """``text_key`` and the folded supporter names: what the search box looks in."""
        self.alive = bytearray()
        self.by_date: list[int] = []
        self._sorted_dates: list[str] = []
        self.slot_of: dict[str, int] = {}
        self.quantities = Quantities()
        self._names: dict[str, str] = dict(supporter_names or {})
        self._name_keys: dict[str, str] = {}
        self._display: dict[str, str] = {}
        self._bits: dict[str, int] = {}
        self._masks: dict[tuple[str, Any], bytes] = {}

    def __len__(self) -> int:
        """Live records."""
        return self.alive.count(1)

    @property
    def slots(self) -> int:
        return len(self.uid)

    # ---- filling -------------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Sequence[Row], lines: Sequence[Lines], names: dict[str, str]) -> LedgerIndex:
        index = cls(names)
        index.add(rows, lines)
        return index

    def add(self, rows: Sequence[Row], lines: Sequence[Lines]) -> None:
        """Put ``rows`` and their item ``lines`` in; a record already held is replaced (its old slot dies)."""
        self.remove(r[0] for r in rows)
        if not rows:
            return
        first = len(self.uid)
        uids, versions, dates, titles, villages, criteria, supporters, packed, funding = map(
            list, zip(*rows, strict=True)
        )
        self.slot_of.update(zip(uids, range(first, first + len(uids)), strict=True))
        self.uid += uids
        self.version += versions
        self.date += dates
        self.title += titles
        self.village += villages
        self.criteria += [c or "[]" for c in criteria]
        self.supporters += supporters
        self.funding += [f or "" for f in funding]
        self.alive += b"\x01" * len(uids)
        self.by_date = []
        sums = [(p or _NO_ITEMS).split(FIELD, 3) for p in packed]
        self.value += [int(v) for v, _, _, _ in sums]
        self.cash += [int(c) for _, c, _, _ in sums]
        self.kinds += [self._kind_bits(k) for _, _, k, _ in sums]
        texts = fold_many(
            [f"{t}{_SEP}{v}{_SEP}{s[3]}" for t, v, s in zip(titles, villages, sums, strict=True)]
        )
        self.text_key += texts
        self.key += self._keys(texts, supporters)
        slot = self.slot_of.__getitem__
        self.quantities.add((k, n, u, q, list(map(slot, uids.split(",")))) for k, n, u, q, uids in lines)

    def remove(self, uids: Iterable[str]) -> None:
        for uid in uids:
            slot = self.slot_of.pop(uid, None)
            if slot is not None:
                self.alive[slot] = 0
        self._masks.clear()

    def restore(self, supporter_names: dict[str, str]) -> None:
        """Rebuild what is derived from the columns (after they were loaded from a cache)."""
        self._names = dict(supporter_names)
        n = len(self.uid)
        if not all(len(getattr(self, column)) == n for column in self.COLUMNS) or len(self.alive) != n:
            raise ValueError("columns of different lengths")
        self.slot_of = dict(zip(compress(self.uid, self.alive), compress(range(n), self.alive), strict=True))
        self.key = self._keys(self.text_key, self.supporters)
        self.quantities.restore()

    def rename_supporters(self, names: dict[str, str]) -> bool:
        """Supporter names changed: search keys and shown names follow. False when none changed."""
        if names == self._names:
            return False
        self._names = dict(names)
        self._name_keys.clear()
        self._display.clear()
        self.key = self._keys(self.text_key, self.supporters)
        self._masks.clear()
        return True

    def _kind_bits(self, kinds: str) -> int:
        bits = self._bits.get(kinds)
        if bits is None:
            bits = self._bits[kinds] = sum(KIND_BITS.get(k, 0) for k in set(kinds.split(",")))
        return bits

    def _keys(self, texts: list[str], supporters: list[str]) -> list[str]:
        """Search keys: the folded texts, then the folded names of each record's supporters."""
        new = list({s for s in supporters if s not in self._name_keys})
        folded = fold_many([" ".join(self._names.get(u, "") for u in uids.split()) for uids in new])
        self._name_keys.update(zip(new, folded, strict=True))
        names = self._name_keys
        return [f"{t}{_SEP}{names[s]}" for t, s in zip(texts, supporters, strict=True)]

    # ---- what a row shows ------------------------------------------------------------------------

    def supporter_names(self, slot: int) -> str:
        uids = self.supporters[slot]
        shown = self._display.get(uids)
        if shown is None:
            shown = self._display[uids] = "; ".join(self._names.get(u, "?") for u in uids.split())
        return shown

    def criteria_codes(self, slot: int) -> list[str]:
        codes = json.loads(self.criteria[slot])
        return [str(c) for c in codes] if isinstance(codes, list) else []

    def years(self) -> list[int]:
        return sorted({int(d[:4]) for d in set(compress(self.date, self.alive)) if is_ascii_digits(d[:4])})

    def villages(self) -> list[str]:
        return sorted(set(compress(self.village, self.alive)) - {""})

    def supporters_used(self) -> set[str]:
        return {u for uids in set(compress(self.supporters, self.alive)) for u in uids.split()}

    def criteria_used(self) -> set[str]:
        found: set[str] = set()
        for text in set(compress(self.criteria, self.alive)):
            found.update(str(c) for c in json.loads(text))
        return found

    # ---- filtering -------------------------------------------------------------------------------

    def mask(self, f: LedgerFilter) -> bytes:
        """One byte per slot: 1 where a live record passes every filter of ``f``."""
        parts: list[bytes | bytearray] = [self.alive]
        if f.year is not None:
            prefix = f"{f.year:04d}-"
            parts.append(
                self._cached("year", prefix, lambda: bytes(map(str.startswith, self.date, repeat(prefix))))
            )
        if f.supporter:
            uid = f.supporter
            parts.append(self._cached("supporter", uid, lambda: _contains(self.supporters, uid)))
        if f.kind:
            bit = KIND_BITS.get(f.kind, 0)
            parts.append(self._cached("kind", bit, lambda: bytes(map(bool, map(bit.__and__, self.kinds)))))
        if f.criterion:
            quoted = json.dumps(f.criterion)
            parts.append(self._cached("criterion", quoted, lambda: _contains(self.criteria, quoted)))
        if f.village is not None:
            village = f.village
            parts.append(self._cached("village", village, lambda: _equal(self.village, village)))
        if f.funding_source is not None:
            parts.append(self._source_mask(f.funding_source))
        for word in fold(f.text).split():
            parts.append(self._cached("word", word, lambda word=word: _contains(self.key, word)))  # type: ignore[misc]
        return _all(parts, len(self.uid))

    def _source_mask(self, source: str) -> bytes:
        return self._cached("funding", source, lambda: _equal(self.funding, source))

    def _year_mask(self, year: int) -> bytes:
        """The records of a year are a run of the date order: find its ends by bisection."""
        order = self.date_order()
        if len(self._sorted_dates) != len(order):
            self._sorted_dates = (
                list(operator.itemgetter(*order)(self.date))
                if len(order) > 1
                else [self.date[s] for s in order]
            )
        low = bisect_left(self._sorted_dates, f"{year:04d}-")
        high = bisect_left(self._sorted_dates, f"{year + 1:04d}-")
        mask = bytearray(len(self.uid))
        for slot in order[low:high]:
            mask[slot] = 1
        return bytes(mask)

    def _cached(self, what: str, value: object, compute: Callable[[], bytes]) -> bytes:
        key = (what, value)
        found = self._masks.get(key)
        if found is None:
            if len(self._masks) > 200:
                self._masks.clear()
            found = self._masks[key] = compute()
        return found

    # ---- totals ----------------------------------------------------------------------------------

    def totals(self, mask: bytes) -> LedgerTotals:
        sums = self.quantities.sums(mask_bits(mask), mask)
        groups = self.quantities.groups
        rows = [QuantityTotal(*groups[g], quantity=q.normalize()) for g, q in sums.items()]
        order = {kind: i for i, kind in enumerate(ITEM_KINDS)}
        rows.sort(key=lambda t: (order.get(t.kind, len(order)), -t.quantity, name_key(t.name)))
        return LedgerTotals(
            records=mask.count(1),
            value_vnd=sum(compress(self.value, mask)),
            cash_vnd=sum(compress(self.cash, mask)),
            quantities=tuple(rows),
            by_source=self._by_source(mask),
        )

    def _by_source(self, mask: bytes) -> tuple[tuple[str, int, int], ...]:
        order = {code: i for i, code in enumerate(FUNDING_SOURCES)}
        used = sorted(set(compress(self.funding, mask)), key=lambda s: order.get(s, len(order)))
        found = []
        for source in used:
            both = _all([mask, self._source_mask(source)], len(mask))
            found.append((source, both.count(1), sum(compress(self.value, both))))
        return tuple(found)

    # ---- sorting ---------------------------------------------------------------------------------

    def date_order(self) -> list[int]:
        """Every slot, oldest first (kept until slots are added; a cache saves it too)."""
        if len(self.by_date) != len(self.uid):
            self.by_date = sorted(range(len(self.uid)), key=self.date.__getitem__)
        return self.by_date

    def order_by(self, keys: Sequence[Any] | None, descending: bool) -> Order:
        """Every slot, ordered by ``keys`` (one per slot; ``None``: by date); ties keep the date order."""
        by_date = self.date_order()
        if descending:
            by_date = by_date[::-1]
        if keys is None:
            return Order(by_date)
        return Order(sorted(by_date, key=keys.__getitem__, reverse=descending))

    @staticmethod
    def ranks(column: Sequence[str], sort_texts: Callable[[list[str]], list[str]]) -> list[int]:
        """One sort rank per slot for a text column, in the order ``sort_texts`` (a collator) gives."""
        rank = {text: i for i, text in enumerate(sort_texts(list(set(column))))}
        return list(map(rank.__getitem__, column))


class Order:
    """Slots in the order the table shows them, and the fast way to keep those a mask lets through."""

    NARROW = 8
    """A mask that lets through less than one slot in this many is sorted by rank instead."""

    def __init__(self, slots: list[int]) -> None:
        self.slots = slots
        self._get = operator.itemgetter(*slots) if len(slots) > 1 else None
        self._rank: list[int] | None = None

    def visible(self, mask: bytes) -> list[int]:
        if self._get is None:
            return [slot for slot in self.slots if mask[slot]]
        if mask.count(1) * self.NARROW < len(mask):
            return sorted(compress(range(len(mask)), mask), key=self.rank().__getitem__)
        return list(compress(self.slots, self._get(mask)))

    def rank(self) -> list[int]:
        """Each slot's place in the order."""
        if self._rank is None:
            rank = [0] * len(self.slots)
            for place, slot in enumerate(self.slots):
                rank[slot] = place
            self._rank = rank
        return self._rank


def _contains(column: list[str], part: str) -> bytes:
    return bytes(map(operator.contains, column, repeat(part)))


def _equal(column: list[str], value: str) -> bytes:
    return bytes(map(operator.eq, column, repeat(value)))


def _all(parts: list[bytes | bytearray], size: int) -> bytes:
    if len(parts) == 1:
        return bytes(parts[0])
    combined = int.from_bytes(parts[0], "little")
    for part in parts[1:]:
        combined &= int.from_bytes(part, "little")
    return combined.to_bytes(size, "little")
