"""The province's answer where the officer looks: the commune takes in the bundle sent back (Sync page,
through its preview), and the overview shows at once how each year stands, the reason in full, what to
correct, and a button that opens that record; an approval shows as approved."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ntm_desktop.services.overview import figures_from_json, figures_to_json, load_figures
from ntm_desktop.ui.first_page import preview_page
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.help.section import HelpSection
from ntm_desktop.ui.pages.help.table_model import TITLE
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.receiver.return_dialog import ReturnForm
from ntm_desktop.ui.pages.registry import COMMUNES_PAGE, SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.ui.testing import open_page, open_window
from tests.helpers.sync import trust
from tests.helpers.ui_help import when_modal
from tests.helpers.ui_sync import YEAR, Offices, offices, settle

__all__ = ["offices"]  # the fixture

REASON = (
    "Hỗ trợ “Bê tông hóa đường vào trường Tiểu học Bằng Thành II” thiếu giá trị quy ra tiền của ngày công; "
    "đề nghị xã bổ sung biên bản nghiệm thu và ghi rõ số ngày công trước ngày 15/12."
)


def take_in(qtbot, window: MainWindow, offices: Offices, bundle: Path) -> None:
    """On the commune's Sync page: choose the file, look at the preview, import."""
    page = window.page(SYNC_PAGE)
    assert isinstance(page, SyncPage)
    settle(qtbot, offices.commune_ctx, lambda: page.loaded)

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, PreviewDialog)
        dialog.apply_button.click()

    when_modal(accept)
    page.take_files([bundle])
    settle(qtbot, offices.commune_ctx, lambda: "Đã nhập 1 gói" in page.result.text())


def test_a_returned_year_shows_on_the_overview_with_its_reason_and_opens_the_record(
    qtbot, offices: Offices
) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    (road,) = c.help.list()
    p.actor = "Trần Văn B"
    p.receiver.set_status(c.unit.home().code, YEAR, "returned", REASON, record=("help", road.record_id))
    bundle = p.sync.export_reverse(offices.usb, c.unit.home().code).path
    window = open_window(offices.commune_ctx, YEAR)
    qtbot.addWidget(window)
    overview = window.current_page()
    assert isinstance(overview, OverviewPage) and not overview.answer.isVisible()

    take_in(qtbot, window, offices, bundle)
    sync = window.current_page()
    assert isinstance(sync, SyncPage)  # the request names the record in words, not by its internal id
    assert sync.corrections.table.texts()[0][2] == f"Hỗ trợ đã nhận · {road.date:%d/%m/%Y} · {road.title}"
    window.go_to(0)

    card = overview.answer
    assert card.isVisible()
    assert "2025: " in card.years.text() and "Trả lại để chỉnh sửa" in card.years.text()
    assert "Trần Văn B" in card.status.text()
    assert card.reason.text() == f"Lý do: {REASON}"  # in full, not cut
    assert card.what.text() == f"Cần sửa: {road.date:%d/%m/%Y} · {road.title}"
    card.open_button.click()
    page = window.current_page()
    assert isinstance(page, HelpSection)
    settle(qtbot, offices.commune_ctx, lambda: page.ledger.current_uid() == road.uid)
    assert page.ledger.model.index(page.ledger.table.currentIndex().row(), TITLE).data() == road.title
    assert not offices.commune_errors


def test_an_approved_year_shows_as_approved(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    code = c.unit.home().code
    p.receiver.set_status(code, YEAR, "reviewed")
    p.receiver.set_status(code, YEAR, "approved")
    window = open_window(offices.commune_ctx, YEAR)
    qtbot.addWidget(window)
    take_in(qtbot, window, offices, p.sync.export_reverse(offices.usb, code).path)
    overview = window.page(0)
    assert isinstance(overview, OverviewPage)
    assert "Đã phê duyệt" in overview.answer.status.text()
    assert not overview.answer.reason.isVisible() and not overview.answer.open_button.isVisible()
    shown = [w.text() for w in overview.answer.findChildren(QLabel) if not w.isHidden()]
    assert " ".join(shown).count("Đã phê duyệt") == 1, shown  # "2025: Đã phê duyệt" was said twice
    assert not offices.commune_errors


def test_the_start_up_snapshot_shows_the_answer_before_the_data_file_opens(qtbot, offices: Offices) -> None:
    """The figures kept at closing carry the answer: the first page shows it, reason and record named, as
    plain JSON read back without the data layer; the record opens once the data file is open."""
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    (road,) = c.help.list()
    p.actor = "Trần Văn B"
    p.receiver.set_status(c.unit.home().code, YEAR, "returned", REASON, record=("help", road.record_id))
    c.sync.import_bundles([p.sync.export_reverse(offices.usb, c.unit.home().code).path])
    kept = figures_from_json(json.loads(json.dumps(figures_to_json(load_figures(c, YEAR)))))
    assert kept is not None
    parent = QWidget()
    qtbot.addWidget(parent)
    page = preview_page(kept, parent)
    qtbot.addWidget(page)
    card = page.answer
    assert not card.isHidden()
    assert "Trả lại để chỉnh sửa" in card.years.text() and "Trần Văn B" in card.status.text()
    assert card.reason.text() == f"Lý do: {REASON}"
    assert card.what.text() == f"Cần sửa: {road.date:%d/%m/%Y} · {road.title}"
    assert card.open_button.isHidden()  # nothing to open before the data file is


def test_a_year_returned_for_one_indicator_from_the_communes_list_names_it_on_the_commune_overview(
    qtbot, offices: Offices
) -> None:
    """The clerk picks the indicator in the return form (code and name, the commune's own of that year);
    the commune's overview then names that indicator, not the year's first assessment."""
    c, p = offices.commune, offices.province
    c.progress.record(YEAR, indicator="17.1", value=Decimal("62"))
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    code = c.unit.home().code
    communes = open_page(offices.province_ctx, YEAR, COMMUNES_PAGE)
    qtbot.addWidget(communes.window())
    assert isinstance(communes, CommunesPage)
    settle(qtbot, offices.province_ctx, lambda: communes.loaded)
    offered: list[str] = []

    def return_for_17_1(dialog: QDialog) -> None:
        assert isinstance(dialog, ReturnForm)
        box = dialog.indicator
        offered.extend(box.itemText(i) for i in range(box.count()))
        box.setCurrentIndex(box.findText("17.1", Qt.MatchFlag.MatchStartsWith))
        dialog.reason.setPlainText("Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch")
        dialog.ok.click()

    assert communes.select(code)
    when_modal(return_for_17_1)
    communes.return_button.click()
    settle(qtbot, offices.province_ctx, lambda: bool(p.sync.corrections()))
    assert offered[0] == "Cả năm (không chọn chỉ tiêu cụ thể)"
    assert "1 · Quy hoạch" in offered  # a criterion judged as a whole, with its name
    water = "17.1 · Tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn (trong đó: từ hệ thống cấp nước tập trung)"
    assert offered.index(water) == offered.index("16 · Văn hóa") + 1  # in the set's order
    assert not any(o.startswith("17 · ") for o in offered)  # assessed by its indicator, offered by it
    (asked,) = p.sync.corrections()
    (water_row,) = [a for a in p.progress.assessments(YEAR, unit_code=code) if a.indicator == "17.1"]
    assert asked.record_id == water_row.record_id

    window = open_window(offices.commune_ctx, YEAR)
    qtbot.addWidget(window)
    take_in(qtbot, window, offices, p.sync.export_reverse(offices.usb, code).path)
    window.go_to(0)
    overview = window.current_page()
    assert isinstance(overview, OverviewPage)
    assert overview.answer.what.text() == f"Cần sửa: {YEAR} · chỉ tiêu 17.1"
    assert overview.answer.reason.text() == "Lý do: Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch"
    assert not offices.commune_errors and not offices.province_errors
