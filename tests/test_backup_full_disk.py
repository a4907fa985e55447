"""A copy that a full disk cuts short: no half copy is left to hold on to the space the officer's next
save needs, and the reason is said in Vietnamese (SQLite's "database or disk is full" was shown as is)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ntm_desktop.backups import auto
from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.oserrors import reason
from ntm_desktop.db import migrate, sqlite_files
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "xa" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
    return path


def fills_the_disk(monkeypatch: pytest.MonkeyPatch, module: object) -> None:
    """``copy_database`` as a full disk ends it: part of the copy written, then SQLite's error."""
    real = sqlite_files.copy_database

    def copy(source: Path, target: Path) -> None:
        real(source, target)
        with target.open("r+b") as half:
            half.truncate(target.stat().st_size // 2)
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.Error as exc:
            raise WorkspaceError(reason(exc)) from exc

    monkeypatch.setattr(module, "copy_database", copy)


def test_an_automatic_copy_cut_short_leaves_nothing_behind(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fills_the_disk(monkeypatch, auto)
    with pytest.raises(WorkspaceError, match="Ổ đĩa đã đầy"):
        auto.auto_backup(data_file)
    assert list(auto.auto_folder(data_file).iterdir()) == []


def test_the_copy_before_an_upgrade_cut_short_leaves_nothing_behind(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fills_the_disk(monkeypatch, migrate)
    with pytest.raises(WorkspaceError):
        migrate.backup(data_file, "0002")
    assert [p.name for p in (data_file.parent / "backups").iterdir()] == []
