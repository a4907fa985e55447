"""A commune's year of records fits easily on any USB stick and in an e-mail: under 50 KB."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.sync.bundle.container import read_bundle
from ntm_desktop.sync.keys.clock import HLC
from tests.helpers.bundles import DEVICE, UNIT, make_bundle, random_uuid

LIMIT = 50 * 1024

SUPPORTERS = [
    ("Sở Nội vụ tỉnh Bắc Kạn", "agency"),
    ("Ban Dân vận Tỉnh ủy", "party_body"),
    ("Ban Nội chính Tỉnh ủy", "party_body"),
    ("Công ty Điện lực Bắc Kạn", "company"),
    ("Bộ Chỉ huy Quân sự tỉnh", "armed_forces"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "mass_org"),
    ("Tỉnh đoàn Bắc Kạn", "mass_org"),
    ("Sở Nông nghiệp và Môi trường", "agency"),
    ("Ngân hàng Chính sách xã hội tỉnh", "agency"),
    ("Công ty TNHH Xây dựng Hoàng Gia", "company"),
]
VILLAGES = ["Bằng Thành II", "Nà Phầy", "Pác Châm", "Nà Lần", "Khau Cưởm", "Nà Loạn", "Bản Sáng", "Khuổi Ỏn"]
WORKS = [
    "Bê tông hóa đường vào thôn {v}",
    "Xây dựng cổng chào thôn {v}",
    "Lắp đặt đèn chiếu sáng đường quê thôn {v}",
    "Sửa chữa nhà văn hóa thôn {v}",
    "Tặng quà cho học sinh có hoàn cảnh khó khăn thôn {v}",
    "Hỗ trợ xây nhà Đại đoàn kết cho hộ nghèo thôn {v}",
    "Khám bệnh, cấp thuốc miễn phí cho người dân thôn {v}",
    "Ra quân tổng vệ sinh đường làng, ngõ xóm thôn {v}",
    "Hỗ trợ giống cây trồng, vật nuôi cho hộ nghèo thôn {v}",
]
DESCRIPTIONS = [
    "Kinh phí do cán bộ, công chức, viên chức, người lao động của đơn vị đóng góp",
    "Phối hợp với UBND xã và Ban phát triển thôn tổ chức thực hiện, nhân dân hiến đất và góp ngày công",
    "Thực hiện theo kế hoạch giúp đỡ xã khó khăn xây dựng nông thôn mới năm {y}",
    "Đoàn viên thanh niên tham gia tình nguyện, trao tận tay các hộ gia đình",
]
ITEMS = [
    ("cash", "Tiền mặt", "đồng"),
    ("labour", "Ngày công lao động", "ngày công"),
    ("material", "Xi măng", "tấn"),
    ("gift", "Suất quà", "suất"),
    ("equipment", "Bộ máy tính", "bộ"),
    ("goods", "Sách vở, đồ dùng học tập", "bộ"),
    ("service", "Khám chữa bệnh, cấp thuốc", "lượt người"),
    ("works", "Đường bê tông", "m"),
]
NOTES = [
    "Theo số liệu thống kê của xã năm {y}",
    "Đã có biên bản kiểm tra của Đoàn thẩm định huyện",
    "Chưa đạt, cần tiếp tục vận động nhân dân tham gia",
    "Đạt theo hướng dẫn của Văn phòng Điều phối nông thôn mới tỉnh",
]


def _versioned(rng: random.Random, clock: HLC, body: dict[str, Any]) -> dict[str, Any]:
    return {"id": random_uuid(rng), **body, "_version": clock.now(), "_origin": DEVICE, "_deleted": False}


def _help_record(rng: random.Random, clock: HLC, supporters: list[dict[str, Any]]) -> dict[str, Any]:
    village = rng.choice(VILLAGES)
    items = []
    for kind, name, unit in rng.sample(ITEMS, rng.randint(1, 3)):
        quantity = rng.choice([10, 30, 60, 120, 15_000_000, 40_000_000, 250_000_000])
        items.append(
            {"kind": kind, "name": name, "quantity": quantity, "unit": unit, "value_vnd": quantity * 1000}
        )
    return _versioned(
        rng,
        clock,
        {
            "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "supporters": [rng.choice(supporters)["id"]],
            "title": rng.choice(WORKS).format(v=village),
            "description": rng.choice(DESCRIPTIONS).format(y=2025),
            "village": village,
            "criteria": sorted(rng.sample([str(n) for n in range(1, 20)], rng.randint(1, 3))),
            "beneficiaries": {"households": rng.randint(5, 200), "persons": rng.randint(20, 900)},
            "items": items,
        },
    )


def year_of_records(seed: int = 2026) -> dict[str, Any]:
    """~60 assessments and 100 help records, as one commune enters them over a year."""
    rng = random.Random(seed)
    now = [1_735_689_600_000]  # 1 January 2025, edits spread over the year

    def wall() -> int:
        now[0] += rng.randint(60_000, 300_000_000)
        return now[0]

    clock = HLC(DEVICE, wall=wall)
    supporters = [_versioned(rng, clock, {"name": name, "kind": kind}) for name, kind in SUPPORTERS]
    assessments = [
        _versioned(
            rng,
            clock,
            {
                "year": 2025,
                "indicator": f"{c}.{i}",
                "value": round(rng.uniform(40, 100), 1),
                "met": rng.random() < 0.7,
                "note": rng.choice(NOTES).format(y=2025),
                "assessed_on": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "assessed_by": rng.choice(["Nguyễn Thị Thảo", "Hoàng Văn Đức", "Lý Thị Mai"]),
            },
        )
        for c in range(1, 21)
        for i in range(1, 4)
    ]
    help_records = [_help_record(rng, clock, supporters) for _ in range(100)]
    return {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": UNIT, "name": "Xã Bằng Thành", "province_code": "19", "villages": VILLAGES},
        "criteria_set": "vn-ntm-xa-2021-2025",
        "assessments": assessments,
        "supporters": supporters,
        "help": help_records,
    }


def test_a_commune_year_without_evidence_is_under_50_kb(tmp_path: Path) -> None:
    payload = year_of_records()
    assert len(payload["assessments"]) == 60 and len(payload["help"]) == 100
    path = make_bundle(tmp_path, Ed25519PrivateKey.generate(), payload=payload, files={}, full=True)
    size = path.stat().st_size
    assert size < LIMIT, f"{size} bytes"
    assert read_bundle(path).payload == payload
