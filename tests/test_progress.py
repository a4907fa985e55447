"""Recording progress: values in the indicator's kind, Đạt evaluated where a threshold is known,
the roll-up "x/19 tiêu chí đạt", the change since last year, and bad input that changes nothing."""

from __future__ import annotations

import pytest

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.workspace import Workspace


def test_a_known_threshold_decides_met_and_says_why(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="82,5")
    (view,) = ws.progress.assessments(2023)
    assert view.value == 82.5
    assert view.met is True and view.met_auto is True
    assert "80" in view.basis
    ws.progress.record(2023, indicator="3.1", value="75")
    (view,) = ws.progress.assessments(2023)
    assert view.met is False


def test_without_a_threshold_the_officer_decides(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="2.1", value="85")
    (view,) = ws.progress.assessments(2023)
    assert view.met is None and view.basis == "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)"
    ws.progress.record(2023, indicator="2.1", value="85", met=True)
    (view,) = ws.progress.assessments(2023)
    assert view.met is True and view.met_auto is None


def test_rollup_counts_criteria_met(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="có")
    ws.progress.record(2023, criterion="19", met=False, note="Chưa đạt chuẩn ANTT")
    ws.progress.record(2023, criterion="1", met=True)
    summary = ws.progress.summary(2023)
    assert (summary.met, summary.total) == (2, 19)
    by_code = {c.code: c for c in summary.criteria}
    assert by_code["3"].status == "met" and (by_code["3"].indicators_met, by_code["3"].indicators_total) == (
        2,
        2,
    )
    assert by_code["19"].status == "not_met"
    assert by_code["2"].status == "unknown"


def test_one_failing_indicator_fails_the_criterion(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    ws.progress.record(2023, indicator="3.2", value="không")
    assert ws.progress.summary(2023).status_of("3") == "not_met"


def test_change_since_last_year(ws: Workspace) -> None:
    ws.progress.record(2023, criterion="19", met=False)
    ws.progress.record(2024, criterion="19", met=True)
    ws.progress.record(2024, criterion="1", met=True)
    summary = ws.progress.summary(2024)
    assert summary.previous_year == 2023 and summary.previous_met == 0 and summary.met == 2
    assert {c.code: c.change for c in summary.criteria}["19"] == "gained"


def test_2026_uses_the_new_set_judged_criterion_by_criterion(ws: Workspace) -> None:
    ws.progress.record(2026, criterion="1", met=True)
    summary = ws.progress.summary(2026)
    assert summary.set_id == "vn-ntm-xa-2026-2030"
    assert (summary.met, summary.total) == (1, 10)


def test_editing_a_set_never_changes_last_years_result(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="2.1", value="85")
    cs, _ = ws.criteria.set_threshold("vn-ntm-xa-2021-2025", "2.1", None, 90)
    assert cs.revision == 2
    (old,) = ws.progress.assessments(2023)
    assert (old.set_revision, old.met) == (1, None)
    ws.progress.record(2024, indicator="2.1", value="85")
    (new,) = ws.progress.assessments(2024)
    assert (new.set_revision, new.met) == (2, False)


def test_targets_show_in_the_summary(ws: Workspace) -> None:
    ws.progress.set_target("19", 2025, "Xây dựng mô hình camera an ninh", set_id="vn-ntm-xa-2021-2025")
    summary = ws.progress.summary(2023)
    assert {c.code: c.target_year for c in summary.criteria}["19"] == 2025


def test_text_is_stored_trimmed_nfc(ws: Workspace) -> None:
    ws.progress.record(2023, criterion="19", met=False, note="  Chu\u031ba đa\u0323t  ")
    (view,) = ws.progress.assessments(2023)
    assert view.note == "Chưa đạt"


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"indicator": "3.1", "value": "120"}, "", "0 đến 100"),
        ({"indicator": "3.1", "value": "-5"}, "", ""),
        ({"indicator": "3.1", "value": "nhiều"}, "", ""),
        ({"indicator": "9.9", "value": "50"}, "indicator", "9.9"),
        ({"criterion": "42", "met": True}, "criterion", "42"),
        ({"indicator": "3.2", "value": "có lẽ"}, "", "có"),
    ],
)
def test_bad_input_changes_nothing(ws: Workspace, kwargs: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        ws.progress.record(2023, **kwargs)  # type: ignore[arg-type]
    if field:
        assert caught.value.field == field
    assert words in str(caught.value)
    assert ws.progress.assessments(2023) == []


@pytest.mark.parametrize("year", [2009, 2101])
def test_years_outside_2010_2100_are_refused(ws: Workspace, year: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        ws.progress.record(year, criterion="1", met=True)
    assert str(caught.value).endswith("Năm phải từ 2010 đến 2100")
