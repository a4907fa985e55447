"""At the receiver every time is Vietnam time (UTC+7), on a computer set to any zone: the status history
the CLI prints, the communes list, the Excel summary and a bundle's preview."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.ui.pages.sync.wording import local_time
from tests.helpers.engines import location
from tests.helpers.receiver import COMMUNES, demo_commune, paired
from tests.helpers.sync import receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

STORED = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)  # 03:30 on 2 March in Hà Nội


@pytest.fixture(autouse=True)
def _far_from_vietnam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock is set to Los Angeles (UTC−8 in March)."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_shown_in_vietnam_time_whatever_the_computers_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert time.localtime(STORED.timestamp()).tm_hour == 12  # the computer says 12:30
    office = receiver(tmp_path, "office")
    office.receiver.configure(level="province", name="Văn phòng Điều phối nông thôn mới tỉnh")
    c = demo_commune(tmp_path, COMMUNES[0])
    paired(c, office)
    usb = tmp_path / "usb"
    usb.mkdir()
    office.sync.import_bundles([c.sync.export(usb).path])
    office.receiver.set_status("01234", 2025, "reviewed")
    with office.db.write() as s:
        s.execute(update(m.ReceiverSignoffChange).values(at=STORED))
        s.execute(update(m.SyncBundle).values(created=STORED))

    assert local_time(STORED) == "02/03/2026 03:30"  # the communes list and the status history pages
    [row] = [r for r in office.receiver.units(2025) if r.code == "01234"]
    assert row.last_bundle_at is not None and local_time(row.last_bundle_at) == "02/03/2026 03:30"

    db = location(office)
    assert main(["--db", db, "receiver", "status", "01234", "--year", "2025"]) == 0
    assert "02/03/2026 03:30" in capsys.readouterr().out

    out = tmp_path / "tong-hop.xlsx"
    assert main(["--db", db, "receiver", "export-xlsx", "--year", "2025", str(out)]) == 0
    capsys.readouterr()
    cells = [c for row in load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row]
    assert datetime(2026, 3, 2, 3, 30) in cells
    assert datetime(2026, 3, 1, 20, 30) not in cells and datetime(2026, 3, 1, 12, 30) not in cells
    office.close()
    c.close()
