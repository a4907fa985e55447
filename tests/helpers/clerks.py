"""Clerks of one province office, each a process of its own on the office's PostgreSQL database
(``multiprocessing`` with ``spawn``, as separate laptops would be): what each one does, in order, once all
of them are ready. Used by tests/test_receiver_clerks.py and tests/test_national_done_when.py."""

from __future__ import annotations

import multiprocessing
import time
import traceback
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ntm_desktop.core.errors import NtmError
from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace

YEAR = 2025

Step = tuple[Any, ...]
"""``("import", path)`` or ``("set", code, status, bundles)``: set ``status`` once ``bundles`` of the
commune's bundles are in (and, for an approval, once the year was reviewed)."""


def clerk(db: str, folder: str, work: list[Step], barrier: Any, results: Any) -> None:
    """One clerk's process: open the office, wait for the others, then do ``work`` in order."""
    done: list[str] = []
    try:
        ws = Workspace.open(db, folder=Path(folder))
        barrier.wait(timeout=120)
        for step in work:
            if step[0] == "import":
                [outcome] = ws.sync.import_bundles([step[1]]).outcomes
                done.append(f"{Path(step[1]).name}:{outcome.status}")
            else:
                done.append(sign_off(ws, step[1], step[2], step[3]))
        ws.close()
        results.put((folder, done))
    except BaseException:
        results.put((folder, ["crashed", traceback.format_exc()]))


def sign_off(ws: Workspace, code: str, status: str, bundles: int) -> str:
    """Set ``status`` once the commune's ``bundles`` are in, and for an approval once the year was
    reviewed (the clerk waits for the others' work, as a clerk asks the colleague first)."""
    for _ in range(1200):
        current = {r.code: r.status for r in ws.receiver.units(YEAR)}.get(code)
        with ws.db.read() as s:
            arrived = s.scalar(
                select(func.count()).where(
                    m.SyncBundle.direction == "received", m.SyncBundle.origin_unit_code == code
                )
            )
        if arrived == bundles and (status != "approved" or current in ("reviewed", "approved")):
            break
        time.sleep(0.05)
    try:
        ws.receiver.set_status(code, YEAR, status)
        return f"{code}:{status}"
    except NtmError:  # another clerk moved it first
        return f"{code}:{status}:refused"


def run_clerks(db: str, root: Path, work: dict[str, list[Step]]) -> dict[str, list[str]]:
    """Start one process per clerk (named by ``work``'s keys, each with its own folder under ``root``),
    and return what each one did; none may have crashed."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(work)), ctx.Queue()
    procs = [
        ctx.Process(target=clerk, args=(db, str(root / name), steps, barrier, results))
        for name, steps in work.items()
    ]
    for p in procs:
        p.start()
    done: dict[str, list[str]] = {}
    for _ in procs:
        folder, steps = results.get(timeout=300)
        done[Path(folder).name] = steps
    for p in procs:
        p.join(timeout=60)
    assert all(d[0] != "crashed" for d in done.values()), done
    return done
