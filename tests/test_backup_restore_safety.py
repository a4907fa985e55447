"""Restoring a backup without losing what is in the data file now: never under another open window,
a missing backup file called missing, and the preview saying what the restore replaces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ntm_desktop.backups import service
from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict
from ntm_desktop.workspace import Workspace
from tests.helpers.dbstate import dump
from tests.helpers.sync import commune_with_help, help_record
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return commune_with_help(tmp_path / "xa" / "ntm.sqlite")


@pytest.fixture
def backup(data_file: Path, tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    return service.create(data_file, usb).path


def test_a_restore_is_refused_while_another_window_has_the_data_file_open(
    data_file: Path, backup: Path
) -> None:
    """The file was replaced under an open window: what the officer typed there afterwards went into
    the old file, gone from the folder, and was lost without a word."""
    other_window = Workspace.open(data_file)
    try:
        help_record(other_window, "Nhập ở cửa sổ kia", other_window.supporters.list()[0].uid)
        before = dump(data_file)
        with pytest.raises(Conflict, match="đang được mở trong một cửa sổ NTM Desktop khác"):
            service.restore(backup, data_file)
        assert dump(data_file) == before
        assert not service.restore_folder(data_file).exists()  # not even the copy of the current file
    finally:
        other_window.close()
    assert service.restore(backup, data_file) is not None  # closed there, the restore goes ahead
    with Workspace.open(data_file) as ws:
        assert [h.title for h in ws.help.list()] == ["Bê tông hóa đường thôn Pác Châm"]


def test_a_mistyped_backup_name_is_called_missing_not_damaged(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``backup restore`` of a name that is not there said the file "is not a backup file, or it is
    damaged": the officer went looking for what damaged a file that does not exist."""
    missing = tmp_path / "usb" / "ntm-sao-luu-xa-01234-2026-12-01-0900.ntmbackup"
    before = dump(data_file)
    assert main(["--db", str(data_file), "backup", "restore", str(missing), "--yes"]) == 3
    err = capsys.readouterr().err
    assert "Không có tệp sao lưu" in err and "bị hỏng" not in err, err
    assert dump(data_file) == before


def test_the_restore_preview_says_what_the_data_file_holds_now(
    data_file: Path, backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``backup restore FILE`` (the preview) said only what the backup holds; what it would replace,
    and the work saved since the backup was made, went unsaid."""
    with Workspace.open(data_file) as ws:
        uid = ws.supporters.list()[0].uid
        help_record(ws, "Nhập sau khi sao lưu", uid)
        help_record(ws, "Nhập sau nữa", uid)
    before = dump(data_file)
    assert main(["--db", str(data_file), "backup", "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "1 khoản hỗ trợ" in out.splitlines()[0]  # the backup
    assert "thay cho tệp dữ liệu hiện tại, đang có: " in out and "3 khoản hỗ trợ" in out, out
    assert "Có 2 thay đổi được lưu vào tệp sau khi bản sao lưu này được tạo" in out, out
    assert dump(data_file) == before


def test_a_restore_over_a_file_with_nothing_newer_says_so_plainly(data_file: Path, backup: Path) -> None:
    from ntm_desktop.backups.replaced import describe_replaced, replaced

    now = replaced(data_file, service.preview(backup))
    assert now is not None and now.newer_changes == 0
    assert "thay đổi được lưu" not in describe_replaced(now)
    assert replaced(data_file.parent / "chua-co.sqlite", service.preview(backup)) is None


def test_another_commune_s_backup_is_refused_with_the_preview(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``backup restore FILE`` printed the preview and "add --yes to restore it"; only --yes said the
    backup is another commune's."""
    from dataclasses import replace

    other = tmp_path / "xa-khac" / "ntm.sqlite"
    with Workspace.open(other) as ws:
        ws.unit.setup(replace(SAMPLE_UNIT, code="05555", name="Xã Khác"))
    usb = tmp_path / "usb-khac"
    usb.mkdir()
    made = service.create(other, usb)
    assert main(["--db", str(data_file), "backup", "restore", str(made.path)]) == 3
    out, err = capsys.readouterr()
    assert "Thêm --yes" not in out and "là của Xã Khác (05555)" in err, (out, err)


def test_two_restores_in_one_second_keep_both_files_they_replaced(
    data_file: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy of the current file was named to the second: a second restore in that second wrote over
    the first copy, the only one holding the work from before both."""
    from datetime import UTC, datetime

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls(2026, 12, 4, 9, 30, 0, tzinfo=UTC)

    with Workspace.open(data_file) as ws:
        help_record(ws, "Chỉ có trước khi khôi phục", ws.supporters.list()[0].uid)
    monkeypatch.setattr(service, "datetime", Frozen)
    first = service.restore(backup, data_file)
    second = service.restore(backup, data_file)
    assert first is not None and second is not None and first != second
    assert any("Chỉ có trước khi khôi phục" in line for line in dump(first))


@pytest.mark.parametrize("kind", [".ntmbackup", ".sqlite"])
def test_a_backup_made_by_a_newer_version_is_refused_with_the_preview(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """The preview showed it as any other and offered --yes; only the restore said "made by a newer
    version" (in the window: after the officer confirmed and the data file was closed)."""
    import shutil
    import sqlite3

    newer = tmp_path / "ban-moi" / "ntm.sqlite"
    newer.parent.mkdir()
    shutil.copy2(data_file, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_a_newer_app'")
    conn.close()
    usb = tmp_path / "usb-moi"
    usb.mkdir()
    chosen = service.create(newer, usb).path if kind == ".ntmbackup" else newer
    before = dump(data_file)
    assert main(["--db", str(data_file), "backup", "restore", str(chosen)]) == 3
    out, err = capsys.readouterr()
    assert "phiên bản NTM Desktop mới hơn" in err and "--yes" not in out, (out, err)
    assert dump(data_file) == before


def test_evidence_that_cannot_be_written_leaves_the_data_file_as_it_was(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The evidence files came out of the backup after the data file was replaced: a full disk there
    left the restore half done (the backup's records, without their scans) under an error message."""
    from ntm_desktop.core.files import WriteFailed

    with Workspace.open(data_file) as ws:
        uid = ws.help.list()[0].uid
        scan = tmp_path / "bien-ban.pdf"
        scan.write_bytes(b"%PDF-1.4 bien ban nghiem thu")
        ws.help.attach_evidence(uid, [scan])
    usb = tmp_path / "usb-ev"
    usb.mkdir()
    made = service.create(data_file, usb)
    shutil.rmtree(service.evidence_folder(data_file))  # the scans must come back from the backup
    before = dump(data_file)

    def full(path: Path, db_path: Path) -> None:
        raise WriteFailed("Ổ đĩa đã đầy")

    monkeypatch.setattr(service, "_restore_evidence", full)
    with pytest.raises(WriteFailed):
        service.restore(made.path, data_file)
    assert dump(data_file) == before
    assert not service.restore_folder(data_file).exists()


def test_two_restores_with_the_key_keep_both_keys_they_replaced(data_file: Path, tmp_path: Path) -> None:
    """The key replaced by a restore was kept under one name: a second restore wrote over it."""
    with Workspace.open(data_file) as ws:
        ws.sync.keys.show()  # the device key exists from now on
    usb = tmp_path / "usb-khoa"
    usb.mkdir()
    made = service.create(data_file, usb, key_passphrase="mat-khau-dai")
    key = service.key_path(data_file)
    key.write_bytes(key.read_bytes() + b"\n# khoa thu nhat\n")  # the key this computer has now
    service.restore(made.path, data_file, "mat-khau-dai")
    service.restore(made.path, data_file, "mat-khau-dai")
    kept = sorted(service.restore_folder(data_file).glob("*.pem"))
    assert len(kept) == 2
    assert any(b"# khoa thu nhat" in k.read_bytes() for k in kept)
