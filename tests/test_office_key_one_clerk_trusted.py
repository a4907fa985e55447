"""A national office that trusted one clerk's key file of a province office (its 'keys export') instead of
the office key: another certified clerk's roll-up is refused, and the refusal says which office key to
trust; trusting it takes the roll-up. Found in the acceptance walk of #14, where the README said 'keys
export' for the roll-up's key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
from tests.helpers import engines
from tests.helpers.receiver import Province, province
from tests.helpers.sync import open_receiver, row_counts

__all__ = ["province"]  # fixture

SECRET = "mật khẩu văn phòng 19"


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_roll_up_from_another_clerk_names_the_office_key_to_trust(
    engine: str, province: Province, tmp_path: Path
) -> None:
    office = province.office
    binh = Workspace.open(office.where, folder=tmp_path / "clerk-binh")
    national = open_receiver(tmp_path, "trung-uong")
    try:
        office.sync.office.create(SECRET)
        office.sync.office.certify(SECRET, "Nguyễn Thị Hà")
        card = tmp_path / "binh.ntmkey"
        binh.sync.keys.export(card)
        office.sync.office.certify(SECRET, "Trần Văn Bình", card)
        office.sync.office.export(tmp_path / "van-phong-19.ntmkey")
        office.sync.keys.export(tmp_path / "tinh-19.ntmkey")  # Hà's computer's own key, not the office's
        national.receiver.configure(level="national")
        national.sync.keys.trust(tmp_path / "tinh-19.ntmkey")
        office_fp = office.sync.office.show().fingerprint  # type: ignore[union-attr]
        (tmp_path / "tn").mkdir()
        sent = binh.receiver.export_national(tmp_path / "tn", 2025).result.path

        before = row_counts(national)
        [refused] = national.sync.import_bundles([sent]).outcomes
        assert refused.status == "rejected" and row_counts(national) == before
        assert "Trần Văn Bình" in refused.message and office_fp in refused.message
        assert (
            "nhập tệp khóa văn phòng (ở văn phòng: keys office export; ở đây: keys trust)" in refused.message
        )

        revoked = open_receiver(tmp_path, "trung-uong-2")  # one that revoked the office key: not offered
        try:
            revoked.receiver.configure(level="national")
            revoked.sync.keys.trust(tmp_path / "tinh-19.ntmkey")
            revoked.sync.keys.trust(tmp_path / "van-phong-19.ntmkey")
            revoked.sync.keys.revoke(office_fp)
            [refused] = revoked.sync.import_bundles([sent]).outcomes
            assert refused.status == "rejected" and office_fp not in refused.message
        finally:
            revoked.close()

        national.sync.keys.trust(tmp_path / "van-phong-19.ntmkey")
        [taken] = national.sync.import_bundles([sent]).outcomes
        assert taken.status == "imported", taken.message
        assert [(p["code"], p["reported"]) for p in national.receiver.summary(2025)["provinces"]] == [
            ("19", 3)
        ]
    finally:
        binh.close()
        national.close()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_keys_export_at_an_office_with_an_office_key_points_to_it(
    engine: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_OFFICE_PASS", SECRET)
    ha = ["--db", str(engines.new_receiver_location(tmp_path / "office")), "--data-dir", str(tmp_path / "ha")]
    setup = ["receiver", "setup", "--level", "province", "--code", "19", "--name", "Văn phòng tỉnh"]
    assert main([*ha, *setup]) == 0
    assert main([*ha, "keys", "export", "--out", str(tmp_path / "ha-1.ntmkey")]) == 0
    assert "khóa văn phòng" not in capsys.readouterr().err  # no office key yet: nothing more to say
    assert main([*ha, "keys", "office", "create", "--passphrase-env", "NTM_OFFICE_PASS"]) == 0
    assert main([*ha, "keys", "export", "--out", str(tmp_path / "ha-2.ntmkey")]) == 0
    err = capsys.readouterr().err
    assert "Văn phòng này có khóa văn phòng (" in err and "(keys office export) thay cho tệp này" in err
