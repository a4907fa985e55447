"""File names of bundles from an office whose clerks each number their own (a province office on a database
server): two clerks' bundles no. 1 of one day once had one name, ``…-0001.ntmsync``, and a commune officer
receiving both could not tell them apart. The name now says which computer wrote it, as the Sync page does
("máy 3f9a2c1b"); an office in one data file keeps its names (one numbering, no two alike)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ntm_desktop.sync.bundle.reader import read_bundle
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import commune, receiver, trust, usb
from tests.test_office_key import office

__all__ = ["office", "usb"]  # the fixtures


def _vn_day(created: datetime) -> str:
    """The day in a file name: the bundle's ``created`` in Vietnam time."""
    return f"{created.astimezone(UTC) + timedelta(hours=7):%Y-%m-%d}"


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_clerks_reverse_bundles_of_one_day_have_names_of_their_own(
    office: tuple[Workspace, Workspace, Workspace], tmp_path: Path, usb: Path
) -> None:
    c, a, b = office
    c.sync.keys.trust(tmp_path / "office.ntmkey")
    folders = [usb / "ha", usb / "binh"]  # each clerk's own USB stick: nothing there to step around
    for folder in folders:
        folder.mkdir()
    made = [
        clerk.sync.export_reverse(folder, "01234").path for clerk, folder in zip((a, b), folders, strict=True)
    ]

    day = read_bundle(made[0]).manifest.created
    assert [p.name for p in made] == [
        f"ntm-tinh-19-gui-xa-01234-{_vn_day(day)}-may-{ws.device_id[:8]}-0001.ntmsync" for ws in (a, b)
    ]
    assert made[0].name != made[1].name
    report = c.sync.import_bundles(made)  # the commune officer copies both into one folder and imports them
    assert [o.status for o in report.outcomes] == ["imported", "imported"]

    receipt = a.sync.export_receipt(usb, for_unit="01234")[0].path  # a receipt says whose computer too
    assert (
        receipt.name.startswith("ntm-tinh-19-bien-nhan-xa-01234-")
        and f"-may-{a.device_id[:8]}-" in receipt.name
    )


def test_an_office_in_one_data_file_keeps_its_plain_names(tmp_path: Path) -> None:
    c, p = commune(tmp_path), receiver(tmp_path)
    try:
        trust(c, p)
        trust(p, c)
        out = tmp_path / "usb"
        out.mkdir()
        p.sync.import_bundles([c.sync.export(out).path])
        back = p.sync.export_reverse(out, "01234").path
        day = _vn_day(read_bundle(back).manifest.created)
        assert back.name == f"ntm-tinh-19-gui-xa-01234-{day}-0001.ntmsync"  # no computer in it
    finally:
        c.close()
        p.close()
