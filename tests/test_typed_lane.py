"""The typed lane for a bundle's help list and its assessments (:mod:`ntm_desktop.sync.merge.typed_lane`)
gives exactly what today's path gives for a list that is all new here — each record's id, checked draft
(by ``repr``; assessments judged against their criteria set), version, origin, vector and criteria set —
and declines (None, so today's path runs and names the problem) whatever today's path would not take as
it is. A whole import through the lane leaves the same rows, audit and messages as one forced to today's
path, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.help_fast import help_drafts
from ntm_desktop.sync.merge.codec import read_incoming, records_document
from ntm_desktop.sync.merge.decide import plan
from ntm_desktop.sync.merge.typed_lane import WithTyped, typed_help
from tests.helpers.lanes import UNIT, VALUES
from tests.helpers.sync import commune
from tests.test_help_fast import _PLACES
from tests.test_help_fast import record as help_record

IDS = {"s-0": "u-0", "s-1": "u-1", "s-2": "u-2", "s-3": "u-3"}


def version(rng: random.Random, device: str = "dev-1") -> str:
    return f"{rng.randrange(1_700_000_000_000, 1_800_000_000_000):016d}.{rng.randrange(10_000):04d}.{device}"


def synced(rng: random.Random, n: int) -> dict[str, Any]:
    device = rng.choice(["dev-1", "dev-2"])
    return help_record(rng, n) | {"_version": version(rng, device), "_origin": device, "_deleted": False}


def today(records: list[Any], ids: dict[str, str]) -> tuple[Any, ...] | None:
    """What today's path makes of the help list, all new here: None when it would not take it as it is
    (a problem, or its quick lane in doubt: then the careful lane names what is wrong)."""
    incoming, problems, _ = read_incoming({"unit": UNIT, "help": copy.deepcopy(records)})
    if problems:
        return None
    doc, _ = records_document(UNIT, incoming)
    drafts = help_drafts(doc["help"], ids)
    if drafts is None or len(drafts) != len(incoming):
        return None
    winners = [step.merged.winner for step in plan(incoming, {})]
    return (
        [i.record_id for i in incoming],
        [repr(d) for _, d in drafts],
        [w.version for w in winners],
        [w.origin for w in winners],
        [dict(w.vv) for w in winners],
    )


def typed(records: list[Any], ids: dict[str, str]) -> tuple[Any, ...] | None:
    found = typed_help(copy.deepcopy(records), ids)
    if found is None:
        return None
    assert found.lists is not None  # read column by column: the very lists the writer makes of the drafts
    assert shown_lists(found.lists) == shown_lists(HELP.bulk_lists(list(found.drafts)))
    vectors = [{d: v} if d else {} for d, v in zip(found.devices, found.versions, strict=True)]
    return (found.ids, [repr(d) for d in found.drafts], found.versions, found.origins, vectors)


def shown_lists(lists: Any) -> Any:
    """A bulk insert's lists (:meth:`Store.bulk_lists`) by ``repr``, each parent's lines as a tuple."""
    own, children = lists
    shown = {}
    for model, rows in children.items():
        lines = [tuple(map(rows.values, group)) for group in rows.groups]
        shown[model] = (rows.parent, rows.position, rows.names, repr(lines))
    return repr(own), [type(v[0]) for v in own.values() if v], shown


def agree(records: list[Any], ids: dict[str, str] = IDS) -> bool:
    """The typed lane takes the list only as today's path takes it; True when it took it."""
    mine = typed(records, ids)
    if mine is not None:
        assert mine == today(records, ids)
    return mine is not None


def test_a_commune_list_takes_the_typed_lane_with_todays_drafts_and_versions() -> None:
    rng = random.Random(14)
    records = [synced(rng, n) for n in range(400)]
    plain = [r for r in records if today([r], IDS) is not None]
    assert len(plain) > 250
    assert agree(plain)


def test_the_typed_lists_drafts_are_found_as_if_added_to_the_others() -> None:
    """What a plan through the typed lane gives its hooks: the other lists' drafts and the typed lists',
    in that order, the typed ones gathered (and the help's made) only when one of theirs is asked for."""
    rng = random.Random(7)
    records = [r for r in (synced(rng, n) for n in range(20)) if today([r], IDS) is not None][:5]
    found = typed_help(records, IDS)
    assert len(records) == 5 and found is not None and found.drafts._made is None  # type: ignore[attr-defined]
    others = {("supporters", "s-0"): "a draft", ("events", "e-1"): "another"}
    drafts = WithTyped(others, [found])
    assert drafts[("supporters", "s-0")] == "a draft" and drafts.get(("events", "e-9")) is None
    assert found.drafts._made is None  # type: ignore[attr-defined]
    expected = others | {("help", rid): d for rid, d in zip(found.ids, found.drafts, strict=True)}
    assert list(drafts.items()) == list(expected.items()) and len(drafts) == len(expected) == 7
    first, last = ("help", found.ids[0]), ("help", found.ids[4])
    assert drafts[first] is expected[first] and last in drafts and drafts.get(("help", "h-99")) is None


_SYNC_PLACES = ["_version", "_origin", "_deleted", "_based_on", "_evidence", "_criteria_set", "_other"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from([*_PLACES, *_SYNC_PLACES]), VALUES, st.booleans()), min_size=1, max_size=3
    ),
    st.randoms(),
)
def test_a_changed_record_is_taken_only_as_today_takes_it(changes: Any, rng: random.Random) -> None:
    records = [synced(rng, n) for n in range(3)]
    r = records[1]
    for place, value, remove in changes:
        target = r["items"][0] if place.startswith("items.") else r
        name = place.removeprefix("items.")
        if remove and not name.startswith("_"):
            target.pop(name, None)
        else:
            target[name] = value
    agree(records)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["s-0", "s-1", "s-2", "s-3"]), st.sampled_from(["u-0", "u-1"])))
def test_supporters_relinked_as_today_or_declined(ids: dict[str, str]) -> None:
    rng = random.Random(3)
    assert agree([synced(rng, n) for n in range(12)], ids) or True


def test_what_today_refuses_or_reads_carefully_the_typed_lane_declines() -> None:
    rng = random.Random(5)
    base = [r for r in (synced(rng, n) for n in range(20)) if today([r], IDS) is not None][:3]
    assert len(base) == 3 and agree(base)
    cases: list[tuple[str, Any]] = [
        ("_version", base[1]["_version"] + "\n"),
        ("_origin", "dev-1\n"),
        ("title", "Hòa\u0300"),  # not NFC
        ("unknown", 1),
        ("title", 5),
        ("date", "2024-02-30"),
        ("date", "2101-01-01"),  # after the years the app shows: the checks name it
        ("date", "1999-12-31"),
        ("supporters", ["s-9"]),  # no such supporter
        ("supporters", ["s-1", "s-1"]),
        ("_deleted", True),
        ("_based_on", []),
        ("_evidence", []),
        ("_criteria_set", None),
        ("id", " h-1"),
    ]
    for name, value in cases:
        records = copy.deepcopy(base)
        records[1][name] = value
        assert typed(records, IDS) is None, name
    for day in ("2000-01-01", "2100-12-31"):  # the first and last days the app shows: taken alike
        edge = copy.deepcopy(base)
        edge[1]["date"] = day
        assert agree(edge), day
    twice = copy.deepcopy(base)
    twice[2]["id"] = twice[0]["id"]
    assert typed(twice, IDS) is None
    assert typed([], IDS) is None


# ---- whole imports: the typed lane and today's path leave the same rows ----------------------------


def _bundles(tmp_path: Any, exported: bool = False) -> list[Any]:
    """A commune's first bundle (plain help: the typed lane), its next one (help held: today's path), and
    bundles today's path refuses (a supporter twice, one never seen, a version with a line break).
    ``exported``: each record as a commune's export writes it, a field with nothing in it left out (what
    the typed read takes: ``tests/test_typed_records.py``)."""
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from tests.helpers.bundles import fixed_clock, make_bundle, written
    from tests.test_help_fast import _payload

    rng = random.Random(2027)
    plain = [r for r in (help_record(rng, n) for n in range(200)) if help_drafts([r]) is not None]
    more = [r | {"title": "Sửa " + r["title"]} for r in copy.deepcopy(plain[:40])]
    more += [r | {"id": f"h-new-{n}"} for n, r in enumerate(copy.deepcopy(plain[40:60]))]
    twice = [*copy.deepcopy(plain[:5]), plain[5] | {"supporters": ["s-1", "s-1"]}]
    unknown = [*copy.deepcopy(plain[6:9]), plain[9] | {"supporters": ["s-2", "s-9"]}]
    key = generate_private_key()
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    out = []
    for n, records in enumerate([plain, more, twice, unknown]):
        payload = _payload(rng, fixed_clock(), copy.deepcopy(records))
        payload = written(payload) if exported else payload
        if records is twice:  # another commune: its first bundle, refused by the careful lane
            payload["unit"] = payload["unit"] | {"code": "01235"}
        extra = {"sequence": 7 + n, "bundle_id": f"6d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e{n:02d}"}
        out.append(make_bundle(usb, key, payload=payload, files={}, **extra))
    return out


def test_an_import_leaves_the_same_rows_audit_and_messages_by_the_typed_lane_or_not(
    tmp_path: Any, monkeypatch: Any, engine: str
) -> None:
    """On SQLite and PostgreSQL (``engine``): a receiver importing through the typed lane, and one forced
    to today's path, end with the same rows in every table, the same audit rows and the same outcomes."""
    from ntm_desktop.sync import importing
    from tests.helpers.sync import receiver
    from tests.test_help_fast import _rows

    bundles = _bundles(tmp_path)
    taken: list[int] = []
    real = importing._typed_plan
    monkeypatch.setattr(importing, "_typed_plan", lambda *a: taken.append(1) or real(*a))  # type: ignore[func-returns-value]
    seen = []
    for name in ("typed", "today"):
        if name == "today":
            monkeypatch.setattr(importing, "_typed_plan", lambda *_: False)
        ws = receiver(tmp_path, name)
        outcomes = [ws.sync.import_bundles([b], trust_on_first_use=True).outcomes[0] for b in bundles]
        seen.append(([(o.status, o.message, o.counts) for o in outcomes], _rows(ws)))
        ws.close()
    statuses = [o[0] for o in seen[0][0]]
    assert statuses[:2] == ["imported", "imported"] and statuses[2:] == ["rejected", "rejected"]
    assert seen[0][0] == seen[1][0]
    for table in seen[0][1]:
        diff = sorted(set(seen[0][1][table]) ^ set(seen[1][1][table]))
        assert not diff, (table, [str(d) for d in diff[:2]])
    assert seen[0][1] == seen[1][1]
    assert taken  # the typed lane was tried


def _planned_both_ways(tmp_path: Any, monkeypatch: Any, path: Any) -> tuple[Any, list[Any]]:
    """A receiver, and the bundle at ``path`` planned there through the typed lane, then with the lane
    turned off (today's path); nothing written."""
    from ntm_desktop.sync import importing
    from ntm_desktop.sync.bundle.reader import read_bundle
    from tests.helpers.sync import receiver

    bundle = read_bundle(path)
    ws = receiver(tmp_path, "plan")
    me = ws.sync._ctx.me()
    plans = []
    for typed in (True, False):
        if not typed:
            monkeypatch.setattr(importing, "_typed_plan", lambda *_: False)
        with ws.db.read() as s:
            plans.append(importing.plan_bundle(s, ws.sync._ctx, me, bundle))
    return ws, plans


def test_steps_asked_for_are_todays(tmp_path: Any, monkeypatch: Any) -> None:
    """A plan through the typed lane gives, when asked (an import hook), exactly today's steps, drafts,
    counts and supporters; written, it leaves the same rows (the test above)."""
    ws, plans = _planned_both_ways(tmp_path, monkeypatch, _bundles(tmp_path)[0])
    mine, theirs = plans
    assert mine.typed and not theirs.typed
    assert mine.counts() == theirs.counts() and list(mine.counts()) == list(theirs.counts())
    assert not mine.problems and not theirs.problems and mine.unheld == theirs.unheld
    assert sorted(mine.new_supporters) == sorted(theirs.new_supporters)

    def shown(planned: Any, value: Any) -> str:  # a new supporter's uid is new each time: by its id
        text = repr(value)
        for rid, uid in planned.new_supporters.items():
            text = text.replace(uid, f"<{rid}>")
        return text

    drafts = [{k: shown(p, v) for k, v in p.checked_drafts.items()} for p in plans]
    assert drafts[0] == drafts[1]  # (in another order: a mapping, read by key)
    assert repr(mine.steps) == repr(theirs.steps) and not mine.typed
    ws.close()


# ---- assessments: read with their sync fields, then judged against their criteria set --------------

_SETS = [None, "vn-ntm-xa-2021-2025", "vn-ntm-xa-2026-2030"]
_SYNC = {"_version": "0001703658547626.7770.dev-2", "_origin": "dev-2", "_deleted": False}


def synced_assessment(rng: random.Random, n: int) -> dict[str, Any]:
    from tests.test_assessments_fast import assessment

    device = rng.choice(["dev-1", "dev-2"])
    out = assessment(rng, n) | {"_version": version(rng, device), "_origin": device, "_deleted": False}
    if rng.random() < 0.3:
        out["_criteria_set"] = rng.choice(_SETS)
    return out


def today_assessments(records: list[Any], named: Any, context: Any) -> tuple[Any, ...] | None:
    """What today's path makes of the assessments, all new here (read, quick lane, judged, planned);
    None when it would not take them as they are."""
    from ntm_desktop.services.kinds.assessments import ASSESSMENTS
    from ntm_desktop.services.kinds.assessments_fast import assessment_drafts

    payload = {"unit": UNIT, "assessments": copy.deepcopy(records), "criteria_set": named}
    incoming, problems, _ = read_incoming(payload)
    if problems:
        return None
    doc, _ = records_document(UNIT, incoming)
    sets = [i.criteria_set for i in incoming]
    drafts = assessment_drafts(doc["assessments"], sets)
    if drafts is None or len(drafts) != len(incoming):
        return None
    given = [
        (f"assessments[{n}]", ASSESSMENTS.with_extras(d, {"criteria_set": sets[n]}))
        for n, (_, d) in enumerate(drafts)
    ]
    judged = ASSESSMENTS.check_each(given, context)
    if any(found for _, found in judged):
        return None
    winners = [step.merged.winner for step in plan(incoming, {})]
    return (
        [i.record_id for i in incoming],
        [repr(d) for d, _ in judged],
        [w.version for w in winners],
        [w.origin for w in winners],
        [dict(w.vv) for w in winners],
        sets,
    )


def typed_assessments_of(records: list[Any], named: Any, context: Any) -> tuple[Any, ...] | None:
    from ntm_desktop.sync.merge.typed_lane import judged, typed_assessments

    read = typed_assessments(copy.deepcopy(records), named)
    found = judged(read, context) if read is not None else None
    if found is None:
        return None
    from ntm_desktop.services.kinds.assessments import ASSESSMENTS

    assert found.lists is not None  # judged column by column: the very lists the writer makes of the drafts
    assert repr(found.lists) == repr(ASSESSMENTS.bulk_lists(list(found.drafts)))
    assert ASSESSMENTS.natural_keys(found.lists[0]) == list(map(ASSESSMENTS.natural_key, found.drafts))
    vectors = [{d: v} if d else {} for d, v in zip(found.devices, found.versions, strict=True)]
    drafts = [repr(d) for d in found.drafts]
    return (found.ids, drafts, found.versions, found.origins, vectors, found.sets)


def agree_assessments(records: list[Any], context: Any, named: Any = None) -> bool:
    mine = typed_assessments_of(records, named, context)
    if mine is not None:
        assert mine == today_assessments(records, named, context)
    return mine is not None


@pytest.fixture(scope="module")
def judging(tmp_path_factory: Any) -> Any:
    from tests.test_assessments_fast import _context

    ws = commune(tmp_path_factory.mktemp("judging"))
    yield _context(ws)
    ws.close()


def test_assessments_take_the_typed_lane_judged_as_today(judging: Any) -> None:
    rng = random.Random(14)
    records = [synced_assessment(rng, n) for n in range(400)]
    plain = [r for r in records if today_assessments([r], None, judging) is not None]
    assert 100 < len(plain) < 400  # some are judged wrong: those decline
    assert agree_assessments(plain, judging)
    for named in _SETS[1:]:
        assert agree_assessments(plain, judging, named) or today_assessments(plain, named, judging) is None
    wrong = [r for r in records if today_assessments([r], None, judging) is None]
    assert all(typed_assessments_of([r], None, judging) is None for r in wrong)


_A_PLACES = [
    "id",
    "year",
    "indicator",
    "criterion",
    "value",
    "met",
    "note",
    "assessed_on",
    "assessed_by",
    "other",
    *_SYNC_PLACES,
]


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.tuples(st.sampled_from(_A_PLACES), VALUES, st.booleans()), min_size=1, max_size=3),
    st.sampled_from([None, 5, *_SETS]),
    st.randoms(),
)
def test_a_changed_assessment_is_taken_only_as_today_takes_it(
    judging: Any, changes: Any, named: Any, rng: random.Random
) -> None:
    records = [synced_assessment(rng, n) for n in range(3)]
    r = records[1]
    for place, value, remove in changes:
        if remove and not place.startswith("_"):
            r.pop(place, None)
        else:
            r[place] = value
    agree_assessments(records, judging, named)


def test_assessments_today_refuses_or_reads_carefully_the_typed_lane_declines(judging: Any) -> None:
    rng = random.Random(5)
    made = (synced_assessment(rng, n) for n in range(60))
    base = [r for r in made if "_criteria_set" not in r and today_assessments([r], None, judging)][:3]
    assert len(base) == 3 and agree_assessments(base, judging)
    cases: list[tuple[str, Any]] = [
        ("_version", base[1]["_version"] + "\n"),
        ("_origin", "dev-1\n"),
        ("note", "Hòa\u0300"),  # not NFC
        ("note", "a\x00b"),
        ("unknown", 1),
        ("year", "2024"),
        ("year", 1800),
        ("assessed_on", "2024-02-30"),
        ("criterion", "99"),  # no such criterion: judged wrong
        ("_deleted", True),
        ("_based_on", []),
        ("_evidence", []),
        ("_criteria_set", 5),
        ("_criteria_set", "no-such-set"),
        ("id", " a-1"),
    ]
    for name, value in cases:
        records = copy.deepcopy(base)
        records[1][name] = value
        assert typed_assessments_of(records, None, judging) is None, name
    both = copy.deepcopy(base)
    both[1] |= {"indicator": "2.1", "criterion": "2"}
    assert typed_assessments_of(both, None, judging) is None
    twice = copy.deepcopy(base)
    twice[2]["id"] = twice[0]["id"]
    assert typed_assessments_of(twice, None, judging) is None
    assert typed_assessments_of([], None, judging) is None
    assert typed_assessments_of(base, "no-such-set", judging) is None


def test_assessments_judged_by_column_as_each_alone(judging: Any) -> None:
    """The typed lane judges a list's notes, names and text values once each (they repeat): the same
    text written with spaces around it is the same once cleaned, and one text too long or holding a
    refused character declines the whole list, as today's path refuses it."""
    rng = random.Random(8)
    made = (synced_assessment(rng, n) for n in range(80))
    base = [r for r in made if "_criteria_set" not in r and today_assessments([r], None, judging)][:4]
    assert len(base) == 4
    spaced = copy.deepcopy(base)
    for n, r in enumerate(spaced):
        r["note"], r["assessed_by"] = " Theo số liệu " if n % 2 else "Theo số liệu", " Cán bộ xã "[: 5 + n]
    assert typed_assessments_of(spaced, None, judging) is not None and agree_assessments(spaced, judging)
    cases: list[tuple[str, Any]] = [
        ("note", "x" * 10_001),
        ("note", " " + "x" * 10_000 + " "),  # in bounds once stripped, as the reader keeps it
        ("assessed_by", "x" * 301),
        ("assessed_by", "a\x7fb"),
        ("value", "a\x00b"),
        ("value", "\ud800"),
        ("value", "x" * 10_001),
    ]
    for name, value in cases:
        records = copy.deepcopy(base)
        records[2][name] = value
        if today_assessments(records, None, judging) is None:
            assert typed_assessments_of(records, None, judging) is None, name
        else:
            assert agree_assessments(records, judging), name


def _assessment_bundles(tmp_path: Any, context: Any) -> list[Any]:
    """A commune's first bundle with an assessment judged wrong (refused), its first bundle again
    without it (plain help and assessments, two about the same thing: a duplicate flagged), and its next
    one (assessments held: today's path)."""
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from tests.helpers.bundles import fixed_clock, make_bundle
    from tests.helpers.bundles import record as synced_record
    from tests.test_assessments_fast import assessment
    from tests.test_help_fast import _payload

    rng = random.Random(2028)
    helped = [r for r in (help_record(rng, n) for n in range(60)) if help_drafts([r]) is not None]
    clock = fixed_clock()
    made = [assessment(rng, n) for n in range(300)]
    plain = [r for r in made if today_assessments([r | _SYNC], None, context) is not None][:120]
    plain += [copy.deepcopy(plain[0]) | {"id": "a-twin"}]
    sets: list[dict[str, Any]] = [{}, {"_criteria_set": None}, {"_criteria_set": "vn-ntm-xa-2021-2025"}]
    key = generate_private_key()
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    out = []
    for n in range(3):
        payload = _payload(rng, clock, copy.deepcopy(helped))
        records = [synced_record(clock, r.pop("id"), **r) | rng.choice(sets) for r in copy.deepcopy(plain)]
        if n == 0:  # refused: nothing changes, and the next bundle is still the commune's first
            records[7]["criterion"], records[7]["indicator"] = "99", None
        if n == 2:
            records = [r | {"note": "Sửa"} for r in records[:30]]
        payload["assessments"] = records
        extra = {"sequence": 7 + n, "bundle_id": f"6d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4f{n:02d}"}
        out.append(make_bundle(usb, key, payload=payload, files={}, **extra))
    return out


def test_an_import_of_assessments_leaves_the_same_rows_by_the_typed_lane_or_not(
    tmp_path: Any, monkeypatch: Any, engine: str, judging: Any
) -> None:
    """As above, for bundles whose assessments take the typed lane (judged, a duplicate flagged)."""
    from ntm_desktop.sync import importing
    from tests.helpers.sync import receiver
    from tests.test_help_fast import _rows

    bundles = _assessment_bundles(tmp_path, judging)
    taken: list[Any] = []
    real = importing._typed_plan

    def spy(*a: Any) -> bool:
        found = real(*a)
        taken.append([t.kind for t in a[2].typed] if found else None)
        return found

    monkeypatch.setattr(importing, "_typed_plan", spy)
    seen = []
    for name in ("typed", "today"):
        if name == "today":
            monkeypatch.setattr(importing, "_typed_plan", lambda *_: False)
        ws = receiver(tmp_path, name)
        outcomes = [ws.sync.import_bundles([b], trust_on_first_use=True).outcomes[0] for b in bundles]
        seen.append(([(o.status, o.message, o.counts) for o in outcomes], _rows(ws)))
        ws.close()
    assert [o[0] for o in seen[0][0]] == ["rejected", "imported", "imported"], seen[0][0]
    assert taken == [None, ["assessments", "help"], None]  # judged wrong, then held: today's path
    assert seen[0][0] == seen[1][0]
    for table in seen[0][1]:
        diff = sorted(set(seen[0][1][table]) ^ set(seen[1][1][table]))
        assert not diff, (table, [str(d) for d in diff[:2]])
    assert seen[0][1] == seen[1][1]
    assert any("conflict" in table and rows for table, rows in seen[0][1].items())  # the twin flagged


def test_assessment_steps_asked_for_are_todays(tmp_path: Any, monkeypatch: Any, judging: Any) -> None:
    """Through the typed lane, the steps made when asked are today's (criteria sets included)."""
    ws, (mine, theirs) = _planned_both_ways(tmp_path, monkeypatch, _assessment_bundles(tmp_path, judging)[1])
    assert {t.kind for t in mine.typed} == {"assessments", "help"} and not theirs.typed
    assert mine.counts() == theirs.counts() and list(mine.counts()) == list(theirs.counts())
    assert not mine.problems and not theirs.problems and mine.unheld == theirs.unheld
    shown = [
        {k: repr(v) for k, v in p.checked_drafts.items() if k[0] == "assessments"} for p in (mine, theirs)
    ]
    assert shown[0] == shown[1]
    assert repr(mine.steps) == repr(theirs.steps) and not mine.typed
    ws.close()


def test_a_set_named_with_a_lone_surrogate_is_an_unknown_set_for_either_lane(judging: Any) -> None:
    """Found by the property test above: an assessment naming its set "\\ud800" reached the database's
    driver, which cannot encode it (UnicodeEncodeError). No set is named so: the typed lane declines and
    the criteria service says the set is unknown, as for any other name."""
    from ntm_desktop.core.errors import NotFound

    records = [synced_assessment(random.Random(3), n) for n in range(3)]
    records[1]["_criteria_set"] = "\ud800"
    assert typed_assessments_of(records, None, judging) is None
    with pytest.raises(NotFound):
        judging.criteria.get("\ud800")
