"""The shipped criteria sets, their loader and the evaluation of indicators (no Qt, no database)."""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.core import i18n
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.resources import resource
from ntm_desktop.criteria.evaluate import evaluate, evaluate_in, rollup, validate_value
from ntm_desktop.criteria.loading import (
    builtin_sets,
    default_set_id_for_year,
    load_set_file,
    parse_set,
    set_to_dict,
    with_threshold,
)
from ntm_desktop.criteria.model import REGIONS, CriteriaSet, Criterion, Indicator
from ntm_desktop.reports.wording import criterion_requirement, requirement_text
from tests.helpers.shared import shared_file

SET_2016 = "vn-ntm-xa-2016-2020"
SET_2021 = "vn-ntm-xa-2021-2025"
SET_2026 = "vn-ntm-xa-2026-2030"

# The only thresholds a cited source confirms (ntm-domain.md §1.3). Adding one here needs its source.
CONFIRMED_THRESHOLDS: dict[tuple[str, str, str], object] = {
    (SET_2021, "3.1", "general"): 80,
    (SET_2021, "3.2", "general"): True,
}
# Indicators whose wording, and whose threshold or requirement text, a source confirms.
CONFIRMED_INDICATORS = {(SET_2021, code) for code in ("3.1", "3.2", "5", "14.1")}
# Requirement texts shipped (general, or for the regions a source gives one for); everything else has none.
REQUIREMENTS = {(SET_2021, code) for code in ("5", "14.1", "17.1")} | {(SET_2016, "10")}
REQUIREMENTS_BY_REGION = {(SET_2021, "5"): set(REGIONS), (SET_2016, "10"): {"DBSCL"}}
# Texts taken from a document other than the set's own decision cite it.
CITED_ELSEWHERE = {(SET_2021, "5"): "1491/QĐ-BGDĐT", (SET_2021, "14.1"): "1491/QĐ-BGDĐT"}


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(before)


def shipped_files() -> dict[str, dict[str, Any]]:
    """Every JSON file in the criteria resources, raw, by set id (a new file is covered too)."""
    folder = resource("criteria")
    raw = [json.loads(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".json")]
    return {d["id"]: d for d in raw}


def the_set(set_id: str) -> CriteriaSet:
    return next(cs for cs in builtin_sets() if cs.id == set_id)


def indicator_of(cs: CriteriaSet, code: str) -> Indicator:
    found = cs.find_indicator(code)
    assert found is not None, code
    return found


def criterion_of(cs: CriteriaSet, code: str) -> Criterion:
    found = cs.find_criterion(code)
    assert found is not None, code
    return found


def test_the_three_sets_load_with_their_counts() -> None:
    counts = {cs.id: (len(cs.criteria), cs.indicator_count) for cs in builtin_sets()}
    assert counts == {SET_2016: (19, 0), SET_2021: (19, 57), SET_2026: (10, 0)}
    assert [cs.id for cs in builtin_sets()] == [SET_2016, SET_2021, SET_2026]


def test_sets_carry_their_legal_basis_and_dimension() -> None:
    old, current, new = the_set(SET_2016), the_set(SET_2021), the_set(SET_2026)
    assert (old.legal_basis.document, old.legal_basis.date.isoformat()) == ("1980/QĐ-TTg", "2016-10-17")
    assert (current.legal_basis.document, current.legal_basis.date.isoformat()) == (
        "318/QĐ-TTg",
        "2022-03-08",
    )
    assert (new.legal_basis.document, new.legal_basis.date.isoformat()) == ("51/2025/QĐ-TTg", "2025-12-29")
    assert new.legal_basis.effective is not None and new.legal_basis.effective.isoformat() == "2026-02-15"
    assert (old.dimension, current.dimension, new.dimension) == ("region", "region", "group")
    assert current.legal_basis_text == "QĐ 318/QĐ-TTg ngày 08/03/2022"
    assert [g.code for g in current.groups] == ["I", "II", "III", "IV", "V"]
    assert [c.code for c in current.criteria_in("III")] == ["10", "11", "12", "13"]
    assert all(c.group is None for c in new.criteria) and new.groups == ()
    assert all(c.confirmed for cs in builtin_sets() for c in cs.criteria)


def test_no_threshold_is_shipped_that_no_source_confirms() -> None:
    """Fails when anyone adds a threshold value to a shipped file without a confirmed source here."""
    found: dict[tuple[str, str, str], object] = {}
    for set_id, data in shipped_files().items():
        for criterion in data["criteria"]:
            for indicator in criterion["indicators"]:
                threshold = indicator["threshold"]
                if threshold.get("general") is not None:
                    found[(set_id, indicator["code"], "general")] = threshold["general"]
                for dimension in ("by_region", "by_group"):
                    for key, value in threshold.get(dimension, {}).items():
                        found[(set_id, indicator["code"], f"{dimension}.{key}")] = value
    assert found == CONFIRMED_THRESHOLDS
    assert [type(found[k]) for k in CONFIRMED_THRESHOLDS] == [int, bool]


def test_confirmation_flags_and_requirement_texts_are_only_where_sources_are() -> None:
    confirmed, threshold_confirmed, requirements = set(), set(), set()
    by_region: dict[tuple[str, str], set[str]] = {}
    cited: dict[tuple[str, str], str] = {}
    for cs in builtin_sets():
        items: list[Criterion | Indicator] = [*cs.criteria, *cs.indicators()]
        for item in items:
            if item.requirement_vi or item.requirement_by_key:
                requirements.add((cs.id, item.code))
            if item.requirement_by_key:
                by_region[(cs.id, item.code)] = {k for k, _ in item.requirement_by_key}
            if item.source is not None:
                cited[(cs.id, item.code)] = item.source.document
        for ind in cs.indicators():
            if ind.confirmed:
                confirmed.add((cs.id, ind.code))
            if ind.threshold_confirmed:
                threshold_confirmed.add((cs.id, ind.code))
            if not ind.confirmed or not ind.threshold_confirmed:
                assert ind.note, f"{ind.code} is unconfirmed and must say why"
    assert confirmed == CONFIRMED_INDICATORS
    assert threshold_confirmed == CONFIRMED_INDICATORS
    assert requirements == REQUIREMENTS
    assert by_region == REQUIREMENTS_BY_REGION
    assert {k: v for k, v in cited.items() if k[0] == SET_2021} == CITED_ELSEWHERE
    current = the_set(SET_2021)
    assert indicator_of(current, "17.1").threshold_confirmed is False
    assert criterion_of(the_set(SET_2016), "10").requirement_confirmed is True  # DBSCL's 50 only (thvl)


def test_2021_indicator_codes_follow_the_draft() -> None:
    draft_path = shared_file("domain/criteria-2021-2025.draft.json")
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    expected = [(i["code"], i["name_vi"], not i["unconfirmed"]) for c in draft for i in c["indicators"]]
    shipped = [(i.code, i.name_vi, i.confirmed) for i in the_set(SET_2021).indicators()]
    # One deliberate difference: the draft gives 14.3 the wording of 12.1 (see the next test).
    working = [row for row in shipped if row[0] == "14.3"]
    assert [r for r in shipped if r[0] != "14.3"] == [r for r in expected if r[0] != "14.3"]
    assert working[0][1].startswith("Lao động qua đào tạo thuộc tiêu chí Giáo dục và Đào tạo (tên tạm")
    assert working[0][2] is False


def test_no_two_indicators_of_a_set_share_a_wording() -> None:
    """The same wording twice means one figure is entered and judged twice (12.1 and 14.3 did)."""
    for cs in builtin_sets():
        seen: dict[str, str] = {}
        for ind in cs.indicators():
            key = " ".join(ind.name_vi.casefold().split())
            assert key not in seen, f"{cs.id}: {ind.code} has the wording of {seen.get(key)}"
            seen[key] = ind.code
    doubtful = indicator_of(the_set(SET_2021), "14.3")
    assert not doubtful.confirmed and "12.1" in doubtful.note and "12.1" in doubtful.name_vi


def test_requirements_say_what_is_missing_and_where_it_is_written() -> None:
    current, old, new = the_set(SET_2021), the_set(SET_2016), the_set(SET_2026)
    # A national value not entered yet is not "do tỉnh quy định".
    assert (
        requirement_text(indicator_of(current, "2.2"), "TN", None)
        == "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)"
    )
    assert requirement_text(indicator_of(current, "3.1"), "TN", None) == "≥ 80%"
    # 5: the region's own text, citing the education ministry's decision; long texts are cited only.
    assert requirement_text(indicator_of(current, "5"), "DBSH", None) == (
        "100% trường học đạt tiêu chuẩn cơ sở vật chất mức độ 1. (QĐ 1491/QĐ-BGDĐT)"
    )
    assert requirement_text(indicator_of(current, "5"), "TDMNPB", None) == (
        "Theo yêu cầu tại QĐ 1491/QĐ-BGDĐT"
    )
    assert requirement_text(indicator_of(current, "14.1"), "TN", None) == "Theo yêu cầu tại QĐ 1491/QĐ-BGDĐT"
    # 2026–2030: criteria judged whole until the indicators of Phụ lục I are entered.
    assert criterion_requirement(criterion_of(new, "3"), None, 2) == (
        "Chưa nhập chỉ tiêu (Phụ lục I, QĐ 51/2025/QĐ-TTg)"
    )
    # 2016–2020: a value only for the regions a source gives it for.
    for region in REGIONS:
        assert (
            criterion_requirement(criterion_of(old, "11"), region, None)
            == "Chưa nhập chỉ tiêu (QĐ 1980/QĐ-TTg)"
        )
        assert "80%" not in criterion_requirement(criterion_of(old, "9"), region, None)
    income = {region: criterion_requirement(criterion_of(old, "10"), region, None) for region in REGIONS}
    assert income["DBSCL"].startswith(
        "Thu nhập bình quân đầu người khu vực nông thôn đến năm 2020 từ 50 triệu"
    )
    assert {text for region, text in income.items() if region != "DBSCL"} == {
        "Chưa nhập chỉ tiêu (QĐ 1980/QĐ-TTg)"
    }
    every = [
        text
        for cs in builtin_sets()
        for region in REGIONS
        for text in [criterion_requirement(c, region, 2) for c in cs.criteria]
        + [requirement_text(i, region, 2) for i in cs.indicators()]
    ]
    assert not [t for t in every if "tỉnh quy định" in t.casefold()]


def test_round_trip_is_exact() -> None:
    for set_id, data in shipped_files().items():
        cs = parse_set(data)
        assert set_to_dict(cs) == data, set_id
        assert parse_set(set_to_dict(cs)) == cs
        assert parse_set(json.loads(json.dumps(set_to_dict(cs)))) == cs
    edited = with_threshold(the_set(SET_2021), "2.2", "TN", "92,5")
    assert parse_set(json.loads(json.dumps(set_to_dict(edited)))) == edited


def test_lookups() -> None:
    cs = the_set(SET_2021)
    assert indicator_of(cs, "17.10").unit == "%"
    assert cs.find_indicator("99.1") is None
    assert criterion_of(cs, "14").name_vi == "Giáo dục và Đào tạo"
    assert cs.criterion_for("3.2") is cs.find_criterion("3")
    assert cs.criterion_for("5") is cs.find_criterion("5")
    assert cs.criterion_for("nope") is None


def broken_set() -> dict[str, Any]:
    data = copy.deepcopy(shipped_files()[SET_2021])
    data["criteria"][3]["indicators"][1]["kind"] = "ratio"
    data["criteria"][2]["indicators"][0]["threshold"]["general"] = 180
    data["criteria"][2]["indicators"][0]["threshold"]["by_group"] = {"1": 50}
    data["criteria"][0]["group"] = "IX"
    data["criteria"][1]["indicators"][2]["code"] = "2.1"
    del data["criteria"][1]["indicators"][0]["confirmed"]
    data["criteria"][5]["indicators"][0]["treshold"] = {}
    data["legal_basis"]["date"] = "8/3/2022"
    data["period"]["from"] = 2030
    return data


def test_a_broken_set_lists_all_its_errors_with_paths() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_set(broken_set())
    paths = {p.path for p in caught.value.problems}
    assert paths == {
        "criteria[3].indicators[1].kind",
        "criteria[2].indicators[0].threshold.general",
        "criteria[2].indicators[0].threshold.by_group",
        "criteria[0].group",
        "criteria[1].indicators[2].code",
        "criteria[1].indicators[0].confirmed",
        "criteria[5].indicators[0].treshold",
        "legal_basis.date",
        "period",
    }
    text = str(caught.value)  # what the officer reads: each place as the app names it
    assert "Tiêu chí thứ 3 · Chỉ tiêu thứ 1 · Ngưỡng chung: phải từ 0 đến 100" in text  # the editor's words
    assert "Tiêu chí thứ 2 · Chỉ tiêu thứ 3 · Mã: mã 2.1 bị dùng hai lần" in text
    assert "Tiêu chí thứ 6 · Chỉ tiêu thứ 1 · “treshold”: trường không được hỗ trợ" in text


def test_a_broken_file_is_reported_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "tinh.json"
    path.write_text(json.dumps(broken_set(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_set_file(path)
    assert len(caught.value.problems) == 9

    path.write_text('{"format": "ntm-criteria-set",\n "id": }', encoding="utf-8")
    with pytest.raises(InvalidInput, match="dòng 2"):
        load_set_file(path)
    with pytest.raises(InvalidInput):
        load_set_file(tmp_path / "missing.json")

    good = tmp_path / "good.json"
    good.write_text(json.dumps(shipped_files()[SET_2026], ensure_ascii=False), encoding="utf-8")
    assert load_set_file(good) == the_set(SET_2026)


def test_other_files_and_newer_versions_are_refused() -> None:
    with pytest.raises(InvalidInput, match="không phải tệp bộ tiêu chí"):
        parse_set({"hello": 1})
    newer = dict(shipped_files()[SET_2026], format_version=3)
    with pytest.raises(InvalidInput, match="cập nhật ứng dụng"):
        parse_set(newer)
    with pytest.raises(InvalidInput):
        parse_set([1, 2])


def test_indicator_3_1_is_evaluated_against_80_percent() -> None:
    cs = the_set(SET_2021)
    indicator = cs.find_indicator("3.1")
    assert indicator is not None
    met = evaluate(indicator, Decimal(85), "DBSH", None)
    assert met.met is True
    assert met.threshold == Decimal(80)
    assert met.basis == "≥ 80% (chỉ tiêu chung, QĐ 318/QĐ-TTg)"
    assert evaluate_in(cs, "3.1", 75, "DBSH", None).met is False
    assert evaluate_in(cs, "3.1", "80", None, None).met is True
    assert evaluate_in(cs, "3.1", "79,9", None, None).met is False
    assert evaluate_in(cs, "3.1", None, None, None).met is None
    assert evaluate_in(cs, "3.2", "Có", "TN", None).met is True
    assert evaluate_in(cs, "3.2", False, "TN", None).met is False


def test_an_unset_indicator_cannot_be_evaluated() -> None:
    cs = the_set(SET_2021)
    result = evaluate_in(cs, "2.1", 100, "DBSH", None)
    assert (result.met, result.threshold) == (None, None)
    assert result.basis == "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)"
    i18n.set_language("en")
    assert evaluate_in(cs, "2.1", 100, "DBSH", None).basis == (
        "No threshold entered yet (Phụ lục I, Decision 318/QĐ-TTg)"
    )
    # Criterion 5 has a requirement text, not a value: the officer judges it.
    assert evaluate_in(cs, "5", 100, "DBSH", None).met is None


def test_a_region_value_wins_over_the_general_one() -> None:
    cs = with_threshold(the_set(SET_2021), "2.2", None, 70)
    cs = with_threshold(cs, "2.2", "TDMNPB", 50)
    mountain = evaluate_in(cs, "2.2", 60, "TDMNPB", None)
    assert (mountain.met, mountain.threshold, mountain.key) == (True, Decimal(50), "TDMNPB")
    assert mountain.basis == "≥ 50% (vùng Trung du miền núi phía Bắc, chưa đối chiếu văn bản gốc)"
    delta = evaluate_in(cs, "2.2", 60, "DBSH", None)
    assert (delta.met, delta.threshold, delta.key) == (False, Decimal(70), None)


def test_a_group_set_uses_the_commune_group() -> None:
    data = copy.deepcopy(shipped_files()[SET_2026])
    data["id"] = "tinh-thu-nghiem"
    data["criteria"][0]["indicators"] = [
        {"code": "1.1", "name_vi": "Chỉ tiêu thử", "kind": "percent", "unit": "%", "direction": "<=",
         "threshold": {"general": 10, "by_group": {"3": 20}}, "confirmed": False,
         "threshold_confirmed": False},
    ]  # fmt: skip
    cs = parse_set(data)
    assert evaluate_in(cs, "1.1", 15, None, 3).met is True
    assert evaluate_in(cs, "1.1", 15, None, 1).met is False
    assert evaluate_in(cs, "1.1", 15, None, 3).basis.startswith("≤ 20% (xã nhóm 3")
    data["criteria"][0]["indicators"][0]["threshold"]["by_region"] = {"DBSH": 5}
    with pytest.raises(InvalidInput) as caught:
        parse_set(data)
    assert [p.path for p in caught.value.problems] == ["criteria[0].indicators[0].threshold.by_region"]


def test_with_threshold_makes_a_new_revision_and_leaves_the_old_one() -> None:
    first = the_set(SET_2021)
    before = set_to_dict(first)
    second = with_threshold(first, "3.1", "DBSCL", "85")
    assert (first.revision, second.revision) == (1, 2)
    assert set_to_dict(first) == before
    assert indicator_of(first, "3.1").threshold.by_region == ()
    edited = second.find_indicator("3.1")
    assert edited is not None
    assert edited.threshold.by_region == (("DBSCL", Decimal(85)),)
    assert edited.threshold.general == Decimal(80)
    assert edited.threshold_confirmed is False  # now the province's value, not the source's
    cleared = with_threshold(second, "3.1", "DBSCL", None)
    assert cleared.revision == 3 and indicator_of(cleared, "3.1").threshold.by_region == ()

    yes_no = with_threshold(first, "8.1", None, "có").find_indicator("8.1")
    assert yes_no is not None and (yes_no.threshold.general, yes_no.direction) == (True, "=")


def test_with_threshold_refuses_what_does_not_fit() -> None:
    cs = the_set(SET_2021)
    with pytest.raises(NotFound):
        with_threshold(cs, "42.1", None, 1)
    with pytest.raises(InvalidInput):
        with_threshold(cs, "2.1", "1", 90)  # a group key in a region set
    with pytest.raises(InvalidInput, match="Tỷ lệ phải từ 0 đến 100"):
        with_threshold(cs, "2.1", "TN", 120)
    with pytest.raises(InvalidInput):
        with_threshold(cs, "8.1", None, True, direction=">=")
    with pytest.raises(NotFound):  # 2026–2030 criteria have no indicators yet
        with_threshold(the_set(SET_2026), "1", 1, 50)


def test_validate_value() -> None:
    cs = the_set(SET_2021)
    percent, income = cs.find_indicator("3.1"), cs.find_indicator("10")
    yes_no, level = cs.find_indicator("3.2"), cs.find_indicator("14.1")
    assert percent and income and yes_no and level
    assert validate_value(percent, "85,5") == Decimal("85.5")
    assert validate_value(percent, " 85 % ") == Decimal(85)
    assert validate_value(percent, 85.5) == Decimal("85.5")
    assert validate_value(income, "1.234,5") == Decimal("1234.5")
    assert validate_value(income, "45.000") == Decimal(45000)  # never 45
    with pytest.raises(InvalidInput, match="Tỷ lệ phải từ 0 đến 100") as caught:
        validate_value(percent, Decimal(120))
    assert caught.value.field == "3.1"
    with pytest.raises(InvalidInput, match="từ 0 đến 100") as caught:
        validate_value(percent, "120")
    assert caught.value.field == "3.1"
    for bad in ("abc", "", True, None, "nan", float("inf")):
        with pytest.raises(InvalidInput):
            validate_value(percent, bad)
    with pytest.raises(InvalidInput, match="không được âm"):
        validate_value(income, -1)
    with pytest.raises(InvalidInput):
        validate_value(income, "-1")
    assert validate_value(yes_no, "Không đạt") is False
    assert validate_value(yes_no, "đạt") is True
    with pytest.raises(InvalidInput, match="Có hoặc Không"):
        validate_value(yes_no, "maybe")
    assert validate_value(level, "  Mức độ 2 ") == "Mức độ 2"
    with pytest.raises(InvalidInput):
        validate_value(level, "  ")


def test_rollup_counts() -> None:
    cs = the_set(SET_2021)
    results: dict[str, bool | None] = {
        "3.1": True, "3.2": True,                 # 3: met
        "1.1": True, "1.2": None,                 # 1: partial (the rest not judged yet)
        "2.1": True, "2.2": False,                # 2: not met (an indicator failed)
        "6.1": False, "6.2": None,                # 6: not met
        "5": True,                                # 5: met (its only indicator)
        "4.1": True, "4.2": False, "4": True,     # 4: judged met as a whole, overriding 4.2
        "7": None,                                # 7: unknown
        "99": True,                               # unknown code: ignored
    }  # fmt: skip
    summary = rollup(cs, results)
    assert (summary.criteria_met, summary.criteria_total) == (3, 19)
    by_code = {
        r.code: (r.status, r.indicators_met, r.indicators_total, r.judged_whole) for r in summary.criteria
    }
    assert by_code["3"] == ("met", 2, 2, False)
    assert by_code["1"] == ("partial", 1, 2, False)
    assert by_code["2"] == ("not_met", 1, 4, False)
    assert by_code["6"] == ("not_met", 0, 3, False)
    assert by_code["5"] == ("met", 1, 1, False)
    assert by_code["4"] == ("met", 1, 2, True)
    assert by_code["7"] == ("unknown", 0, 1, False)
    assert (summary.count("met"), summary.count("partial"), summary.count("not_met")) == (3, 1, 2)
    assert summary.count("unknown") == 19 - 6
    seventeen = summary.get("17")
    assert seventeen is not None and seventeen.indicators_total == 11

    whole = rollup(the_set(SET_2026), {"1": True, "2": False, "3": None})
    assert (whole.criteria_met, whole.criteria_total) == (1, 10)
    assert [r.status for r in whole.criteria[:4]] == ["met", "not_met", "unknown", "unknown"]
    assert all(r.judged_whole and r.indicators_total == 0 for r in whole.criteria)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2015, None), (2016, SET_2016), (2020, SET_2016),
     (2021, SET_2016),  # QĐ 318/QĐ-TTg took effect on 08/03/2022: on 31/12/2021 QĐ 1980 was in force
     (2022, SET_2021), (2025, SET_2021),  # QĐ 51/2025 took effect on 15/02/2026
     (2026, SET_2026), (2030, SET_2026), (2031, None)],
)  # fmt: skip
def test_default_set_for_year_follows_the_dates_of_effect(year: int, expected: str | None) -> None:
    assert default_set_id_for_year(year) == expected


def test_every_criteria_message_has_its_vietnamese() -> None:
    catalogue = json.loads(resource("i18n", "vi", "criteria.json").read_text("utf-8"))
    folder = Path(__file__).resolve().parents[1] / "ntm_desktop" / "criteria"
    sources: set[str] = set()
    for module in folder.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{module.name}:{node.lineno} tr() needs a literal"
                sources.add(str(first.value))
    assert sources <= set(catalogue), sorted(sources - set(catalogue))
    for source in sources:
        assert i18n.placeholders(catalogue[source]) == i18n.placeholders(source), source


def test_the_criteria_core_runs_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from ntm_desktop.criteria import evaluate, loading\n"
        "assert len(loading.builtin_sets()) == 3\n"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
