"""A clerk opens one commune's record, goes back to the communes and opens another: the record page shows
the second commune (it kept showing the first while its picker named the second)."""

from __future__ import annotations

from pathlib import Path

from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.pages.receiver.record_page import RecordPage
from ntm_desktop.ui.pages.registry import COMMUNES_PAGE
from tests.helpers.sync import COMMUNE, OTHER
from tests.helpers.ui_sync import Offices, offices, settle
from tests.test_ui_receiver import open_communes, province_with

__all__ = ["offices"]  # the fixture


def test_opening_a_second_commune_shows_its_record(qtbot, offices: Offices, tmp_path: Path) -> None:
    province_with(offices, tmp_path)
    ctx = offices.province_ctx
    communes = open_communes(qtbot, offices)
    window = communes.window()
    assert isinstance(window, MainWindow)
    communes.select(COMMUNE.code)
    communes.view_button.click()
    record = window.current_page()
    assert isinstance(record, RecordPage)
    settle(qtbot, ctx, lambda: record.data is not None and record.data.view.code == COMMUNE.code)

    window.go_to(COMMUNES_PAGE)
    communes.select(OTHER.code)
    communes.view_button.click()
    assert window.current_page() is record
    settle(qtbot, ctx, lambda: record.data is not None and record.data.view.code == OTHER.code)
    assert record.picker.currentData() == OTHER.code
    assert OTHER.name in record.title.text()
