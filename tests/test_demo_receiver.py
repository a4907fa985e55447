"""``ntm-desktop demo --receiver``: the province office's data file, three communes' bundles waiting in
``demo-usb/`` (not imported), a fourth commune that never reports; running it twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict
from ntm_desktop.demo import fill_demo
from ntm_desktop.demo_receiver import NOT_REPORTING, USB_FOLDER, YEAR, build
from ntm_desktop.workspace import Workspace


def test_demo_receiver_makes_the_office_and_three_bundles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tinh"
    assert main(["--data-dir", str(folder), "demo", "--receiver", "--no-gui"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert (
        lines[0]
        == "Đã tạo xong đơn vị tiếp nhận mẫu: Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên, mã 19."
    )
    assert "  4 xã phải báo cáo năm 2025: 3 xã đã gửi gói đồng bộ, 1 xã chưa gửi." in lines
    steps = lines[lines.index("Việc tiếp theo:") + 1 :]
    assert [s[:2] for s in steps] == ["1.", "2.", "3.", "4."] and USB_FOLDER in steps[0]
    assert "đã xem xét rồi phê duyệt" in steps[1] and "«Gửi gói phản hồi cho xã…»" in steps[2]
    bundles = sorted((folder / USB_FOLDER).glob("*.ntmsync"))
    assert [p.name.split("-")[1:6] for p in bundles] == [
        ["xa", code, "gui", "tinh", "19"] for code in ("01234", "01240", "01252")
    ]
    assert main(["--data-dir", str(folder), "demo", "--receiver", "--no-gui"]) == 0  # twice: reused
    assert sorted((folder / USB_FOLDER).glob("*.ntmsync")) == bundles

    office = Workspace.open(folder / "ntm.sqlite")
    try:
        assert office.receiver.is_receiver() and office.receiver.info().code == "19"
        rows = {r.code: r for r in office.receiver.units(YEAR)}
        assert {c: r.status for c, r in rows.items()} == dict.fromkeys(rows, "not_reported")  # not imported
        report = office.sync.import_bundles(bundles)
        assert [o.status for o in report.outcomes] == ["imported"] * 3, report.outcomes
        rows = {r.code: r for r in office.receiver.units(YEAR)}
        assert set(rows) == {"01234", "01240", "01252", NOT_REPORTING[0]}
        assert rows[NOT_REPORTING[0]].status == "not_reported"
        met = {c: rows[c].criteria_met for c in ("01234", "01240", "01252")}
        assert met == {"01234": 19, "01240": 17, "01252": 14}
        assert all(rows[c].status == "received" for c in met)
        summary = office.receiver.summary(YEAR)
        statuses = [u["status"] for u in summary["units"]]
        assert statuses.count("received") == 3 and statuses.count("not_reported") == 1
        assert summary["help"]["records"] > 0
        office.receiver.set_status("01234", YEAR, "reviewed")
        office.receiver.set_status("01234", YEAR, "approved")
        office.receiver.set_status("01240", YEAR, "returned", "Thiếu minh chứng tiêu chí 17")
        assert {r.code: r.status for r in office.receiver.units(YEAR)}["01240"] == "returned"
    finally:
        office.close()


def test_a_commune_data_file_is_not_turned_into_the_office(tmp_path: Path) -> None:
    path = tmp_path / "xa" / "ntm.sqlite"
    ws = Workspace.open(path)
    fill_demo(ws)
    ws.close()
    with pytest.raises(Conflict):
        build(path)
