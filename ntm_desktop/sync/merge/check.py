"""Checking a bundle's records with the records-v1 reader and the ledger's own rules, before anything
is written. Every problem is listed with its path in the bundle (``help[7].items[0].quantity``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid
from ntm_desktop.records import assessments
from ntm_desktop.records.reader import AssessmentEntry, Document, path, read
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.ledger.stores import STORES
from ntm_desktop.sync.merge.codec import Incoming, bundle_path, records_document


@dataclass
class Checked:
    """The checked records: ledger drafts (supporters as uids) and planned assessments."""

    unit: UnitProfile | None
    drafts: dict[tuple[str, str], Any] = field(default_factory=dict)
    new_supporters: dict[str, str] = field(default_factory=dict)
    """Record id → uid of the supporters the bundle brings that the workspace does not have."""
    problems: list[Problem] = field(default_factory=list)


def check_records(
    s: Session, criteria: CriteriaService, unit: object, incoming: Sequence[Incoming], code: str
) -> Checked:
    """Check every record with content; ``Checked.problems`` lists what is wrong (empty when all is well)."""
    doc, where = records_document(unit, incoming)
    parsed = read(doc)
    checked = Checked(parsed.unit, problems=[bundle_path(p, where) for p in parsed.problems])
    sets = {(i.kind, i.index): i.criteria_set for i in incoming}
    _check_assessments(criteria, parsed, checked, where, sets)
    _check_ledger(s, parsed, checked, where, code)
    return checked


def _check_assessments(
    criteria: CriteriaService,
    parsed: Document,
    checked: Checked,
    where: Mapping[str, list[int]],
    sets: Mapping[tuple[str, int], str | None],
) -> None:
    region = checked.unit.region if checked.unit else None
    group = checked.unit.group if checked.unit else None
    by_set: dict[str | None, list[AssessmentEntry]] = {}
    for entry in parsed.assessments:
        by_set.setdefault(sets.get(("assessments", where["assessments"][entry.index])), []).append(entry)
    for set_id, entries in by_set.items():
        planned, found = assessments.plan(entries, criteria, set_id, region, group)
        for problem in found:
            if problem.path == "criteria_set":  # the set named by these records is unknown here
                problem = Problem(f"{path('assessments', entries[0].index)}._criteria_set", problem.message)
            checked.problems.append(bundle_path(problem, where))
        for p in planned:
            checked.drafts[("assessments", p.entry.id)] = p


def _check_ledger(
    s: Session, parsed: Document, checked: Checked, where: Mapping[str, list[int]], code: str
) -> None:
    query = select(m.Supporter.record_id, m.Supporter.uid).where(m.Supporter.unit_code == code)
    known = {record_id: uid for record_id, uid in s.execute(query)}
    for entry in parsed.lists["supporters"]:
        if entry.id not in known:
            checked.new_supporters[entry.id] = new_uid()
    ids = known | checked.new_supporters
    for store in STORES:
        for entry in parsed.lists[store.list_name]:
            at = path(store.list_name, entry.index)
            draft, unknown = with_uids(entry.draft, ids)
            problems = [
                Problem(
                    f"{at}.{name}",
                    tr(
                        "unknown supporter id “{id}”: it is neither in this file nor in the data file", id=ref
                    ),
                )
                for name, ref in store.refs(entry.draft)
                if ref in unknown
            ]
            cleaned, found = store.check(draft, at)
            checked.problems += [bundle_path(p, where) for p in problems + found]
            checked.drafts[(store.list_name, entry.id)] = cleaned


def with_uids(draft: Any, ids: Mapping[str, str]) -> tuple[Any, set[str]]:
    """The draft with its supporter references turned from record ids into uids, and the unknown ones.

    (The records importer has the same step as a private helper; this is the sync service's copy.)
    """
    if hasattr(draft, "supporters"):
        refs = tuple(draft.supporters)
        return replace(draft, supporters=tuple(ids.get(r, r) for r in refs)), {
            r for r in refs if r not in ids
        }
    ref = getattr(draft, "supporter", None)
    if ref:
        return replace(draft, supporter=ids.get(ref, ref)), ({ref} - ids.keys())
    return draft, set()


_INDEX = re.compile(r"^(\w+)\[(\d+)\]")


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
