"""Seed 002 (Lào Cai, 2022): what the province's report gives as the year's help, checked once for every
way the tests record it (one commune on the command line, three communes through their bundles)."""

from __future__ import annotations

from typing import Any

QUANTITIES = {
    ("Ngày công", "ngày công"): 2000,
    ("Xi măng", "tấn"): 343,
    ("Suất quà", "suất"): 3285,
    ("Bộ bàn ghế", "bộ"): 180,
    ("Sách, vở, dụng cụ học tập", "cuốn"): 1980,
    ("Bộ quần áo, chăn", "bộ"): 2687,
    ("Bộ máy tính", "bộ"): 34,
    ("Khám chữa bệnh, cấp thuốc miễn phí", "lượt người"): 700,
}
"""The report's quantities by (name, unit)."""


def check_totals(totals: dict[str, Any]) -> None:
    """16.493,82 triệu đồng in all, 643,73 triệu đồng in cash, and the report's quantities (help totals as
    ``help totals --json`` prints them)."""
    assert totals["value_vnd"] == 16_493_820_000
    assert totals["by_kind"]["cash"]["value_vnd"] == 643_730_000
    quantities = {(i["name"], i["unit"]): i["quantity"] for i in totals["items"]}
    assert {key: quantities.get(key) for key in QUANTITIES} == QUANTITIES
