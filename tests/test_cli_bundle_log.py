"""``bundle log --sent`` / ``--received`` on a data file that has only the other kind: the answer says
what is missing, not "nothing sent or received" (which the plain ``bundle log`` shows is false)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.national import province_and_national, rolled_up, take_in
from tests.helpers.sync import commune, receiver, trust
from tests.helpers.ui_sync import record_a_little


def test_a_filter_with_nothing_to_show_says_which_kind_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p = commune(tmp_path), receiver(tmp_path)
    record_a_little(c)
    trust(c, p)
    (tmp_path / "usb").mkdir()
    p.sync.import_bundles([c.sync.export(tmp_path / "usb").path])
    c_db, p_db = str(c.path), str(p.path)
    c.close()
    p.close()

    assert main(["--db", p_db, "bundle", "log", "--sent"]) == 0
    assert capsys.readouterr().out.strip() == "Chưa gửi gói nào."
    assert main(["--db", c_db, "bundle", "log", "--received"]) == 0
    assert capsys.readouterr().out.strip() == "Chưa nhận gói nào."
    assert main(["--db", c_db, "--lang", "en", "bundle", "log", "--received"]) == 0
    assert capsys.readouterr().out.strip() == "No bundle received yet."

    assert main(["--db", p_db, "bundle", "log"]) == 0  # unfiltered: the bundle received is listed
    assert "Đã nhận" in capsys.readouterr().out


def test_the_national_office_log_says_what_its_window_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At the national office every row was received and the communes' bundles came inside a province's
    roll-up: no "Gửi/nhận" column, no empty "Người gửi" one, and the communes' rows name the roll-up
    that brought them, as the Sync page's history does (test_ui_national)."""
    with province_and_national(tmp_path) as o:
        sent = rolled_up(o.province.office, tmp_path / "to-national", 2025)
        take_in(o.national, sent)
        national_db, province_db = str(o.national.path), str(o.province.office.path)

    assert main(["--db", national_db, "bundle", "log"]) == 0
    header, _, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["Thời", "gian", "Loại", "Từ/đến", "Gói", "số", "Tệp"]
    assert (
        sorted(row.rstrip().split("  ")[-1].strip() for row in rows if "Gói dữ liệu" in row)
        == ["trong gói tổng hợp của tỉnh Thái Nguyên"] * 3
    )
    [rollup] = [row for row in rows if "Báo cáo tổng hợp" in row]
    assert rollup.rstrip().endswith(sent.name)

    assert main(["--db", province_db, "bundle", "log"]) == 0  # the province sends and receives
    header = capsys.readouterr().out.splitlines()[0]
    assert "Gửi/nhận" in header and "Người gửi" in header  # its clerk wrote the roll-up it sent
