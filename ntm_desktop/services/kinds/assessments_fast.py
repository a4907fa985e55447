"""The quick read of a list of assessments that are all plainly written (the common case of a bundle).

The records-v1 reader reads an assessment field by field (:meth:`AssessmentStore.read`) so that every
problem is named. Here the whole list's shape and types are judged in one call (msgspec, compiled) and
its texts in one search of all of them joined; the drafts are exactly the reader's. Judging them against
their criteria set is left to :meth:`AssessmentStore.check`, as for every assessment. The slightest doubt
answers None, and the reader reads the list (``tests/test_help_fast.py`` compares both).
"""

# Annotations are objects here, not strings (no ``from __future__ import annotations``): msgspec reads a
# Struct's annotations when its decoder or first conversion is made, and each string costs a compile
# (~1 ms in all, on the first import in a process).

from collections.abc import Sequence
from datetime import date
from operator import attrgetter
from typing import Annotated, Any

import msgspec

from ntm_desktop.core.text import LONG_TEXT, SHORT_TEXT, not_allowed_in
from ntm_desktop.services.kinds.assessment_draft import MAX_YEAR, MIN_YEAR, ROW_COLUMNS, AssessmentDraft
from ntm_desktop.services.kinds.assessment_once import _FIELDS_OF, Once, Under
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fast_lane import plain_texts, printable_ascii, typed_list
from ntm_desktop.services.kinds.judging import exact, plain_number

MAX_ID = 100
"""A record id (:data:`ntm_desktop.records.reader.MAX_ID_LENGTH`, which a test compares)."""


class _Assessment(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """Not tracked by the garbage collector, as ``help_fast``'s records (``gc=False``: in no cycle)."""

    id: Annotated[str, msgspec.Meta(max_length=MAX_ID)]
    year: int
    indicator: str | None = None
    criterion: str | None = None
    value: bool | int | float | str | None = None
    met: bool | msgspec.UnsetType | None = msgspec.UNSET
    note: str | None = None
    assessed_on: date | None = None
    """msgspec reads exactly YYYY-MM-DD (a real day), which the reader reads alike."""
    assessed_by: str | None = None


_LIST = list[_Assessment]
_ID = attrgetter("id")
_INDICATOR, _CRITERION, _NOTE, _BY = map(attrgetter, ("indicator", "criterion", "note", "assessed_by"))
"""A record's fields, read from each record of a list in one call (``map``)."""


def assessment_drafts(
    raw: object, named: Sequence[str | None] | None = None
) -> list[tuple[str, AssessmentDraft]] | None:
    """Each record's (id, draft as the records-v1 reader makes it) when every record of the list is read
    without a problem; None when any is in doubt (then nothing of this is used). ``named``: the criteria
    set each record names, by index (a bundle's): each draft is then under it, as
    :meth:`AssessmentStore.with_extras` puts it (no second draft a record)."""
    if not isinstance(raw, list) or (records := typed_list(raw, _LIST)) is None:
        return None
    sets = named if named is not None else [None] * len(records)
    out = []
    for r, src, set_id in zip(records, raw, sets, strict=True):
        draft = _draft(r, src.get("value"), set_id if isinstance(set_id, str) else None)
        if draft is None:
            return None
        out.append((r.id.strip(), draft))
    return out if plain_texts(texts_of(records)) else None


def texts_of(records: list[_Assessment]) -> list[str]:
    """Every distinct text of the list, for :func:`plain_texts` (a text is plain or not wherever it
    comes: codes and notes repeat through a list); its ids only when they are not all printable ASCII
    (:func:`printable_ascii`: plain then)."""
    ids = list(map(_ID, records))
    texts = [] if printable_ascii(ids) else ids
    distinct = {
        *map(_INDICATOR, records),
        *map(_CRITERION, records),
        *map(_NOTE, records),
        *map(_BY, records),
    }
    distinct.discard(None)  # (none given: no text)
    texts += distinct
    return texts


def _draft(r: _Assessment, value: Any, set_id: str | None) -> AssessmentDraft | None:
    """``value`` as given: msgspec takes a Decimal for a float, and the reader keeps it a Decimal."""
    indicator, criterion = (r.indicator or "").strip(), (r.criterion or "").strip()
    if not MIN_YEAR <= r.year <= MAX_YEAR or bool(indicator) == bool(criterion) or not r.id.strip():
        return None
    draft = object.__new__(AssessmentDraft)  # as ``made`` makes it, every field given
    vars(draft).update(
        year=r.year,
        indicator=indicator or None,
        criterion=criterion,
        value=value,
        met=None if r.met is msgspec.UNSET else r.met,
        met_given=r.met is not msgspec.UNSET,
        note=(r.note or "").strip(),
        assessed_on=r.assessed_on,
        assessed_by=(r.assessed_by or "").strip(),
        set_id=set_id,
        set_revision=0,
        met_auto=None,
        basis="",
    )
    return draft


_NONE: Any = object()
"""Nothing yet: no set (a record's set may be None, the year's), no judgement (one may be None, a
problem)."""


def judged_drafts(
    records: list[_Assessment], values: list[Any], sets: list[str | None], context: CheckContext
) -> list[AssessmentDraft] | None:
    """:meth:`AssessmentStore.check_each` of the drafts :func:`_draft` makes of ``records`` (``values``
    and ``sets`` by index, as given to it), when none has a problem; None when any has one, or when
    :func:`_draft` would answer None: the drafts of :func:`judged_rows`."""
    rows = judged_rows(records, values, sets, context)
    return None if rows is None else drafts_of_rows(rows)


ROW = ROW_COLUMNS
"""What :func:`judged_rows` gives of a record, in this order (``met_given`` being true)."""


def judged_rows(
    records: list[_Assessment], values: list[Any], sets: list[str | None], context: CheckContext
) -> list[tuple[Any, ...]] | None:
    """The drafts :func:`judged_drafts` makes as rows (a tuple of the :data:`ROW` fields each: a bulk
    insert takes them column by column, and a receiver never asks for the drafts), when none has a
    problem; None when any has one, or when :func:`_draft` would answer None (a year out of range, not
    one code; the ids are the caller's to judge: the typed lane's are judged trimmed and not blank,
    ``sound_columns``). No draft is made, and each row is made in one loop (a bundle brings hundreds):
    what it is judged under once for each set and year (a list runs year by year under one set: looked
    up when they change), its target once for each pair of codes, its value as :meth:`Once.made` judges
    it (a float no threshold applies to read alone, any other kept in the memo: :func:`_judged_value`),
    and what ``check_each`` looks at in the texts first (its ``_plain_texts``) once for each distinct
    note and name (:class:`_Texts`), all of them judged together at the end."""
    once = Once(context)
    under_of, target_of, kept = once.under, once.target, once.value_of
    texts = _Texts(once.cleaned)
    notes, names, note_of, name_of = texts.notes, texts.names, texts.note, texts.name
    unset, floats = msgspec.UNSET, float
    last_set: Any = _NONE
    last_year = 0
    under: Under | None = None
    targets: dict[Any, Any] = {}
    group, set_name, revision = None, "", 0
    out: list[tuple[Any, ...]] = []
    put = out.append
    for r, value, set_id in zip(records, values, sets, strict=True):
        year = r.year
        if year != last_year or set_id != last_set:
            if not MIN_YEAR <= year <= MAX_YEAR or (under := under_of(set_id, year)) is None:
                return None
            last_set, last_year = set_id, year
            targets, group, set_name, revision = under.targets, under.group, under.set_id, under.revision
        target = targets.get(pair := (r.indicator, r.criterion))
        if target is None and (target := target_of(under, pair)) is None:
            return None
        known, (indicator, criterion), given, _ = target
        met: Any = r.met
        met_given = met is not unset
        if not met_given:
            met = None
        if (
            type(value) is floats
            and given is not None
            and (number := plain_number(known, value, given)) is not None
        ):
            value, met, met_auto, basis = number, met if met_given else given.met, given.met, given.basis
        elif (judged := _judged_value(target, group, value, met, met_given, kept, texts.words)) is None:
            return None
        else:
            value, met, met_auto, basis = judged
        if (note := notes.get(r.note)) is None and (note := note_of(r.note)) is None:
            return None
        if (by := names.get(r.assessed_by)) is None and (by := name_of(r.assessed_by)) is None:
            return None
        put(
            (
                year,
                set_name,
                revision,
                criterion,
                indicator,
                value,
                met,
                met_auto,
                basis,
                note,
                r.assessed_on,
                by,
            )
        )
    if not_allowed_in(" ".join(texts.words)):  # see plain_texts
        return None  # check_each checks each draft alone then, and one has a problem
    return out


def drafts_of_rows(rows: list[tuple[Any, ...]]) -> list[AssessmentDraft]:
    """The drafts of :func:`judged_rows`' rows, as ``made`` makes them (every field given, in the
    draft's order)."""
    new, fill = object.__new__, _FIELDS_OF
    out = []
    for year, set_id, revision, criterion, indicator, value, met, met_auto, basis, note, on, by in rows:
        draft = new(AssessmentDraft)
        fill(draft, {
            "year": year,
            "indicator": indicator,
            "criterion": criterion,
            "value": value,
            "met": met,
            "met_given": True,
            "note": note,
            "assessed_on": on,
            "assessed_by": by,
            "set_id": set_id,
            "set_revision": revision,
            "met_auto": met_auto,
            "basis": basis,
        })  # fmt: skip
        out.append(draft)
    return out


def _judged_value(
    target: Any, group: Any, value: Any, met: Any, met_given: bool, kept: Any, words: list[str]
) -> tuple[Any, Any, Any, str] | None:
    """A value that is not a plain float (a yes/no, a text, a number a threshold applies to) judged as
    :meth:`Once.made` judges it — from the target's memo of values judged before (``target[3]``), else
    by ``kept`` (:meth:`Once.value_of`, which keeps it there): (value, met, met_auto, basis), or None
    for a problem. A text value goes into ``words``, the texts searched at the end."""
    if isinstance(value, str):
        if len(value) > LONG_TEXT:
            return None
        words.append(value)
    judged = target[3].get((type(value), exact(value), type(met), met, met_given), _NONE)
    if judged is _NONE:
        judged = kept(target, group, value, met, met_given)
    return judged  # type: ignore[no-any-return]


class _Texts:
    """Each distinct note and name of a list cleaned once (``cleaned``: :meth:`Once.cleaned`), by what the
    record gives; ``words``: the texts ``check_each`` searches, each note and name once."""

    def __init__(self, cleaned: Any) -> None:
        self.cleaned = cleaned
        self.notes: dict[str | None, str] = {}
        self.names: dict[str | None, str] = {}
        self.words: list[str] = []

    def note(self, given: str | None) -> str | None:
        """The note a record gives, as its draft keeps it; None when it is too long."""
        return self._first(self.notes, given, LONG_TEXT)

    def name(self, given: str | None) -> str | None:
        """Who assessed, as the draft keeps it; None when it is too long."""
        return self._first(self.names, given, SHORT_TEXT)

    def _first(self, seen: dict[str | None, str], given: str | None, longest: int) -> str | None:
        text = (given or "").strip()
        if len(text) > longest:
            return None
        self.words.append(text)
        seen[given] = cleaned = self.cleaned(text)
        return cleaned  # type: ignore[no-any-return]
