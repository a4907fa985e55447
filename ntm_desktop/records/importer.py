"""Importing a records-v1 document: all or nothing, every problem listed with its path.

The whole file is read and checked first (shapes, the ledger's own rules, supporter references resolved
inside the file or to records already in the workspace, assessments against their criteria set); only
a file without a single problem is written, in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid
from ntm_desktop.records import assessments
from ntm_desktop.records.reader import LISTS, Document, Entry, path, read
from ntm_desktop.records.result import Counts, ImportResult
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.ledger.store import Store, save
from ntm_desktop.services.ledger.stores import STORES, SUPPORTERS
from ntm_desktop.services.unit import UnitService, apply_profile, profile_dict

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class _Step:
    store: Store[Any, Any]
    entry: Entry[Any]
    draft: Any
    row: Any
    status: str


@dataclass
class _Plan:
    steps: list[_Step] = field(default_factory=list)
    assessments: list[tuple[assessments.Planned, m.Assessment | None, str]] = field(default_factory=list)
    new_uids: dict[str, str] = field(default_factory=dict)
    """File id → uid for supporters the import creates."""

    def counts(self) -> dict[str, Counts]:
        tally = {name: {CREATED: 0, UPDATED: 0, UNCHANGED: 0} for name in LISTS}
        for _, _, status in self.assessments:
            tally["assessments"][status] += 1
        for step in self.steps:
            tally[step.store.list_name][step.status] += 1
        return {name: Counts(**t) for name, t in tally.items()}


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
    return ImportResult(profile.code, profile.name, home is None, dry_run, plan.counts())


def _plan(s: Session, criteria: CriteriaService, doc: Document, profile: UnitProfile) -> _Plan:
    """What the import would do to each record, or :class:`InvalidInput` with every problem."""
    plan = _Plan()
    problems = list(doc.problems) + _plan_assessments(s, criteria, doc, profile, plan)
    rows = {store.list_name: _existing(s, store, profile.code) for store in STORES}
    supporters = rows["supporters"]
    for entry in doc.lists["supporters"]:
        row = supporters.get(entry.id)
        plan.new_uids[entry.id] = row.uid if row is not None else new_uid()
    known = {rid: r.uid for rid, r in supporters.items() if r.deleted_at is None}
    ids = known | plan.new_uids  # file id → uid, for every supporter a reference may name
    record_ids = {r.uid: rid for rid, r in supporters.items()} | {u: i for i, u in plan.new_uids.items()}
    for store in STORES:
        problems += _plan_list(
            s, store, doc.lists[store.list_name], rows[store.list_name], ids, record_ids, plan
        )
    if problems:
        raise InvalidInput(_ordered(problems))
    return plan


def _plan_assessments(
    s: Session, criteria: CriteriaService, doc: Document, profile: UnitProfile, plan: _Plan
) -> list[Problem]:
    planned, problems = assessments.plan(
        doc.assessments, criteria, doc.criteria_set, profile.region, profile.group
    )
    problems += _repeated_ids("assessments", [(e.index, e.id) for e in doc.assessments])
    problems += _repeated_assessments(planned)
    by_id, by_key = assessments.existing(s, profile.code)
    for p in planned:
        row = by_id.get(p.entry.id) or by_key.get(p.key)
        same = row is not None and assessments.row_doc(row) == p.doc()
        plan.assessments.append((p, row, _status(row, same)))
    return problems


def _plan_list(
    s: Session,
    store: Store[Any, Any],
    entries: list[Entry[Any]],
    rows: dict[str, Any],
    ids: dict[str, str],
    record_ids: dict[str, str],
    plan: _Plan,
) -> list[Problem]:
    problems = _repeated_ids(store.list_name, [(e.index, e.id) for e in entries])
    views = {v.uid: v for v in store.views(s, [rows[e.id] for e in entries if e.id in rows])}
    for entry in entries:
        at = path(store.list_name, entry.index)
        problems += [
            Problem(
                f"{at}.{field}",
                tr("unknown supporter id “{id}”: it is neither in this file nor in the data file", id=ref),
            )
            for field, ref in store.refs(entry.draft)
            if ref not in ids
        ]
        draft, found = store.check(store.relink(entry.draft, ids), at)
        problems += found
        row = rows.get(entry.id)
        same = row is not None and store.doc(views[row.uid], record_ids) == store.doc(draft, record_ids)
        plan.steps.append(_Step(store, entry, draft, row, _status(row, same)))
    return problems


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
                        other=path(list_name, first[record_id]),
                    ),
                )
            )
        first.setdefault(record_id, index)
    return problems


def _repeated_assessments(planned: list[assessments.Planned]) -> list[Problem]:
    first: dict[assessments.Key, int] = {}
    problems = []
    for p in planned:
        if p.key in first:
            problems.append(
                Problem(
                    path("assessments", p.entry.index),
                    tr(
                        "assesses the same thing in the same year as {other}",
                        other=path("assessments", first[p.key]),
                    ),
                )
            )
        first.setdefault(p.key, p.entry.index)
    return problems


_INDEX = re.compile(r"^(\w+)(?:\[(\d+)\])?")


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
    for p, row, status in plan.assessments:
        if status != UNCHANGED:
            assessments.write(db, s, code, p, row)
    for step in plan.steps:
        if step.status == UNCHANGED:
            continue
        uid = plan.new_uids.get(step.entry.id) if step.store is SUPPORTERS else None
        save(
            db,
            s,
            step.store,
            code,
            step.draft,
            row=step.row,
            uid=uid,
            record_id=step.entry.id,
            action="records.import",
        )
