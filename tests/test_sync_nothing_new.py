"""A bundle with no record changed since the last one is still written, and says why: every records bundle
carries the commune's details (officers and signer, villages, targets: ``profile``), which the province
takes from the newest bundle — a commune that only changed its signer has no other way to tell it. The
message said "không có gì mới để gửi", which made the file look useless."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.ui.pages.sync.actions import written_text
from ntm_desktop.workspace import Workspace

INIT = ["init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
WHY = (
    "Không có thay đổi bản ghi nào cần gửi: tỉnh Thái Nguyên (19) đã xác nhận tất cả. Gói vẫn mang thông tin "
    "của xã (cán bộ và người ký, thôn, mục tiêu phấn đấu), để tỉnh Thái Nguyên (19) có thông tin mới nhất."
)


def test_a_bundle_with_nothing_new_says_what_it_still_carries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, usb = tmp_path / "ntm.sqlite", tmp_path / "usb"
    usb.mkdir()
    assert main(["--db", str(db), *INIT]) == 0  # a commune with no record yet: nothing to confirm
    assert main(["--db", str(db), "bundle", "export", "--out", str(usb)]) == 0
    assert main(["--db", str(db), "bundle", "export", "--out", str(usb)]) == 0
    said = capsys.readouterr().err
    assert "Gói số 2" in said and said.count(WHY) == 2, said
    assert "không có gì mới để gửi" not in said
    assert len(list(usb.glob("*.ntmsync"))) == 2

    with Workspace.open(db) as ws:  # the Sync page's "Written:" note says the same
        shown = written_text([ws.sync.export(usb)])
    assert WHY in shown and "không có gì mới" not in shown, shown
