"""The power fails (SIGKILL) while a big bundle is being imported: on reopening, the data file holds the
whole bundle or none of it, and SQLite finds nothing damaged. On PostgreSQL too (the server outlives
the client: the killed connection's transaction is rolled back)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import func, select

from ntm_desktop.db import models as m
from ntm_desktop.sync.bundle.container import BundleFields, BundleKind, Receiver, write_bundle
from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.sync.keys.pairs import generate_private_key
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.sync import integrity_ok, receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

ITERATIONS = int(os.environ.get("NTM_CRASH_ITERATIONS", "3"))
HELP = 3000

IMPORT = """
import sys
from pathlib import Path
from ntm_desktop.workspace import Workspace

ws = Workspace.open(sys.argv[1], folder=Path(sys.argv[3]))
print("open", flush=True)
report = ws.sync.import_bundles([sys.argv[2]], trust_on_first_use=True)
print(report.outcomes[0].status, flush=True)
"""


def _big_bundle(folder: Path) -> Path:
    clock = HLC("crashtest0001")

    def rec(record_id: str, **fields: object) -> dict[str, object]:
        return {
            "id": record_id,
            **fields,
            "_version": clock.now(),
            "_origin": clock.device_id,
            "_deleted": False,
        }

    payload = {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": "01234", "name": "Xã Bằng Thành", "province_code": "19"},
        "supporters": [rec(f"s{n}", name=f"Đơn vị hỗ trợ số {n}") for n in range(30)],
        "help": [
            rec(
                f"h{n}",
                date="2024-05-19",
                supporters=[f"s{n % 30}"],
                title=f"Bê tông hóa đường thôn số {n}",
                items=[
                    {"kind": "cash", "quantity": 15_000_000, "unit": "đồng", "value_vnd": 15_000_000},
                    {"kind": "labour", "quantity": 40, "unit": "ngày công"},
                ],
            )
            for n in range(HELP)
        ],
    }
    fields = BundleFields(
        BundleKind.RECORDS, "01234", "crashtest0001", 1, 1, full=True, receiver=Receiver("19", "")
    )
    folder.mkdir(parents=True, exist_ok=True)
    return write_bundle(folder, fields, payload, {}, generate_private_key())


class Place(NamedTuple):
    db: str
    folder: Path


def _counts(place: Place) -> tuple[int, int, int, bool]:
    ws = Workspace.open(place.db, folder=place.folder)
    try:
        with ws.db.read() as s:
            helps = int(s.scalar(select(func.count()).select_from(m.Help)) or 0)
            items = int(s.scalar(select(func.count()).select_from(m.HelpItem)) or 0)
            logged = int(s.scalar(select(func.count()).select_from(m.SyncBundle)) or 0)
        return helps, items, logged, integrity_ok(ws)
    finally:
        ws.close()


def _run(place: Place, bundle: Path, kill_after: float | None) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORT, place.db, str(bundle), str(place.folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"  # the workspace is open: time the import from here
    opened = time.perf_counter()
    if kill_after is None:
        proc.wait(timeout=300)
        assert proc.returncode == 0
        return time.perf_counter() - opened
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return opened - start


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_import_leaves_all_of_the_bundle_or_none(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = _big_bundle(usb)
    clean = _fresh(tmp_path, "clean")
    duration = _run(clean, bundle, None)
    assert _counts(clean)[:3] == (HELP, 2 * HELP, 1)

    rng = random.Random(20261122)
    seen = set()
    for n in range(ITERATIONS):
        db = _fresh(tmp_path, f"run{n}")
        _run(db, bundle, rng.uniform(0.05, duration * 1.1))
        helps, items, logged, ok = _counts(db)
        assert ok
        assert (helps, items, logged) in {(0, 0, 0), (HELP, 2 * HELP, 1)}, (helps, items, logged)
        seen.add(helps)
    assert seen  # which side each kill fell on varies; both are fine


def _fresh(tmp_path: Path, name: str) -> Place:
    """An empty receiving workspace (a file, or a database on the test server), closed."""
    ws = receiver(tmp_path, name)
    ws.close()
    return Place(location(ws), tmp_path / name)
