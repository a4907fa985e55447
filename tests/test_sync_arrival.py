"""What a bundle's import reads first, in one statement (``sync.arrival``), is what the three statements
it replaced read: the unit's key rows oldest first (revoked and office keys among them), whether the
bundle came before, the unit's row's is_home and version — on SQLite and on PostgreSQL, and after
another clerk of the office changed the keys between two imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ntm_desktop.sync import log
from ntm_desktop.sync.arrival import arrival, unit_state
from ntm_desktop.sync.keys.service import unit_keys
from ntm_desktop.workspace import Workspace
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, demo_commune, paired
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")


def _apart(ws: Workspace, unit: str, bundle_id: str) -> tuple[Any, ...]:
    """What the three statements read, one by one."""
    with ws.db.read() as s:
        return unit_keys(s, unit), log.received(s, bundle_id), unit_state(s, unit)


def _together(ws: Workspace, unit: str, bundle_id: str) -> tuple[Any, ...]:
    with ws.db.read() as s:
        return tuple(arrival(s, unit, bundle_id))


def test_one_statement_reads_what_three_did(tmp_path: Path) -> None:
    office = receiver(tmp_path, "office")
    a, b = (demo_commune(tmp_path, p, n) for n, p in enumerate(COMMUNES[:2]))
    usb = tmp_path / "usb"
    usb.mkdir()
    code = COMMUNES[0].code
    first = a.sync.export(usb)
    unknown = _together(office, code, first.bundle_id)
    assert unknown == _apart(office, code, first.bundle_id) == ([], False, None)

    paired(a, office)
    paired(b, office)
    report = office.sync.import_bundles([first.path])
    assert report.outcomes[0].status == "imported", report.outcomes
    known = _together(office, code, first.bundle_id)
    assert known == _apart(office, code, first.bundle_id)
    assert known[1] is True and known[2] is not None and known[2][0] is False and len(known[0]) == 1

    # a second clerk of the office (another process on PostgreSQL) revokes the commune's key and trusts a
    # new one between two imports: the next import's statement reads both, oldest first
    clerk = Workspace.open(location(office), folder=tmp_path / "clerk2")
    try:
        clerk.sync.keys.revoke(known[0][0].fingerprint)
        card = b.path.parent / "other.ntmkey"
        b.sync.keys.export(card)
        clerk.sync.keys.trust(card)  # b's key, trusted for b: a row of another unit, not read for a
    finally:
        clerk.close()
    later = a.sync.export(usb)
    after = _together(office, code, later.bundle_id)
    assert after == _apart(office, code, later.bundle_id)
    assert [k.how for k in after[0]] == ["revoked"] and after[1] is False
    refused = office.sync.import_bundles([later.path]).outcomes[0]
    assert refused.status == "rejected" and "thu hồi" in refused.message  # the revoked key is refused

    assert _together(office, COMMUNES[1].code, "") == _apart(office, COMMUNES[1].code, "")
    for ws in (a, b, office):
        ws.close()
