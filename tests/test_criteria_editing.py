"""Editing a set field by field: parse_set's checks land on the item and field they are about, and only
a set it accepts is saved — as a new revision, with a diff against any earlier one."""

from __future__ import annotations

from ntm_desktop.criteria.diff import diff_sets
from ntm_desktop.criteria.editing import SetDraft, shown_threshold
from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.workspace import Workspace
from tests.helpers.criteria import PROVINCE_SET, province_set_2026


def test_typed_thresholds_are_read_the_vietnamese_way_and_bad_ones_reported_in_place() -> None:
    draft = SetDraft(parse_set(province_set_2026()))
    road = (1, 0)  # criterion 2, indicator 2.1
    draft.set_threshold(road, "2", "92,5")
    assert draft.item(road)["threshold"]["by_group"]["2"] == 92.5
    assert shown_threshold(draft.item(road)["threshold"]["by_group"]["2"]) == "92,5"
    draft.set_threshold(road, "3", "nhiều")
    draft.set_threshold(road, None, "180")
    draft.set_field((1,), "name_vi", "  ")
    problems = {(p.item, p.field): p.message for p in draft.problems()}
    assert problems == {
        ((1, 0), "threshold.by_group.3"): "phải là một số",
        ((1, 0), "threshold.general"): "phải từ 0 đến 100",
        ((1,), "name_vi"): "không được để trống",
    }
    draft.set_threshold(road, "3", "")
    draft.set_threshold(road, None, "")
    draft.set_field((1,), "name_vi", "Hạ tầng kinh tế – xã hội")
    assert draft.problems() == []
    assert draft.item(road)["threshold"]["by_group"] == {"1": 100, "2": 92.5}


def test_items_are_added_with_the_next_code_and_a_repeated_wording_is_a_warning() -> None:
    draft = SetDraft(parse_set(province_set_2026()))
    added = draft.add_indicator(1)
    assert draft.item(added)["code"] == "2.3"
    draft.set_field(added, "name_vi", "Tỷ lệ thử nghiệm về đường giao thông")  # 2.1's wording
    assert draft.problems() == []
    (warning,) = draft.warnings()
    assert (warning.item, warning.field, warning.message) == (
        added,
        "name_vi",
        "trùng nội dung với chỉ tiêu 2.1",
    )
    criterion = draft.add_criterion()
    assert draft.item(criterion)["code"] == "11"
    draft.remove(criterion)
    assert [c["code"] for c in draft.data["criteria"]][-1] == "10"


def test_every_save_is_a_new_revision_and_the_diff_says_what_changed(ws: Workspace) -> None:
    first, _ = ws.criteria.save(parse_set(province_set_2026()), origin="edited")
    draft = SetDraft(first)
    draft.set_threshold((1, 0), "2", "85")
    draft.set_field((1, 0), "source.part", "Phụ lục I, mục 2.1")
    second, _ = ws.criteria.save(draft.checked(), origin="edited")
    assert (first.revision, second.revision) == (1, 2)
    assert [r for r, _, _ in ws.criteria.revisions(PROVINCE_SET)] == [1, 2]
    lines = [c.line for c in diff_sets(ws.criteria.get(PROVINCE_SET, 1), ws.criteria.get(PROVINCE_SET, 2))]
    assert lines == [
        "2.1: Văn bản nguồn: Phụ lục I (thử nghiệm), QĐ 51/2025/QĐ-TTg ngày 29/12/2025 → "
        "Phụ lục I, mục 2.1, QĐ 51/2025/QĐ-TTg ngày 29/12/2025",
        "2.1: Ngưỡng cho nhóm 2: ≥ 90% → ≥ 85%",
    ]
