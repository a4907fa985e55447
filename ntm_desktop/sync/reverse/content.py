"""Reverse bundles, from a receiver to one commune: what goes in them and what the commune does with it.

Besides records (the receiver's own versions of the commune's records: conflicts it resolved), a
reverse bundle's ``records.json`` holds two more lists, each entry with the usual ``id``, ``_version``,
``_origin`` and ``_deleted``:

* ``criteria_sets``: ``{"id": set id, "content": the criteria-set dict}`` — the province's thresholds;
  the commune stores a set as a new revision when it differs from the newest one it has;
* ``corrections``: ``{"id": request uuid, "kind": "assessments" | "help", "record_id", "reason",
  "requested_by"}`` — requests to check and correct one record, listed by ``ws.sync.corrections()``;
* ``decisions``: the receiver's decision on each of the commune's years (approved, returned with its
  reason …), see :mod:`ntm_desktop.sync.reverse.decisions`; shown on the commune's overview;
* ``recognitions`` (records format 1.2, only when there is one): the province's decisions recognising the
  commune's years, withdrawn ones too, see :mod:`ntm_desktop.sync.reverse.recognitions`.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.loading import parse_set, set_to_dict
from ntm_desktop.db import models as m
from ntm_desktop.services.criteria import newest_revisions
from ntm_desktop.services.kinds.registry import correctable
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.bundle.rules import is_uuid
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.merge.causal import device_of
from ntm_desktop.sync.results import KindCounts
from ntm_desktop.sync.reverse.names import DECISIONS, RECOGNITIONS

SETS, CORRECTIONS = "criteria_sets", "corrections"


class Extras(msgspec.Struct):
    sets: list[tuple[str, dict[str, Any], str]] = msgspec.field(default_factory=list)
    """(set id, content, created | updated | unchanged)"""
    corrections: list[tuple[dict[str, Any], str]] = msgspec.field(default_factory=list)
    decisions: list[tuple[dict[str, Any], str]] = msgspec.field(default_factory=list)
    """The receiver's decisions on the commune's years, each with created | updated | unchanged."""
    recognitions: list[tuple[dict[str, Any], str]] = msgspec.field(default_factory=list)
    """The decisions recognising the commune's years, each with created | updated | unchanged."""
    versions: list[str] = msgspec.field(default_factory=list)

    def counts(self) -> dict[str, KindCounts]:
        out = {}
        if self.sets:
            out[SETS] = _tally(o for _, _, o in self.sets)
        if self.corrections:
            out[CORRECTIONS] = _tally(o for _, o in self.corrections)
        if self.decisions:
            out[DECISIONS] = _tally(o for _, o in self.decisions)
        if self.recognitions:
            out[RECOGNITIONS] = _tally(o for _, o in self.recognitions)
        return out


def _tally(outcomes: Any) -> KindCounts:
    seen = list(outcomes)
    return KindCounts(seen.count("created"), seen.count("updated"), seen.count("unchanged"))


def _newest(s: Session, set_id: str) -> m.CriteriaSetRow | None:
    query = (
        select(m.CriteriaSetRow)
        .where(m.CriteriaSetRow.set_id == set_id)
        .order_by(m.CriteriaSetRow.revision.desc())
        .limit(1)
    )
    return s.scalar(query)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "revision"} == {k: v for k, v in b.items() if k != "revision"}


def plan_extras(s: Session, ctx: SyncContext, payload: dict[str, Any], problems: list[Problem]) -> Extras:
    extras = Extras()
    if payload.get(DECISIONS):  # plan would find none to take in
        from ntm_desktop.sync.reverse import decisions

        extras.decisions = decisions.plan(s, ctx.me().code, payload, problems)
    if payload.get(RECOGNITIONS):
        from ntm_desktop.sync.reverse import recognitions

        extras.recognitions = recognitions.plan(s, ctx.me().code, payload, problems)
    for entry, outcome in extras.decisions + extras.recognitions:
        if outcome != "unchanged":
            extras.versions.append(entry["_version"])
    for index, entry in enumerate(payload.get(SETS) or ()):
        at = f"{SETS}[{index}]"
        try:
            content = set_to_dict(parse_set(entry.get("content")))
        except InvalidInput as exc:
            problems += [Problem(f"{at}.content.{p.path}".rstrip("."), p.message) for p in exc.problems]
            continue
        if content["id"] != entry["id"]:
            problems.append(Problem(f"{at}.id", tr("must be the id of the set it holds")))
            continue
        newest = _newest(s, content["id"])
        outcome = (
            "created" if newest is None else "unchanged" if _same(newest.content, content) else "updated"
        )
        extras.sets.append((content["id"], content, outcome))
        extras.versions.append(entry["_version"])
    for index, entry in enumerate(payload.get(CORRECTIONS) or ()):
        found = _correction_problems(f"{CORRECTIONS}[{index}]", entry)
        problems += found
        if not found:
            known = s.get(m.SyncCorrection, entry["id"]) is not None
            extras.corrections.append((entry, "unchanged" if known else "created"))
            extras.versions.append(entry["_version"])
    return extras


def _correction_problems(at: str, entry: dict[str, Any]) -> list[Problem]:
    problems = []
    if not is_uuid(entry["id"]):
        problems.append(Problem(f"{at}.id", tr("must be a UUID")))
    if entry.get("kind") not in correctable():
        problems.append(Problem(f"{at}.kind", tr("must be assessments or help")))
    for name in ("record_id", "reason"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            problems.append(Problem(f"{at}.{name}", tr("is required")))
    if not isinstance(entry.get("requested_by", ""), str):
        problems.append(Problem(f"{at}.requested_by", tr("must be text")))
    return problems


def apply_extras(s: Session, ctx: SyncContext, extras: Extras, bundle: VerifiedBundle, home: str) -> None:
    manifest = bundle.manifest
    note = tr(
        "from bundle {bundle} of unit {unit}", bundle=manifest.bundle_id, unit=manifest.origin_unit_code
    )
    for set_id, content, outcome in extras.sets:
        if outcome != "unchanged":
            add_revision(s, ctx, set_id, content, note)
    if extras.decisions:  # apply would write nothing
        from ntm_desktop.sync.reverse import decisions

        decisions.apply(s, ctx, extras.decisions, home, manifest.origin_unit_code, manifest.bundle_id)
    if extras.recognitions:
        from ntm_desktop.sync.reverse import recognitions

        recognitions.apply(s, ctx, extras.recognitions, home, manifest.bundle_id)
    for entry, outcome in extras.corrections:
        if outcome == "created":
            s.add(
                m.SyncCorrection(
                    uid=entry["id"],
                    direction="received",
                    unit_code=home,
                    kind=entry["kind"],
                    record_id=entry["record_id"],
                    reason=entry["reason"].strip(),
                    requester_code=manifest.origin_unit_code,
                    requested_by=str(entry.get("requested_by", "")),
                    version=entry["_version"],
                    bundle_id=manifest.bundle_id,
                )
            )
            after = {"kind": entry["kind"], "record_id": entry["record_id"], "reason": entry["reason"]}
            ctx.db.audit(s, "sync.correction", "sync_correction", entry["id"], None, after, note)


def add_revision(s: Session, ctx: SyncContext, set_id: str, content: dict[str, Any], note: str) -> int:
    """Store a criteria set received in a bundle as its next revision, inside the caller's transaction.

    (``CriteriaService`` adds revisions in a transaction of its own; a bundle is one transaction.)
    """
    top = s.scalar(select(func.max(m.CriteriaSetRow.revision)).where(m.CriteriaSetRow.set_id == set_id))
    revision = (top or 0) + 1
    stored = dict(content) | {"revision": revision}
    s.add(m.CriteriaSetRow(set_id=set_id, revision=revision, origin="sync", content=stored, note=note[:500]))
    ctx.db.audit(
        s, "criteria.sync", "criteria_set", set_id, {"revision": top}, {"revision": revision, "note": note}
    )
    return revision


def outgoing_sets(s: Session, version: str) -> list[dict[str, Any]]:
    """The newest revision of every set this receiver loaded or edited (not the shipped ones)."""
    rows = s.scalars(newest_revisions(m.CriteriaSetRow)).all()
    return [
        {
            "id": r.set_id,
            "content": r.content,
            "_version": version,
            "_origin": device_of(version),
            "_deleted": False,
        }
        for r in sorted(rows, key=lambda r: r.set_id)
        if r.origin != "builtin"
    ]


def outgoing_corrections(s: Session, unit_code: str) -> list[dict[str, Any]]:
    query = select(m.SyncCorrection).where(
        m.SyncCorrection.direction == "sent", m.SyncCorrection.unit_code == unit_code
    )
    return [
        {
            "id": c.uid,
            "kind": c.kind,
            "record_id": c.record_id,
            "reason": c.reason,
            "requested_by": c.requested_by,
            "_version": c.version,
            "_origin": device_of(c.version),
            "_deleted": False,
        }
        for c in sorted(s.scalars(query), key=lambda c: c.uid)
    ]
