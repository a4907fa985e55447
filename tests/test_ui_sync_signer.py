"""Who sent a bundle: the receiver's history names the clerk who signed a bundle (the office certificate it
carries names them), not only the computer, with the office and the time in Vietnam time; the bundle log
keeps the name (revision 0003), and ``bundle log`` lists it on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ntm_desktop.cli.main import main
from ntm_desktop.core import vntime
from ntm_desktop.ui.fit import USABLE, cut_off
from ntm_desktop.ui.pages.registry import PROVINCES_PAGE
from ntm_desktop.ui.pages.sync.history_model import DIRECTION, SENDER
from ntm_desktop.ui.pages.sync.jobs import Inspected
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.ui.testing import open_window
from ntm_desktop.workspace import Workspace
from tests.helpers.national import province_and_national, rolled_up
from tests.helpers.sync import usb
from tests.helpers.ui_sync import Offices, context, offices, settle
from tests.test_office_key import BINH, HA, SECRET, office
from tests.test_ui_sync import open_page

__all__ = ["office", "offices", "usb"]  # the fixtures

OFFICE = "19 · Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"  # the name its key file gives


def _clerk_sent_back(offices: Offices) -> Path:
    """The province office certifies its computer as Hà's and sends a reverse bundle; the commune trusts
    the office key (its file, after a phone call)."""
    c, p = offices.commune, offices.province
    key = p.path.parent / "commune.ntmkey"
    c.sync.keys.export(key)
    p.sync.keys.trust(key)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    p.sync.office.create(SECRET)
    p.sync.office.certify(SECRET, HA)
    p.sync.office.export(offices.usb / "office.ntmkey")
    c.sync.keys.trust(offices.usb / "office.ntmkey")
    (offices.usb / "back").mkdir()
    return p.sync.export_reverse(offices.usb / "back", "01234").path


def test_the_commune_sees_which_clerk_of_the_province_sent_a_bundle(qtbot, offices: Offices) -> None:
    report = offices.commune.sync.import_bundles([_clerk_sent_back(offices)])
    assert not report.rejected, report

    page = open_page(qtbot, offices.commune_ctx, receiver=False)
    settle(qtbot, offices.commune_ctx, lambda: page.history.model.rowCount() == 2)
    page.history.direction.setCurrentIndex(2)  # "Chỉ đã nhận"
    [row] = page.history.rows()
    assert (row[3], row[SENDER]) == (OFFICE, HA)

    [entry] = [e for e in offices.commune.sync.log() if e.direction == "received"]
    made_at = vntime.format_vn(entry.created, seconds=False, offset=False)  # Vietnam time
    tip = page.history.proxy.index(0, SENDER).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Người ký: {HA} — {OFFICE}, máy {entry.device_id[:8]}; lập gói lúc {made_at}"
    page.history.direction.setCurrentIndex(0)
    page.history.search.setText("thi ha")  # found without accents
    assert [row[SENDER] for row in page.history.rows()] == [HA]

    page.window().resize(1366, 768)
    page.window().grab().save(str(offices.usb / "history-signer.png"))  # looked at while writing this


def test_a_communes_bundle_names_no_clerk_and_a_sent_one_who_wrote_it(qtbot, offices: Offices) -> None:
    _clerk_sent_back(offices)
    received = [e for e in offices.province.sync.log() if e.direction == "received"]
    assert [e.signer for e in received] == [""]  # the commune's own key signs it: the commune is the sender

    page = open_page(qtbot, offices.province_ctx, receiver=True)
    settle(qtbot, offices.province_ctx, lambda: page.history.model.rowCount() == 2)
    rows = {row[1]: row for row in page.history.rows()}
    assert (rows["Đã nhận"][3], rows["Đã nhận"][SENDER]) == ("01234 · Xã Bằng Thành", "")
    assert rows["Đã gửi"][SENDER] == offices.province.db.actor()
    assert page.history.direction.isVisible()  # a province sends and receives: "Chỉ đã gửi" is of use


def test_bundle_log_lists_who_sent_each_bundle_received(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    offices.commune.sync.import_bundles([_clerk_sent_back(offices)])
    db = str(offices.commune.path)

    assert main(["--db", db, "bundle", "log", "--received"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Người gửi" in lines[0] and len(lines) == 3
    assert "Đã nhận" in lines[2] and OFFICE in lines[2] and HA in lines[2]  # as the Sync page says it

    assert main(["--db", db, "bundle", "log", "--json"]) == 0
    got = {e["direction"]: e for e in json.loads(capsys.readouterr().out)}
    assert got["received"]["signer"] == HA and got["received"]["unit"] == "19"
    assert got["received"]["logged_at"].endswith("+07:00")
    assert got["sent"]["signer"] == ""


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_clerks_of_one_office_are_told_apart_by_name_at_the_commune(
    office: tuple[Workspace, Workspace, Workspace],
    tmp_path: Path,
    usb: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Hà and Bình, each on a computer of the office's database server, both send the commune a bundle
    no. 1: the commune's log names each clerk."""
    c, a, b = office
    c.sync.keys.trust(tmp_path / "office.ntmkey")
    for clerk, folder in ((a, "ha"), (b, "binh")):
        (usb / folder).mkdir()
        [outcome] = c.sync.import_bundles([clerk.sync.export_reverse(usb / folder, "01234").path]).outcomes
        assert outcome.status == "imported", outcome.message

    assert main(["--db", str(c.path), "bundle", "log", "--received", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert sorted((e["signer"], e["device"], e["sequence"]) for e in got) == sorted(
        [(HA, a.device_id, 1), (BINH, b.device_id, 1)]
    )
    assert main(["--db", str(c.path), "bundle", "log", "--received"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    for clerk, name in ((a, HA), (b, BINH)):  # the number says which computer, as the Sync page's does
        assert any(name in row and f"1 · máy {clerk.device_id[:8]}" in row for row in rows), rows


def test_the_national_office_sees_which_clerk_sent_a_roll_up_and_the_page_fits(qtbot, tmp_path: Path) -> None:
    """A province office with an office key sends its roll-up from Hà's certified computer: the national
    office's history names her; every row there is received, so the page shows no "Gửi/nhận" column and
    the content still fits 1366×768."""
    with province_and_national(tmp_path) as o:
        office = o.province.office
        office.sync.office.create(SECRET)
        office.sync.office.certify(SECRET, HA)
        office.sync.office.export(tmp_path / "office.ntmkey")
        o.national.sync.keys.trust(tmp_path / "office.ntmkey")
        [outcome] = o.national.sync.import_bundles(
            [rolled_up(office, tmp_path / "to-national", 2025)]
        ).outcomes
        assert outcome.status == "imported", outcome.message
        ctx, errors = context(o.national, tmp_path)
        window = open_window(ctx, 2025, PROVINCES_PAGE, size=USABLE)
        qtbot.addWidget(window)
        at = next(i for i in range(len(window.slots)) if isinstance(window.page(i), SyncPage))
        window.go_to(at)
        sync = window.page(at)
        assert isinstance(sync, SyncPage)
        settle(qtbot, ctx, lambda: sync.history.rows() != [])

        rows = sync.history.rows()
        assert [(r[2], r[SENDER]) for r in rows if r[2] == "Báo cáo tổng hợp"] == [("Báo cáo tổng hợp", HA)]
        assert {r[SENDER] for r in rows if r[2] == "Gói dữ liệu"} == {""}  # the communes' own, carried
        assert sync.history.table.isColumnHidden(DIRECTION)
        assert not sync.history.direction.isVisible()  # nor "Chỉ đã gửi", which would show nothing
        assert not sync.history.table.isColumnHidden(SENDER)
        cut = [p for p in cut_off(window) if "QTableView" in p]  # the app's own check (test_ui_fits.py)
        assert cut == []  # no column of the history cut short at 1366×768
        window.grab().save(str(tmp_path / "national-history.png"))  # looked at while writing this
        ctx.tasks.wait()
        assert not errors


def test_before_importing_the_commune_sees_which_clerk_signed_the_bundle(
    qtbot, offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _clerk_sent_back(offices)
    dialog = PreviewDialog([Inspected(offices.commune.sync.inspect(path))])
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == f"Gói phản hồi số 1 ({HA}) của tỉnh Thái Nguyên (19)"
    listed = dialog.list.model()
    headings = [listed.headerData(c, Qt.Orientation.Horizontal) for c in range(listed.columnCount())]
    assert headings[:2] == ["Đơn vị gửi", "Gói"]  # the unit; "Người gửi" is a person, as in the history
    assert listed.index(0, 1).data() == f"Gói phản hồi số 1 ({HA})"

    assert main(["--db", str(offices.commune.path), "bundle", "inspect", str(path)]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith(f"Gói số 1 ({HA}) do tỉnh Thái Nguyên (19) gửi cho ")
    )
    assert main(["--db", str(offices.commune.path), "bundle", "inspect", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sender"]["clerk"] == HA
