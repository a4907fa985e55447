"""The gaps an import reports are read in its last bundle's transaction (no transaction of their own):
they are what a read after the import finds, whatever happened to that last bundle — imported, imported
before, refused, or failed at its last step (then its own bundle is not counted as arrived)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.sync import log
from ntm_desktop.sync.results import ImportReport
from ntm_desktop.sync.service import SyncService
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import help_record, pair, supporter, usb

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["pair", "usb"]  # fixtures


def _read_after(p: Workspace, report: ImportReport) -> list[tuple[str, int]]:
    with p.db.read() as s:
        gaps = log.streams_gaps(s)
    return [(g.unit_code, g.sequence) for g in gaps]


def _said(report: ImportReport) -> list[tuple[str, int]]:
    return [(g.unit_code, g.sequence) for g in report.gaps]


def test_the_gaps_told_are_those_read_after_the_import(
    pair: tuple[Workspace, Workspace], usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, p = pair
    sup = supporter(c, "Bộ Chỉ huy Quân sự tỉnh")
    bundles = []
    for n in range(7):  # sequences 1 to 7
        help_record(c, f"Ra quân tổng vệ sinh lần {n + 1}", sup)
        bundles.append(c.sync.export(usb).path)
    code = c.unit.home_code()

    imported = p.sync.import_bundles([bundles[0], bundles[2]])  # the last one imported: 2 is missing
    assert [o.status for o in imported.outcomes] == ["imported", "imported"]
    assert _said(imported) == _read_after(p, imported) == [(code, 2)]

    before = p.sync.import_bundles([bundles[2]])  # the last one came before
    assert [o.status for o in before.outcomes] == ["already-imported"]
    assert _said(before) == _read_after(p, before) == [(code, 2)]

    forged = usb / "forged.ntmsync"
    forged.write_bytes(bundles[5].read_bytes()[:-40])  # the last one refused: read after the batch
    refused = p.sync.import_bundles([forged, bundles[4]])
    assert [o.status for o in refused.outcomes] == ["imported", "rejected"]
    assert _said(refused) == _read_after(p, refused) == [(code, 2), (code, 4)]

    def disk_gone(*args: object) -> None:
        raise BundleRejected("the disk was removed while writing")

    monkeypatch.setattr(SyncService, "_log_import", disk_gone)  # the last one fails at its last step
    failed = p.sync.import_bundles([bundles[1]])
    assert [o.status for o in failed.outcomes] == ["rejected"]
    assert _said(failed) == [] and _read_after(p, failed) == [(code, 2), (code, 4)]
    monkeypatch.undo()

    last = p.sync.import_bundles([bundles[6], bundles[1]])
    assert [o.status for o in last.outcomes] == ["imported", "imported"]
    assert _said(last) == _read_after(p, last) == [(code, 4), (code, 6)]
