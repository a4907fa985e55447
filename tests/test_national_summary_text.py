"""What a national clerk reads of the provinces' roll-ups (#14): ``summary --year`` in text has one line
per province (as ``--json``'s ``"provinces"``), a province that has no commune yet is one of them, and the
first import of a roll-up counts its decisions as new."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.numbers import format_money_words
from tests.helpers.engines import location
from tests.helpers.national import national_workspace, rolled_up, take_in
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
