"""The workspace: a real SQLite file, migrated on open, every change audited, nothing ever deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.errors import Conflict, InvalidInput, WorkspaceError
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.db.engine import CACHE_KIB
from ntm_desktop.db.migrate import backup, current_revision, head_revision
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT


def audit_count(ws: Workspace) -> int:
    with ws.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.AuditEntry)) or 0)


def test_open_creates_the_file_at_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "a" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        assert path.exists()
        assert current_revision(ws.engine) == head_revision()
        assert ws.backup_made is None  # nothing to back up in a new file


def test_connections_use_foreign_keys_wal_and_full_sync(ws: Workspace) -> None:
    with ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        # a page cache that holds what a commune's import changes (negative: KiB, not pages)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -CACHE_KIB


def test_the_commune_profile_is_stored_as_trimmed_nfc(tmp_path: Path) -> None:
    nfd_name = "  Xa\u0303 Bă\u0300ng Tha\u0300nh "  # NFD with stray spaces
    with Workspace.open(tmp_path / "ntm.sqlite") as ws:
        ws.unit.setup(UnitProfile(code="01234", name=nfd_name, province_code="19", villages=(" Nà Phầy ",)))
        home = ws.unit.home()
    assert home.name == "Xã Bằng Thành"
    assert home.villages == ("Nà Phầy",)
    assert home.province_name == "Thái Nguyên"
    assert home.receiving_unit_name == "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"


def test_a_bad_profile_lists_every_problem_and_creates_nothing(blank_ws: Workspace) -> None:
    with pytest.raises(InvalidInput) as caught:
        blank_ws.unit.setup(UnitProfile(code="1234", name=" ", province_code="99", group=4))
    fields = {p.path for p in caught.value.problems}
    assert fields == {"unit.code", "unit.name", "unit.province_code", "unit.group"}
    assert "5 chữ số" in str(caught.value)
    assert not blank_ws.unit.has_home()


def test_a_commune_file_cannot_silently_become_another_commune(ws: Workspace) -> None:
    with pytest.raises(Conflict):
        ws.unit.setup(UnitProfile(code="09999", name="Xã Khác", province_code="19"))
    assert ws.unit.home().code == "01234"


def test_every_change_writes_an_audit_row_in_the_same_transaction(ws: Workspace) -> None:
    before = audit_count(ws)
    ws.progress.record(2023, indicator="3.1", value="85")
    assert audit_count(ws) == before + 1
    with ws.db.read() as s:
        entry = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc())).first()
    assert entry is not None
    assert entry.action == "progress.record"
    assert entry.actor == "Người kiểm thử"
    assert entry.before is None and entry.after is not None and entry.after["value"] == 85
    with pytest.raises(InvalidInput):
        ws.progress.record(2023, indicator="3.1", value="120")
    assert audit_count(ws) == before + 1  # the failed change left no trace


def test_deletes_are_soft(ws: Workspace) -> None:
    changes = ws.progress.record(2023, indicator="3.1", value="85")
    uid = changes.ids[0]
    ws.progress.remove(uid)
    assert ws.progress.assessments(2023) == []
    with ws.db.read() as s:
        row = s.get(m.Assessment, uid)
    assert row is not None and row.deleted_at is not None


def test_device_id_is_stable_across_reopening(tmp_path: Path) -> None:
    path = tmp_path / "ntm.sqlite"
    with Workspace.open(path) as ws:
        first = ws.device_id
    with Workspace.open(path) as ws:
        assert ws.device_id == first


def test_backup_copies_a_consistent_database(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    saved = backup(ws.path, "test")
    assert saved.parent == ws.path.parent / "backups"
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ntm.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(path)
    assert "Không mở được tệp dữ liệu" in str(caught.value)


def test_sample_unit_fixture_is_the_home_unit(ws: Workspace) -> None:
    assert ws.unit.home().officers[0].name == SAMPLE_UNIT.officers[0].name
