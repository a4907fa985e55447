"""When the data file itself is in trouble: another program is writing it, the disk is full, the folder is
read-only, the file is empty. Each is said in the officer's words (no SQL, no traceback), exit 4, and
nothing is changed; with ``--data-dir`` the log goes to that folder."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from ntm_desktop import workspace as workspace_module
from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.services.db import DataFileBusy, DiskFull, ReadOnly
from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import example_file
from tests.helpers.sync import row_counts
from tests.helpers.units import SAMPLE_UNIT


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "[SQL:" not in out + err and "sqlalche.me" not in out + err
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a commune set up and one result recorded."""
    folder = tmp_path / "data-xa"
    with Workspace.open(folder / "ntm.sqlite") as ws:
        ws.unit.setup(SAMPLE_UNIT)
        ws.progress.record(2024, indicator="3.1", value="82,5")
    return folder


def hold_write_lock(db: Path, seconds: float) -> threading.Thread:
    """Another program writing: a write transaction held open for ``seconds``."""
    started = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE settings SET value = value")
        started.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    started.wait(5)
    return thread


def test_a_write_waits_the_busy_timeout_then_says_the_file_is_in_use(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_BUSY_TIMEOUT_MS", "1000")
    db = data / "ntm.sqlite"
    ws = Workspace.open(db)
    before = row_counts(ws)
    holder = hold_write_lock(db, 6)
    start = time.monotonic()
    with pytest.raises(DataFileBusy) as busy:
        ws.progress.record(2024, indicator="3.1", value="90")
    assert time.monotonic() - start >= 0.95  # it waited, rather than failing at once
    assert "đang được một chương trình khác sử dụng" in str(busy.value)
    code, _, err = cli(capsys, "--data-dir", str(data), "progress", "set", "--year", "2024", "--indicator",
                       "3.1", "--value", "91")  # fmt: skip
    assert code == 4 and "đang được một chương trình khác sử dụng" in err and "Chưa có gì thay đổi" in err
    holder.join()
    assert row_counts(ws) == before
    assert ws.progress.summary(2024) is not None
    ws.progress.record(2024, indicator="3.1", value="90")  # free again: the write goes through
    ws.close()


def test_a_write_that_only_had_to_wait_goes_through(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NTM_BUSY_TIMEOUT_MS", "5000")
    db = data / "ntm.sqlite"
    with Workspace.open(db) as ws:
        ws.progress.assessments(2024)  # a read first: the write must still wait for the lock, not fail
        holder = hold_write_lock(db, 1.0)
        ws.progress.record(2024, indicator="3.1", value="95")
        holder.join()
        [a] = [a for a in ws.progress.assessments(2024) if a.indicator == "3.1"]
        assert str(a.value) == "95"


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data file opened from now on cannot grow by a single page (SQLite's SQLITE_FULL)."""
    real = workspace_module.make_engine

    def make_engine(path: Path, **kwargs: Any) -> Any:
        engine = real(path, **kwargs)

        @event.listens_for(engine, "connect")
        def _limit(dbapi_connection: Any, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        return engine

    monkeypatch.setattr(workspace_module, "make_engine", make_engine)


def big_records_file(folder: Path, count: int = 400) -> Path:
    """A records file big enough to need new pages in the data file."""
    doc = json.loads(example_file(folder).read_text(encoding="utf-8"))
    doc["supporters"] += [{"id": f"s-{n}", "name": f"Công ty số {n} " + "x" * 200} for n in range(count)]
    path = folder / "nhieu-ban-ghi.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_full_data_file_is_said_and_nothing_changes(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = big_records_file(tmp_path)
    with Workspace.open(data / "ntm.sqlite") as ws:
        before = row_counts(ws)
    full_disk(monkeypatch)
    code, _, err = cli(capsys, "--data-dir", str(data), "records", "import", str(big))
    assert code == 4 and "Ổ đĩa đã đầy" in err and "Chưa có gì thay đổi" in err
    with Workspace.open(data / "ntm.sqlite") as ws, pytest.raises(DiskFull):
        ws.records.import_file(big)
    monkeypatch.undo()
    with Workspace.open(data / "ntm.sqlite") as ws:
        assert row_counts(ws) == before


FULL_DISK_CLI = """
import resource, signal, sys
from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
opened = Workspace.open.__func__


def open_then_fill_the_disk(cls, path):
    ws = opened(cls, path)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))
    return ws


Workspace.open = classmethod(open_then_fill_the_disk)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
def test_a_disk_that_cannot_take_another_write_is_said_and_nothing_changes(data: Path) -> None:
    with Workspace.open(data / "ntm.sqlite") as ws:
        before = row_counts(ws)
    argv = [
        "--data-dir",
        str(data),
        "progress",
        "set",
        "--year",
        "2024",
        "--indicator",
        "3.1",
        "--value",
        "91",
    ]
    done = subprocess.run([sys.executable, "-c", FULL_DISK_CLI, *argv], capture_output=True, text=True)
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr and "[SQL:" not in done.stderr
    assert "ổ đĩa đầy" in done.stderr and "Chưa có gì thay đổi" in done.stderr
    with Workspace.open(data / "ntm.sqlite") as ws:
        assert row_counts(ws) == before
        [a] = [a for a in ws.progress.assessments(2024) if a.indicator == "3.1"]
        assert str(a.value) == "82.5"


def test_a_read_only_data_file_can_be_read_not_changed(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "_read_only", lambda path: True)  # as on a locked-down stick
    code, out, err = cli(capsys, "--data-dir", str(data), "progress", "show", "--year", "2024")
    assert code == 0 and "Thủy lợi" in out and "chỉ đọc được" in err
    code, _, err = cli(capsys, "--data-dir", str(data), "progress", "set", "--year", "2024", "--indicator",
                       "3.1", "--value", "99")  # fmt: skip
    assert code == 4 and "chỉ đọc được" in err and "Chưa có gì thay đổi" in err
    with Workspace.open(data / "ntm.sqlite") as ws:
        assert ws.read_only
        with pytest.raises(ReadOnly):
            ws.progress.record(2024, indicator="3.1", value="99")
    monkeypatch.undo()
    with Workspace.open(data / "ntm.sqlite") as ws:
        [a] = [a for a in ws.progress.assessments(2024) if a.indicator == "3.1"]
        assert not ws.read_only and str(a.value) == "82.5"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes read-only folders")
def test_a_folder_without_write_permission_opens_read_only(data: Path) -> None:
    os.chmod(data, 0o555)
    try:
        with Workspace.open(data / "ntm.sqlite") as ws:
            assert ws.read_only and ws.progress.summary(2024) is not None
            with pytest.raises(ReadOnly):
                ws.progress.record(2024, indicator="3.1", value="99")
    finally:
        os.chmod(data, 0o755)


def test_an_empty_data_file_is_not_turned_into_a_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "usb" / "ntm.sqlite"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    with pytest.raises(WorkspaceError, match="0 byte"):
        Workspace.open(empty)
    code, _, err = cli(capsys, "--db", str(empty), "progress", "show", "--year", "2024")
    assert code == 4 and "trống (0 byte)" in err
    assert empty.stat().st_size == 0 and sorted(p.name for p in empty.parent.iterdir()) == ["ntm.sqlite"]


def test_with_a_data_dir_the_log_goes_to_that_folder(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ntm_desktop.services.progress import ProgressService

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug, for the test")

    monkeypatch.setattr(ProgressService, "summary", broken)
    code = main(["--data-dir", str(data), "progress", "show", "--year", "2024"])
    err = capsys.readouterr().err
    assert code == 1 and str(data / "logs" / "ntm-desktop.log") in err
    assert "RuntimeError: a bug, for the test" in (data / "logs" / "ntm-desktop.log").read_text()
