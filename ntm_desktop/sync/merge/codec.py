"""Records in bundles: each one in its records-v1 shape (the records package's own serialisation) plus
the sync fields ``_version``, ``_origin``, ``_deleted`` and, when they say something:

* ``_based_on``: versions from other devices this version was made on top of (its version vector);
* ``_criteria_set``: an assessment's criteria set, when it is not the one in force for its year;
* ``_evidence``: the evidence files attached to an assessment or help record, ``[{"sha256", "name"}]``.

Reading goes the other way through the records-v1 reader and the ledger's checks, so a record from a
bundle obeys exactly the rules of a record from a file or a form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ntm_desktop.core.compat import Reading, reading, strict
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.filenames import safe_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.records.reader import FORMAT, VERSION
from ntm_desktop.records.reader import MINE as RECORDS_VERSION
from ntm_desktop.services.kinds.registry import BY_LIST, LISTS
from ntm_desktop.sync.keys.clock import is_record_version
from ntm_desktop.sync.merge.causal import Sibling, based_on, device_of, devices_of, sibling, vector

KINDS = LISTS
"""The record lists a bundle carries, in records-v1 order."""
_VERSION_FIELDS = ("_version", "_origin", "_deleted", "_based_on")
"""What a bundle record says about its version; the rest (``_criteria_set``, ``_evidence`` too) is content."""
_SYNC_FIELDS = frozenset({*_VERSION_FIELDS, "_criteria_set", "_evidence"})
_USUAL_SYNC = frozenset({"_version", "_origin", "_deleted", "_criteria_set"})
_CHUNK = 500
MAX_BASED_ON = 1000
"""A version is made on top of at most this many other devices' versions."""


class Incoming(msgspec.Struct, frozen=True):
    """One record of a bundle, as the merge sees it."""

    kind: str
    index: int
    record_id: str
    sibling: Sibling
    criteria_set: str | None
    evidence: tuple[tuple[str, str], ...]

    @property
    def has_content(self) -> bool:
        return self.sibling.doc is not None


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---- rows → records ------------------------------------------------------------------------------


def load_rows(s: Session, kind: str, uids: Sequence[str]) -> list[Any]:
    """Full rows of one list (removed ones too), with what their records-v1 shape needs."""
    model = BY_LIST[kind].model
    rows: list[Any] = []
    for part in chunks(list(uids)):
        query = select(model).where(model.uid.in_(part))
        if model is m.Help:
            query = query.options(selectinload(m.Help.items), selectinload(m.Help.supporter_links))
        rows.extend(s.scalars(query))
    return rows


def supporter_ids(s: Session, code: str) -> dict[str, str]:
    """Supporter uid → records-v1 id, for one unit."""
    query = select(m.Supporter.uid, m.Supporter.record_id).where(m.Supporter.unit_code == code)
    return {uid: record_id for uid, record_id in s.execute(query)}


def content_docs(s: Session, kind: str, rows: Sequence[Any], ids: Mapping[str, str]) -> dict[str, Any]:
    """Row uid → the record in its records-v1 shape (``id`` first), plus what a bundle record carries
    besides (``_criteria_set`` when needed)."""
    store = BY_LIST[kind]
    return {
        v.uid: {"id": v.record_id} | store.doc(v, ids) | store.bundle_extras(v) for v in store.views(s, rows)
    }


def audit_docs(s: Session, kind: str, rows: Sequence[Any], ids: Mapping[str, str]) -> dict[str, Any]:
    """Row uid → the record as the audit keeps it (:meth:`Store.audit_doc`)."""
    store = BY_LIST[kind]
    return {v.uid: store.content(v.record_id, v, ids) for v in store.views(s, rows)}


def evidence_of(s: Session, uids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """Row uid → its attached evidence files as (sha256, file name), in a stable order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for part in chunks(list(uids)):
        query = select(m.EvidenceLink.owner_uid, m.EvidenceLink.sha256, m.EvidenceLink.filename).where(
            m.EvidenceLink.owner_uid.in_(part), m.EvidenceLink.deleted_at.is_(None)
        )
        for owner, sha256, name in s.execute(query):
            out.setdefault(owner, []).append((sha256, name))
    return {uid: sorted(files) for uid, files in out.items()}


def bundle_record(
    doc: Mapping[str, Any],
    version: str,
    vv: Mapping[str, str],
    deleted: bool,
    evidence: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """A record as a bundle carries it: its records-v1 shape and the sync fields."""
    record = dict(doc) | {"_version": version, "_origin": device_of(version), "_deleted": deleted}
    others = based_on(vv, version)
    if others:
        record["_based_on"] = others
    if evidence:
        record["_evidence"] = [{"sha256": sha, "name": name} for sha, name in evidence]
    return record


# ---- records → what the merge takes in ------------------------------------------------------------


def payload_reading(payload: Mapping[str, Any]) -> Reading:
    """How the payload's records are read: by the records format version it states
    (``docs/compatibility.md``; a newer major was refused with the bundle)."""
    found = reading(payload.get("version", VERSION), RECORDS_VERSION)
    return found if found is not None and not found.unreadable else strict(RECORDS_VERSION)


def read_incoming(payload: Mapping[str, Any]) -> tuple[list[Incoming], list[Problem], Reading]:
    """Every record of every known list, with its sync fields read; problems name their path. Sync
    fields of a newer minor version that this version does not know are set aside in the reading."""
    found: list[Incoming] = []
    problems: list[Problem] = []
    read = payload_reading(payload)
    named = payload.get("criteria_set")
    for kind in KINDS:
        records = payload.get(kind) or []
        if not isinstance(records, list):  # the container checks this too; never iterate a string
            problems.append(Problem(kind, tr("must be a list")))
            continue
        named_set = named if isinstance(named, str) and "criteria_set" in _extras(kind) else None
        devices = devices_of([record["_version"] for record in records])  # checked by the container
        sets = _usual_sets(kind, records, named_set)
        if sets is not None:
            found += _usual(kind, records, devices, sets)
            continue
        for index, record in enumerate(records):
            found.append(_incoming(kind, (index, devices[index]), record, problems, named_set, read))
    return found, problems, read


def _usual_sets(kind: str, records: list[Any], named_set: str | None) -> list[str | None] | None:
    """Each record's criteria set, when the list is the usual one (as this version writes them): no
    field of a newer version, made on top of no other device's version, no evidence files, each
    criteria set text or null; None otherwise (then each record is read by :func:`_incoming`)."""
    fields: set[str] = set().union(*records)
    if not fields <= _usual_fields(kind):
        return None
    if "_criteria_set" not in fields:
        return [named_set] * len(records)
    sets = [record.get("_criteria_set", named_set) for record in records]
    return sets if set(map(type, sets)) <= {str, type(None)} else None


def _usual(kind: str, records: list[Any], devices: list[str], sets: list[str | None]) -> list[Incoming]:
    """:func:`_incoming` of each record of a usual list (:func:`_usual_sets`), which has nothing to
    report, in one loop: a bundle's lists hold hundreds of records. :func:`incoming` and
    :func:`~ntm_desktop.sync.merge.causal.sibling` inline (two calls a record less)."""
    out: list[Incoming] = []
    for index, record in enumerate(records):
        version, deleted = record["_version"], record["_deleted"]
        content = dict(record)
        del content["_version"], content["_origin"], content["_deleted"]
        device = devices[index]
        doc = content if not deleted or any(k != "id" and not k.startswith("_") for k in content) else None
        found = Sibling(version, {device: version} if device else {}, record["_origin"], deleted, doc)
        out.append(Incoming(kind, index, record["id"], found, sets[index], ()))
    return out


def _incoming(
    kind: str,
    place: tuple[int, str],
    record: Mapping[str, Any],
    problems: list[Problem],
    named_set: str | None,
    read: Reading,
) -> Incoming:
    """One record of a list; ``place``: its index in the list, and its version's device."""
    index, device = place
    plain = record.keys() <= _known(kind)  # the usual case, set-wise: no field of a newer version
    if not plain:
        at = f"{kind}[{index}]"
        for name in sorted(k for k in record if k.startswith("_") and k not in _SYNC_FIELDS):
            if not read.unknown(f"{at}.{name}", record[name]):
                problems.append(Problem(f"{at}.{name}", tr("unknown field (check the spelling)")))
    version, deleted = record["_version"], record["_deleted"]  # checked by the container
    based = "_based_on" in record
    raw_based = _based_on(f"{kind}[{index}]", record["_based_on"], problems) if based else ()
    evidence = _evidence(f"{kind}[{index}]", record["_evidence"], problems) if "_evidence" in record else ()
    criteria_set = record.get("_criteria_set", named_set)
    if criteria_set is not None and not isinstance(criteria_set, str):
        problems.append(Problem(f"{kind}[{index}]._criteria_set", tr("must be text")))
        criteria_set = None
    if plain:  # every "_" field is a sync field: the content is the record without its version fields
        content = dict(record)
        del content["_version"], content["_origin"], content["_deleted"]
        if based:
            del content["_based_on"]
    else:
        content = {
            k: v
            for k, v in record.items()
            if k not in _VERSION_FIELDS and (not k.startswith("_") or k in _SYNC_FIELDS)
        }
    if evidence:
        content["_evidence"] = [{"sha256": sha, "name": name} for sha, name in evidence]
    has_content = not deleted or any(k != "id" and not k.startswith("_") for k in content)
    vv = vector(version, raw_based) if raw_based else {device: version} if device else {}
    found = sibling(version, vv, record["_origin"], deleted, content if has_content else None)
    return incoming(kind, index, record["id"], found, criteria_set, evidence)


def _based_on(at: str, raw: object, problems: list[Problem]) -> Sequence[str]:
    """A record's ``_based_on``: the versions it was made on top of ([] and a problem if it is wrong)."""
    if isinstance(raw, list) and len(raw) <= MAX_BASED_ON and all(is_record_version(v) for v in raw):
        return raw
    problems.append(Problem(f"{at}._based_on", tr("must be a list of record versions")))
    return []


def incoming(
    kind: str,
    index: int,
    record_id: str,
    found: Sibling,
    criteria_set: str | None,
    evidence: tuple[tuple[str, str], ...],
) -> Incoming:
    """``Incoming(kind, index, record_id, found, criteria_set, evidence)``."""
    return Incoming(kind, index, record_id, found, criteria_set, evidence)


_new = object.__new__


@cache
def _known(kind: str) -> frozenset[str]:
    """The fields a record of ``kind`` may have: its records-v1 fields and the sync fields."""
    return BY_LIST[kind].fields | _SYNC_FIELDS


@cache
def _usual_fields(kind: str) -> frozenset[str]:
    """The fields of a record in a usual list (:func:`_usual_sets`)."""
    return BY_LIST[kind].fields | _USUAL_SYNC


def _extras(kind: str) -> frozenset[str]:
    """The top-level values records of ``kind`` depend on (an assessment's ``criteria_set``)."""
    return BY_LIST[kind].header_fields


_SHA = re.compile(r"[0-9a-f]{64}")


def _evidence(at: str, raw: object, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    if raw == []:  # the usual case: no files
        return ()
    ok = isinstance(raw, list) and all(
        isinstance(e, dict)
        and set(e) == {"sha256", "name"}
        and isinstance(e["sha256"], str)
        and _SHA.fullmatch(e["sha256"])
        and isinstance(e["name"], str)
        and 0 < len(e["name"]) <= 255
        for e in raw
    )
    if not ok:
        problems.append(Problem(f"{at}._evidence", tr("must be a list of evidence files (sha256 and name)")))
        return ()
    assert isinstance(raw, list)
    return evidence_files(raw)


def evidence_files(raw: Iterable[Mapping[str, str]]) -> tuple[tuple[str, str], ...]:
    """A record's ``_evidence`` as (sha256, safe file name) pairs, each once, in a stable order.

    A name from a bundle is reduced to a safe base name (no folders, no control or bidi characters), so
    it can never write outside a folder or pass a program off as a document."""
    return tuple(sorted({(e["sha256"], safe_name(e["name"])) for e in raw}))


def records_document(
    unit: Any, incoming: Sequence[Incoming], version: object = VERSION
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """A records-v1 document (of the payload's ``version``) of the records with content, and per list:
    document index → bundle index. A record's content without a sync field is the document's record
    itself, not a copy (a bundle's hundreds): the readers only read it."""
    doc: dict[str, Any] = {"format": FORMAT, "version": version, "unit": unit}
    where: dict[str, list[int]] = {}
    for kind in KINDS:
        doc[kind] = []
        where[kind] = []
    for item in incoming:  # plain(), inline: a bundle's hundreds of records
        content = item.sibling.doc
        if content is not None:
            if not _SYNC_FIELDS.isdisjoint(content):
                content = dict(content)
                for name in _SYNC_FIELDS.intersection(content):
                    del content[name]
            doc[item.kind].append(content)
            where[item.kind].append(item.index)
    return doc, where


def plain(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A record's content (:attr:`Incoming.sibling`'s doc, whose only ``_`` fields are sync fields)
    without its sync fields: exactly records-v1."""
    out = dict(doc)
    for name in _SYNC_FIELDS.intersection(out):
        del out[name]
    return out


_PATH = re.compile(r"^(\w+)\[([0-9]+)\](.*)$", re.DOTALL)


def bundle_path(problem: Problem, where: Mapping[str, list[int]]) -> Problem:
    """The problem with its path pointing into the bundle (``help[7]``) instead of the document."""
    match = _PATH.match(problem.path)
    if match is None or match[1] not in where or int(match[2]) >= len(where[match[1]]):
        return problem
    return replace(problem, path=f"{match[1]}[{where[match[1]][int(match[2])]}]{match[3]}")


def set_aside(incoming: Sequence[Incoming], paths: Sequence[str]) -> None:
    """Take the fields set aside (bundle paths like ``help[3].items[0].origin``) out of the records'
    content, so that what is stored, compared and checked again later holds only fields this version
    reads (the fields themselves are kept apart, :mod:`ntm_desktop.services.kept`)."""
    by_place = {(i.kind, i.index): i for i in incoming}
    for path in paths:
        match = _PATH.match(path)
        found = by_place.get((match[1], int(match[2]))) if match else None
        if match and found is not None and found.sibling.doc is not None:
            _drop(found.sibling.doc, match[3].removeprefix("."))


_STEP = re.compile(r"\.?([^.\[]+)|\[(\d+)\]")


def _drop(doc: Any, path: str) -> None:
    steps = [m[1] if m[1] is not None else int(m[2]) for m in _STEP.finditer(path)]
    for step in steps[:-1]:
        in_object = isinstance(doc, dict) and step in doc
        in_list = isinstance(doc, list) and isinstance(step, int) and 0 <= step < len(doc)
        if not (in_object or in_list):
            return
        doc = doc[step]
    if steps and isinstance(doc, dict):
        doc.pop(steps[-1], None)
