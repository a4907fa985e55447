"""The quick read of a bundle's assessments (:mod:`ntm_desktop.services.kinds.assessments_fast`) makes
exactly the drafts the records-v1 reader makes (judging is the same for both), and leaves to the reader
any list it would not read the same way. (Help records' quick lane: tests/test_help_fast.py.)"""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.records.reader import MAX_ID_LENGTH, read
from ntm_desktop.services.kinds import assessments_fast
from tests.helpers.lanes import UNIT, VALUES, lanes_agree


def assessment(rng: random.Random, n: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"a-{n}",
        "year": rng.randint(2019, 2026),
        rng.choice(["indicator", "criterion"]): rng.choice(["2.1", "17.5", "19", "1"]),
        "value": rng.choice([None, True, False, 85, 62.5, "70", " đạt "]),
        "note": rng.choice(["", "Theo số liệu thống kê của xã", " x "]),
        "assessed_on": rng.choice([None, "2024-11-20"]),
        "assessed_by": rng.choice(["", "Nguyễn Văn A"]),
    }
    if rng.random() < 0.7:
        out["met"] = rng.choice([True, False, None])
    return out


def read_assessments(records: list[Any]) -> tuple[list[tuple[str, Any]], bool]:
    doc = read({"format": "ntm-records", "version": 1, "unit": UNIT, "assessments": copy.deepcopy(records)})
    return [(e.id, e.draft) for e in doc.lists["assessments"]], bool(doc.problems)


def agree_assessments(records: list[Any]) -> bool:
    return lanes_agree(assessments_fast.assessment_drafts, read_assessments, records)


def test_plain_assessments_are_read_quickly_as_the_reader_reads_them() -> None:
    rng = random.Random(14)
    records = [assessment(rng, n) for n in range(300)]
    assert all(agree_assessments([r]) for r in records)
    assert agree_assessments(records)
    assert assessments_fast.MAX_ID == MAX_ID_LENGTH


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
    "x",
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_A_PLACES), VALUES, st.booleans()), max_size=4), st.randoms())
def test_a_changed_assessment_is_read_quickly_only_as_the_reader_reads_it(
    changes: Any, rng: random.Random
) -> None:
    r = assessment(rng, 0)
    for place, value, remove in changes:
        if remove:
            r.pop(place, None)
        else:
            r[place] = value
    agree_assessments([r])
