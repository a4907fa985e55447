"""The start-up snapshot (the overview's figures kept beside the data file) is given back only while the
data file is exactly as it was when the figures were read; any change, however small, refuses it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ntm_desktop import __version__
from ntm_desktop.core import startup_snapshot
from ntm_desktop.services.overview import figures_from_json, figures_to_json, load_figures
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "Dữ liệu xã" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        ws.progress.record(2023, indicator="3.1", value="85")
        ws.progress.record(2023, indicator="3.2", value="có")
    return path


def keep(path: Path) -> dict[str, object]:
    """What the app does when it closes: read the figures, close the file, save the snapshot."""
    with Workspace.open(path) as ws:
        figures = figures_to_json(load_figures(ws, 2023))
    assert startup_snapshot.save(path, figures, app_version=__version__, language="vi")
    return figures


def kept(path: Path) -> dict[str, object] | None:
    return startup_snapshot.load(path, app_version=__version__, language="vi")


def test_an_unchanged_file_gives_the_figures_back(data_file: Path) -> None:
    figures = keep(data_file)
    assert kept(data_file) == json.loads(json.dumps(figures))
    overview = figures_from_json(kept(data_file) or {})
    assert overview is not None and overview.summary is not None
    assert (overview.year, overview.summary.met, overview.summary.total) == (2023, 1, 19)
    assert overview.unit.name == SAMPLE_UNIT.name


def test_a_change_to_the_data_refuses_the_snapshot(data_file: Path) -> None:
    keep(data_file)
    with Workspace.open(data_file) as ws:
        ws.progress.record(2023, criterion="19", met=True)
    assert kept(data_file) is None


def test_a_change_hidden_from_size_and_time_is_still_caught_by_the_audit(data_file: Path) -> None:
    """A USB stick's FAT keeps times to 2 s: a change can leave the size and the time as they were."""
    keep(data_file)
    with Workspace.open(data_file) as ws:
        ws.progress.record(2023, criterion="19", met=True)
    stat = data_file.stat()
    record = json.loads(startup_snapshot.snapshot_path(data_file).read_text(encoding="utf-8"))
    record["state"].update(size=stat.st_size, mtime_ns=stat.st_mtime_ns)  # as if neither had moved
    startup_snapshot.snapshot_path(data_file).write_text(json.dumps(record), encoding="utf-8")
    assert kept(data_file) is None


def test_a_file_open_in_another_program_refuses_the_snapshot(data_file: Path) -> None:
    keep(data_file)
    with Workspace.open(data_file) as ws:  # e.g. the command line writing while the app starts
        ws.progress.record(2023, criterion="19", met=True)
        assert data_file.with_name("ntm.sqlite-wal").stat().st_size > 0
        assert kept(data_file) is None


def test_another_version_or_language_refuses_the_snapshot(data_file: Path) -> None:
    keep(data_file)
    assert startup_snapshot.load(data_file, app_version=__version__ + ".1", language="vi") is None
    assert startup_snapshot.load(data_file, app_version=__version__, language="en") is None


def test_checking_writes_nothing_beside_the_data_file(data_file: Path) -> None:
    keep(data_file)
    before = {p.name: p.stat().st_mtime_ns for p in data_file.parent.iterdir()}
    assert kept(data_file) is not None
    assert {p.name: p.stat().st_mtime_ns for p in data_file.parent.iterdir()} == before


def test_a_damaged_or_missing_snapshot_is_refused_quietly(data_file: Path) -> None:
    assert kept(data_file) is None  # never written
    keep(data_file)
    startup_snapshot.snapshot_path(data_file).write_text("{not json", encoding="utf-8")
    assert kept(data_file) is None
    os.remove(data_file)
    assert kept(data_file) is None
