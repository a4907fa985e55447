"""What a national clerk reads of the provinces' roll-ups (#14): ``summary --year`` in text has one line
per province (as ``--json``'s ``"provinces"``), a province that has no commune yet is one of them, and the
first import of a roll-up counts its decisions as new."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.numbers import format_money_words
from tests.helpers.engines import location
from tests.helpers.national import national_workspace, rolled_up, take_in, trust_province
from tests.helpers.receiver import Province, province
from tests.helpers.sync import receiver

__all__ = ["province"]  # fixture

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

YEAR = 2025


def summary_text(capsys: pytest.CaptureFixture[str], db: str) -> str:
    code = main(["--db", db, "summary", "--year", str(YEAR)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_the_national_text_summary_has_a_line_per_province(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    national = national_workspace(tmp_path / "trung-uong")
    take_in(national, rolled_up(province.office, tmp_path / "usb", YEAR))
    [p] = national.receiver.summary(YEAR)["provinces"]
    out = summary_text(capsys, location(national))
    national.close()
    assert "Thái Nguyên" in p["name"] and p["units"] == 4 and p["help"]["value_vnd"] > 0
    line = next(x for x in out.splitlines() if x.startswith("19 "))
    assert p["name"] in line
    assert line.split()[-6:-2] == [
        str(p["units"]),
        str(p["reported"]),
        str(p["approved"]),
        str(p["recognised"]),
    ]
    assert line.endswith(format_money_words(p["help"]["value_vnd"]))  # "270.000.000 đồng"
    assert out.index(line) < out.index("01234")  # before the communes


def test_a_province_whose_roll_up_brought_no_commune_is_listed_with_zeros(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = receiver(tmp_path, "tinh-20", code="20")  # a province just set up: no commune yet
    office.receiver.configure(level="province", name="Văn phòng Điều phối nông thôn mới tỉnh 20")
    national = national_workspace(tmp_path / "trung-uong")
    take_in(national, rolled_up(office, tmp_path / "usb", YEAR))
    office.close()
    [p] = national.receiver.summary(YEAR)["provinces"]
    assert national.receiver.summary(YEAR - 1)["provinces"] == []  # the roll-up is of 2025
    out = summary_text(capsys, location(national))
    national.close()
    assert (p["code"], p["units"], p["reported"], p["approved"], p["recognised"]) == ("20", 0, 0, 0, 0)
    assert p["help"]["records"] == 0 and p["help"]["value_vnd"] == 0
    [line] = [x for x in out.splitlines() if x.startswith("20 ")]
    assert line.split()[-6:] == ["0", "0", "0", "0", "0", "đồng"]
    assert "chưa nhập gói tổng hợp của tỉnh nào" not in out


def test_the_first_roll_up_at_a_fresh_national_office_brings_new_decisions(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = province.office
    for step in ("reviewed", "approved"):
        office.receiver.set_status("01234", YEAR, step)
    office.receiver.set_status("01240", YEAR, "reviewed")
    office.receiver.recognise(
        "01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm"
    )
    sent = rolled_up(office, tmp_path / "usb", YEAR)
    national = national_workspace(tmp_path / "trung-uong")
    trust_province(office, national, tmp_path)
    db = location(national)
    national.close()
    code = main(["--db", db, "bundle", "import", str(sent)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Quyết định xem xét, phê duyệt của tỉnh: 2 mới, 0 cập nhật, 0 không đổi" in out
    assert "Quyết định công nhận: 1 mới, 0 cập nhật, 0 không đổi" in out
    office.receiver.set_status("01240", YEAR, "approved")  # the next roll-up: one decision changed
    code = main(["--db", db, "bundle", "import", str(rolled_up(office, tmp_path / "usb2", YEAR))])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Quyết định xem xét, phê duyệt của tỉnh: 0 mới, 1 cập nhật, 1 không đổi" in out
    assert "Quyết định công nhận: 0 mới, 0 cập nhật, 1 không đổi" in out
