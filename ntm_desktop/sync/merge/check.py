"""Checking a bundle's records with the records-v1 reader and the ledger's own rules, before anything
is written. Every problem is listed with its path in the bundle (``help[7].items[0].quantity``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uids
from ntm_desktop.records.reader import VERSION, Document, Entry, path, read
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.assessments_fast import assessment_drafts
from ntm_desktop.services.kinds.context import CheckContext, record_header
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.help_fast import help_drafts
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.registry import KINDS
from ntm_desktop.services.kinds.store import Store
from ntm_desktop.services.kinds.supporters_fast import supporter_drafts
from ntm_desktop.sync.merge.codec import Incoming, bundle_path, records_document, set_aside


class Checked(msgspec.Struct):
    """The checked records as drafts of their kind (supporters as uids), by (list, record id)."""

    unit: UnitProfile | None
    drafts: dict[tuple[str, str], Any] = msgspec.field(default_factory=dict)
    new_supporters: dict[str, str] = msgspec.field(default_factory=dict)
    """Record id → uid of the supporters the bundle brings that the workspace does not have."""
    problems: list[Problem] = msgspec.field(default_factory=list)
    set_aside: list[tuple[str, Any]] = msgspec.field(default_factory=list)
    """Fields of a newer minor version this version does not read, by their path in the bundle."""


def check_records(
    s: Session,
    criteria: CriteriaService,
    unit: object,
    incoming: Sequence[Incoming],
    code: str,
    version: object = VERSION,
    supporters: Mapping[str, str] | None = None,
) -> Checked:
    """Check every record with content through its kind's own checks (as a form or a records file is
    checked), read as records of format ``version``; ``Checked.problems`` lists what is wrong (empty
    when all is well). Fields a newer minor adds are taken out of the records' content and listed.
    ``supporters``: the unit's supporters' uids by record id, when the caller has read them."""
    doc, where = records_document(unit, incoming, version)
    known = _supporters(s, code) if supporters is None else supporters
    sets = _named_sets(incoming, where)
    parsed, quick, new, linked = _read(doc, known, sets[ASSESSMENTS.list_name])
    checked = Checked(parsed.unit, problems=[bundle_path(p, where) for p in parsed.problems])
    checked.new_supporters, ids = new, {**known, **new}
    for record_id, draft in linked:  # checked and relinked by the quick lane: taken as they are
        checked.drafts[(HELP.list_name, record_id)] = draft
    checked.set_aside = [(bundle_path(Problem(p, ""), where).path, v) for p, v in parsed.reading.set_aside]
    if checked.set_aside:
        set_aside(incoming, [p for p, _ in checked.set_aside])
    region = checked.unit.region if checked.unit else None
    group = checked.unit.group if checked.unit else None
    group_of = checked.unit.group_for if checked.unit else None
    context = CheckContext(criteria, region, group, record_header, group_of)
    for store in KINDS:
        if entries := parsed.lists[store.list_name]:  # an empty list has nothing to relink or check
            _check_list(store, entries, (ids, sets, where), context, checked, quick)
    if not checked.problems:  # every record with content must have come out checked, or none is taken
        checked.problems += [
            Problem(path(i.kind, i.index), tr("could not be read as a record of this list"))
            for i in incoming
            if i.has_content and (i.kind, i.record_id) not in checked.drafts
        ]
    return checked


def _named_sets(incoming: Sequence[Incoming], where: Mapping[str, list[int]]) -> dict[str, list[str | None]]:
    """Per list, the criteria set each record with content names, by its index in the document (the
    records in :func:`records_document`'s order)."""
    named: dict[str, list[str | None]] = {kind: [] for kind in where}
    for item in incoming:
        if item.sibling.doc is not None:
            named[item.kind].append(item.criteria_set)
    return named


def _supporters(s: Session, code: str) -> dict[str, str]:
    query = select(m.Supporter.record_id, m.Supporter.uid).where(m.Supporter.unit_code == code)
    return {record_id: uid for record_id, uid in s.execute(query)}


def _check_list(
    store: Store[Any, Any],
    entries: Sequence[Entry[Any]],
    given: tuple[Mapping[str, str], Mapping[str, list[str | None]], Mapping[str, list[int]]],
    context: CheckContext,
    checked: Checked,
    quick: set[str],
) -> None:
    """Each record of one list relinked to the supporters' uids and checked (or, read by the quick lane
    and still fine, taken as checked); problems go on ``checked`` with their bundle paths."""
    ids, sets, where = given
    name = store.list_name
    named = sets[name]
    if name in quick:
        entries = _take_checked(store, entries, ids, named, checked)
    drafts = _relinked(store, entries, ids, named)
    refs, taken = store.refs, checked.drafts
    for entry, (at, _), (cleaned, found) in zip(
        entries, drafts, store.check_each(drafts, context), strict=True
    ):
        problems = [
            Problem(
                f"{at}.{field}",
                tr("unknown supporter id “{id}”: it is neither in this file nor in the data file", id=ref),
            )
            for field, ref in refs(entry.draft)
            if ref not in ids
        ]
        if problems or found:
            checked.problems += [bundle_path(p, where) for p in problems + found]
        taken[(name, entry.id)] = cleaned


def _relinked(
    store: Store[Any, Any], entries: Sequence[Entry[Any]], ids: Mapping[str, str], named: list[str | None]
) -> list[tuple[str, Any]]:
    """Each entry's draft under its path, relinked to the supporters' uids (:meth:`Store.relink_each`)
    and under its criteria set (``named``, by index; one extras mapping per set, the kinds only read
    it)."""
    name, with_extras = store.list_name, store.with_extras
    extras: dict[str | None, dict[str, str | None]] = {}
    out = []
    for entry, draft in zip(entries, store.relink_each([e.draft for e in entries], ids), strict=True):
        index = entry.index
        given = extras.get(set_name := named[index]) or extras.setdefault(
            set_name, {"criteria_set": set_name}
        )
        out.append((f"{name}[{index}]", with_extras(draft, given)))
    return out


def _take_checked(
    store: Store[Any, Any],
    entries: Sequence[Entry[Any]],
    ids: Mapping[str, str],
    named: list[str | None],
    checked: Checked,
) -> list[Entry[Any]]:
    """The quick lane's drafts (checked already) relinked to the supporters' uids and taken, each set of
    references a list shares looked up once; left, to be checked by the caller, those whose references
    are unknown or not distinct once relinked (``named``: each entry's criteria set, by index)."""
    fine: dict[tuple[str, ...], bool] = {}
    taken: list[Entry[Any]] = []
    left: list[Entry[Any]] = []
    for entry in entries:
        refs = store.ref_ids(entry.draft)
        ok = fine.get(refs)
        if ok is None:
            ok = fine[refs] = all(ref in ids for ref in refs) and _distinct([ids[ref] for ref in refs])
        (taken if ok else left).append(entry)
    name, with_extras = store.list_name, store.with_extras
    relinked = store.relink_each([entry.draft for entry in taken], ids)  # relinking keeps them as checked
    for entry, draft in zip(taken, relinked, strict=True):
        checked.drafts[(name, entry.id)] = with_extras(draft, {"criteria_set": named[entry.index]})
    return left


def _read(
    doc: dict[str, Any], known: Mapping[str, str], named: list[str | None]
) -> tuple[Document, set[str], dict[str, str], list[tuple[str, Any]]]:
    """The document read; the lists the quick lane read and checked completely (their drafts need no
    second check); the supporters new here (record id → a new uid; ``known``: the unit's); and the help
    records' drafts when their quick lane took them relinked to the supporters' uids already (they are
    then not among the document's entries, and need neither relinking nor a second check). The quick
    lane's assessments come under the criteria set each names (``named``, by index). A list in
    any doubt is read the slow way, which names each problem. Assessments read quickly are still judged
    against their set by :meth:`Store.check`."""
    help_list = HELP.list_name
    quick = {name: lane(doc[name]) for name, lane in _QUICK.items() if name not in _GIVEN}
    quick[ASSESSMENTS.list_name] = _QUICK[ASSESSMENTS.list_name](doc[ASSESSMENTS.list_name], named)
    new, linked = None, None
    if (supporters := quick.get(SUPPORTERS.list_name)) is not None:  # every id known before the help
        new = _new_uids([record_id for record_id, _ in supporters if record_id not in known])
        linked = _QUICK[help_list](doc[help_list], {**known, **new})
    if linked is None:  # relinked when checked (check._take_checked), or read the slow way
        quick[help_list] = _QUICK[help_list](doc[help_list])
    taken = {name: drafts for name, drafts in quick.items() if drafts is not None}
    skipped: dict[str, list[Any]] = {name: [] for name in taken} | (
        {help_list: []} if linked is not None else {}
    )
    parsed = read(doc | skipped)
    for name, drafts in taken.items():
        parsed.lists[name] = [Entry(i, rid, draft) for i, (rid, draft) in enumerate(drafts)]
    if new is None:
        new = _new_uids([e.id for e in parsed.lists[SUPPORTERS.list_name] if e.id not in known])
    return parsed, set(taken) & _CHECKED, new, linked or []


_QUICK: dict[str, Callable[..., list[tuple[str, Any]] | None]] = {
    HELP.list_name: help_drafts,
    ASSESSMENTS.list_name: assessment_drafts,
    SUPPORTERS.list_name: supporter_drafts,
}
_GIVEN = frozenset({HELP.list_name, ASSESSMENTS.list_name})
"""The lanes given more than the list (the supporters' uids, the criteria sets named)."""
_CHECKED = frozenset({HELP.list_name, SUPPORTERS.list_name})
"""The lists whose quick lane checks them completely too."""


def _new_uids(record_ids: list[str]) -> dict[str, str]:
    """A new uid for each record id (``{id: new_uid() for id in record_ids}``: the last of an id twice),
    from one read of the random source (:func:`new_uids`) for a bundle's new supporters."""
    return dict(zip(record_ids, new_uids(len(record_ids)), strict=True))


def _distinct(uids: list[str]) -> bool:
    """Relinking gives each supporter its uid; two different ids never give the same one, but a file
    id that looks like a uid could: then the checks say so."""
    return len(set(uids)) == len(uids)


_INDEX = re.compile(r"^(\w+)\[([0-9]+)\]")


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in bundle order (list by list, record by record), each path once."""
    seen: set[str] = set()
    unique = []
    for p in problems:
        if p.path not in seen:
            seen.add(p.path)
            unique.append(p)

    def key(p: Problem) -> tuple[str, int]:
        match = _INDEX.match(p.path)
        return (match[1], int(match[2])) if match else ("", -1)

    return sorted(unique, key=key)
