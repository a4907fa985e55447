"""The receiving office's pages: the communes list (with its real model, filters and sign-off), one commune's
record read-only, help across communes, cadres and outcomes, charts, and the window a receiver gets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.receiver.cadres_page import CadresPage
from ntm_desktop.ui.pages.receiver.charts_page import ChartsPage
from ntm_desktop.ui.pages.receiver.communes_model import BUNDLE, CODE, CRITERIA, NAME, STATUS
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.receiver.dialogs import ApproveConfirm, ReasonDialog
from ntm_desktop.ui.pages.receiver.help_page import HelpAcrossPage
from ntm_desktop.ui.pages.receiver.record_page import RecordPage
from ntm_desktop.ui.pages.receiver.return_dialog import ReturnDialog, Returning
from ntm_desktop.ui.pages.registry import CADRES_PAGE, CHARTS_PAGE, COMMUNES_PAGE, HELP_SUMMARY_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs, open_page
from tests.helpers.sync import COMMUNE, OTHER, commune, supporter, trust
from tests.helpers.ui_help import when_modal
from tests.helpers.ui_sync import YEAR, Offices, offices, record_a_little, settle

__all__ = ["offices"]  # the fixture

SUMMARY = (
    "2/3 xã đã báo cáo · 0 xã đã phê duyệt · 0 xã tự đánh giá đạt tất cả tiêu chí · "
    "0 xã đã có quyết định công nhận"
)


def province_with(offices: Offices, tmp_path: Path) -> None:
    """The province holds 01234's bundle (17/19 met) and 05678's (12/19), and expects a third commune."""
    c, p = offices.commune, offices.province
    other = commune(tmp_path, "other", OTHER)
    record_a_little(other, met=12)
    for ws in (c, other):
        trust(ws, p)
        p.sync.import_bundles([ws.sync.export(offices.usb).path])
    other.close()
    p.settings.set("receiver_province_code", "19")
    csv = tmp_path / "expected.csv"
    csv.write_text("code,name\n01249,Xã Tân Lập\n", encoding="utf-8")
    p.receiver.expect_units_file(csv)


def open_receiver_page(qtbot, offices: Offices, index: int) -> Page:
    """A page of the province office's main window, built and wired by the window."""
    page = open_page(offices.province_ctx, YEAR, index)
    qtbot.addWidget(page.window())
    return page


def open_communes(qtbot, offices: Offices) -> CommunesPage:
    page = open_receiver_page(qtbot, offices, COMMUNES_PAGE)
    assert isinstance(page, CommunesPage)
    settle(qtbot, offices.province_ctx, lambda: page.loaded)
    return page


def shown(page: CommunesPage) -> list[list[str]]:
    p = page.proxy
    return [
        [str(p.index(r, c).data() or "") for c in (CODE, NAME, CRITERIA, STATUS)] for r in range(p.rowCount())
    ]


def test_the_communes_list_shows_criteria_met_and_status_and_filters(
    qtbot, qtmodeltester, offices: Offices, tmp_path: Path
) -> None:
    province_with(offices, tmp_path)
    page = open_communes(qtbot, offices)

    assert shown(page) == [
        ["01234", COMMUNE.name, "17/19", "Đã nhận"],
        ["01249", "Xã Tân Lập", "—", "Chưa báo cáo"],
        ["05678", OTHER.name, "12/19", "Đã nhận"],
    ]
    assert page.summary.text() == SUMMARY
    assert page.proxy.index(0, BUNDLE).data().startswith("gói số 1, ")
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)

    page.search.setText("quan binh")  # without accents
    assert [r[0] for r in shown(page)] == ["05678"]
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findText("Chưa báo cáo"))
    assert [r[0] for r in shown(page)] == ["01249"]
    page.status_filter.setCurrentIndex(0)
    page.table.sortByColumn(CRITERIA, Qt.SortOrder.DescendingOrder)
    assert [r[0] for r in shown(page)] == ["01234", "05678", "01249"]
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)  # Vietnamese order: Bằng, Quân, Tân
    assert [r[1] for r in shown(page)] == [COMMUNE.name, OTHER.name, "Xã Tân Lập"]
    assert not offices.province_errors


def test_reviewing_approving_and_returning_with_a_reason_change_the_status_shown(
    qtbot, offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province_with(offices, tmp_path)
    page = open_communes(qtbot, offices)
    ctx = offices.province_ctx
    approvals: list[str] = []
    monkeypatch.setattr(
        ApproveConfirm, "ask", staticmethod(lambda parent, unit, year: approvals.append(unit.code) or True)
    )
    monkeypatch.setattr(
        ReturnDialog,
        "ask",
        staticmethod(lambda parent, unit, year, choices: Returning("Tiêu chí 17: thiếu biên bản", None)),
    )
    assert page.select("01234")
    assert page.reviewed_button.isEnabled() and not page.approve_button.isEnabled()

    page.reviewed_button.click()
    settle(qtbot, ctx, lambda: shown(page)[0][3] == "Đã xem xét")
    assert page.select("01234") and page.approve_button.isEnabled()
    page.approve_button.click()
    settle(qtbot, ctx, lambda: shown(page)[0][3] == "Đã phê duyệt")
    assert approvals == ["01234"]
    page.select("01234")
    page.return_button.click()
    settle(qtbot, ctx, lambda: shown(page)[0][3] == "Trả lại để chỉnh sửa")

    history = offices.province.receiver.status_history("01234", YEAR)
    assert [(h.to_status, h.reason) for h in history] == [
        ("reviewed", ""),
        ("approved", ""),
        ("returned", "Tiêu chí 17: thiếu biên bản"),
    ]
    assert page.proxy.index(0, 7).data() == "1"  # the correction request that goes to the commune
    assert not offices.province_errors


def test_returning_through_the_reason_form_shows_the_status_and_the_count_at_once(
    qtbot, offices: Offices, tmp_path: Path
) -> None:
    province_with(offices, tmp_path)
    page = open_communes(qtbot, offices)
    ctx = offices.province_ctx
    assert page.select("05678")

    def give_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.ok.click()  # an empty reason is refused at the field
        assert dialog.message.message == "Hãy ghi rõ xã cần chỉnh sửa nội dung gì."
        dialog.reason.setPlainText("Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch")
        dialog.ok.click()

    when_modal(give_reason)
    page.return_button.click()
    settle(qtbot, ctx, lambda: dict((r[0], r[3]) for r in shown(page))["05678"] == "Trả lại để chỉnh sửa")
    assert page.summary.text() == SUMMARY
    assert [h.reason for h in offices.province.receiver.status_history("05678", YEAR)] == [
        "Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch"
    ]
    assert not offices.province_errors


def test_a_commune_that_has_not_reported_cannot_be_signed_off(
    qtbot, offices: Offices, tmp_path: Path
) -> None:
    province_with(offices, tmp_path)
    page = open_communes(qtbot, offices)
    page.select("01249")
    assert page.view_button.isEnabled()
    assert not any(b.isEnabled() for b in (page.reviewed_button, page.approve_button, page.return_button))


def test_opening_a_commune_shows_its_record_read_only(qtbot, offices: Offices, tmp_path: Path) -> None:
    province_with(offices, tmp_path)
    page = open_communes(qtbot, offices)
    page.select("05678")
    page.view_button.click()
    window = page.window()
    assert isinstance(window, MainWindow)
    record = window.current_page()
    assert isinstance(record, RecordPage)  # the window went to the commune's record
    ctx = offices.province_ctx
    settle(qtbot, ctx, lambda: record.data is not None)

    assert record.title.text() == OTHER.name
    assert record.count.text() == "12/19 tiêu chí đạt"
    assert "Đã nhận" in record.status.text()
    assert "1 lượt hỗ trợ" in record.help_box.text() and "40.000.000 đ" in record.help_box.text()
    assert record.model.rowCount() == 19
    assert not record.tree.editTriggers() & record.tree.EditTrigger.DoubleClicked
    assert not offices.province_errors


def test_help_across_communes_in_vietnamese_numbers(qtbot, offices: Offices, tmp_path: Path) -> None:
    province_with(offices, tmp_path)
    ctx = offices.province_ctx
    page = open_receiver_page(qtbot, offices, HELP_SUMMARY_PAGE)
    assert isinstance(page, HelpAcrossPage)
    settle(qtbot, ctx, lambda: page.summary is not None)

    assert page.records.value.text() == "2"
    assert page.value.value.text() == "80 triệu đồng" and page.value.note.text() == "80.000.000 đ"
    assert page.by_kind.texts() == [["Tiền mặt", "80.000.000 đồng", "80.000.000 đ"]]
    assert page.by_supporter.texts() == [
        ["Sở Nội vụ tỉnh Bắc Kạn", "Cơ quan, đơn vị", "2", "2", "80.000.000 đ", "80.000.000 đ"]
    ]
    assert [r[1] for r in page.by_unit.texts()] == [COMMUNE.name, OTHER.name, "Xã Tân Lập"]
    page.search.setText("tan lap")
    assert [r[1] for r in page.by_unit.texts()] == ["Xã Tân Lập"]


def test_help_across_communes_says_why_it_is_empty(qtbot, offices: Offices) -> None:
    page = open_receiver_page(qtbot, offices, HELP_SUMMARY_PAGE)
    assert isinstance(page, HelpAcrossPage)
    settle(qtbot, offices.province_ctx, lambda: page.summary is not None)

    assert page.by_kind.texts() == []
    assert not page.items_line.isHidden()  # an empty table and zeros said nothing
    assert page.items_line.text() == (
        "Chưa có lượt hỗ trợ nào của các xã trong năm 2025: hỗ trợ đến cùng gói dữ liệu của các xã, "
        "nhập ở trang Đồng bộ."
    )


def test_help_by_criterion_names_each_criterion(qtbot, offices: Offices, tmp_path: Path) -> None:
    """The clerk reads "Tiêu chí 9: Nhà ở dân cư", not a bare "Tiêu chí 9", under the year's set."""
    c, p = offices.commune, offices.province
    cash = ItemDraft("cash", Decimal(60_000_000), "đồng", value_vnd=60_000_000)
    who = (supporter(c, "Ủy ban MTTQ tỉnh"),)
    draft = HelpDraft(date(YEAR, 7, 2), "Hỗ trợ xóa nhà tạm, nhà dột nát", who, (cash,), criteria=("9",))
    c.help.add(draft)
    trust(c, p)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    page = open_receiver_page(qtbot, offices, HELP_SUMMARY_PAGE)
    assert isinstance(page, HelpAcrossPage)
    settle(qtbot, offices.province_ctx, lambda: page.summary is not None)

    assert page.by_criterion.texts()[0][0] == "Tiêu chí 9: Nhà ở dân cư"
    assert not offices.province_errors


def test_help_nobody_valued_reads_not_converted_across_communes(qtbot, offices: Offices) -> None:
    """45 days of labour with no value put on them: "chưa quy đổi", as the commune's ledger says, not a
    value of "0" and a "—" beside 1 help record."""
    c, p = offices.commune, offices.province
    for record in c.help.list(HelpFilter(YEAR)):  # the fixture's 40.000.000 đ of cash
        c.help.remove(record.uid)
    labour = ItemDraft("labour", Decimal(45), "ngày công")
    c.help.add(HelpDraft(date(YEAR, 7, 2), "Làm đường thôn", (supporter(c, "Ủy ban MTTQ tỉnh"),), (labour,)))
    trust(c, p)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    page = open_receiver_page(qtbot, offices, HELP_SUMMARY_PAGE)
    assert isinstance(page, HelpAcrossPage)
    settle(qtbot, offices.province_ctx, lambda: page.summary is not None)

    assert (page.value.value.text(), page.value.note.text()) == (
        "chưa quy đổi",
        "Chưa ghi giá trị quy ra tiền cho các khoản hỗ trợ này",
    )
    assert page.by_unit.texts()[0][2:] == ["1", "chưa quy đổi", "—"]  # help records, value, cash
    assert page.by_supporter.texts()[0][4] == "chưa quy đổi"
    assert not offices.province_errors


def test_cadres_and_charts_pages_show_the_year(qtbot, offices: Offices, tmp_path: Path) -> None:
    province_with(offices, tmp_path)
    ctx = offices.province_ctx
    cadres = open_receiver_page(qtbot, offices, CADRES_PAGE)
    assert isinstance(cadres, CadresPage)
    charts = cadres.window().page(CHARTS_PAGE)
    assert isinstance(charts, ChartsPage)
    settle(qtbot, ctx, lambda: cadres.data is not None and charts.data is not None)

    assert cadres.with_cadres.value.text() == "0"
    assert cadres.others_standard.value.text() == "0/2"  # of 3 communes: 2 reported, 1 did not
    assert cadres.others_standard.note.text() == "0% trong 2 xã không có cán bộ tăng cường đã báo cáo"
    assert charts.distribution.counts[12] == 1 and charts.distribution.counts[17] == 1
    assert sum(charts.statuses.counts) == 3
    assert charts.supporters.values() == [80.0]
    assert not offices.province_errors


def test_a_receiving_workspace_opens_on_its_own_pages(
    qtbot, qapp: QApplication, offices: Offices, tmp_path: Path
) -> None:
    province_with(offices, tmp_path)
    path = offices.province.path
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    try:
        qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=10_000)
        w = startup.window
        assert [w.nav.item(i).text() for i in range(w.nav.count())] == [
            "Các xã",
            "Hồ sơ xã",
            "Tổng hợp hỗ trợ",
            "Cán bộ tăng cường",
            "Biểu đồ",
            "Báo cáo",
            "Đồng bộ",
            "Bộ tiêu chí",
            "Cài đặt",
        ]
        assert isinstance(w.current_page(), CommunesPage)
        assert w.profile_action.text() == "&Thông tin văn phòng…"  # the office's details, no commune's
        qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert isinstance(w.current_page(), HelpAcrossPage)
    finally:
        startup.window.close()
        startup.close()


def test_the_help_summary_speaks_english_in_english(
    qtbot, qapp: QApplication, offices: Offices, tmp_path: Path
) -> None:
    """The rounded figure on the cards follows the language (it read '80 triệu đồng' in the English window,
    while the terminal said 'million đồng'; found in the #14 acceptance walk)."""
    province_with(offices, tmp_path)
    apply_language(qapp, "en")
    try:
        page = open_receiver_page(qtbot, offices, HELP_SUMMARY_PAGE)
        assert isinstance(page, HelpAcrossPage)
        settle(qtbot, offices.province_ctx, lambda: page.summary is not None)
        assert page.value.value.text() == "80 million đồng" and page.value.note.text() == "80.000.000 đ"
    finally:
        apply_language(qapp, "vi")
