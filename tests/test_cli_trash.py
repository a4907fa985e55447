"""``trash list | restore ID`` and ``history ID``: what File › Trash… and History… do in the window, from
the command line (a record removed by mistake comes back without a screen), through the same services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
from tests.helpers.dbstate import dump
from tests.helpers.sync import help_record, supporter
from tests.helpers.units import SAMPLE_UNIT

ROAD = "Bê tông hóa đường thôn Pác Châm"


@pytest.fixture
def removed(tmp_path: Path) -> tuple[Path, str]:
    """A data file whose one help record was removed; its id."""
    path = tmp_path / "xa" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        uid = help_record(ws, ROAD, supporter(ws, "Sở Nội vụ"))
        ws.help.remove(uid)
    return path, uid


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_removed_record_is_listed_and_restored_from_the_command_line(
    removed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, uid = removed
    code, out, _ = run(capsys, "--db", str(path), "trash", "list")
    assert code == 0 and uid in out and ROAD in out and "Hỗ trợ đã nhận" in out and "+07:00" in out, out
    code, out, _ = run(capsys, "--db", str(path), "trash", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["uid"], listed["kind"], listed["removed_at"][-6:]) == (uid, "help", "+07:00")

    code, out, err = run(capsys, "--db", str(path), "trash", "restore", uid)
    assert code == 0, err
    assert out.strip() == f"Đã khôi phục “08/03/2025 · {ROAD}”."
    with Workspace.open(path) as ws:
        assert [h.title for h in ws.help.list()] == [ROAD]
    code, out, _ = run(capsys, "--db", str(path), "trash", "list")
    assert code == 0 and "Thùng rác trống" in out


def test_an_id_not_in_the_trash_changes_nothing(
    removed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, uid = removed
    before = dump(path)
    code, _, err = run(capsys, "--db", str(path), "trash", "restore", uid[:13])
    assert code == 3 and "Không có bản ghi đã xóa nào mang mã" in err and "trash list" in err, err
    assert dump(path) == before


def test_a_record_s_history_says_who_did_what_in_vietnam_time(
    removed: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, uid = removed
    code, out, _ = run(capsys, "--db", str(path), "history", uid)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Thời gian theo giờ Việt Nam (UTC+7)."
    assert lines[1].endswith("Người kiểm thử  Tạo mới") and " Xóa" in out, out
    assert lines[2].strip() == "Ngày nhận: — → 08/03/2025"
    code, out, _ = run(capsys, "--db", str(path), "history", uid, "--json")
    steps = json.loads(out)
    assert [s["action"] for s in steps] == ["help.add", "help.remove"]
    assert all(s["at"].endswith("+07:00") for s in steps)


def test_a_receiving_office_reads_a_communes_history_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The province's data file has a history too (the communes it expects, its sign-offs): ``history``
    reads it, each step in words — "receiver.expect" was what the officer saw."""
    office = tmp_path / "tinh.sqlite"
    csv = tmp_path / "xa.csv"
    csv.write_text("01234,Xã Tân Cương\n", encoding="utf-8")
    setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối nông thôn mới tỉnh"]
    assert main(["--db", str(office), *setup]) == 0
    assert main(["--db", str(office), "receiver", "expect", str(csv)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "--db", str(office), "history", "01234")
    assert (code, err) == (0, "")
    assert "Thêm vào danh sách xã phải nộp báo cáo" in out
    assert "receiver.expect" not in out
