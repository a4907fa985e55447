"""Importing a records-v1 document: all or nothing, every problem listed with its path.

The whole file is read and checked first (shapes, each kind's own checks, supporter references resolved
inside the file or to records already in the workspace, assessments against their criteria set); only
a file without a single problem is written, in one transaction, through the same ``save`` as a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.records.reader import Document, Entry, path, read
from ntm_desktop.records.result import Counts, ImportResult, ImportWarning
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.kept import keep
from ntm_desktop.services.kinds.batch import NewRow, insert_new
from ntm_desktop.services.kinds.context import CheckContext, file_header
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.kinds.notes import record_notes, same_name_notes
from ntm_desktop.services.kinds.registry import KINDS, LISTS
from ntm_desktop.services.kinds.store import Store, save
from ntm_desktop.services.ledger.criteria_notes import YearSets
from ntm_desktop.services.unit import UnitService, apply_profile, profile_dict

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class _Step:
    store: Store[Any, Any]
    entry: Entry[Any]
    draft: Any
    """Checked; supporter references are uids."""
    row: Any
    status: str


@dataclass
class _Plan:
    steps: list[_Step] = field(default_factory=list)
    new_uids: dict[str, str] = field(default_factory=dict)
    """File id → uid for supporters the import creates."""
    record_ids: dict[str, str] = field(default_factory=dict)
    """Supporter uid → file id, for every supporter a record may name (the audit's ``supporters``)."""
    names: dict[str, str] = field(default_factory=dict)
    """Record id → name of the workspace's live supporters (a supporter the file names as another is)."""

    def counts(self) -> dict[str, Counts]:
        tally = {name: {CREATED: 0, UPDATED: 0, UNCHANGED: 0} for name in LISTS}
        for step in self.steps:
            tally[step.store.list_name][step.status] += 1
        return {name: Counts(**t) for name, t in tally.items()}


@dataclass(frozen=True)
class _Links:
    """How the file's supporter ids resolve."""

    ids: dict[str, str]
    """File id → uid, for every supporter a reference may name."""
    record_ids: dict[str, str]
    """Uid → file id, to compare records as a file writes them."""


def import_data(
    db: Database, units: UnitService, criteria: CriteriaService, data: object, *, dry_run: bool = False
) -> ImportResult:
    doc = read(data)
    home = units.home() if units.has_home() else None
    if home is not None and doc.unit_code and doc.unit_code != home.code:
        raise InvalidInput(
            [
                Problem(
                    "unit.code",
                    tr(
                        "This file is for commune {file_code} ({file_name}), but this data file holds "
                        "{home_name} ({home_code}). Nothing was imported.",
                        file_code=doc.unit_code,
                        file_name=doc.unit.name if doc.unit else "?",
                        home_name=home.name,
                        home_code=home.code,
                    ),
                )
            ]
        )
    profile = home or doc.unit
    if profile is None:
        raise InvalidInput(_ordered(doc.problems))
    with db.read() if dry_run else db.write() as s:
        plan = _plan(s, criteria, doc, profile)
        if not dry_run:
            if home is None:
                _set_up_unit(db, s, profile)
            _write(db, s, profile.code, plan)
            at = {(name, e.index): (e.id, "") for name, entries in doc.lists.items() for e in entries}
            keep(s, profile.code, doc.reading, at, "records-file")
    aside = tuple(p for p, _ in doc.reading.set_aside)
    notice = doc.reading.notice()
    warned = _warnings(plan, YearSets(criteria))  # read after the write, as a form's save does
    return ImportResult(
        profile.code, profile.name, home is None, dry_run, plan.counts(), aside, notice, warned
    )


def _warnings(plan: _Plan, sets: YearSets) -> tuple[ImportWarning, ...]:
    """What each record the import saves (or, in a dry run, would save) is saved with, as a form's save
    says it (:mod:`ntm_desktop.services.kinds.notes`); records left unchanged say nothing again."""
    names = plan.names | {st.entry.id: st.draft.name for st in plan.steps if st.store is SUPPORTERS}
    found: list[ImportWarning] = []
    for step in plan.steps:
        if step.status == UNCHANGED:
            continue
        notes = record_notes(step.store, step.draft, sets)
        if step.store is SUPPORTERS:
            others = [(name, rid) for rid, name in names.items() if rid != step.entry.id]
            notes += [("name", w) for w in same_name_notes(step.draft.name, others)]
        at = path(step.store.list_name, step.entry.index)
        found += [ImportWarning(at, step.entry.id, w, where) for where, w in notes]
    return tuple(found)


def _plan(s: Session, criteria: CriteriaService, doc: Document, profile: UnitProfile) -> _Plan:
    """What the import would do to each record, or :class:`InvalidInput` with every problem."""
    plan = _Plan()
    context = CheckContext(criteria, profile.region, profile.group, file_header, profile.group_for)
    problems = list(doc.problems) + context.named_set_problems(doc.criteria_set)
    rows = {kind.list_name: _existing(s, kind, profile.code) for kind in KINDS}
    supporters = rows[SUPPORTERS.list_name]
    for entry in doc.lists[SUPPORTERS.list_name]:
        row = supporters.get(entry.id)
        plan.new_uids[entry.id] = row.uid if row is not None else new_uid()
    known = {rid: r.uid for rid, r in supporters.items() if r.deleted_at is None}
    plan.names = {rid: r.name for rid, r in supporters.items() if r.deleted_at is None}
    record_ids = {r.uid: rid for rid, r in supporters.items()} | {u: i for i, u in plan.new_uids.items()}
    links = _Links(known | plan.new_uids, record_ids)
    plan.record_ids = record_ids
    for kind in KINDS:
        problems += _plan_list(s, kind, doc, rows[kind.list_name], links, plan, context)
    if problems:
        raise InvalidInput(_ordered(problems))
    return plan


def _plan_list(
    s: Session,
    store: Store[Any, Any],
    doc: Document,
    rows: dict[str, Any],
    links: _Links,
    plan: _Plan,
    context: CheckContext,
) -> list[Problem]:
    entries = doc.lists[store.list_name]
    problems = _repeated_ids(store.list_name, [(e.index, e.id) for e in entries])
    by_key = _by_natural_key(store, rows)
    matched: list[tuple[Entry[Any], Any, Any]] = []
    checked: list[tuple[int, Any]] = []
    for entry in entries:
        at = path(store.list_name, entry.index)
        problems += [
            Problem(
                f"{at}.{field}",
                tr("unknown supporter id “{id}”: it is neither in this file nor in the data file", id=ref),
            )
            for field, ref in store.refs(entry.draft)
            if ref not in links.ids
        ]
        draft = store.with_extras(store.relink(entry.draft, links.ids), doc.header)
        draft, found = store.check(draft, at, context)
        problems += found
        row = rows.get(entry.id)
        if not found and store.natural_key(draft) is not None:
            checked.append((entry.index, store.natural_key(draft)))
            row = row or by_key.get(store.natural_key(draft))
        matched.append((entry, draft, row))
    problems += _repeated_keys(store.list_name, checked)
    views = {v.uid: v for v in store.views(s, [row for _, _, row in matched if row is not None])}
    for entry, draft, row in matched:
        ids = links.record_ids
        same = row is not None and _content(store, views[row.uid], ids) == _content(store, draft, ids)
        plan.steps.append(_Step(store, entry, draft, row, _status(row, same)))
    return problems


def _content(store: Store[Any, Any], draft: Any, ids: dict[str, str]) -> dict[str, Any]:
    return store.doc(draft, ids) | store.extras(draft)


def _by_natural_key(store: Store[Any, Any], rows: dict[str, Any]) -> dict[Any, Any]:
    """The live rows of a kind matched by what they are about (empty for kinds matched only by id)."""
    live = [r for r in rows.values() if r.deleted_at is None]
    if not live or store.natural_key(live[0]) is None:
        return {}
    return {store.natural_key(r): r for r in live}


def _status(row: Any, same: bool) -> str:
    if row is None or row.deleted_at is not None:
        return CREATED
    return UNCHANGED if same else UPDATED


def _existing(s: Session, store: Store[Any, Any], code: str) -> dict[str, Any]:
    """The commune's records of one list by record id, removed ones included (an import may revive them)."""
    query = select(store.model).where(store.model.unit_code == code)
    return {r.record_id: r for r in s.scalars(query)}


def _repeated_ids(list_name: str, ids: list[tuple[int, str]]) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, record_id in ids:
        if record_id and record_id in first:
            problems.append(
                Problem(
                    f"{path(list_name, index)}.id",
                    tr(
                        "the id “{id}” is used twice (also at {other})",
                        id=record_id,
                        other=label(path(list_name, first[record_id])),
                    ),
                )
            )
        first.setdefault(record_id, index)
    return problems


def _repeated_keys(list_name: str, keys: list[tuple[int, Any]]) -> list[Problem]:
    """Two records of the file about the same thing (an indicator in a year)."""
    first: dict[Any, int] = {}
    problems = []
    for index, key in keys:
        if key in first:
            problems.append(
                Problem(
                    path(list_name, index),
                    tr(
                        "assesses the same thing in the same year as {other}",
                        other=label(path(list_name, first[key])),
                    ),
                )
            )
        first.setdefault(key, index)
    return problems


_INDEX = re.compile(r"^(\w+)(?:\[([0-9]+)\])?")


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (top fields, then each list record by record), one per path."""
    order = {name: i for i, name in enumerate(("format", "version", "unit", "criteria_set", *LISTS))}
    seen: set[str] = set()
    unique = []
    for p in problems:
        if p.path not in seen:
            seen.add(p.path)
            unique.append(p)

    def key(p: Problem) -> tuple[int, int]:
        match = _INDEX.match(p.path)
        if match is None:
            return (-1, 0)
        return (order.get(match[1], len(order)), int(match[2] or -1))

    return sorted(unique, key=key)


def _set_up_unit(db: Database, s: Session, profile: UnitProfile) -> None:
    """Create the home commune from the file, inside the import's transaction."""
    unit = m.Unit(code=profile.code, name=profile.name, province_code=profile.province_code, is_home=True)
    s.add(unit)
    apply_profile(unit, profile)  # the one place that maps a profile onto the row
    s.flush()
    db.audit(s, "unit.setup", "unit", unit.uid, None, profile_dict(profile), note="records import")


def _write(db: Database, s: Session, code: str, plan: _Plan) -> None:
    """Records the workspace had are saved one by one; new ones kind by kind in a few batched statements,
    each audited as :func:`save` would (the image built from the checked draft, without reading it back).
    Kinds go in the registry's order: supporters exist before the records that name them."""
    for store in KINDS:
        new: list[NewRow] = []
        for step in plan.steps:
            if step.store is not store or step.status == UNCHANGED:
                continue
            if step.row is not None:
                _save(db, s, code, step)
                continue
            uid = (plan.new_uids.get(step.entry.id) if store is SUPPORTERS else None) or new_uid()
            record_id = step.entry.id or uid
            new.append(NewRow(uid, record_id, step.draft, db.next_version()))
            after = store.content(record_id, step.draft, plan.record_ids)
            db.audit(s, "records.import", store.entity, uid, None, after)
        insert_new(s, store, code, new, utcnow())


def _save(db: Database, s: Session, code: str, step: _Step) -> None:
    """A record the workspace already has (changed, or removed and coming back)."""
    save(db, s, step.store, code, step.draft, row=step.row, record_id=step.entry.id, action="records.import")
