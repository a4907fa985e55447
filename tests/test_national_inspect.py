"""``bundle inspect`` of a province's roll-up (#14): before importing it, the national office sees the
province, the communes carried with their years, and the sign-off and recognition counts — in Vietnamese
text and in ``--json``. Nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.receiver import Province, province
from tests.test_national_rollup import YEAR, cli, cli_json, national_office, roll_up, trust_province

__all__ = ["province"]  # fixture


def test_inspecting_a_roll_up_shows_what_it_carries(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = province.office
    office.receiver.set_status("01234", YEAR, "reviewed")
    office.receiver.set_status("01234", YEAR, "approved")
    office.receiver.set_status("01240", YEAR, "reviewed")
    office.receiver.recognise(
        "01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm"
    )
    sent = roll_up(capsys, office, tmp_path / "tn")
    national = national_office(tmp_path, capsys)
    trust_province(capsys, office, national, tmp_path)

    seen = cli_json(capsys, national, "bundle", "inspect", str(sent))
    rollup = seen["rollup"]
    assert rollup["province"]["code"] == "19" and rollup["year"] == YEAR
    assert rollup["counts"] == {
        "communes": 4, "carried": 3, "bundles": 3, "recognised": 1, "withdrawn": 0,
        "pending_amendments": 0,
        "signoffs": {"approved": 1, "reviewed": 1, "received": 1, "not_reported": 1},
    }  # fmt: skip
    communes = {c["code"]: c for c in rollup["communes"]}
    assert communes["01234"]["status"] == "approved" and communes["01234"]["recognitions"] == ["ntm"]
    assert communes["01267"] == {
        "code": "01267", "name": "Xã Cao Kỳ", "bundles": 0, "years": [], "status": "not_reported",
        "recognitions": [],
    }  # fmt: skip
    own_years = {a["year"] for a in province.communes[0].records.export()["assessments"]}
    assert communes["01234"]["years"] and set(communes["01234"]["years"]) >= own_years

    code, out, err = cli(capsys, national, "bundle", "inspect", str(sent))
    assert code == 0, err
    assert "Báo cáo tổng hợp năm 2025 của Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên (tỉnh 19)" in out
    assert "4 xã trong danh sách, 3 xã có gói dữ liệu do xã tự ký (3 gói)" in out
    assert "Quyết định công nhận: 1 (0 đã thu hồi)" in out
    assert "01267 Xã Cao Kỳ: chưa có gói · Chưa báo cáo" in out
    summary = cli_json(capsys, national, "summary", "--year", str(YEAR))
    assert summary["units"] == []  # inspecting wrote nothing
