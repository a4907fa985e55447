"""A clerk's computer the office key has not certified (#14, QA F10). At an office or commune that trusts
that office key, a bundle it signed is refused, saying so — not "no key of the unit is known" (one is) —
and naming what to do at the sending office (``keys office certify``). The sending office says the same
before writing anything: the roll-up, receipts and bundles sent back are refused, nothing written, until
the computer is certified (the Sync page: tests/test_ui_national_send.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers.engines import location
from tests.helpers.national import national_workspace, rolled_up
from tests.helpers.receiver import Province, province

__all__ = ["province"]  # fixture

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

SECRET = "mật khẩu văn phòng 19"
YEAR = 2025


def test_a_roll_up_from_a_computer_the_office_key_has_not_certified_says_so(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = province.office
    sent = rolled_up(office, tmp_path / "usb", YEAR)  # written before the office made its key
    office.sync.office.create(SECRET)  # the office key exists; this computer is not certified by it
    office.sync.office.export(tmp_path / "van-phong-19.ntmkey")
    national = national_workspace(tmp_path / "trung-uong")
    national.sync.keys.trust(tmp_path / "van-phong-19.ntmkey")
    try:
        db = ["--db", location(national), "--data-dir", str(tmp_path / "trung-uong")]
        assert main([*db, "bundle", "inspect", str(sent)]) == 3
        looked = capsys.readouterr()
        said = looked.out + looked.err
        assert said.count("chưa được khóa văn phòng của") == 1, said  # the reason once, not twice
        [outcome] = national.sync.import_bundles([sent], trust_on_first_use=True).outcomes
        assert outcome.status == "rejected"
        assert "Chưa có khóa nào" not in outcome.message
        assert "chưa được khóa văn phòng của" in outcome.message and "keys office certify" in outcome.message
        assert national.receiver.summary(YEAR)["provinces"] == []
    finally:
        national.close()


def test_the_command_line_refuses_to_send_from_an_uncertified_computer_until_it_is_certified(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    province.office.sync.office.create(SECRET)
    db = location(province.office)
    out = tmp_path / "usb-gui"
    out.mkdir()
    sends = (
        ["bundle", "export", "--to", "national", "--year", str(YEAR)],
        ["bundle", "export", "--unit", "01234"],
        ["receipt", "export"],
    )
    for send in sends:
        code = main(["--db", db, *send, "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 3, (send, err)
        assert "chưa được khóa văn phòng của tỉnh Thái Nguyên (19) cấp chứng thư" in err, err
        assert "ntm-desktop keys office certify --clerk TÊN" in err and "nên chưa ghi gì" in err, err
        assert list(out.iterdir()) == [], send  # nothing written
    monkeypatch.setenv("NTM_OFFICE_PASS", SECRET)
    certify = ["keys", "office", "certify", "--clerk", "Nguyễn Thị Hà", "--passphrase-env", "NTM_OFFICE_PASS"]
    assert main(["--db", db, *certify]) == 0, capsys.readouterr().err
    for send in sends:  # what the message said to do was enough
        assert main(["--db", db, *send, "--out", str(out)]) == 0, capsys.readouterr().err
    assert len(list(out.glob("*.ntmsync"))) >= 3


def test_a_computer_whose_certificate_was_revoked_says_so_before_writing_until_certified_again(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_OFFICE_PASS", SECRET)
    province.office.sync.office.create(SECRET)
    db = ["--db", location(province.office)]
    certify = ["keys", "office", "certify", "--clerk", "Nguyễn Thị Hà", "--passphrase-env", "NTM_OFFICE_PASS"]
    assert main([*db, *certify]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main([*db, "keys", "show", "--json"]) == 0
    device = json.loads(capsys.readouterr().out)["device"]  # this computer, as the command line runs on it
    assert main([*db, "keys", "office", "revoke", device, "--passphrase-env", "NTM_OFFICE_PASS"]) == 0
    capsys.readouterr()
    out = tmp_path / "usb-sent"
    out.mkdir()
    sends = (
        ["bundle", "export", "--to", "national", "--year", str(YEAR)],
        ["bundle", "export", "--unit", "01234"],
        ["receipt", "export"],
    )
    for send in sends:  # the national office and the communes would refuse them: a revoked clerk
        code = main([*db, *send, "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 3, (send, err)
        assert "đã thu hồi chứng thư của máy này" in err and "nên chưa ghi gì" in err, err
        assert "keys office certify --clerk TÊN" in err, err
        assert list(out.iterdir()) == [], send  # nothing written
    assert main([*db, *certify]) == 0, capsys.readouterr().err
    for send in sends:
        assert main([*db, *send, "--out", str(out)]) == 0, capsys.readouterr().err
