"""The quick read of a bundle's assessments (:mod:`ntm_desktop.services.kinds.assessments_fast`) makes
exactly the drafts the records-v1 reader makes (judging is the same for both), and leaves to the reader
any list it would not read the same way; judging a whole list at once (``check_each``) gives each
assessment exactly what checking it alone gives, problems and their messages included. (Help records'
quick lane: tests/test_help_fast.py.)"""

from __future__ import annotations

import copy
import random
import unicodedata
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_desktop.records.reader import MAX_ID_LENGTH, read
from ntm_desktop.services.kinds import assessments_fast
from ntm_desktop.services.kinds.assessment_draft import AssessmentDraft
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.context import CheckContext, record_header
from ntm_desktop.services.kinds.store import Store
from tests.helpers.lanes import UNIT, VALUES, lanes_agree
from tests.helpers.sync import commune


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


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["vn-ntm-xa-2021-2025", "x"]), st.integers()), max_size=8)
)
def test_assessments_read_under_the_sets_they_name_are_those_the_check_puts_under_them(named: Any) -> None:
    """Given each record's criteria set (a bundle's), the quick read makes the drafts the check makes
    with :meth:`with_extras` (a set that is not text leaves the draft under none)."""
    rng = random.Random(len(named))
    records = [assessment(rng, n) for n in range(len(named))]
    plain = assessments_fast.assessment_drafts(copy.deepcopy(records))
    under = assessments_fast.assessment_drafts(copy.deepcopy(records), named)
    assert plain is not None and under is not None
    extras = [ASSESSMENTS.with_extras(d, {"criteria_set": n}) for (_, d), n in zip(plain, named, strict=True)]
    assert repr(under) == repr(list(zip([i for i, _ in plain], extras, strict=True)))


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


# ---- judging a whole list: what checking each alone gives -----------------------------------------------

_ODD: list[dict[str, Any]] = [
    {"year": 2009},
    {"year": 2101},
    {"year": True},
    {"year": 2024.0},
    {"indicator": "99.9"},
    {"indicator": None, "criterion": "99"},
    {"indicator": None, "criterion": " 17 "},
    {"criterion": "17"},
    {"indicator": None, "criterion": ""},
    {"indicator": " 17.5 "},
    {"set_id": "no-such-set"},
    {"set_id": "vn-ntm-xa-2021-2025"},
    {"value": 150},
    {"value": -3},
    {"value": "abc"},
    {"value": " 85,5 "},
    {"value": Decimal("85.00")},
    {"value": -0.0},
    {"value": 1},
    {"value": 1.0},
    {"met": None, "met_given": True},
    {"met": 1, "met_given": True},
    {"note": " Theo số liệu "},
    {"note": unicodedata.normalize("NFD", "Nà Phầy")},
    {"assessed_by": " Nguyễn Văn A "},
]


def _drafts(rng: random.Random, n: int) -> list[tuple[str, AssessmentDraft]]:
    """Plain assessments (values, years and codes repeating, as in a bundle), a few of them odd."""
    codes = ["1.1", "2.1", "3.1", "17.5", "19.1", "8.2"]
    out = []
    for i in range(n):
        draft = AssessmentDraft(
            rng.choice([2021, 2022, 2024, 2025]),
            indicator=rng.choice(codes),
            value=rng.choice([None, True, False, 85, 85.0, 62.5, round(rng.uniform(40, 100), 1), "đạt"]),
            met=rng.choice([None, True, False]),
            met_given=rng.random() < 0.5,
            note=rng.choice(["", "Theo số liệu thống kê của xã"]),
        )
        if rng.random() < 0.15:
            draft = replace(draft, **rng.choice(_ODD))
        out.append((f"assessments[{i}]", draft))
    return out


def _context(ws: Any) -> CheckContext:
    """A check run of its own: nothing judged before (a fresh memo, not the criteria service's)."""
    return CheckContext(ws.criteria, "TDMNPB", 1, record_header, lambda year: 1 if year < 2023 else 2, {})


def test_a_list_judged_at_once_comes_out_as_each_assessment_checked_alone(tmp_path: Path) -> None:
    ws = commune(tmp_path)
    for seed in range(6):
        drafts = _drafts(random.Random(seed), 300)
        at_once = ASSESSMENTS.check_each(drafts, _context(ws))
        alone = [ASSESSMENTS.check(d, at, _context(ws)) for at, d in drafts]
        assert repr(at_once) == repr(alone)
        assert any(found for _, found in alone) and any(not found for _, found in alone)
    ws.close()


_FLOATS = st.one_of(
    st.floats(),
    st.sampled_from(
        [-0.0, 0.0, 5e-324, 1e-30, 99.99999999999999, 100.0, 100.00000000000001, 2.0**53, 2.0**60, 1e23]
    ),
)


def test_floats_judged_at_once_come_out_as_each_assessment_checked_alone(tmp_path: Path) -> None:
    """A float value of an indicator no threshold applies to is read without judging it again (a
    bundle's percentages are each their own): for every indicator of the set, with a threshold or not,
    every float (out of range, not finite, too large to be whole exactly) comes out as checked alone."""
    ws = commune(tmp_path)
    cs = ws.criteria.get("vn-ntm-xa-2021-2025")
    codes = [i.code for c in cs.criteria for i in c.indicators]

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.tuples(st.sampled_from(codes), _FLOATS, st.booleans(), st.booleans()), min_size=1))
    def judged_alike(values: list[tuple[str, float, bool, bool]]) -> None:
        drafts = [
            (f"assessments[{n}]", AssessmentDraft(2024, indicator=code, value=x, met=met, met_given=given))
            for n, (code, x, met, given) in enumerate(values)
        ]
        at_once = ASSESSMENTS.check_each(drafts, _context(ws))
        assert repr(at_once) == repr([ASSESSMENTS.check(d, at, _context(ws)) for at, d in drafts])

    judged_alike()
    ws.close()


def test_a_list_with_a_text_that_cannot_be_kept_is_checked_record_by_record(tmp_path: Path) -> None:
    """A note too long or holding a control character: each assessment is checked alone, which names
    the problem (and judges the others as always)."""
    ws = commune(tmp_path)
    for odd in ({"note": "a\x01b"}, {"note": "x" * 10_001}, {"assessed_by": "y" * 301}, {"value": "\x7f"}):
        drafts = _drafts(random.Random(3), 50)
        drafts[7] = (drafts[7][0], replace(drafts[7][1], **odd))
        at_once = ASSESSMENTS.check_each(drafts, _context(ws))
        assert repr(at_once) == repr(Store.check_each(ASSESSMENTS, drafts, _context(ws)))
        assert [p.path for p in at_once[7][1]] == [f"assessments[7].{next(iter(odd))}"]
    ws.close()


# ---- the typed lane's judging (judged_drafts): each record as checked alone -------------------------------

_ALIKE = [1, 1.0, True, Decimal("1"), "1", 85, 85.0, Decimal("85.0"), "85", 0, False, 0.0, -0.0, None, "đạt"]
"""Values equal in Python (1 == 1.0 == True) or alike in text, which a judgement must tell apart."""


def _judged_at_once(records: list[dict[str, Any]], context: CheckContext) -> list[AssessmentDraft] | None:
    """``_set``: the record's criteria set (a bundle's ``_criteria_set``, given beside the record)."""
    plain = [{k: v for k, v in r.items() if k != "_set"} for r in copy.deepcopy(records)]
    typed = assessments_fast.typed_list(plain, assessments_fast._LIST)
    assert typed is not None
    values = [r.get("value") for r in plain]
    return assessments_fast.judged_drafts(typed, values, [r.get("_set") for r in records], context)


def _checked_alone(records: list[dict[str, Any]], ws: Any) -> list[AssessmentDraft] | None:
    """Each record read by the quick reader and checked alone, in a run of its own; None when any has a
    problem (then the typed lane must decline the list)."""
    plain = [{k: v for k, v in r.items() if k != "_set"} for r in copy.deepcopy(records)]
    read = assessments_fast.assessment_drafts(plain, [r.get("_set") for r in records])
    assert read is not None
    checked = [ASSESSMENTS.check(d, f"assessments[{n}]", _context(ws)) for n, (_, d) in enumerate(read)]
    return None if any(found for _, found in checked) else [d for d, _ in checked]


def test_values_alike_but_of_other_types_are_each_judged_as_checked_alone(tmp_path: Path) -> None:
    """1, 1.0, True and "1" (and 85, 85.0, Decimal 85.0) repeat through one list, for the same indicator,
    year and Đạt: the typed lane judges each distinct value once and must not let one stand for another.
    Judged against a memo kept from run to run (a receiver's), in any order, every list comes out as each
    record checked alone in a fresh run: the same drafts (by repr: value types included), or declined."""
    ws = commune(tmp_path)
    kept: dict[Any, Any] = {}
    codes = ["1.1", "2.1", "2.2", "17.5", "19.1", "8.2", "3.1"]  # boolean, percent, number; with thresholds
    rng = random.Random(5)
    for run in range(40):
        code, year, met = rng.choice(codes), rng.choice([2022, 2024]), rng.choice([None, True, False])
        values = rng.sample(_ALIKE, len(_ALIKE))
        records = [
            {"id": f"a-{n}", "year": year, "indicator": code, "value": v}
            | ({} if met is None and n % 2 else {"met": met})
            | ({"_set": "vn-ntm-xa-2021-2025"} if run % 3 == 0 else {})
            for n, v in enumerate(values)
        ]
        context = CheckContext(ws.criteria, "TDMNPB", 1, record_header, lambda year: 1, kept)
        fine = [r for r in records if _checked_alone([r], ws) is not None]
        for listed in (records, fine, fine[::-1], fine * 2):
            if not listed:
                continue
            at_once = _judged_at_once(listed, context)
            alone = _checked_alone(listed, ws)
            assert (at_once is None) == (alone is None), listed
            assert repr(at_once) == repr(alone)
            assert at_once is None or [type(d.value) for d in at_once] == [type(d.value) for d in alone or []]
        assert len(fine) > 3  # most of them are judged: the list is mostly compared draft by draft
    ws.close()


def test_what_the_typed_lane_kept_from_earlier_runs_follows_a_changed_threshold(tmp_path: Path) -> None:
    """The targets and values judged are kept in the criteria service's memo from one bundle to the
    next; a threshold changed in between (a new revision of the set) judges the next list afresh."""
    ws = commune(tmp_path)
    kept: dict[Any, Any] = {}
    records = [
        {"id": f"a-{n}", "year": 2024, "indicator": "2.2", "value": v, "_set": "vn-ntm-xa-2021-2025"}
        for n, v in enumerate([60, 75.5, 80, 95.0, "70"])
    ]

    def at_once(memo: dict[Any, Any]) -> str:
        return repr(
            _judged_at_once(records, CheckContext(ws.criteria, "TDMNPB", 1, record_header, None, memo))
        )

    before = at_once(kept)
    assert before == at_once({}) == repr(_checked_alone(records, ws))
    ws.criteria.set_threshold("vn-ntm-xa-2021-2025", "2.2", "TDMNPB", "78")
    after = at_once(kept)
    assert after == at_once({}) == repr(_checked_alone(records, ws)) and after != before
    ws.close()


def test_what_the_typed_lane_keeps_stays_bounded_and_judges_alike(tmp_path: Path, monkeypatch: Any) -> None:
    """However many distinct codes and values come, what is kept from run to run stays bounded (then it
    is judged afresh), and each list still comes out as each record checked alone."""
    from ntm_desktop.services.kinds import assessment_once

    monkeypatch.setattr(assessment_once, "_KEPT", 3)
    ws = commune(tmp_path)
    kept: dict[Any, Any] = {}
    rng = random.Random(9)
    for _ in range(6):
        records = [
            {
                "id": f"a-{n}",
                "year": 2024,
                "indicator": rng.choice(["2.2", "19.1", " 3.1", "3.1"]),
                "value": v,
            }
            for n, v in enumerate([*rng.sample(range(100), 8), True, False, *_ALIKE[:5]])
        ]
        fine = [r for r in records if _checked_alone([r], ws) is not None]
        context = CheckContext(ws.criteria, "TDMNPB", 1, record_header, None, kept)
        assert repr(_judged_at_once(fine, context)) == repr(_checked_alone(fine, ws))
        unders = [u for u in kept.values() if isinstance(u, assessment_once.Under)]
        assert unders and all(len(u.targets) <= 3 + 1 for u in unders)  # (a pair, its trimmed pair)
        assert all(len(t[3]) <= 3 for u in unders for t in u.targets.values() if t)
    ws.close()


def test_its_rows_are_the_assessment_rows_own_columns() -> None:
    """What :func:`assessments_fast.judged_rows` gives of a record is the assessment row's own columns, in
    the order the drafts are made of them (``met_given`` aside: always true there)."""
    from ntm_desktop.db import models as m

    fields = [f for f in AssessmentDraft.__dataclass_fields__ if f != "met_given"]
    assert sorted(assessments_fast.ROW) == sorted(fields)
    assert set(assessments_fast.ROW) <= set(m.Assessment.__table__.columns.keys())
