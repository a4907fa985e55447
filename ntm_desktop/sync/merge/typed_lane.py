"""The typed lane (#14) for a records bundle's help list that is plainly usual and all new here
(:func:`~ntm_desktop.sync.importing.plan_bundle` tries it first).

Today a help list goes: :func:`~ntm_desktop.sync.merge.codec.read_incoming` (an ``Incoming`` and a
``Sibling`` a record, the content copied without its sync fields), :func:`~ntm_desktop.sync.merge.codec.
records_document`, the quick lane (:func:`~ntm_desktop.services.kinds.help_fast.help_drafts`, msgspec
over the copies), :func:`~ntm_desktop.sync.merge.decide.plan` (a ``Step`` and a ``Merged`` a record) and
the writer's column lists. Here the list is read once by msgspec *with* its sync fields, into records
that carry them, and judged by the very same per-record rules (``help_fast``'s ``columns_of`` and its
``_Seen``); what comes out is what the writer needs for rows that are all new: ids, versions, origins
and the rows' columns — column lists, no object a record (the drafts are made only if a hook asks).

Any doubt (a sync field this lane does not take: ``_based_on``, ``_evidence``, ``_criteria_set``; a
removed record; anything ``help_fast`` doubts) answers None, and the caller takes today's path, which
names the problem. The container (:func:`~ntm_desktop.sync.bundle.payload.check_payload`) has checked
the sync fields' form (a version with a line break is refused there) before any lane runs; the lane
judges it again as the container's set-wise look does (ids trimmed, distinct and NFC; each version and
origin one line of its form), so no odd value can pass through it alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import msgspec
from msgspec import structs
from sqlalchemy.orm import Session

from ntm_desktop.core.compat import Reading
from ntm_desktop.core.errors import Problem
from ntm_desktop.records.reader import VERSION
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.kinds import assessments_fast, help_fast
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.context import CheckContext, record_header
from ntm_desktop.services.kinds.fast_lane import plain_texts, typed_list
from ntm_desktop.services.kinds.help import HELP, bulk_lists_of
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.store import BulkChildren, Columns
from ntm_desktop.sync.bundle.payload import sound_columns_of
from ntm_desktop.sync.bundle.typed_records import Assessment, Help, SyncColumns, plain_values
from ntm_desktop.sync.merge.causal import devices_of_versions, sibling
from ntm_desktop.sync.merge.check import Checked, check_records
from ntm_desktop.sync.merge.codec import KINDS, Incoming, incoming, read_incoming
from ntm_desktop.sync.merge.decide import Local, Outcome, Step, _created, load_locals, plan

_LIST = list[Help]
_ASSESSMENTS = list[Assessment]
"""A bundle's records as the typed lane reads them: records-v1's and the sync fields
(:mod:`~ntm_desktop.sync.bundle.typed_records`, which may have read them from the bundle's bytes)."""


class TypedList(msgspec.Struct, frozen=True):
    """A list's records that are all new here, as column lists (one entry a record, bundle order)."""

    kind: str
    ids: list[str]
    drafts: Sequence[Any]
    versions: list[str]
    origins: list[str]
    sets: list[str | None] | None = None
    """Each record's criteria set (``_criteria_set``, else the payload's), for a list that names one."""
    values: list[Any] | None = None
    """Assessments read and not judged yet (:func:`typed_assessments`): each record's value as given; their
    typed records stand in ``drafts`` until :func:`judged` judges them."""
    lists: tuple[Columns, BulkChildren] | None = None
    """The rows as a bulk insert takes them (:meth:`Store.bulk_lists` of the drafts), when the lane read
    them column by column (the help list, the judged assessments: their ``drafts`` are then made when
    first asked for, by an import hook say; a receiver writes the columns and never asks)."""

    @property
    def devices(self) -> list[str]:
        """Each version's device ("" for none): the record's vector is ``{device: version}`` (asked for
        only where a vector is kept: a receiver keeps none for these records)."""
        return devices_of_versions(self.versions)


class _Drafts(Sequence[Any]):
    """The drafts of a list the lane read column by column (``make``: the help list's by
    :func:`help_fast.drafts`, the assessments' by :func:`assessments_fast.drafts_of_rows`), made when first
    asked for."""

    __slots__ = ("_count", "_made", "_make")

    def __init__(self, make: Callable[[], list[Any]], count: int) -> None:
        self._make, self._count = make, count
        self._made: list[Any] | None = None

    def _all(self) -> list[Any]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


def typed_help(raw: object, ids: Mapping[str, str], given: SyncColumns | None = None) -> TypedList | None:
    """The help list ``raw`` (as the payload holds it, or as :mod:`~ntm_desktop.sync.bundle.typed_records`
    read it) read with its sync fields, each record checked as :func:`help_fast.help_drafts` checks it with
    ``ids`` (supporter record id → uid; the drafts name uids); None on any doubt. ``given``: the ids,
    versions and origins ``typed_records`` judged of ``raw`` (:attr:`TypedRecords.columns`), if it read
    it."""
    if (records := _typed(raw, _LIST)) is None or (sync := _sync_columns(records, raw, given)) is None:
        return None
    record_ids, versions, origins = sync
    seen = help_fast._Seen(ids)
    try:
        columns = help_fast.columns_of(records, records, seen)  # a typed record reads as given (_AsGiven)
    except help_fast._Doubt:
        return None
    if not seen.plain(records):
        return None
    lists = bulk_lists_of(*columns)
    drafts = _Drafts(partial(help_fast.drafts, columns), len(record_ids))
    return TypedList("help", record_ids, drafts, versions, origins, lists=lists)


def typed_assessments(raw: object, named: object, given: SyncColumns | None = None) -> TypedList | None:
    """The assessments ``raw`` (as the payload holds it) read with their sync fields as
    :func:`assessments_fast.assessment_drafts` reads them, each under its criteria set (its own
    ``_criteria_set``, else ``named``: the payload's); not judged yet (:func:`judged`: until then the list
    holds the typed records and their values as given, :attr:`TypedList.values`); None on any doubt.
    ``given``: as :func:`typed_help`'s."""
    if (records := _typed(raw, _ASSESSMENTS)) is None or (sync := _sync_columns(records, raw, given)) is None:
        return None
    ids, versions, origins = sync
    payload_set = named if isinstance(named, str) else None
    sets = [payload_set if r.criteria_set is msgspec.UNSET else r.criteria_set for r in records]
    if not plain_texts(assessments_fast.texts_of(records)):  # years and codes: judged (judged_drafts)
        return None
    values = [r.value for r in records]  # as given (the strict reader's)
    return TypedList(ASSESSMENTS.list_name, ids, records, versions, origins, sets, values)


def _sync_columns(records: list[Any], raw: object, given: SyncColumns | None) -> SyncColumns | None:
    """The records' ids, versions and origins: ``given`` when ``typed_records`` read ``raw`` (and judged
    them there), else read here and judged as the container judges a list; None when they are not sound."""
    if records is raw and given is not None and len(given[0]) == len(records):
        return given
    if records is not raw:
        return sound_columns_of(records)  # bounded, as typed_records gives them
    return [r.id for r in records], [r.version for r in records], [r.origin for r in records]


def _typed(raw: object, of: Any) -> list[Any] | None:
    """The records of a list as the payload holds it (dictionaries: converted, strictly) or as
    :func:`~ntm_desktop.sync.bundle.typed_records.typed_records` read them (judged there as the container
    judges a list: ``raw`` itself), none removed and their values plain; None on any doubt."""
    if not isinstance(raw, list) or not raw:
        return None
    if type(raw[0]) in (Help, Assessment):
        return raw
    records = typed_list(raw, of)
    if records is None or any(r.deleted for r in records):
        return None
    help_records, assessments = (records, ()) if of is _LIST else ((), records)
    return records if plain_values(help_records, assessments) else None


def judged(t: TypedList, context: CheckContext) -> TypedList | None:
    """The assessments of ``t`` (:func:`typed_assessments`) judged against their criteria set as
    :func:`~ntm_desktop.sync.merge.check.check_records` judges them (:meth:`AssessmentStore.check_each`,
    here :func:`assessments_fast.judged_rows`): their rows column by column, as a bulk insert takes them
    (their drafts made only when asked for); None when any has a problem (today's path names it)."""
    read, values, sets = t.drafts, t.values, t.sets
    assert isinstance(read, list) and values is not None and sets is not None, "read, not judged yet"
    rows = assessments_fast.judged_rows(read, values, sets, context)
    if rows is None:
        return None
    columns = dict(zip(assessments_fast.ROW, map(list, zip(*rows, strict=True)), strict=True))
    drafts = _Drafts(partial(assessments_fast.drafts_of_rows, rows), len(rows))
    return structs.replace(t, drafts=drafts, values=None, lists=(columns, {}))


def held_ids(held: Mapping[str, Mapping[str, Local]]) -> dict[str, str]:
    """The unit's supporters' uids by record id, from :func:`~ntm_desktop.sync.merge.decide.load_locals`."""
    return {rid: local.uid for rid, local in held[SUPPORTERS.list_name].items() if local.uid}


def typed_counts(tallies: dict[str, dict[str, int]], typed: Sequence[TypedList]) -> dict[str, dict[str, int]]:
    """:func:`~ntm_desktop.sync.merge.decide.counts` with the typed lists' records (all created), lists
    in bundle order as the steps would give them."""
    if not typed:
        return tallies
    out = dict(tallies)
    for t in typed:
        out[t.kind] = {o.value: 0 for o in Outcome} | {Outcome.CREATED.value: len(t.ids)}
    return {kind: out[kind] for kind in KINDS if kind in out}


def with_steps(given: list[Step], typed: Sequence[TypedList], payload: Mapping[str, Any]) -> list[Step]:
    """``given`` with the typed lists' records as the steps today's path makes of them (each new here),
    in bundle order: for a caller that asks for every step (a receiver's import hook, say)."""
    made: list[Step] = []
    for t in typed:
        records = payload[t.kind]
        for index, (rid, version, device) in enumerate(zip(t.ids, t.versions, t.devices, strict=True)):
            content = dict(records[index])
            origin = content.pop("_origin")
            del content["_version"], content["_deleted"]
            found = sibling(version, {device: version} if device else {}, origin, False, content)
            named = t.sets[index] if t.sets is not None else None
            made.append(_created(incoming(t.kind, index, rid, found, named, ())))
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted([*given, *made], key=lambda st: order[st.incoming.kind])  # stable: index order kept


def checked_of(
    s: Session,
    criteria: CriteriaService,
    code: str,
    payload: Mapping[str, Any],
    incoming: list[Incoming],
    held: Mapping[str, Mapping[str, Local]],
) -> Checked:
    """:func:`~ntm_desktop.sync.merge.check.check_records` of ``incoming`` (the caller is within the
    criteria's session), the unit's supporters known from ``held``."""
    version = payload.get("version", VERSION)
    return check_records(s, criteria, payload.get("unit"), incoming, code, version, held_ids(held))


class TypedPlan(msgspec.Struct, frozen=True):
    """A records bundle planned with its help list through the typed lane and the rest today's way."""

    reading: Reading
    checked: Checked
    """The other lists' checks."""
    steps: list[Step]
    """The other lists' steps."""
    unheld: frozenset[str]
    typed: list[TypedList]
    drafts: Mapping[tuple[str, str], Any]
    """Every checked draft by list and record id, the typed lists' too (:class:`WithTyped`)."""


def typed_plan(
    s: Session,
    criteria: CriteriaService,
    code: str,
    payload: Mapping[str, Any],
    fields: Callable[[Reading], list[Problem]],
    columns: Mapping[str, SyncColumns] | None = None,
) -> TypedPlan | None:
    """The plan of a records bundle whose help list, or assessments, are new here and plainly usual, when
    nothing else has a problem or a field set aside either (``fields``: the payload's own fields'
    problems); None on any doubt. ``columns``: the typed lists' ids, versions and origins, when
    :mod:`~ntm_desktop.sync.bundle.typed_records` read them (:attr:`TypedRecords.columns`)."""
    given = columns or {}
    help_name, assessments = HELP.list_name, ASSESSMENTS.list_name
    wanted = [
        kind for kind in (help_name, assessments) if isinstance(payload.get(kind), list) and payload[kind]
    ]
    if not wanted:
        return None
    held = load_locals(s, code, {k for k in KINDS if payload.get(k)} | {SUPPORTERS.list_name})
    lanes = {kind for kind in wanted if not held.get(kind)}
    read = (
        typed_assessments(payload[assessments], payload.get("criteria_set"), given.get(assessments))
        if assessments in lanes
        else None
    )
    if read is None:
        lanes.discard(assessments)
    if not lanes:
        return None
    rest = {**payload, **{kind: [] for kind in lanes}}
    if any(isinstance(v, list) and v and type(v[0]) in (Help, Assessment) for v in rest.values()):
        return None  # a list read typed that no lane takes: today's path reads the bundle's dictionaries
    incoming, problems, reading = read_incoming(rest)
    if problems or fields(reading) or reading.set_aside:
        return None
    checked = checked_of(s, criteria, code, payload, incoming, held)
    if checked.problems or checked.set_aside or checked.unit is None:
        return None
    help_list = (payload[help_name], given.get(help_name)) if help_name in lanes else None
    typed = _typed_lists(criteria, checked, lanes, help_list, read, held)
    if typed is None:
        return None
    unheld = frozenset(kind for kind, records in held.items() if not records)
    return TypedPlan(reading, checked, plan(incoming, held), unheld, typed, WithTyped(checked.drafts, typed))


class WithTyped(Mapping[tuple[str, str], Any]):
    """``drafts`` (by list and record id) and the drafts of the ``typed`` lists, which are looked up only
    when a record of theirs is asked for (an import hook; the lists made into steps, :func:`with_steps`):
    a receiver's import asks for none, and their drafts are then never gathered (nor, for the help
    list, made). ``drafts`` holds no record of a typed list (the lane took those lists whole)."""

    def __init__(self, drafts: Mapping[tuple[str, str], Any], typed: Sequence[TypedList]) -> None:
        self._drafts, self._typed = drafts, frozenset(t.kind for t in typed)
        self._lists = list(typed)
        self._all: dict[tuple[str, str], Any] | None = None

    def _merged(self) -> dict[tuple[str, str], Any]:
        if self._all is None:
            merged = dict(self._drafts)
            for t in self._lists:
                merged.update(zip([(t.kind, rid) for rid in t.ids], t.drafts, strict=True))
            self._all = merged
        return self._all

    def __getitem__(self, key: tuple[str, str]) -> Any:
        return (self._merged() if key[0] in self._typed else self._drafts)[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._merged())

    def __len__(self) -> int:
        return len(self._merged())


def _typed_lists(
    criteria: CriteriaService,
    checked: Checked,
    lanes: set[str],
    help_list: tuple[object, SyncColumns | None] | None,
    read: TypedList | None,
    held: Mapping[str, Mapping[str, Local]],
) -> list[TypedList] | None:
    """The lists the typed lane takes (in :data:`KINDS` order), the help relinked and the assessments
    judged with what ``checked`` knows of the rest; None when any is in doubt."""
    out: list[TypedList] = []
    if help_list is not None:
        if (
            found := typed_help(help_list[0], {**held_ids(held), **checked.new_supporters}, help_list[1])
        ) is None:
            return None
        out.append(found)
    if read is not None and ASSESSMENTS.list_name in lanes:
        unit = checked.unit
        assert unit is not None
        context = CheckContext(criteria, unit.region, unit.group, record_header, unit.group_for)
        if (judged_list := judged(read, context)) is None:
            return None
        out.append(judged_list)
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(out, key=lambda t: order[t.kind])
