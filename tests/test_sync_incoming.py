"""Reading a bundle's records for the merge the quick way gives what the careful way gives.

A list as this version writes it (no field of a newer version, no ``_based_on``, no evidence files) is
read in one loop, devices of all its versions in one search, records new here planned without the
comparison machinery, and the records' frozen values built without their dataclasses' ``__init__``:
every one of these is held here to the careful way, record by record and field by field."""

from __future__ import annotations

import random
from dataclasses import fields
from typing import Any

import msgspec
from msgspec import structs

from ntm_desktop.core.compat import Reading
from ntm_desktop.records.reader import MINE
from ntm_desktop.sync.merge import codec
from ntm_desktop.sync.merge.causal import Merged, Sibling, device_of, devices_of, merged_new, sibling, take_in
from ntm_desktop.sync.merge.codec import Incoming, incoming, read_incoming, records_document
from ntm_desktop.sync.merge.decide import Local, Outcome, Step, counts, plan

SHA = "ab" * 32


def version(rng: random.Random, device: str = "dev-1") -> str:
    return f"{rng.randrange(1_700_000_000_000, 1_800_000_000_000):016d}.{rng.randrange(10_000):04d}.{device}"


def record(rng: random.Random, kind: str, n: int, **extra: Any) -> dict[str, Any]:
    bodies: dict[str, dict[str, Any]] = {
        "assessments": {"year": 2024, "indicator": f"{n % 9 + 1}.1", "value": n % 2 == 0, "met": True},
        "supporters": {"name": f"Sở số {n}", "kind": "agency"},
        "help": {"date": "2024-03-05", "title": f"Đường thôn {n}", "supporters": ["s-1"], "items": []},
    }
    body = bodies[kind]
    deleted = rng.random() < 0.1
    out = {"id": f"{kind[0]}-{n}", **({} if deleted and rng.random() < 0.5 else body)}
    return out | {"_version": version(rng), "_origin": "dev-1", "_deleted": deleted} | extra


ODD: list[dict[str, Any]] = [
    {"_criteria_set": "tc-2021"},
    {"_criteria_set": None},
    {"_criteria_set": 7},
    {"_based_on": ["0001796213874636.0000.other"]},
    {"_based_on": "0001796213874636.0000.other"},
    {"_based_on": []},
    {"_evidence": []},
    {"_evidence": [{"sha256": SHA, "name": "a/b.pdf"}]},
    {"_evidence": [{"sha256": "x", "name": "b.pdf"}]},
    {"_newer": 1},
    {"_version": "not a version"},
]


def payload(rng: random.Random, odd: dict[str, Any] | None) -> dict[str, Any]:
    lists = {
        kind: [record(rng, kind, n) for n in range(rng.randrange(1 if kind == "help" else 0, 12))]
        for kind in ("assessments", "supporters", "help")
    }
    if odd is not None:
        kind = rng.choice([k for k, v in lists.items() if v])
        at = rng.randrange(len(lists[kind]))
        lists[kind][at] |= odd
    named = {"criteria_set": "tc-2026"} if rng.random() < 0.5 else {}
    made_by = MINE.to_json() if rng.random() < 0.7 else f"{MINE.major}.{MINE.minor + 7}"  # a newer minor's
    return {"format": "ntm-records", "version": made_by, "unit": {"code": "01234"}} | named | lists


def careful(data: dict[str, Any]) -> tuple[list[Incoming], list[Any], Reading]:
    """Each record read on its own by the careful way (:func:`codec._incoming`)."""
    found: list[Incoming] = []
    problems: list[Any] = []
    read = codec.payload_reading(data)
    for kind in codec.KINDS:
        named = data.get("criteria_set") if kind == "assessments" else None
        for index, rec in enumerate(data.get(kind) or []):
            place = (index, device_of(rec["_version"]))
            found.append(codec._incoming(kind, place, rec, problems, named, read))
    return found, problems, read


def shown(items: list[Incoming]) -> list[Any]:
    """Everything about each record, its version's content and vector included (which ``==`` skips)."""
    return [structs.asdict(i) | {"sibling": structs.asdict(i.sibling)} for i in items]


def _values(value: Any) -> dict[str, Any]:
    """Every field of a dataclass or a Struct, by name."""
    return structs.asdict(value) if isinstance(value, msgspec.Struct) else dict(vars(value))


def _names(cls: type[Any]) -> set[str]:
    return {f.name for f in (structs.fields(cls) if issubclass(cls, msgspec.Struct) else fields(cls))}


def test_a_bundles_records_are_read_as_each_would_be_on_its_own() -> None:
    rng = random.Random(14)
    for case in range(300):
        data = payload(rng, None if case % 3 == 0 else rng.choice(ODD))
        found, problems, read = read_incoming(data)
        expected, expected_problems, expected_read = careful(data)
        assert shown(found) == shown(expected) and read == expected_read
        assert [p.technical for p in problems] == [p.technical for p in expected_problems]
        assert records_document(data["unit"], found) == records_document(data["unit"], expected)


def test_devices_are_those_of_each_version() -> None:
    rng = random.Random(5)
    good = [version(rng, f"d{n}") for n in range(5)]
    two = good[0] + "\n" + good[1]  # two versions on two lines are not one version
    wrong = ["0001796213874636.0000.bad device", 17, good[0] + "\n", two]
    for versions in (good, [], [two], *([*good, w] for w in wrong)):
        assert devices_of(versions) == [device_of(v) for v in versions]


def test_frozen_values_built_quickly_are_those_the_dataclasses_make() -> None:
    s = Sibling("0001796213874636.0000.d", {"d": "0001796213874636.0000.d"}, "d", False, {"id": "x"})
    item = Incoming("help", 3, "h-3", s, "tc", ((SHA, "a.pdf"),))
    made: dict[type[Any], tuple[Any, Any]] = {
        Sibling: (sibling(s.version, s.vv, s.origin, s.deleted, s.doc), s),
        Merged: (merged_new(s), Merged(False, (s,), s)),
        Incoming: (incoming("help", 3, "h-3", s, "tc", ((SHA, "a.pdf"),)), item),
        Step: (plan([item], {})[0], Step(item, None, take_in((), s), Outcome.CREATED)),
    }
    for cls, (quick, slow) in made.items():  # every field set (one added later must be added here too)
        assert type(quick) is cls and _values(quick) == _values(slow)
        assert set(_values(quick)) == _names(cls)


def test_records_new_here_are_planned_as_the_comparison_would() -> None:
    rng = random.Random(3)
    found, _, _ = read_incoming(payload(rng, None) | {"help": [record(rng, "help", n) for n in range(3)]})
    held = found[-1]
    local = {"help": {held.record_id: Local("uid", held.sibling.version, dict(held.sibling.vv), False)}}
    steps = plan(found, local)
    tally: dict[str, dict[str, int]] = {}
    for step in steps:
        tally.setdefault(step.incoming.kind, {o.value: 0 for o in Outcome})[step.outcome.value] += 1
    assert counts(steps) == counts(iter(steps)) == tally and tally["help"]["unchanged"] == 1
    for step in steps:
        here = local.get(step.incoming.kind, {}).get(step.incoming.record_id)
        merged = take_in(here.standing() if here else (), step.incoming.sibling)
        assert _values(step.merged) == _values(merged)
        assert step.outcome == (Outcome.CREATED if here is None else Outcome.UNCHANGED)
        assert step.local is here and step.takes_incoming == (here is None)


def test_reading_the_document_of_a_bundles_records_leaves_their_content_as_it_came() -> None:
    """The document holds each record's content itself when it has no sync field to take out (no copy):
    the readers, quick lanes and careful reader alike, leave it as it came."""
    import copy

    from ntm_desktop.records.reader import read
    from ntm_desktop.sync.merge.check import _named_sets, _read

    rng = random.Random(8)
    for case in range(200):
        found, _, _ = read_incoming(payload(rng, None if case % 3 == 0 else rng.choice(ODD)))
        before = copy.deepcopy([i.sibling.doc for i in found])
        doc, where = records_document({"code": "01234"}, found)
        shared = [x for kind in codec.KINDS for x in doc[kind]]
        plain = [
            i.sibling.doc for i in found if i.sibling.doc and codec._SYNC_FIELDS.isdisjoint(i.sibling.doc)
        ]
        assert {id(x) for x in plain} <= {id(x) for x in shared}
        _read(doc, {"s-1": "uid-1"}, _named_sets(found, where)["assessments"])
        read(doc)
        assert [i.sibling.doc for i in found] == before
