"""``bundle log --sent`` / ``--received`` on a data file that has only the other kind: the answer says
what is missing, not "nothing sent or received" (which the plain ``bundle log`` shows is false)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
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
