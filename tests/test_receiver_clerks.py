"""Four clerks of a province office at once, each a process of its own on the office's PostgreSQL
database: they import the communes' bundles (different communes, and the same commune's bundles twice),
review and approve, all at the same time. The office ends exactly as when one clerk does it all alone:
nothing lost, no bundle applied twice, one approval."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ntm_desktop.db import models as m
from ntm_desktop.workspace import Workspace
from tests.helpers.clerks import run_clerks
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, PROVINCE_NAME, demo_commune, paired
from tests.helpers.sync import receiver, snapshot

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

YEAR = 2025
APPROVED, REVIEWED = COMMUNES[1].code, COMMUNES[2].code


def _bundles(tmp_path: Path, office: Workspace) -> dict[str, Path]:
    """A1, A2 (A's edits after A1), B1, C1, C2: the communes' bundles on the USB stick."""
    usb = tmp_path / "usb"
    usb.mkdir()
    out: dict[str, Path] = {}
    for letter, (variant, p) in zip("ABC", enumerate(COMMUNES), strict=True):
        c = demo_commune(tmp_path, p, variant)
        paired(c, office)
        out[f"{letter}1"] = c.sync.export(usb).path
        if letter != "B":
            c.progress.record(YEAR, indicator="2.1", value="91")
            c.progress.record(YEAR, criterion="19", met=False, note="Chưa đạt sau kiểm tra lại")
            out[f"{letter}2"] = c.sync.export(usb).path
        c.close()
    return out


def _office(tmp_path: Path, name: str) -> Workspace:
    office = receiver(tmp_path, name)
    office.receiver.configure(level="province", name=PROVINCE_NAME)
    return office


def _state(ws: Workspace) -> dict[str, Any]:
    with ws.db.read() as s:
        received = s.execute(
            select(m.SyncBundle.bundle_id, func.count())
            .where(m.SyncBundle.direction == "received")
            .group_by(m.SyncBundle.bundle_id)
        ).all()
        imports = s.scalar(select(func.count()).where(m.AuditEntry.action == "sync.import"))
        counts = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t))
            for t in (m.Assessment, m.Help, m.HelpItem, m.Supporter, m.Unit, m.SyncConflict, m.EvidenceLink)
        }
    steps = {
        p.code: [(c.from_status, c.to_status) for c in ws.receiver.status_history(p.code, YEAR)]
        for p in COMMUNES
    }
    return {
        "records": {p.code: snapshot(ws, p.code) for p in COMMUNES},
        "received": sorted(received),
        "imports": imports,
        "counts": counts,
        "status": {r.code: r.status for r in ws.receiver.units(YEAR)},
        "steps": steps,
    }


def test_four_clerks_at_once_end_as_one_clerk_alone(tmp_path: Path, engine: str) -> None:
    alone = _office(tmp_path, "alone")
    bundles = _bundles(tmp_path, alone)
    for name in ("A1", "A2", "B1", "C1", "C2"):
        [outcome] = alone.sync.import_bundles([bundles[name]]).outcomes
        assert outcome.status == "imported", outcome
    for code, status in ((APPROVED, "reviewed"), (APPROVED, "approved"), (REVIEWED, "reviewed")):
        alone.receiver.set_status(code, YEAR, status)
    expected = _state(alone)
    alone.close()

    shared = _office(tmp_path, "clerk0")
    for c in COMMUNES:  # the office trusts the communes' keys (shared by every clerk: it is in the database)
        shared.sync.keys.trust(tmp_path / c.code / f"{_device(tmp_path / c.code)}.ntmkey")
    db = location(shared)
    shared.close()
    b = {k: str(v) for k, v in bundles.items()}
    work = {  # C1 and C2 are 2 bundles of one commune; the approval of B is raced by clerks 3 and 4
        "clerk1": [("import", b["A1"]), ("import", b["A2"]), ("import", b["B1"]),
                   ("set", REVIEWED, "reviewed", 2)],
        "clerk2": [("import", b["C1"]), ("import", b["C2"]), ("import", b["A1"]), ("import", b["B1"])],
        "clerk3": [("import", b["B1"]), ("import", b["A2"]), ("set", APPROVED, "reviewed", 1),
                   ("set", APPROVED, "approved", 1)],
        "clerk4": [("import", b["C2"]), ("import", b["A1"]), ("import", b["C1"]),
                   ("set", APPROVED, "approved", 1)],
    }  # fmt: skip
    done = run_clerks(db, tmp_path, work)
    outcomes = [x for d in done.values() for x in d if x.endswith((":imported", ":already-imported"))]
    assert sum(x.endswith(":imported") for x in outcomes) == 5, done  # each bundle once…
    assert len(outcomes) == 12, done  # …and every other try found it already there
    approvals = [x for d in done.values() for x in d if x.startswith(f"{APPROVED}:approved")]
    assert approvals.count(f"{APPROVED}:approved") == 1, done

    check = Workspace.open(db, folder=tmp_path / "clerk0")
    assert _state(check) == expected
    check.close()


def _device(folder: Path) -> str:
    """The device id of the commune whose folder this is (its key card is named after it)."""
    [card] = folder.glob("*.ntmkey")
    return card.stem
