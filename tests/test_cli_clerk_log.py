"""A clerk of an office on a database server keeps the log in the clerk's own folder (--data-dir), as
docs/postgresql.md section 3 says: it went to the computer's default data folder instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.receiver.service import ReceiverService
from tests.helpers import engines


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_an_unexpected_error_is_logged_in_the_clerks_folder(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, clerk = str(engines.new_receiver_location(tmp_path)), tmp_path / "can-bo-ha"
    setup = ["receiver", "setup", "--level", "province", "--code", "19", "--name", "Văn phòng tỉnh"]
    assert main(["--db", url, "--data-dir", str(clerk), *setup]) == 0
    capsys.readouterr()

    def broken(self: ReceiverService, year: int) -> None:
        raise RuntimeError("hỏng ở giữa")

    monkeypatch.setattr(ReceiverService, "units", broken)
    assert main(["--db", url, "--data-dir", str(clerk), "receiver", "units", "--year", "2025"]) == 1
    log = clerk / "logs" / "ntm-desktop.log"
    assert f"Chi tiết đã được ghi vào {log}" in capsys.readouterr().err
    assert "hỏng ở giữa" in log.read_text(encoding="utf-8")
