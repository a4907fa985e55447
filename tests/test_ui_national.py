"""The national office's GUI (#14): "Các tỉnh" lists every province — the communes each one's roll-up
brought, how many reported, were approved and recognised, the help they received in Vietnamese money, and
when its last roll-up arrived (Vietnam time) — and says which provinces have sent nothing. A roll-up
imported on the Sync page shows there at once; double-click or Enter opens the province's communes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ntm_desktop.core import vntime
from ntm_desktop.core.units import PROVINCES
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.receiver.communes_model import AMENDMENTS, STATUS
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.receiver.dialogs import StatusHistoryDialog
from ntm_desktop.ui.pages.receiver.provinces_page import ProvincesPage
from ntm_desktop.ui.pages.receiver.record_page import RecordPage
from ntm_desktop.ui.pages.registry import COMMUNES_PAGE, PROVINCES_PAGE
from ntm_desktop.ui.pages.sync.jobs import Chosen, Inspected
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog, default_choice
from ntm_desktop.ui.testing import open_window
from ntm_desktop.workspace import Workspace
from tests.helpers.national import province_and_national, rolled_up, spread
from tests.helpers.receiver import Province
from tests.helpers.ui_sync import Errors, context, settle

YEAR = 2025
SHOTS = Path("/tmp/ntm-national-shots")


@dataclass
class National:
    province: Province
    ws: Workspace
    ctx: AppContext
    errors: Errors
    sent: Path


@pytest.fixture
def national(tmp_path: Path) -> Iterator[National]:
    with province_and_national(tmp_path) as o:
        r = o.province.office.receiver
        r.set_status("01234", YEAR, "reviewed")
        r.set_status("01234", YEAR, "approved")
        r.recognise("01234", YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
        sent = rolled_up(o.province.office, tmp_path / "to-national", YEAR)
        ctx, errors = context(o.national, tmp_path)
        yield National(o.province, o.national, ctx, errors, sent)
        ctx.tasks.wait()


class TrustAndImport:
    """Stands in for the preview dialog: the clerk presses "Trust this key" (after the phone call to the
    province), then "Import"; what it was shown is kept."""

    def __init__(self) -> None:
        self.shown: list[Inspected] = []

    def __call__(self, parent: QWidget | None, found: Sequence[Inspected]) -> list[Chosen]:
        self.shown += found
        return default_choice(found, {i.preview.sender.unit_code for i in found if i.needs_trust})


def provinces_page(qtbot, n: National) -> tuple[MainWindow, ProvincesPage]:
    window = open_window(n.ctx, YEAR, PROVINCES_PAGE)
    qtbot.addWidget(window)
    page = window.current_page()
    assert isinstance(page, ProvincesPage)
    settle(qtbot, n.ctx, lambda: page.rows is not None)
    return window, page


def row_of(page: ProvincesPage, code: str) -> list[str]:
    return next(r for r in page.table.texts() if r[0] == code)


def test_a_roll_up_imported_on_the_sync_page_shows_on_the_provinces_page(
    qtbot, national: National, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = provinces_page(qtbot, national)
    assert window.nav.item(PROVINCES_PAGE).text() == "Các tỉnh"
    assert len(page.table.texts()) == len(PROVINCES)  # every province, none has sent anything yet
    assert row_of(page, "19") == ["19", "Thái Nguyên", "0", "0", "0", "0", "0 đồng", "Chưa gửi"]
    assert page.sent.value.text() == f"0/{len(PROVINCES)}"
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "cac-tinh-truoc.png"))

    sync = next(window.page(i) for i in range(len(window.slots)) if isinstance(window.page(i), SyncPage))
    assert isinstance(sync, SyncPage)
    preview = TrustAndImport()
    monkeypatch.setattr(PreviewDialog, "ask", staticmethod(preview))
    sync.take_files([national.sent])
    settle(qtbot, national.ctx, lambda: national.ws.receiver.units(YEAR) != [])
    [seen] = preview.shown
    assert seen.preview.kind == "rollup" and seen.needs_trust
    assert seen.preview.rollup is not None and seen.preview.rollup.carried == 3
    # the Sync page speaks of provinces and roll-ups here, and its history says what the roll-up carried
    settle(qtbot, national.ctx, lambda: "tổng hợp của các tỉnh" in sync.subtitle.text())
    assert (
        sync.subtitle.text()
        == "Văn phòng Điều phối nông thôn mới Trung ương nhận báo cáo tổng hợp của các tỉnh"
    )
    assert sync.drop_label.text() == "Kéo thả các gói tổng hợp (.ntmsync) của tỉnh vào đây"
    shown = [w.text() for w in sync.findChildren(QLabel)]
    assert not [t for t in shown if "tỉnh 00" in t]  # the key card names the national office as such
    assert [t for t in shown if t.startswith("Văn phòng Điều phối nông thôn mới Trung ương · máy")], shown

    window.page(PROVINCES_PAGE)  # back on the page, refreshed by the import's announcement alone
    settle(qtbot, national.ctx, lambda: row_of(page, "19")[2] == "4")
    own_help = sum(c.help.totals(HelpFilter(year=YEAR)).value_vnd for c in national.province.communes)
    money = f"{own_help:,}".replace(",", ".") + " đồng"
    code, name, units, reported, approved, recognised, helped, last = row_of(page, "19")
    assert (code, name, units, reported, approved, recognised, helped) == (
        "19", "Thái Nguyên", "4", "3", "1", "1", money,
    )  # fmt: skip
    [arrived] = [e for e in national.ws.sync.log() if e.kind == "rollup"]
    assert last == vntime.format_vn(arrived.logged_at, seconds=False, offset=False)  # "03/12/2026 09:30"
    assert page.help_value.note.text() == f"{money} · năm {YEAR}"  # the exact sum under its rounded figure
    assert page.sent.value.text() == f"1/{len(PROVINCES)}"
    assert "Cao Bằng" in page.waiting.text() and "Thái Nguyên" not in page.waiting.text()
    window.grab().save(str(SHOTS / "cac-tinh-sau-khi-nhap.png"))
    page.missing.setChecked(True)  # only those that have sent nothing
    assert len(page.table.texts()) == len(PROVINCES) - 1 and "19" not in [r[0] for r in page.table.texts()]
    assert not national.errors


def test_enter_or_double_click_opens_the_province_s_communes(
    qtbot, qtmodeltester, national: National
) -> None:
    national.ws.sync.import_bundles([national.sent], trust_on_first_use=True)
    window, page = provinces_page(qtbot, national)
    qtmodeltester.check(page.table.rows_model)
    qtmodeltester.check(page.filter)
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # most communes first
    assert page.table.texts()[0][0] == "19"
    page.table.setCurrentIndex(page.table.proxy.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    settle(qtbot, national.ctx, lambda: communes.loaded)
    shown = [communes.proxy.index(r, 0).data() for r in range(communes.proxy.rowCount())]
    assert sorted(shown) == ["01234", "01240", "01252", "01267"]
    assert communes.province_button.isVisible() and communes.province_button.text() == "Tỉnh: Thái Nguyên ✕"
    window.grab().save(str(SHOTS / "cac-xa-cua-tinh.png"))
    communes.province_button.click()
    assert not communes.province_button.isVisible()

    window.page(PROVINCES_PAGE)
    index = page.table.proxy.index(0, 1)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # the press…
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # …made double
    assert window.current_page() is communes and communes.province_button.isVisible()
    assert not national.errors


def test_the_national_office_s_communes_page_leaves_sign_off_to_the_province(
    qtbot, national: National
) -> None:
    """No review, approve, return or amendment buttons at the national level (the core refuses them:
    tests/test_national_signoff.py); one line says why. Opening a record and merges stay."""
    national.ws.sync.import_bundles([national.sent], trust_on_first_use=True)
    window = open_window(national.ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(window)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    settle(qtbot, national.ctx, lambda: communes.loaded)
    assert communes.select("01234")
    for button in (
        communes.reviewed_button,
        communes.approve_button,
        communes.return_button,
        communes.amendments_button,
        communes.expect_button,  # each province's list of expected communes comes in its roll-up
    ):
        assert not button.isVisible()
    assert communes.province_decides.isVisible()
    assert communes.province_decides.text() == (
        "Tỉnh xem xét và phê duyệt các xã của tỉnh; quyết định của tỉnh đến cùng báo cáo tổng hợp."
    )
    assert communes.view_button.isVisible() and communes.view_button.isEnabled()
    assert communes.merge_button.isVisible()
    status = communes.proxy.index(communes.table.currentIndex().row(), STATUS).data()
    assert status.startswith("Đã phê duyệt")  # the province's decision, as its roll-up brought it
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "cac-xa-trung-uong.png"))
    communes.view_button.click()  # the record: nor a recognition nor a correction request here
    record = window.current_page()
    assert isinstance(record, RecordPage)
    settle(qtbot, national.ctx, lambda: record.data is not None and record.data.view.code == "01234")
    assert not record.recognise_button.isVisible() and not record.request_button.isVisible()
    window.grab().save(str(SHOTS / "ho-so-xa-trung-uong.png"))
    assert not national.errors


def test_a_province_s_communes_page_still_signs_off(qtbot, national: National) -> None:
    ctx, _ = context(national.province.office, national.ws.path.parent / "tinh-ui")
    window = open_window(ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(window)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    settle(qtbot, ctx, lambda: communes.loaded)
    for button in (communes.reviewed_button, communes.approve_button, communes.return_button):
        assert button.isVisible()
    assert not communes.province_decides.isVisible()
    ctx.tasks.wait()


def test_the_national_office_s_status_history_shows_every_step_of_the_province(
    qtbot, national: National, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year the province approved and recognised, reopened and returned, then approved again: the national
    office's "Status history" lists each step the province took, in Vietnam time, not only the last state,
    and the recognition decision among them when the province recorded it (the roll-up carries it, format
    2.4), not when the roll-up arrived here."""
    office = national.province.office.receiver
    office.set_status("01234", YEAR, "returned", reason="Thiếu minh chứng tiêu chí 2")
    office.set_status("01234", YEAR, "reviewed")
    office.set_status("01234", YEAR, "approved")
    spread(national.province.office, "01234", YEAR, [2, 5, 12, 15, 20], recognised=8)
    again = rolled_up(national.province.office, national.sent.parent.parent / "again", YEAR)
    national.ws.sync.import_bundles([again], trust_on_first_use=True)
    shown: list[StatusHistoryDialog] = []
    monkeypatch.setattr(
        StatusHistoryDialog,
        "show_history",
        classmethod(lambda cls, parent, unit, year, changes: shown.append(cls(unit, year, changes, parent))),
    )
    window = open_window(national.ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(window)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    settle(qtbot, national.ctx, lambda: communes.loaded)
    assert communes.select("01234") and communes.history_button.isEnabled()
    communes.history_button.click()
    settle(qtbot, national.ctx, lambda: bool(shown))
    table = shown[0].table
    cells = table.texts()
    assert [row[2] for row in cells] == [
        "Đã xem xét", "Đã phê duyệt",
        "Công nhận đạt chuẩn nông thôn mới — Quyết định số 123/QĐ-UBND ngày 20/12/2025",
        "Trả lại để chỉnh sửa", "Đã xem xét", "Đã phê duyệt",
    ]  # fmt: skip
    assert cells[3][3] == "Thiếu minh chứng tiêu chí 2"
    assert [row[0] for row in cells] == [
        vntime.format_vn(h.at, seconds=False, offset=False) for h in office.status_history("01234", YEAR)
    ]  # Vietnam time, as the province's own list shows it
    assert cells[2][0] == "08/01/2026 09:00"
    shown[0].show()
    SHOTS.mkdir(exist_ok=True)
    shown[0].grab().save(str(SHOTS / "lich-su-trang-thai-trung-uong.png"))
    assert cut_off(shown[0]) == []  # the decision's line wraps: who recorded it is seen without scrolling
    assert table.rowHeight(3) == table.rowHeight(4) < table.rowHeight(2)  # the reason fits on one line
    assert not national.errors


def test_the_national_sync_page_sends_nothing_to_communes_and_names_the_roll_ups(
    qtbot, national: National
) -> None:
    """No "Gửi lại cho các xã" card and no correction requests tab (the province answers its communes;
    the core refuses it too); the history names which province's roll-up brought each commune's bundle
    instead of the file's checksum."""
    national.ws.sync.import_bundles([national.sent], trust_on_first_use=True)
    window = open_window(national.ctx, YEAR, PROVINCES_PAGE)
    qtbot.addWidget(window)
    sync = next(window.page(i) for i in range(len(window.slots)) if isinstance(window.page(i), SyncPage))
    assert isinstance(sync, SyncPage)
    window.resize(1366, 768)
    settle(qtbot, national.ctx, lambda: sync.history.rows() != [])
    assert sync.send_card.isHidden() and not sync.tabs.isTabVisible(2)
    shown = [w.text() for w in sync.findChildren(QLabel) if w.isVisibleTo(sync)]
    assert "Gửi lại cho các xã" not in shown
    rows = sync.history.rows()
    assert sorted((r[2], r[3], r[7]) for r in rows) == [
        ("Báo cáo tổng hợp", "19 · tỉnh Thái Nguyên", national.sent.name),
        ("Gói dữ liệu", "01234 · Xã Bằng Thành", "trong gói tổng hợp của tỉnh Thái Nguyên"),
        ("Gói dữ liệu", "01240 · Xã Nghiên Loan", "trong gói tổng hợp của tỉnh Thái Nguyên"),
        ("Gói dữ liệu", "01252 · Xã Cổ Linh", "trong gói tổng hợp của tỉnh Thái Nguyên"),
    ]
    model = sync.history.proxy
    tip = model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(national.sent.name + " · ")  # the file the clerk took in
    table = sync.history.table
    wanted = table.fontMetrics().horizontalAdvance("trong gói tổng hợp của tỉnh Thái Nguyên") + 12
    assert table.columnWidth(7) >= wanted  # the province the cell names is read, not cut
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "dong-bo-trung-uong.png"))
    assert not national.errors


def _tree_rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[list[str]]:
    parent = parent or QModelIndex()
    rows = []
    for r in range(model.rowCount(parent)):
        rows.append([str(model.index(r, c, parent).data() or "") for c in range(model.columnCount(parent))])
        rows += _tree_rows(model, model.index(r, 0, parent))
    return rows


def test_a_change_the_province_has_not_decided_waits_at_the_national_office_too(
    qtbot, national: National, tmp_path: Path
) -> None:
    """The commune sent 2.1 = 92 % for its approved 2025; the province holds it as an amendment request.
    The national office's record shows 2.1 as the province approved it, and its communes list counts the
    request under "Điều chỉnh" (no button: the province decides)."""
    office, commune = national.province.office, national.province.communes[0]
    commune.progress.record(YEAR, indicator="2.1", value="92")
    office.sync.import_bundles([commune.sync.export(national.province.usb).path])
    later = rolled_up(office, tmp_path / "later", YEAR)
    national.ws.sync.import_bundles([later], trust_on_first_use=True)
    window = open_window(national.ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(window)
    communes = window.current_page()
    assert isinstance(communes, CommunesPage)
    settle(qtbot, national.ctx, lambda: communes.loaded)
    assert communes.select("01234")
    row = communes.table.currentIndex().row()
    assert communes.proxy.index(row, AMENDMENTS).data() == "1"
    assert communes.proxy.headerData(AMENDMENTS, Qt.Orientation.Horizontal) == "Điều chỉnh"
    assert communes.proxy.headerData(AMENDMENTS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Thay đổi xã gửi cho năm đã được phê duyệt, đang chờ tỉnh quyết định; "
        "số liệu hiển thị là số liệu đã phê duyệt"
    )
    assert not communes.amendments_button.isVisible()
    communes.view_button.click()
    record = window.current_page()
    assert isinstance(record, RecordPage)
    settle(qtbot, national.ctx, lambda: record.data is not None and record.data.view.code == "01234")
    record.tree.expandAll()
    [shown] = [r for r in _tree_rows(record.model) if r[0].startswith("2.1")]
    assert shown[2:4] == ["85%", "Đạt"]  # as the province approved it, not the commune's newer 92 %
    status = record.status.text()
    assert "Đã phê duyệt" in status and "1 thay đổi cho năm đã phê duyệt đang chờ tỉnh quyết định" in status
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "ho-so-xa-cho-tinh-quyet-dinh.png"))
    assert not national.errors


def test_a_commune_s_own_bundle_dropped_at_the_national_office_is_said_to_be_the_province_s(
    qtbot, national: National, tmp_path: Path
) -> None:
    """A commune's bundle, addressed to its province, dropped on the national office's Sync page: the
    preview says it is addressed to the province, the reason that stays once the key is trusted, not only
    "phone the unit and trust its key" (trusting it would change nothing; the QA walk saw only that)."""
    from ntm_desktop.ui.pages.sync.jobs import inspect_files

    bundle = national.province.communes[0].sync.export(tmp_path, full=True).path
    found = inspect_files(national.ws, [bundle], lambda *_: None).found
    dialog = PreviewDialog(list(found))
    qtbot.addWidget(dialog)
    dialog.show()
    said = dialog.refusal.text() + dialog.trust_message.text() * dialog.trust_message.isVisible()
    assert "Gói này gửi cho tỉnh Thái Nguyên (19), không phải cho đơn vị này — Trung ương." in said, said
    assert "gọi điện" not in said
    assert not dialog.trust_button.isVisible() and not dialog.apply_button.isEnabled()
    assert default_choice(dialog.found) == []
