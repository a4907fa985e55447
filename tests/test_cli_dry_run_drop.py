"""``bundle import --dry-run`` of several bundles at once says what importing them together would do:
the import takes a batch in its senders' order, so a bundle missing before another is not missing when
it is in the same drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.sync import commune, receiver, trust


def test_a_dry_run_of_a_drop_does_not_call_missing_the_bundles_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``bundle import --dry-run`` of a commune's bundles 1–3 together: they go in in order, so the third
    does not say 1 and 2 have not been imported; the third alone does."""
    c, p = commune(tmp_path), receiver(tmp_path)
    trust(c, p)
    (tmp_path / "usb").mkdir()
    bundles = []
    for indicator in ("2.1", "2.2", "2.3"):
        c.progress.record(2025, indicator=indicator, value="90")
        bundles.append(str(c.sync.export(tmp_path / "usb").path))
    p_db = str(p.path)
    c.close()
    p.close()

    assert main(["--db", p_db, "bundle", "import", "--dry-run", bundles[2], bundles[0], bundles[1]]) == 0
    assert "chưa được nhập" not in capsys.readouterr().out
    assert main(["--db", p_db, "bundle", "import", "--dry-run", "--json", *bundles]) == 0
    assert [p["gaps"] for p in json.loads(capsys.readouterr().out)] == [[], [], []]

    assert main(["--db", p_db, "bundle", "import", "--dry-run", bundles[2]]) == 0
    out = capsys.readouterr().out
    assert "Gói số 1 của xã Bằng Thành (01234) chưa được nhập" in out, out
    assert "Gói số 2 của xã Bằng Thành (01234) chưa được nhập" in out, out
