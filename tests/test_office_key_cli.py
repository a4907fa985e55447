"""The office key from the command line, as the head of office, two clerks and a commune type it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from tests.helpers import engines

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

PASS = "mật khẩu văn phòng 19"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_office_key_certifies_two_clerks_and_a_commune_trusts_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    monkeypatch.setenv("NTM_OFFICE_PASS", PASS)
    url = str(engines.new_receiver_location(tmp_path / "office"))
    ha = ["--db", url, "--data-dir", str(tmp_path / "ha")]
    binh = ["--db", url, "--data-dir", str(tmp_path / "binh")]
    xa = ["--db", str(tmp_path / "xa" / "ntm.sqlite")]
    usb = tmp_path / "usb"
    usb.mkdir()
    init = ["init", "--unit-code", "01234", "--unit-name", "Xã Bằng Thành", "--province-code", "19"]
    assert run(capsys, *xa, *init)[0] == 0
    assert (
        run(capsys, *ha, "receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối NTM tỉnh")[0]
        == 0
    )
    assert run(capsys, *xa, "keys", "export", "--out", str(usb / "xa.ntmkey"))[0] == 0
    assert run(capsys, *ha, "keys", "trust", str(usb / "xa.ntmkey"))[0] == 0
    bundle = run(capsys, *xa, "bundle", "export", "--out", str(usb))[1].strip()
    assert run(capsys, *ha, "bundle", "import", bundle)[0] == 0

    code, out, _ = run(capsys, *ha, "keys", "office", "create", "--passphrase-env", "NTM_OFFICE_PASS")
    assert code == 0 and "Đã tạo khóa văn phòng của Văn phòng Điều phối NTM tỉnh (19)" in out, out
    assert "mã hóa bằng mật khẩu" in out
    code, out, _ = run(
        capsys,
        *ha,
        "keys",
        "office",
        "certify",
        "--clerk",
        "Nguyễn Thị Hà",
        "--passphrase-env",
        "NTM_OFFICE_PASS",
    )
    assert code == 0 and "Đã cấp chứng thư cho máy" in out and "Nguyễn Thị Hà" in out, out
    assert run(capsys, *binh, "keys", "export", "--out", str(usb / "binh.ntmkey"))[0] == 0
    certify = ["keys", "office", "certify", "--clerk", "Trần Văn Bình", "--key", str(usb / "binh.ntmkey")]
    code, _, err = run(capsys, *ha, *certify, "--passphrase-env", "NO_SUCH_VAR")
    assert code != 0 and "NO_SUCH_VAR" in err
    monkeypatch.setenv("WRONG_PASS", "không phải mật khẩu")
    code, _, err = run(capsys, *ha, *certify, "--passphrase-env", "WRONG_PASS")
    assert code == 3 and "Mật khẩu của khóa văn phòng không đúng" in err
    assert run(capsys, *ha, *certify, "--passphrase-env", "NTM_OFFICE_PASS")[0] == 0
    code, out, _ = run(capsys, *binh, "keys", "office", "show")
    assert code == 0 and "Máy này được cấp chứng thư cho cán bộ Trần Văn Bình đến ngày" in out, out
    code, out, err = run(capsys, *binh, "keys", "office", "export", "--out", str(usb / "van-phong-19.ntmkey"))
    assert code == 0 and "Đọc dấu vân tay khóa văn phòng này cho các xã qua điện thoại" in err

    code, out, _ = run(capsys, *xa, "keys", "trust", str(usb / "van-phong-19.ntmkey"))
    assert code == 0 and "Đã tin cậy khóa văn phòng của tỉnh Thái Nguyên (19), dấu vân tay" in out, out
    for clerk in (ha, binh):
        reverse = run(capsys, *clerk, "bundle", "export", "--unit", "01234", "--out", str(usb))[1].strip()
        code, out, err = run(capsys, *xa, "bundle", "import", reverse)
        assert code == 0, err

    code, out, _ = run(capsys, *ha, "keys", "office", "list")
    assert "Nguyễn Thị Hà" in out and "Trần Văn Bình" in out and "Cán bộ" in out
    short = _device(tmp_path / "binh")[:8]  # the computer as every list shows it ("máy 3f9a2c1b")
    assert short in out and _device(tmp_path / "binh") not in out
    code, out, _ = run(
        capsys,
        *ha,
        "keys",
        "office",
        "revoke",
        short,
        "--passphrase-env",
        "NTM_OFFICE_PASS",
    )
    assert code == 0 and "Đã thu hồi chứng thư của cán bộ Trần Văn Bình" in out, out
    sent = sorted(usb.iterdir())
    code, _, err = run(capsys, *binh, "bundle", "export", "--unit", "01234", "--out", str(usb))
    assert code == 3 and "đã thu hồi chứng thư của máy này" in err, err  # the commune would refuse it
    assert sorted(usb.iterdir()) == sent  # nothing written


def _device(folder: Path) -> str:
    import json

    found = json.loads((folder / "device.json").read_text(encoding="utf-8"))
    return str(found["device_id"])
