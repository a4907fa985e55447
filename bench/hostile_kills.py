"""SIGKILL during bundle import, records import, report and Excel writing (the power fails), and bundles
imported in random orders: afterwards the data file holds all of an import or none of it, SQLite finds
nothing damaged, an output file is whole or absent, and every order ends in the same state."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from bench.hostile_checks import Tally, integrity_ok, state
from bench.hostile_world import World, fresh
from ntm_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
JOBS = {
    "bundle import": "ws.sync.import_bundles([sys.argv[2]])",
    "records import": "ws.records.import_file(sys.argv[2])",
    "report": "__import__('ntm_desktop.cli.main', fromlist=['x']).main(['--db', sys.argv[1], 'report', "
    "'commune', '--year', '2024', '--out', sys.argv[2]])",
    "excel export": "__import__('ntm_desktop.export.xlsx', fromlist=['x']).export_ledger(ws, "
    "__import__('pathlib').Path(sys.argv[2]))",
}
SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from ntm_desktop.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("open", flush=True)
{job}
print("done", flush=True)
"""


def _big_records(world: World, folder: Path) -> Path:
    doc = json.loads(json.dumps(world.records, default=str))
    doc["supporters"] += [{"id": f"s-{n}", "name": f"Đơn vị số {n}"} for n in range(300)]
    doc["help"] += [
        {"id": f"h-{n}", "date": "2024-05-19", "supporters": [f"s-{n % 300}"], "title": f"Đường thôn {n}",
         "items": [{"kind": "cash", "quantity": 1000 + n, "unit": "đồng"}]}
        for n in range(1500)
    ]  # fmt: skip
    path = folder / "nhieu.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _run(job: str, db: Path, arg: Path, delay: float | None) -> bool:
    """Run ``job`` in a child; kill it ``delay`` s after it opened the data file. True if it finished."""
    code = SCRIPT.format(root=str(ROOT), job=JOBS[job])
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(arg)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    child.stdout.readline()
    if delay is None:
        child.wait(600)
        return True
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    return False


def kill_trials(world: World, tally: Tally, seed: int, count: int) -> None:
    folder = world.root / "kills"
    folder.mkdir()
    records = _big_records(world, folder)
    for n in range(count):
        rng = random.Random(f"{seed}-kill-{n}")
        job = list(JOBS)[n % len(JOBS)]
        template = world.province_template if job == "bundle import" else world.commune_template
        if job in ("report", "excel export"):
            template = world.commune.path
        ws = fresh(template, folder / "ws")
        before = state(ws)
        ws.close()
        out = folder / ("out.pdf" if job == "report" else "out.xlsx")
        arg = {"bundle import": world.bundle, "records import": records}.get(job, out)
        timing = _timing(job, template, folder, arg)
        _run(job, folder / "ws" / "ntm.sqlite", arg, rng.uniform(0.0, timing))
        ws = Workspace.open(folder / "ws" / "ntm.sqlite")
        after = state(ws)
        ok = integrity_ok(ws)
        ws.close()
        whole = _whole(out) if job in ("report", "excel export") else True
        done = after != before
        case = f"kill {n} during {job}"
        if (
            not ok
            or not whole
            or (done and not _complete(job, after, before, _full_state(job, template, folder, arg)))
        ):
            tally.add("kills", "partial", case)
        tally.add("kills", "accepted" if done else "refused")
        out.unlink(missing_ok=True)


_TIMINGS: dict[str, float] = {}
_FULL: dict[str, object] = {}


def _timing(job: str, template: Path, folder: Path, arg: Path) -> float:
    if job not in _TIMINGS:
        fresh(template, folder / "t").close()
        start = time.monotonic()
        _run(job, folder / "t" / "ntm.sqlite", arg, None)
        _TIMINGS[job] = time.monotonic() - start
        ws = Workspace.open(folder / "t" / "ntm.sqlite")
        _FULL[job] = state(ws)
        ws.close()
    return _TIMINGS[job]


def _full_state(job: str, template: Path, folder: Path, arg: Path) -> object:
    _timing(job, template, folder, arg)
    return _FULL[job]


def _complete(job: str, after: object, before: object, full: object) -> bool:
    """A changed data file must hold the whole import (reports and exports change it not at all, or only
    the clock and the report's register)."""
    if job in ("report", "excel export"):
        return True
    return after == full


def _whole(path: Path) -> bool:
    """An output file after a kill: absent, or complete (a PDF ends with %%EOF, an .xlsx opens)."""
    if not path.exists():
        return True
    if path.suffix == ".pdf":
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def order_trials(world: World, tally: Tally, seed: int, count: int) -> None:
    """Bundles from the commune's two computers, imported in random orders: the same end state."""
    from tests.helpers.sync import snapshot

    folder = world.root / "orders"
    usb = folder / "usb"
    usb.mkdir(parents=True)
    second = fresh(world.commune.path, folder / "second")  # another computer of the commune (a copy)
    bundles = [world.bundle]
    for n in range(4):
        for ws in (world.commune, second):
            [h] = ws.help.list()[:1]
            ws.help.update(
                h.uid, __import__("dataclasses").replace(h, title=f"{h.title} ({ws.device_id} {n})")
            )
            bundles.append(ws.sync.export(usb).path)
    second.close()
    snapshots = set()
    for n in range(count):
        rng = random.Random(f"{seed}-order-{n}")
        order = bundles[:]
        rng.shuffle(order)
        p = fresh(world.province_template, folder / "p")
        p.sync.import_bundles(order, trust_on_first_use=True)
        snapshots.add(json.dumps(snapshot(p, "01234"), sort_keys=True, default=str))
        p.close()
        tally.add("orders", "accepted")
    if len(snapshots) != 1:
        tally.add("orders", "partial", f"{len(snapshots)} different end states from {count} orders")
