"""Bundles of one unit from two computers: each computer numbers its own (a province office's clerks on a
database server, a commune that went on on a restored copy), so the commune gets two "Gói số 1" from the
province. Where a received bundle's number is shown, it says which computer it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.ui.pages.sync.jobs import Inspected
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import trust
from tests.helpers.ui_sync import Offices, offices, settle
from tests.test_ui_sync import open_page

__all__ = ["offices"]  # the fixture


def _device(ws: Workspace) -> str:
    return ws.sync.keys.show().device_id


def _sent_back(p: Workspace, folder: Path, times: int = 1) -> list[Path]:
    """The province sends ``times`` bundles back to the commune from the computer it is now."""
    folder.mkdir()
    return [p.sync.export_reverse(folder, "01234").path for _ in range(times)]


def _known(offices: Offices) -> None:
    """The province holds the commune's first bundle, and each trusts the other's key."""
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])


def _two_clerks(offices: Offices) -> tuple[list[Path], list[Path], str, str]:
    """Bundles sent back by the first clerk's computer, then by a second one (a new device, numbering its
    own bundles from 1), with the two device ids."""
    p = offices.province
    _known(offices)
    first = _sent_back(p, offices.usb / "first")
    first_device = _device(p)
    p.sync.start_new_device("the second clerk's computer")
    second = _sent_back(p, offices.usb / "second", times=3)
    return first, second, first_device, _device(p)


def test_the_commune_tells_the_provinces_two_bundles_number_1_apart_on_the_sync_page(
    qtbot, offices: Offices
) -> None:
    first, second, one, two = _two_clerks(offices)
    assert one != two
    offices.commune.sync.import_bundles([first[0], second[0]])

    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    settle(qtbot, offices.commune_ctx, lambda: page.history.model.rowCount() == 3)
    numbers = sorted(row[5] for row in page.history.rows() if row[1] == "Đã nhận")

    assert numbers == sorted([f"1 · máy {one[:8]}", f"1 · máy {two[:8]}"])
    page.window().resize(1366, 768)
    page.window().grab().save(str(Path(offices.usb, "history.png")))  # looked at while writing this
    page.history.search.setText(two[:8])  # the officer finds the one from that computer
    assert [row[5] for row in page.history.rows()] == [f"1 · máy {two[:8]}"]


def test_one_computer_alone_keeps_the_plain_number(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    _known(offices)
    c.sync.import_bundles(_sent_back(p, offices.usb / "back"))
    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    settle(qtbot, offices.commune_ctx, lambda: page.history.model.rowCount() == 2)
    assert [row[5] for row in page.history.rows()] == ["1", "1"]  # the one received, the one sent


def test_bundle_status_says_whose_computers_bundle_is_missing(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commune went on on a second computer (numbering from 1 again); its no. 2 from there is lost on
    the way. The province's status names that computer: "Gói số 2 của xã 01234" alone could be either."""
    c, p = offices.commune, offices.province
    trust(c, p)
    first = c.sync.export(offices.usb).path
    c.sync.start_new_device("went on on a second computer")
    second = offices.usb / "second"
    second.mkdir()
    made = [c.sync.export(second).path for _ in range(3)]
    p.sync.import_bundles([first, made[0], made[2]])

    assert main(["--db", str(p.path), "bundle", "status"]) == 0
    out = capsys.readouterr().out
    assert f"Gói số 2 của xã Bằng Thành (01234), máy {_device(c)[:8]}, chưa được nhập" in out
    assert out.count("chưa được nhập") == 1


def test_the_two_bundles_number_1_dropped_together_are_told_apart_before_importing(
    qtbot, offices: Offices
) -> None:
    first, second, one, two = _two_clerks(offices)
    dialog = PreviewDialog([Inspected(offices.commune.sync.inspect(f)) for f in (first[0], second[0])])
    qtbot.addWidget(dialog)
    dialog.grab().save(str(Path(offices.usb, "preview.png")))  # looked at while writing this

    assert [row[1] for row in dialog.list.texts()] == [
        f"Gói phản hồi số 1 (máy {one[:8]})",
        f"Gói phản hồi số 1 (máy {two[:8]})",
    ]
    assert dialog.heading.text() == f"Gói phản hồi số 1 (máy {one[:8]}) của tỉnh Thái Nguyên (19)"


def test_bundle_inspect_names_the_computer_once_another_one_of_the_unit_was_imported(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, _, two = _two_clerks(offices)
    offices.commune.sync.import_bundles([first[0]])

    assert main(["--db", str(offices.commune.path), "bundle", "inspect", str(second[0])]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading.startswith(f"Gói số 1 (máy {two[:8]}) do tỉnh Thái Nguyên (19) gửi cho ")
