"""``keys office backup|restore|passphrase`` as the head of office types them: the backup file is written once
and never over another file, a wrong passphrase says so and changes nothing, the restored key has the same
fingerprint, and a new passphrase keeps the key."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest

from ntm_desktop.cli import cmd_office_safe
from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.sync.keys import office_wording

PASS = "mật khẩu văn phòng 19"
FILE_PASS = "mật khẩu tệp sao lưu"
NEW = "mật khẩu mới năm 2026"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _office(capsys: pytest.CaptureFixture[str], folder: Path) -> list[str]:
    db = ["--db", str(folder / "ntm.sqlite"), "--data-dir", str(folder)]
    setup = ["receiver", "setup", "--code", "19", "--name", "Văn phòng Điều phối NTM tỉnh"]
    assert run(capsys, *db, *setup)[0] == 0
    return db


def _fingerprint(capsys: pytest.CaptureFixture[str], db: list[str]) -> str:
    code, out, _ = run(capsys, *db, "keys", "office", "show", "--json")
    assert code == 0, out
    import json

    return str(json.loads(out)["fingerprint"])


def test_backup_restore_and_a_new_passphrase_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var, value in {"P": PASS, "F": FILE_PASS, "N": NEW, "WRONG": "không phải mật khẩu"}.items():
        monkeypatch.setenv(var, value)
    old = _office(capsys, tmp_path / "old")
    assert run(capsys, *old, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    made = _fingerprint(capsys, old)
    out_file = tmp_path / "usb" / "khoa-van-phong-19.pem"
    out_file.parent.mkdir()
    backup = ["keys", "office", "backup", "--out", str(out_file), "--file-passphrase-env", "F"]

    code, _, err = run(capsys, *old, *backup, "--passphrase-env", "WRONG")
    assert code == 3 and "Mật khẩu của khóa văn phòng không đúng" in err and not out_file.exists()
    code, out, _ = run(capsys, *old, *backup, "--passphrase-env", "P")
    assert code == 0 and f"Đã sao lưu khóa văn phòng (dấu vân tay {made})" in out, out
    code, _, err = run(capsys, *old, *backup, "--passphrase-env", "P")
    assert code != 0 and "đã có" in err  # never over an existing file

    new = _office(capsys, tmp_path / "new")
    restore = ["keys", "office", "restore", str(out_file), "--passphrase-env", "N"]
    code, _, err = run(capsys, *new, *restore, "--file-passphrase-env", "WRONG")
    assert code == 3 and "Mật khẩu của tệp sao lưu không đúng" in err, err
    assert "chưa có khóa văn phòng" in run(capsys, *new, "keys", "office", "show")[1]
    code, out, _ = run(capsys, *new, *restore, "--file-passphrase-env", "F")
    assert code == 0 and f"Đã khôi phục khóa văn phòng (dấu vân tay {made})" in out, out
    assert _fingerprint(capsys, new) == made

    change = ["keys", "office", "passphrase", "--new-passphrase-env", "P"]
    code, _, err = run(capsys, *new, *change, "--passphrase-env", "WRONG")
    assert code == 3 and "Mật khẩu của khóa văn phòng không đúng" in err
    code, out, _ = run(capsys, *new, *change, "--passphrase-env", "N")
    assert code == 0 and "Đã đổi mật khẩu của khóa văn phòng" in out and made in out
    assert _fingerprint(capsys, new) == made
    certify = ["keys", "office", "certify", "--clerk", "Nguyễn Thị Hà", "--passphrase-env", "P"]
    assert run(capsys, *new, *certify)[0] == 0


def test_a_new_passphrase_typed_twice_differently_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("P", PASS)
    db = _office(capsys, tmp_path / "office")
    assert run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    typed = iter([PASS, NEW, NEW + "x"])
    monkeypatch.setattr(cmd_office_safe.getpass, "getpass", lambda prompt="": next(typed))
    code, _, err = run(capsys, *db, "keys", "office", "passphrase")
    assert code != 0 and "Hai mật khẩu không giống nhau" in err, err
    monkeypatch.setenv("N", NEW)
    change = ["keys", "office", "passphrase", "--passphrase-env", "P", "--new-passphrase-env", "N"]
    assert run(capsys, *db, *change)[0] == 0  # the old passphrase still held: nothing had changed


def _no_passphrase(prompt: str = "") -> str:
    raise EOFError  # what getpass does when the head of office presses Ctrl-D, or no terminal answers


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_passphrase_never_typed_is_a_clear_refusal_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    db = [*_office(capsys, tmp_path / "office"), "--lang", language]
    monkeypatch.setattr(cmd_office_safe.getpass, "getpass", _no_passphrase)
    said = {"vi": "Chưa nhập mật khẩu", "en": "No passphrase was typed"}[language]
    code, _, err = run(capsys, *db, "keys", "office", "create")
    assert code == 3 and said in err and "--passphrase-env: " in err, err
    assert run(capsys, *db, "keys", "office", "show", "--json")[1].strip() == "null"  # no key was made
    monkeypatch.setenv("P", PASS)
    assert run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    made = _fingerprint(capsys, db)
    for action in (
        ["certify", "--clerk", "Lò Thị Mai"],
        ["passphrase"],
        ["passphrase", "--passphrase-env", "P"],
    ):
        code, _, err = run(capsys, *db, "keys", "office", *action)
        assert code == 3 and said in err and "-env: " in err, (action, err)
    assert _fingerprint(capsys, db) == made
    assert run(capsys, *db, "keys", "office", "list", "--json")[1].strip() == "[]"  # no clerk certified


def test_a_new_office_key_passphrase_is_typed_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not echoed, a typing slip in the one passphrase that certifies every clerk would lock the key."""
    db = _office(capsys, tmp_path / "office")
    typed = iter([PASS, PASS + "x", PASS, PASS])
    monkeypatch.setattr(cmd_office_safe.getpass, "getpass", lambda prompt="": next(typed))
    code, _, err = run(capsys, *db, "keys", "office", "create")
    assert code == 3 and "Hai mật khẩu không giống nhau" in err, err
    assert run(capsys, *db, "keys", "office", "show", "--json")[1].strip() == "null"  # nothing made
    assert run(capsys, *db, "keys", "office", "create")[0] == 0
    monkeypatch.setenv("P", PASS)
    assert (
        run(capsys, *db, "keys", "office", "certify", "--clerk", "Nguyễn Thị Hà", "--passphrase-env", "P")[0]
        == 0
    )


def test_a_key_file_not_of_this_offices_computers_is_refused_in_one_vietnamese_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("P", PASS)
    db = _office(capsys, tmp_path / "office")
    assert run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    card = tmp_path / "van-phong-19.ntmkey"
    assert (
        run(capsys, *db, "keys", "office", "export", "--out", str(card))[0] == 0
    )  # the office's, no computer's
    certify = [
        "keys",
        "office",
        "certify",
        "--clerk",
        "Lò Thị Mai",
        "--key",
        str(card),
        "--passphrase-env",
        "P",
    ]
    code, _, err = run(capsys, *db, *certify)
    assert code == 3 and err.startswith("Lỗi: Tệp khóa ") and "key file" not in err, err


def test_a_second_office_key_is_refused_in_one_vietnamese_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("P", PASS)
    db = _office(capsys, tmp_path / "office")
    assert run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    made = _fingerprint(capsys, db)
    code, _, err = run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")
    assert code == 3 and err.startswith("Lỗi: Văn phòng đã có khóa văn phòng") and "office key" not in err, (
        err
    )
    assert _fingerprint(capsys, db) == made


def test_keys_office_show_says_when_this_computers_certificate_ran_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A certificate past its last day is no certificate (every export refuses, the readers too): ``keys
    office show`` said "certified … until" a day gone by."""
    monkeypatch.setenv("P", PASS)
    db = _office(capsys, tmp_path / "office")
    assert run(capsys, *db, "keys", "office", "create", "--passphrase-env", "P")[0] == 0
    assert (
        run(
            capsys,
            *db,
            "keys",
            "office",
            "certify",
            "--clerk",
            "Lò Thị Mai",
            "--days",
            "1",
            "--passphrase-env",
            "P",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, *db, "keys", "office", "show")
    assert code == 0 and "Máy này được cấp chứng thư cho cán bộ Lò Thị Mai đến ngày" in out, out
    later = vntime.now() + timedelta(days=3)  # three days on, as the clerk's computer's clock says
    monkeypatch.setattr(office_wording, "utc_now", lambda: later.astimezone(UTC))
    code, out, _ = run(capsys, *db, "keys", "office", "show")
    assert code == 0 and "Chứng thư của máy này (cán bộ Lò Thị Mai) đã hết hạn ngày" in out, out
