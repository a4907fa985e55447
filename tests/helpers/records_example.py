"""The example file of the records-v1 format (shared/formats/example-bang-thanh.json), kept here word for
word so the tests run without the shared folder; ``test_records_example.py`` checks the copy against the
original."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.helpers.shared import SHARED

EXAMPLE_FILE = SHARED / "formats" / "example-bang-thanh.json"

EXAMPLE: dict[str, Any] = {
    "format": "ntm-records",
    "version": 1,
    "unit": {
        "code": "01234",
        "name": "Xã Bằng Thành",
        "type": "xa",
        "province_code": "19",
        "province_name": "Thái Nguyên",
        "district_name": "Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)",
        "region": "TDMNPB",
        "group": 3,
        "villages": ["Bằng Thành II"],
    },
    "criteria_set": "vn-ntm-xa-2021-2025",
    "assessments": [
        {
            "id": "a-2023-3.1",
            "year": 2023,
            "indicator": "3.1",
            "value": 82.5,
            "note": "Theo số liệu thống kê đất nông nghiệp năm 2023",
            "assessed_on": "2023-12-15",
            "assessed_by": "Nguyễn Thị Thảo",
        },
        {
            "id": "a-2023-19",
            "year": 2023,
            "criterion": "19",
            "met": False,
            "note": "Chưa đạt chuẩn an toàn về an ninh, trật tự",
        },
    ],
    "supporters": [
        {"id": "so-noi-vu", "name": "Sở Nội vụ tỉnh Bắc Kạn", "kind": "agency", "parent": "UBND tỉnh Bắc Kạn"}
    ],
    "assignments": [
        {
            "id": "asg-2019",
            "supporter": "so-noi-vu",
            "document": "2656-CV/TU",
            "document_date": "2019-04-26",
            "issuer": "Ban Thường vụ Tỉnh ủy Bắc Kạn",
            "start": "2019-01-01",
            "end": "2019-12-31",
            "criteria": ["18"],
            "note": "Hướng dẫn cải cách hành chính, chuẩn hóa đội ngũ cán bộ, công chức cấp xã, "
            "dân vận chính quyền",
        }
    ],
    "help": [
        {
            "id": "h-2019-road",
            "date": "2019-12-10",
            "supporters": ["so-noi-vu"],
            "title": "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II",
            "description": "Kinh phí từ quỹ tiết kiệm do công chức, viên chức, người lao động "
            "của Sở đóng góp",
            "village": "Bằng Thành II",
            "criteria": ["2"],
            "items": [
                {
                    "kind": "cash",
                    "name": "Tiền mặt",
                    "quantity": 40000000,
                    "unit": "đồng",
                    "value_vnd": 40000000,
                },
                {
                    "kind": "labour",
                    "name": "Ngày công đổ bê tông",
                    "quantity": 30,
                    "unit": "ngày công",
                    "value_vnd": None,
                },
                {"kind": "works", "name": "Đường bê tông", "quantity": 60, "unit": "m", "value_vnd": None},
            ],
        }
    ],
    "cadres": [],
    "events": [],
}


def example() -> dict[str, Any]:
    """A fresh copy to change."""
    return copy.deepcopy(EXAMPLE)


def example_file(folder: Path) -> Path:
    """The example written to ``folder`` as the officer would receive it."""
    path = folder / "example-bang-thanh.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
