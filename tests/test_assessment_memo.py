"""A check run judges a value once per indicator, commune and group (``judge``'s memo): every assessment
comes out exactly as when each is judged on its own — values that compare equal but read differently
(85 and 85.0, 1 and True, 2.5 and 2.50, -0.0) included — and a value refused is refused each time."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.criteria.loading import builtin_sets
from ntm_desktop.criteria.model import REGIONS
from ntm_desktop.services import criteria as criteria_service
from ntm_desktop.services.kinds.assessment_draft import AssessmentDraft
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.context import CheckContext, record_header
from ntm_desktop.services.kinds.judging import judge
from tests.helpers.bundles import in_language
from tests.helpers.sync import commune

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    1.0,
    85,
    85.0,
    Decimal("85"),
    Decimal("85.0"),
    Decimal("85.00000000000000000001"),
    2.5,
    Decimal("2.50"),
    0.0,
    -0.0,
    -3,
    "85",
    " 85 ",
    "85,5",
    "đạt",
    "có",
    "không",
    "",
    "abc",
    150,
]


def test_judging_once_per_value_gives_each_assessment_what_judging_it_alone_gives(tmp_path: Path) -> None:
    ws = commune(tmp_path)
    cs = next(c for c in builtin_sets() if c.id == "vn-ntm-xa-2021-2025")
    codes = [i.code for c in cs.criteria for i in c.indicators][:30]
    rng = random.Random(14)
    drafts = [
        AssessmentDraft(
            rng.choice([2021, 2022, 2024]),
            indicator=code,
            value=value,
            met=rng.choice([None, True, False]),
            met_given=rng.random() < 0.5,
            set_id=cs.id,
        )
        for code in codes
        for value in VALUES
    ]
    rng.shuffle(drafts)
    drafts += drafts[:200]  # the same value again, after others

    def context() -> CheckContext:
        return CheckContext(ws.criteria, "TDMNPB", 1, record_header, lambda year: 1 if year < 2023 else 2, {})

    shared = context()
    together = [ASSESSMENTS.check(d, f"assessments[{n}]", shared) for n, d in enumerate(drafts)]
    alone = [ASSESSMENTS.check(d, f"assessments[{n}]", context()) for n, d in enumerate(drafts)]
    assert repr(together) == repr(alone)
    assert len(shared.judged) < len(drafts)  # it did judge some once for several
    assert any(found for _, found in alone) and any(not found for _, found in alone)
    ws.close()


def test_a_threshold_and_its_basis_worked_out_once_judge_each_value_as_judging_it_alone() -> None:
    """With a check run's memo, what applies to an indicator (its threshold and the basis text, or none)
    is worked out once for the commune; each value is still read and compared: the same judgement as
    judging the value with no memo, thresholds (3.1 ≥ 80 %, 3.2 yes) and refusals included."""
    cs = next(c for c in builtin_sets() if c.id == "vn-ntm-xa-2021-2025")
    indicators = [i for c in cs.criteria for i in c.indicators]
    assert {"3.1", "3.2"} <= {i.code for i in indicators if i.threshold.general is not None}

    def judged(memo: dict[Any, Any] | None, *args: Any) -> str:
        try:
            return repr(judge(*args, memo=memo))
        except InvalidInput as exc:
            return repr(exc.problems)

    for region in (None, *REGIONS):
        for group in (None, 1, 2):
            memo: dict[Any, Any] = {}
            for indicator in indicators:
                for value in VALUES:
                    for met, given in ((None, False), (True, True), (None, True)):
                        args = (indicator, value, met, given, region, group)
                        assert judged(memo, *args) == judged(None, *args), args


def test_what_earlier_check_runs_judged_is_kept_and_each_run_judges_as_a_fresh_one(tmp_path: Path) -> None:
    """A receiver checks bundle after bundle against the same sets: what one check run worked out (what
    applies to each indicator for the commune, each value read, each code's target) is kept by the
    criteria service for the next runs. Every run — for other communes (region, group), after a switch
    of language (the basis is a text in it) — comes out exactly as a run with nothing judged before."""
    ws = commune(tmp_path)
    cs = next(c for c in builtin_sets() if c.id == "vn-ntm-xa-2021-2025")
    ws.criteria.set_threshold(cs.id, "2.2", "TDMNPB", "70")  # judged otherwise in another region
    codes = [i.code for c in cs.criteria for i in c.indicators]
    rng = random.Random(7)
    drafts = [
        (
            f"assessments[{n}]",
            AssessmentDraft(
                rng.choice([2021, 2024]),
                indicator=code,
                value=rng.choice([*VALUES, round(rng.uniform(40, 100), 1)]),
                met=rng.choice([None, True]),
                met_given=rng.random() < 0.5,
                set_id=cs.id,
            ),
        )
        for n, code in enumerate(codes * 4)
    ]
    drafts += [(f"x[{n}]", AssessmentDraft(2024, indicator="2.2", value=v)) for n, v in enumerate((85, "60"))]

    def run(region: str, group: int, judged: dict[Any, Any] | None) -> str:
        context = CheckContext(ws.criteria, region, group, record_header, lambda year: group, judged)
        return repr(ASSESSMENTS.check_each(drafts, context))

    kept = ws.criteria.judging_memo()
    for language in ("vi", "en", "vi"):
        with in_language(language):
            for region, group in (("TDMNPB", 1), ("DBSH", 1), ("DBSH", 2), ("TDMNPB", 1)):
                assert run(region, group, None) == run(region, group, {})
    assert kept and kept is ws.criteria.judging_memo()  # the same one, filled for the next run
    with in_language("en"):
        assert ws.criteria.judging_memo() is not kept
    ws.close()


def test_the_kept_memo_is_emptied_once_it_holds_its_limit(tmp_path: Path, monkeypatch: Any) -> None:
    """However many distinct values come, what is kept stays bounded (then judging starts afresh)."""
    ws = commune(tmp_path)
    monkeypatch.setattr(criteria_service, "JUDGING_MEMO", 3)
    memo = ws.criteria.judging_memo()
    memo.update({n: n for n in range(3)})
    assert ws.criteria.judging_memo() is memo and not memo
    ws.close()
