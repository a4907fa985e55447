"""A province's own 2026–2030 set, as a clerk would type it, for tests.

TEST DATA ONLY: the indicator wordings and threshold values below are illustrative, made for the tests;
they are not QĐ 51/2025/QĐ-TTg's and are never shipped.
"""

from __future__ import annotations

import copy
from typing import Any

from ntm_desktop.criteria.loading import builtin_sets, set_to_dict

PROVINCE_SET = "tinh-thu-nghiem-2026-2030"


def province_set_2026() -> dict[str, Any]:
    """The national 2026–2030 scaffold with indicators under criteria 1 and 2, thresholds by group."""
    base = next(cs for cs in builtin_sets() if cs.id == "vn-ntm-xa-2026-2030")
    data = copy.deepcopy(set_to_dict(base))
    data["id"] = PROVINCE_SET
    data["name_vi"] = "Bộ tiêu chí thử nghiệm của tỉnh, giai đoạn 2026–2030"
    source = {"document": "51/2025/QĐ-TTg", "part": "Phụ lục I (thử nghiệm)", "date": "2025-12-29"}
    data["criteria"][0]["indicators"] = [
        {
            "code": "1.1", "name_vi": "Chỉ tiêu thử nghiệm về quy hoạch", "name_en": "", "unit": "",
            "kind": "boolean", "direction": "=",
            "threshold": {"general": True, "by_region": {}, "by_group": {}},
            "requirement_vi": "", "requirement_en": "", "requirement_by_key": {}, "confirmed": False,
            "threshold_confirmed": False, "source": source, "delegated": False, "sources": [],
            "note": "Dữ liệu thử nghiệm.",
        },
    ]  # fmt: skip
    data["criteria"][1]["indicators"] = [
        {
            "code": "2.1", "name_vi": "Tỷ lệ thử nghiệm về đường giao thông", "name_en": "Test road share",
            "unit": "%", "kind": "percent", "direction": ">=",
            "threshold": {"general": None, "by_region": {}, "by_group": {"1": 100, "2": 90, "3": 70}},
            "requirement_vi": "", "requirement_en": "", "requirement_by_key": {"3": "Xã nhóm 3: thử nghiệm."},
            "confirmed": False, "threshold_confirmed": False, "source": source, "delegated": False,
            "sources": [], "note": "Dữ liệu thử nghiệm.",
        },
        {
            "code": "2.2", "name_vi": "Chỉ tiêu thử nghiệm do tỉnh quy định", "name_en": "", "unit": "km",
            "kind": "number", "direction": None,
            "threshold": {"general": None, "by_region": {}, "by_group": {}},
            "requirement_vi": "", "requirement_en": "", "requirement_by_key": {}, "confirmed": False,
            "threshold_confirmed": False,
            "source": {"document": "51/2025/QĐ-TTg", "part": "Điều 2 (thử nghiệm)", "date": None},
            "delegated": True, "sources": [], "note": "Dữ liệu thử nghiệm.",
        },
    ]  # fmt: skip
    return data
