"""The quick lane for a bundle's supporters (:mod:`ntm_desktop.services.kinds.supporters_fast`) never takes
a list the records-v1 reader and the ledger's checks would refuse, and the drafts it makes are exactly
theirs; in doubt it answers None and the slow lane names the problem, in the same Vietnamese words
whichever lane first looked at the list. (Help records: tests/test_help_fast.py.)"""

from __future__ import annotations

import copy
import random
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.core.text import SHORT_TEXT
from ntm_desktop.records.reader import MAX_ID_LENGTH, read
from ntm_desktop.services.kinds import supporters_fast
from ntm_desktop.services.kinds.ledger import SUPPORTERS
from ntm_desktop.services.ledger import checks
from ntm_desktop.services.ledger.kinds import SUPPORTER_KINDS
from tests.helpers.lanes import UNIT, VALUES, lanes_agree


def slow(records: list[Any]) -> tuple[list[tuple[str, Any]], bool]:
    """What the reader and the checks make of the list, and whether they found any problem."""
    doc = read({"format": "ntm-records", "version": 1, "unit": UNIT, "supporters": copy.deepcopy(records)})
    problems = bool(doc.problems)
    out = []
    for e in doc.lists["supporters"]:
        cleaned, found = SUPPORTERS.check(e.draft, f"supporters[{e.index}]")
        problems = problems or bool(found)
        out.append((e.id, cleaned))
    return out, problems


def agree(records: list[Any]) -> bool:
    return lanes_agree(supporters_fast.supporter_drafts, slow, records)


def supporter(rng: random.Random, n: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rng.choice([f"s-{n}", f" so-{n} "]),
        "name": rng.choice(["Sở Nội vụ tỉnh Bắc Kạn", " Công ty Điện lực ", "Đoàn Thanh niên"]),
    }
    if rng.random() < 0.7:
        out["kind"] = rng.choice([*SUPPORTER_KINDS, "", " company "])
    if rng.random() < 0.5:
        out["parent"] = rng.choice(["", "UBND tỉnh", " Bộ Công an "])
    return out


def test_the_plain_supporters_of_a_bundle_take_the_quick_lane_with_the_same_drafts() -> None:
    rng = random.Random(14)
    records = [supporter(rng, n) for n in range(300)]
    assert all(agree([r]) for r in records)
    assert agree(records)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from([*sorted(SUPPORTERS.fields), "unknown"]), VALUES, st.booleans()),
        max_size=3,
    ),
    st.randoms(),
)
def test_a_changed_supporter_is_taken_only_as_the_slow_lane_takes_it(
    changes: Any, rng: random.Random
) -> None:
    r = supporter(rng, 0)
    for place, value, remove in changes:
        if remove:
            r.pop(place, None)
        else:
            r[place] = value
    agree([r])


def test_a_supporter_the_slow_lane_refuses_is_left_to_it() -> None:
    base = {"id": "s-1", "name": "Sở Nội vụ", "kind": "agency", "parent": ""}
    for change in [
        {"name": "  "},
        {"name": None},
        {"name": 3},
        {"id": " "},
        {"kind": "bank"},
        {"parent": "a\x01b"},
        {"other": 1},
    ]:
        assert supporters_fast.supporter_drafts([base | change]) is None, change
        assert slow([base | change])[1], change
    nfd = base | {"name": unicodedata.normalize("NFD", "Sở Nội vụ")}  # fine, but only the slow lane says so
    assert supporters_fast.supporter_drafts([nfd]) is None and not slow([nfd])[1]
    assert supporters_fast.supporter_drafts([base, base | {"kind": "bank"}]) is None  # one spoils the list


def test_at_each_limit_msgspec_checks_the_lanes_agree_and_one_past_it_the_slow_lane_decides() -> None:
    base = {"id": "s-1", "name": "Sở Nội vụ", "kind": "agency"}
    cases = [
        (MAX_ID_LENGTH, lambda n: {"id": "s" * n}),
        (checks._limit_of("name"), lambda n: {"name": "N" * n}),
        (checks._limit_of("parent"), lambda n: {"parent": "p" * n}),
    ]
    for limit, change in cases:
        assert agree([base | change(limit)]), change(3)
        past = [base | change(limit + 1)]
        assert supporters_fast.supporter_drafts(past) is None and slow(past)[1], change(3)


def test_its_limits_and_fields_are_the_checks_own() -> None:
    assert supporters_fast.MAX_ID == MAX_ID_LENGTH
    assert checks._limit_of("name") == checks._limit_of("parent") == SHORT_TEXT
    assert supporters_fast.fast_types() == {"supporters": set(SUPPORTERS.fields)}


def test_an_import_names_a_wrong_supporter_alike_by_either_lane(tmp_path: Path, monkeypatch: Any) -> None:
    """A bundle whose supporters are all plain is imported through the quick lane; one with an unknown
    kind is refused, nothing imported, with the same message naming the field as the slow lane gives."""
    from ntm_desktop.core.fieldlabels import label
    from ntm_desktop.sync.keys.pairs import generate_private_key
    from ntm_desktop.sync.merge import check
    from tests.helpers.bundles import fixed_clock, make_bundle, record, sample_payload
    from tests.helpers.sync import receiver

    key = generate_private_key()
    wrong = sample_payload(fixed_clock())
    wrong["supporters"].append(
        record(fixed_clock(start=1_763_713_900_000), "so-khac", name="Sở X", kind="bank")
    )
    good = make_bundle(tmp_path / "usb", key, payload=sample_payload(fixed_clock()), files={})
    bad = make_bundle(tmp_path / "usb2", key, payload=wrong, files={}, sequence=8)
    seen = []
    for name, quick in (("quick", True), ("slow", False)):
        if not quick:
            monkeypatch.setitem(check._QUICK, "supporters", lambda raw: None)
        ws = receiver(tmp_path, name)
        outcomes = [ws.sync.import_bundles([b], trust_on_first_use=True).outcomes[0] for b in (bad, good)]
        seen.append([(o.status, o.message) for o in outcomes])
        ws.close()
    (bad_status, message), (good_status, _) = seen[0]
    assert (bad_status, good_status) == ("rejected", "imported")
    assert f"{label('supporters[1].kind')}: loại “bank” không hợp lệ" in message, message
    assert seen[0] == seen[1]
