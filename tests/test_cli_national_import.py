"""The national office's ``bundle import`` of what is not for it says why in terms of what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.national import province_and_national


def test_a_communes_bundle_imported_at_the_national_office_is_refused_for_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commune's own bundle (addressed to its province) given to the national office's ``bundle
    import``: refused because it is the province's, not "no key of the unit yet: phone it" — trusting
    its key would not let it in (the Sync page's preview says the same, test_ui_national)."""
    with province_and_national(tmp_path) as o:
        bundle = o.province.communes[0].sync.export(tmp_path, full=True).path
        national_db = str(o.national.path)

    assert main(["--db", national_db, "bundle", "import", str(bundle)]) == 3
    err = capsys.readouterr().err
    assert (
        "Gói này gửi cho tỉnh Thái Nguyên (19), không phải cho đơn vị này — Trung ương." in err
        and "gọi điện" not in err
    ), err
    assert main(["--db", national_db, "bundle", "import", "--trust-on-first-use", str(bundle)]) == 3
    assert "không phải cho đơn vị này" in capsys.readouterr().err
    assert main(["--db", national_db, "keys", "list", "--json"]) == 0  # no key remembered from it
    assert "01234" not in capsys.readouterr().out


def test_the_roll_up_without_its_year_is_wrong_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``bundle export --to national`` needs ``--year``: left out, it is wrong usage (exit 2, as any
    required option), and nothing is written."""
    with province_and_national(tmp_path) as o:
        office_db = str(o.province.office.path)
    out = tmp_path / "to-national"
    out.mkdir()

    with pytest.raises(SystemExit) as ended:
        main(["--db", office_db, "bundle", "export", "--to", "national", "--out", str(out)])
    assert ended.value.code == 2 and "--year" in capsys.readouterr().err
    assert list(out.iterdir()) == []
