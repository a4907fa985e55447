"""Files are written whole or not at all: a full disk leaves the old file and no temporary file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import WriteFailed, atomic_write, write_bytes_atomic


def test_writes_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    write_bytes_atomic(target, b"%PDF-1.7 ...")
    assert target.read_bytes() == b"%PDF-1.7 ..."
    assert os.listdir(target.parent) == ["report.pdf"]


def test_a_missing_folder_is_refused_naming_it_and_never_created(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao" / "2025" / "report.pdf"
    with pytest.raises(InvalidInput) as caught:
        write_bytes_atomic(target, b"%PDF-1.7 ...")
    assert str(caught.value) == (
        f"Thư mục {tmp_path / 'bao-cao'} không tồn tại nên chưa ghi report.pdf. Hãy kiểm tra lại đường dẫn, "
        "hoặc tạo thư mục trước; không có gì thay đổi."
    )
    assert caught.value.exit_code == 3 and os.listdir(tmp_path) == []
    write_bytes_atomic(target, b"kept", make_folder=True)  # the app's own folders (evidence, keys)
    assert target.read_bytes() == b"kept"


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed) as caught:
        write_bytes_atomic(target, b"new")
    assert "ổ đĩa đã đầy" in str(caught.value) and "Không có gì bị thay đổi" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_a_folder_that_is_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "usb"
    blocker.write_bytes(b"")
    with pytest.raises(InvalidInput) as caught:
        write_bytes_atomic(blocker / "bundle.ntmsync", b"data")
    assert f"Thư mục {blocker} là một tệp, không phải thư mục" in str(caught.value)


def test_removable_drives_are_the_writable_folders_under_the_mount_roots(tmp_path: Path) -> None:
    from ntm_desktop.core.drives import removable_drives

    media = tmp_path / "media" / "can-bo"
    (media / "USB KINGSTON").mkdir(parents=True)
    (media / "SANDISK").mkdir()
    (media / "note.txt").write_text("x")
    assert removable_drives([media, tmp_path / "run-media-missing"]) == [
        media / "SANDISK",
        media / "USB KINGSTON",
    ]
    assert removable_drives([tmp_path / "none"]) == []


def test_short_writes_still_make_the_whole_file_and_a_failed_one_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes are written on the descriptor (a kept bundle, an evidence file): a write that takes only
    part of them is continued, and one that fails leaves the old file and no temporary file."""
    target = tmp_path / "evidence" / "ab" / "ab12"
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:3]))
    write_bytes_atomic(target, b"0123456789", make_folder=True)
    assert target.read_bytes() == b"0123456789" and os.listdir(target.parent) == ["ab12"]

    def full_disk(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(WriteFailed):
        write_bytes_atomic(target, b"new", make_folder=True)
    assert target.read_bytes() == b"0123456789" and os.listdir(target.parent) == ["ab12"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """A report or workbook whose writing stops half way (the writer's own error, or the disk's) leaves the
    file as it was and nothing beside it; the writer's own error reaches the caller as it was raised."""
    target = tmp_path / "so-ho-tro.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="half way"), atomic_write(target) as handle:
        handle.write(b"new, half")
        raise ValueError("half way")
    with pytest.raises(WriteFailed), atomic_write(target) as handle:
        handle.write(b"new, half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["so-ho-tro.xlsx"]
    with atomic_write(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["so-ho-tro.xlsx"]


def test_a_folder_made_for_a_file_is_synced_into_the_folder_that_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An evidence file (or a kept bundle) goes into a folder made for it: each folder made is synced into
    its parent, so that a crash after the commit that names the file cannot lose the folder it is in."""
    from ntm_desktop.core import files

    synced: list[Path] = []
    real = files._fsync_dir
    monkeypatch.setattr(files, "_fsync_dir", lambda folder: synced.append(Path(folder)) or real(folder))
    target = tmp_path / "evidence" / "ab" / "abcdef"
    files.write_bytes_atomic(target, b"signed bundle", make_folder=True)
    assert target.read_bytes() == b"signed bundle"
    assert synced == [tmp_path, tmp_path / "evidence", tmp_path / "evidence" / "ab"]
    synced.clear()
    files.write_bytes_atomic(target.with_name("second"), b"x", make_folder=True)
    assert synced == [tmp_path / "evidence" / "ab"]  # the folder exists: only the file's entry is synced
