"""The quick lane for a list of help records that are all plainly fine (the common case of a bundle).

The records-v1 reader (:mod:`ntm_desktop.records.reader`) and the ledger's checks
(:func:`~ntm_desktop.services.ledger.checks.check_help`) read and judge a record field by field so that
every problem is named. A commune's bundle brings hundreds of help records with no problem at all; here
the whole list's shape and types are judged in one call (msgspec, compiled) and its texts in one search
of all of them joined, and only the rules a schema cannot say (cash equals its quantity, no supporter
twice, a known kind…) run per record. The result is the very drafts the slow lane makes; the slightest
doubt — a type not exactly as records-v1 writes it, a text not already NFC, a field of a newer version,
any rule not met — answers None, and the caller reads and checks the list the slow way, which names the
problem (``tests/test_help_fast.py`` compares both lanes record by record).
"""

# Annotations are objects here, not strings (no ``from __future__ import annotations``): msgspec reads a
# Struct's annotations when its decoder or first conversion is made, and each string costs a compile
# (~1 ms in all, on the first import in a process).

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any, NamedTuple

import msgspec

from ntm_desktop.core.numbers import MAX_MONEY
from ntm_desktop.core.text import LONG_TEXT, SHORT_TEXT
from ntm_desktop.core.years import FIRST_YEAR, LAST_YEAR
from ntm_desktop.services.kinds.fast_lane import plain_texts, printable_ascii, typed_list
from ntm_desktop.services.kinds.fields import MAX_WHOLE, made
from ntm_desktop.services.ledger.checks import MAX_COUNT, MAX_QUANTITY
from ntm_desktop.services.ledger.kinds import (
    CASH_UNIT,
    DEFAULT_UNITS,
    DISTRICTS_ENDED,
    FUNDING_SOURCES,
    ITEM_KINDS,
    default_item_name,
)
from ntm_desktop.services.ledger.values import HelpDraft, ItemDraft

MAX_ID = 100
"""A record id (:data:`ntm_desktop.records.reader.MAX_ID_LENGTH`, which a test compares)."""
_TITLE = 1_000
"""A title's limit (the ledger checks' own, which a test compares)."""
_COUNT = min(MAX_COUNT, MAX_WHOLE)


_Short = Annotated[str, msgspec.Meta(max_length=SHORT_TEXT)]
_Count = Annotated[int, msgspec.Meta(ge=0, le=_COUNT)]
"""Limits msgspec checks as it reads (lengths in characters, as ``len``): one doubt fewer to look for."""


class _Item(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    """Frozen: a line with a whole quantity is known again by itself (:attr:`_Seen.whole`). Not tracked by
    the garbage collector (``gc=False``, as the records here and ``assessments_fast``'s): a record read from a
    bundle holds only texts, numbers, days, tuples and lists of them and other such records, all new, so
    it is in no reference cycle; msgspec makes a bundle's thousand records ~25% quicker so."""

    kind: str
    quantity: int | float
    """msgspec takes a Decimal here too (as a float): the value as given is used instead."""
    unit: _Short
    name: _Short | None = None
    value_vnd: Annotated[int, msgspec.Meta(ge=0, le=MAX_MONEY)] | None = None


class _Beneficiaries(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    households: _Count | None = None
    persons: _Count | None = None


class _Help(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: Annotated[str, msgspec.Meta(max_length=MAX_ID)]
    date: date
    """msgspec reads exactly YYYY-MM-DD (a real day), which the slow lane reads alike; its year must be
    one the app shows (:mod:`ntm_desktop.core.years`), as the ledger's checks require."""
    supporters: tuple[_Short, ...]
    title: Annotated[str, msgspec.Meta(max_length=_TITLE)]
    items: list[_Item]
    description: Annotated[str, msgspec.Meta(max_length=LONG_TEXT)] | None = None
    village: _Short | None = None
    criteria: tuple[_Short, ...] | None = None
    beneficiaries: _Beneficiaries | None = None
    funding_source: _Short | None = None


_LIST = list[_Help]
_ID, _TITLE_OF, _DESCRIPTION, _VILLAGE = map(attrgetter, ("id", "title", "description", "village"))
"""A record's fields, read from each record of a list in one call (``map``)."""
_FIELDS_OF = vars(HelpDraft)["__dict__"].__set__
"""Sets a new draft's fields (its ``__dict__``) at once: what ``object.__setattr__(draft, "__dict__", …)``
does, without looking the attribute up again for each of a bundle's hundreds of drafts."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Doubt(Exception):
    """Something the quick lane does not vouch for: the slow lane reads the list."""


def help_drafts(raw: object, ids: Mapping[str, str] | None = None) -> list[tuple[str, HelpDraft]] | None:
    """Each record's (id, checked draft) — supporters as the file's ids, or as their uids when ``ids``
    (record id → uid) is given — when every record of the list is plainly fine; None when any is in
    doubt (then nothing of this is used). With ``ids``, the drafts are those relinking makes
    (:meth:`HelpStore.relink_each`), and a record naming a supporter ``ids`` does not know, or two that
    relink to one uid, is a doubt too (the careful check names it)."""
    if not isinstance(raw, list) or (records := typed_list(raw, _LIST)) is None:
        return None
    seen = _Seen(ids)
    try:
        out = list(zip([r.id.strip() for r in records], drafts_of(records, raw, seen), strict=True))
    except _Doubt:
        return None
    return out if seen.plain(records) else None


_PLAIN_CRITERIA: dict[tuple[str, ...], tuple[str, ...]] = {}
"""Lists of criteria as given → as read, from earlier lists whose texts all proved plain: a list reads
the same and its texts are plain or not wherever it comes (communes cite the same few lists)."""
_PLAIN_LINES: dict[Any, ItemDraft] = {}
"""Item lines whose quantity is an int, by their typed record, from earlier lists whose texts all proved
plain: a line reads the same wherever it comes (communes give the same few dozen)."""
_KEPT = 10_000
""":data:`_PLAIN_CRITERIA` and :data:`_PLAIN_LINES` are emptied once they hold this many."""


class _Seen:
    """What the records of a list share, each judged once (a draft is frozen, so one can stand for
    many): item lines, lists of supporters and of criteria, funding sources; and their texts."""

    def __init__(self, ids: Mapping[str, str] | None = None) -> None:
        self.items: dict[tuple[Any, ...], ItemDraft] = {}
        """Item lines by what they say, the quantity as given."""
        self.whole: dict[_Item, ItemDraft] = {}
        """Item lines whose quantity is an int, by their typed record (equal records, equal lines)."""
        self.codes: dict[tuple[str, ...], tuple[str, ...]] = {}
        """Supporters' ids and criteria, stripped; both must be distinct and not blank."""
        self.ids = ids
        self.supporters: dict[tuple[str, ...], tuple[str, ...]] = {}
        """A list of supporters as given → as the draft names them (their uids, with ``ids``)."""
        self.funding: dict[str, str] = {}
        self.texts: list[str] = []
        """The texts of what was judged once (an item line's, a list's): the rest are read by list."""
        self.criteria: list[tuple[str, ...]] = []
        """Lists of criteria read here (not known from earlier lists), kept if the texts prove plain."""
        self.lines: list[_Item] = []
        """Item lines judged here (not known from earlier lists), kept if the texts prove plain."""

    def plain(self, records: list[_Help]) -> bool:
        """:func:`plain_texts` of the list (:meth:`texts_of`); the lists of criteria read are then kept."""
        if not plain_texts(self.texts_of(records)):
            return False
        for kept in (_PLAIN_CRITERIA, _PLAIN_LINES):
            if len(kept) >= _KEPT:
                kept.clear()
        _PLAIN_CRITERIA.update((raw, self.codes[raw]) for raw in self.criteria)
        _PLAIN_LINES.update((line, self.whole[line]) for line in self.lines)
        return True

    def texts_of(self, records: list[_Help]) -> list[str]:
        """Every distinct text of the list, for :func:`plain_texts` (a text is plain or not wherever it
        comes: titles and villages repeat through a list); its ids only when they are not all printable
        ASCII (:func:`printable_ascii`: plain then)."""
        texts = self.texts
        if not printable_ascii(ids := list(map(_ID, records))):
            texts += ids
        distinct = {*map(_TITLE_OF, records), *map(_DESCRIPTION, records), *map(_VILLAGE, records)}
        distinct.discard(None)  # (none given: no text)
        texts += distinct
        return texts

    def codes_of(self, raw: tuple[str, ...]) -> tuple[str, ...]:
        codes = tuple([x.strip() for x in raw])
        if not all(codes) or len(set(codes)) != len(codes):
            raise _Doubt
        self.texts += raw
        self.codes[raw] = codes
        return codes

    def criteria_of(self, raw: tuple[str, ...]) -> tuple[str, ...]:
        """:meth:`codes_of` for a list of criteria, known from an earlier list when it is there."""
        codes = _PLAIN_CRITERIA.get(raw)
        if codes is None:
            self.criteria.append(raw)
            return self.codes_of(raw)
        self.codes[raw] = codes
        return codes

    def supporters_of(self, raw: tuple[str, ...]) -> tuple[str, ...]:
        codes = self.codes.get(raw) or self.codes_of(raw)
        ids = self.ids
        if ids is not None:  # relinked: each known, and no two ids of one uid
            codes = tuple([ids.get(code, "") for code in codes])
            if not all(codes) or len(set(codes)) != len(codes):
                raise _Doubt
        self.supporters[raw] = codes
        return codes

    def funding_of(self, raw: str) -> str:
        funding = raw.strip()
        if funding and funding not in FUNDING_SOURCES:
            raise _Doubt
        self.texts.append(raw)
        self.funding[raw] = funding
        return funding


def drafts_of(records: list[_Help], raw: list[dict[str, Any]], seen: _Seen) -> list[HelpDraft]:
    """Each record's checked draft (:class:`_Doubt` for anything the quick lane does not vouch for): the
    drafts of :func:`columns_of`."""
    return drafts(columns_of(records, raw, seen))


class HelpColumns(NamedTuple):
    """Checked help records column by column (:func:`columns_of`), as a bulk insert takes them."""

    own: dict[str, list[Any]]
    """The help rows' own columns (:data:`OWN_COLUMNS`; criteria as the drafts' tuples of codes)."""
    items: list[list[ItemDraft]]
    """Each record's item lines."""
    supporters: list[tuple[str, ...]]
    """Each record's supporters."""


OWN_COLUMNS = (
    "date",
    "title",
    "description",
    "village",
    "households",
    "persons",
    "funding_source",
    "criteria",
)
"""The help row's own columns: the draft's fields of those names (a test compares them with the store's)."""
_DAY_OF, _BENEFICIARIES, _HOUSEHOLDS, _PERSONS = map(
    attrgetter, ("date", "beneficiaries", "households", "persons")
)
_NO_BENEFICIARIES = _Beneficiaries()


def columns_of(records: list[_Help], raw: list[dict[str, Any]], seen: _Seen) -> HelpColumns:
    """Each record checked (:class:`_Doubt` for anything the quick lane does not vouch for), its draft's
    fields given column by column (a bulk insert takes them so; :func:`drafts` makes the drafts).
    ``raw``: the records as given (msgspec takes a Decimal for a float, so a quantity that is not whole
    comes from them). Lengths and counts were checked by msgspec; a text is kept as cleaning leaves it
    (stripped) once the joined texts prove NFC, and a required one must not be blank. One loop for the
    list, what it asks for bound once (a bundle brings hundreds of records); the fields no rule reads
    taken by column afterwards."""
    supporters_of, known_supporters = seen.supporters_of, seen.supporters
    criteria_of, known_codes = seen.criteria_of, seen.codes
    plain = _PLAIN_CRITERIA  # a list read before and proven plain is taken as read then, each time
    seen_line = seen.whole.get
    titles: list[str] = []
    each_supporters: list[tuple[str, ...]] = []
    each_lines: list[list[ItemDraft]] = []
    each_criteria: list[tuple[str, ...]] = []
    each_funding: list[str] = []
    put_title, put_supporters, put_lines = titles.append, each_supporters.append, each_lines.append
    put_criteria, put_funding = each_criteria.append, each_funding.append
    for r, src in zip(records, raw, strict=True):
        day, given, raw_criteria = r.date, r.supporters, r.criteria
        if not FIRST_YEAR <= day.year <= LAST_YEAR:  # a year the app does not show: the checks name it
            raise _Doubt
        supporters = known_supporters.get(given) or supporters_of(given)
        criteria = (
            (plain.get(raw_criteria) or known_codes.get(raw_criteria) or criteria_of(raw_criteria))
            if raw_criteria
            else ()
        )
        funding = r.funding_source or ""
        if funding:
            funding = seen.funding.get(funding) or seen.funding_of(funding)
            if funding == "district_budget" and day >= DISTRICTS_ENDED:
                raise _Doubt
        title, items = r.title.strip(), r.items
        if not (r.id.strip() and title and supporters and items):
            raise _Doubt
        lines = []
        for it in items:  # each a line seen before, its quantity an int (the usual case), or all anew
            if (line := seen_line(it)) is None or type(it.quantity) is not int:
                lines = _lines(items, src, seen)
                break
            lines.append(line)
        put_title(title)
        put_supporters(supporters)
        put_lines(lines)
        put_criteria(criteria)
        put_funding(funding)
    people = list(map(_BENEFICIARIES, records))
    if None in people:
        people = [_NO_BENEFICIARIES if b is None else b for b in people]
    own = {
        "date": list(map(_DAY_OF, records)),
        "title": titles,
        "description": _stripped(list(map(_DESCRIPTION, records))),
        "village": _stripped(list(map(_VILLAGE, records))),
        "households": list(map(_HOUSEHOLDS, people)),
        "persons": list(map(_PERSONS, people)),
        "funding_source": each_funding,
        "criteria": each_criteria,
    }
    return HelpColumns(own, each_lines, each_supporters)


def _stripped(texts: list[str | None]) -> list[str]:
    """Each optional text as a draft keeps it: stripped, "" for none (each distinct one stripped once when
    some are missing)."""
    distinct = set(texts)
    if None not in distinct:
        return list(map(str.strip, texts))  # type: ignore[arg-type]
    if len(distinct) == 1:
        return [""] * len(texts)
    by_text = {t: (t or "").strip() for t in distinct}
    return list(map(by_text.__getitem__, texts))


def drafts(columns: HelpColumns) -> list[HelpDraft]:
    """The drafts of checked records given column by column (:func:`columns_of`), as ``made`` makes them
    (every field given, in the draft's order)."""
    own = columns.own
    out: list[HelpDraft] = []
    new, fill, put = object.__new__, _FIELDS_OF, out.append
    for day, title, supporters, lines, description, village, criteria, households, persons, funding in zip(
        own["date"],
        own["title"],
        columns.supporters,
        columns.items,
        own["description"],
        own["village"],
        own["criteria"],
        own["households"],
        own["persons"],
        own["funding_source"],
        strict=True,
    ):
        draft = new(HelpDraft)
        fill(draft, {
            "date": day,
            "title": title,
            "supporters": supporters,
            "items": tuple(lines),
            "description": description,
            "village": village,
            "criteria": criteria,
            "households": households,
            "persons": persons,
            "funding_source": funding,
        })  # fmt: skip
        put(draft)
    return out


def _lines(items: list[_Item], src: dict[str, Any], seen: _Seen) -> list[ItemDraft]:
    """A record's item lines, each judged once for the list (:attr:`_Seen.whole`, :attr:`_Seen.items`) or
    known from an earlier one (:data:`_PLAIN_LINES`); a line's texts go in ``seen.texts`` the first time it
    is judged."""
    lines = []
    known, whole, texts = seen.items, seen.whole, seen.texts
    for n, it in enumerate(items):
        if type(q := it.quantity) is int:  # given as an int (msgspec makes any other number a float)
            if (line := whole.get(it)) is None:
                if (line := _PLAIN_LINES.get(it)) is None:
                    line = _new_item(it, q, texts)
                    seen.lines.append(it)
                whole[it] = line
        else:  # as given: a float or Decimal, as the strict JSON reader gives it
            q = src["items"][n]["quantity"]
            if (line := known.get(key := (it.kind, q, type(q), it.unit, it.name, it.value_vnd))) is None:
                line = known[key] = _new_item(it, q, texts)
        lines.append(line)
    return lines


def _new_item(it: _Item, raw: Any, texts: list[str]) -> ItemDraft:
    kind = it.kind
    if kind not in ITEM_KINDS:
        raise _Doubt
    quantity = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    if not quantity.is_finite() or quantity < 0 or quantity > MAX_QUANTITY:
        raise _Doubt
    quantity = quantity.normalize() if quantity else Decimal(0)
    texts += (it.unit, it.name or "")
    unit = it.unit.strip() or DEFAULT_UNITS.get(kind, "")
    name = (it.name or "").strip() or default_item_name(kind)
    value = it.value_vnd
    if not unit:
        raise _Doubt
    if kind == "cash":
        if unit != CASH_UNIT or quantity != quantity.to_integral_value():
            raise _Doubt
        if value is not None and value != int(quantity):
            raise _Doubt
        value = int(quantity)
    texts.append(kind)
    return made(ItemDraft, kind=kind, quantity=quantity, unit=unit, name=name, value_vnd=value)


def fast_types() -> dict[str, Any]:
    """The schema's fields by record part (for the test that compares them with the records-v1 kinds)."""
    return {
        "help": set(_Help.__struct_fields__),
        "items": set(_Item.__struct_fields__),
        "beneficiaries": set(_Beneficiaries.__struct_fields__),
    }
