"""A data file in a folder whose name SQLite's URIs treat specially ("Xã #1", "50%") is copied and read as
itself: before, the copy behind every backup cut the name at "#", copied another, empty file and left that
empty file beside the folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ntm_desktop.backups.auto import auto_backup
from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.db.sqlite_files import copy_database, read_only


def _data_file(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "du-lieu.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE help (title TEXT)")
        conn.execute("INSERT INTO help VALUES ('Xi măng cho đường trục xã')")
    conn.close()
    return path


@pytest.mark.parametrize("name", ["Xã #1", "50% vốn", "hỏi?đáp"])
def test_the_automatic_backup_copies_the_data_file_whatever_its_folder_is_called(
    tmp_path: Path, name: str
) -> None:
    source = _data_file(tmp_path / name)
    copy = auto_backup(source)
    assert copy is not None
    conn = read_only(copy)
    try:
        assert conn.execute("SELECT title FROM help").fetchall() == [("Xi măng cho đường trục xã",)]
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray empty file beside it


def test_a_file_that_cannot_be_copied_says_so_in_vietnamese_and_makes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "Xã #1" / "khong-co.sqlite"
    with pytest.raises(WorkspaceError) as raised:
        copy_database(missing, tmp_path / "ban-sao.sqlite")
    assert str(raised.value).startswith(f"Không sao chép được tệp dữ liệu {missing}")
    assert not (tmp_path / "Xã #1").exists()
