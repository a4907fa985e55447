"""The province's recognition on the commune's overview: the commune takes in the bundle sent back (Sync
page, through its preview) and the overview says "Xã đạt chuẩn nông thôn mới năm 2025 — Quyết định số
123/QĐ-UBND ngày 20/12/2025"; once the province withdraws it, the next bundle takes the line away (the
data file keeps it, withdrawn, in its history)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from ntm_desktop.services.overview import figures_from_json, figures_to_json, load_figures
from ntm_desktop.ui.first_page import preview_page
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.pages.registry import SYNC_PAGE
from ntm_desktop.ui.pages.sync.page import SyncPage
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.ui.testing import open_window
from tests.helpers.sync import trust
from tests.helpers.ui_help import when_modal
from tests.helpers.ui_sync import YEAR, Offices, offices, settle
from tests.test_ui_overview_answer import take_in

__all__ = ["offices"]  # the fixture

LINE = "Xã đạt chuẩn nông thôn mới năm 2025 — Quyết định số 123/QĐ-UBND ngày 20/12/2025"


def preview_then_import(qtbot, window: MainWindow, offices: Offices, bundle: Path) -> list[list[str]]:
    """As ``take_in`` (the commune's Sync page, the preview, import), keeping the preview's counts."""
    page = window.page(SYNC_PAGE)
    assert isinstance(page, SyncPage)
    settle(qtbot, offices.commune_ctx, lambda: page.loaded)
    seen: list[list[str]] = []

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, PreviewDialog)
        table = dialog.counts
        seen.extend(table.texts())
        if os.environ.get("NTM_SCREENSHOTS"):
            dialog.grab().save(os.path.join(os.environ["NTM_SCREENSHOTS"], "preview-recognised.png"))
        dialog.apply_button.click()

    when_modal(accept)
    page.take_files([bundle])
    settle(qtbot, offices.commune_ctx, lambda: "Đã nhập 1 gói" in page.result.text())
    return seen


def approve(offices: Offices) -> str:
    c, p = offices.commune, offices.province
    trust(c, p)
    trust(p, c)
    p.sync.import_bundles([c.sync.export(offices.usb).path])
    code = c.unit.home().code
    p.receiver.set_status(code, YEAR, "reviewed")
    p.receiver.set_status(code, YEAR, "approved")
    return code


def test_a_recognition_shows_on_the_overview_and_a_withdrawal_takes_it_away(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    code = approve(offices)
    p.receiver.recognise(code, YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
    window = open_window(offices.commune_ctx, YEAR)
    qtbot.addWidget(window)
    overview = window.page(0)
    assert isinstance(overview, OverviewPage)

    seen = preview_then_import(qtbot, window, offices, p.sync.export_reverse(offices.usb, code).path)

    assert ["Quyết định công nhận", "1", "0", "0", "0"] in seen  # the preview says what comes in
    card = overview.answer
    assert LINE in card.recognised.text() and not card.recognised.isHidden()
    assert "Đã phê duyệt" in card.status.text()
    if os.environ.get("NTM_SCREENSHOTS"):
        window.go_to(0)
        window.grab().save(os.path.join(os.environ["NTM_SCREENSHOTS"], "overview-recognised.png"))
    overview.year_spin.setValue(YEAR - 1)  # another year: not recognised
    qtbot.waitUntil(lambda: card.recognised.isHidden())
    overview.year_spin.setValue(YEAR)
    qtbot.waitUntil(lambda: not card.recognised.isHidden())

    p.receiver.withdraw_recognition(code, YEAR, "ntm", reason="Ghi nhầm số quyết định")
    take_in(qtbot, window, offices, p.sync.export_reverse(offices.usb, code).path)

    assert card.recognised.isHidden() and "123/QĐ-UBND" not in card.recognised.text()
    assert "Đã phê duyệt" in card.status.text()  # the approval stands
    [kept] = c.sync.recognitions()
    assert kept.withdrawn and kept.reason == "Ghi nhầm số quyết định"
    assert not offices.commune_errors


def test_the_start_up_snapshot_shows_the_recognition(qtbot, offices: Offices) -> None:
    c, p = offices.commune, offices.province
    code = approve(offices)
    p.receiver.recognise(
        code, YEAR, decision="05/2025/QĐ-UBND", decided_on=date(2025, 12, 1), level="nang_cao"
    )
    c.sync.import_bundles([p.sync.export_reverse(offices.usb, code).path])
    kept = figures_from_json(json.loads(json.dumps(figures_to_json(load_figures(c, YEAR)))))
    assert kept is not None
    parent = QWidget()
    qtbot.addWidget(parent)
    page = preview_page(kept, parent)
    qtbot.addWidget(page)
    assert page.answer.recognised.text().count("Xã đạt chuẩn nông thôn mới nâng cao năm 2025") == 1
    assert "Quyết định số 05/2025/QĐ-UBND ngày 01/12/2025" in page.answer.recognised.text()
