"""A data file on a drive nothing can write (a write-protected USB stick, a CD): it can still be backed up
to another drive; restoring into it says why it cannot, and changes nothing; a refused change is said in
one line, with no traceback after it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ntm_desktop import workspace as workspace_module
from ntm_desktop.backups import service
from ntm_desktop.cli.main import main
from ntm_desktop.db import sqlite_files
from tests.helpers.dbstate import dump
from tests.helpers.sync import commune_with_help


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """The data file, in its folder on the stick."""
    return commune_with_help(tmp_path / "usb-khoa" / "ntm.sqlite")


def write_protect(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing can be made inside ``folder``, as on a write-protected stick (root writes a folder that
    is only chmod-ed read-only, so the test says it the way the system would)."""
    real_mkdir, real_access = os.mkdir, os.access
    inside = str(folder.resolve())

    def mkdir(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if str(Path(path).resolve()).startswith(inside):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    def access(path: str | os.PathLike[str], mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(Path(path).resolve()).startswith(inside):
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "access", access)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_data_file_on_a_write_protected_stick_is_backed_up_to_another_drive(
    stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was refused with "Unexpected error: Read-only file system" (a folder and a scratch copy were
    being made beside the data file), when a copy off that stick is what the officer needs most."""
    other = tmp_path / "o-dia-khac"
    other.mkdir()
    write_protect(stick.parent, monkeypatch)
    code, out, err = run(capsys, "--db", str(stick), "backup", "create", "--out", str(other))
    assert code == 0, err
    assert "Đã ghi và kiểm tra bản sao lưu" in out and "1 khoản hỗ trợ" in out
    (made,) = other.glob("*.ntmbackup")
    assert service.preview(made).counts["help"] == 1


def test_the_stick_s_data_file_is_read_as_immutable_unless_changes_wait_in_its_log(
    stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite cannot make its shared-memory file there, so the file is read the way the workspace reads
    it; changes still in the write-ahead log would be left out that way, so then it is not."""
    write_protect(stick.parent, monkeypatch)
    assert sqlite_files.read_only_uri(stick).endswith("?mode=ro&immutable=1")
    stick.with_name("ntm.sqlite-wal").write_bytes(b"\0" * 32)
    assert sqlite_files.read_only_uri(stick).endswith("?mode=ro")


def test_a_restore_into_a_write_protected_folder_says_so_and_changes_nothing(
    stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = service.create(stick, usb)
    before = dump(stick)
    write_protect(stick.parent, monkeypatch)
    code, _, err = run(capsys, "--db", str(stick), "backup", "restore", str(made.path), "--yes")
    assert code == 4, err
    assert "Không khôi phục được vào" in err and "Chưa thay đổi gì" in err, err
    assert "Lỗi không mong muốn" not in err
    monkeypatch.undo()
    assert dump(stick) == before
    assert not service.restore_folder(stick).exists()


def test_a_change_refused_on_a_read_only_data_file_is_one_line_without_a_traceback(
    stick: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the one clear line, closing the file printed a warning and two tracebacks (keeping the
    device clock, which nothing had moved into the file)."""
    before = dump(stick)
    monkeypatch.setattr(workspace_module, "_read_only", lambda path: True)  # as on a locked-down stick
    code, _, err = run(capsys, "--db", str(stick), "supporters", "add", "--name", "Công ty ABC")
    assert code == 4
    assert "chỉ đọc được" in err and "Chưa có gì thay đổi" in err
    assert "Traceback" not in err and "WARNING" not in err, err
    assert dump(stick) == before


def test_the_details_of_an_unexpected_error_are_kept_where_they_can_be_written(
    stick: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Details were saved in <data folder>/logs/ntm-desktop.log" named a file that could not be written
    (nor the log: its warnings and tracebacks went to the console instead)."""
    import logging
    import logging.handlers
    import tempfile

    from ntm_desktop.cli.main import log_unexpected
    from ntm_desktop.core import logs

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tam"))
    spare = tmp_path / "tam" / "ntm-desktop-logs" / "ntm-desktop.log"
    write_protect(stick.parent, monkeypatch)
    assert log_unexpected(RuntimeError("hỏng"), stick.parent) == spare
    assert "RuntimeError: hỏng" in spare.read_text(encoding="utf-8")

    monkeypatch.setattr(logs, "_configured", None)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        assert logs.configure(logging.WARNING, stick.parent) == spare
        (added,) = [h for h in root.handlers if h not in handlers]
        assert isinstance(added, logging.handlers.RotatingFileHandler)
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
