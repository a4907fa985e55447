"""The province's answer where the officer looks: the commune takes in the bundle sent back (Sync page,
through its preview), and the overview shows at once how each year stands, the reason in full, what to
correct, and a button that opens that record; an approval shows as approved."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from ntm_desktop.services.overview import figures_from_json, figures_to_json, load_figures
from ntm_desktop.ui.first_page import preview_page
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.help.section import HelpSection
from ntm_desktop.ui.pages.help.table_model import TITLE
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.pages.registry import SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.ui.testing import open_window
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
    assert sync.corrections.table.item(0, 2).text() == f"Hỗ trợ đã nhận · {road.date:%d/%m/%Y} · {road.title}"
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
