"""Data files from the File menu: a new one set up through the wizard as a receiving unit (the same checks
as ``receiver setup``), back to the commune through the recent list with what was typed kept, another file
opened, and a folder that already holds a data file refused with a clear message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.ui.errors import open_dialogs
from ntm_desktop.ui.files import FileChoice, RecentFiles
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.overview import OverviewPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.ui.wizard import SetupWizard
from ntm_desktop.workspace import Workspace
from tests.helpers.ui_help import when_modal
from tests.helpers.units import BARE_UNIT


@pytest.fixture
def app(qtbot, qapp: QApplication, tmp_path: Path) -> Iterator[Startup]:
    path = tmp_path / "xa" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(BARE_UNIT)
    apply_language(qapp, "vi")
    started = Startup(qapp, path, make_prefs(tmp_path))
    started.start()
    qtbot.waitUntil(lambda: bool(started.window.pages))
    yield started
    for dialog in open_dialogs():
        dialog.close()
    if shiboken6.isValid(started.window):
        started.window.close()
    started.close()


def nav(app: Startup) -> list[str]:
    w = app.window
    return [w.nav.item(i).text() for i in range(w.nav.count())]


def set_up_office(wizard: QDialog) -> None:
    assert isinstance(wizard, SetupWizard) and wizard.role_page is not None
    wizard.role_page.buttons["office"].setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    office = wizard.office_page
    office.province.setCurrentIndex(office.province.findData("19"))
    office.signer.setText("Trần Văn B")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_new_file_set_up_as_a_receiving_unit_then_back_to_the_commune_from_the_recent_list(
    qtbot, app: Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = app.path
    assert app.year is not None
    app.year.set(2025)
    app.window.go_to(1)
    criteria = app.window.current_page()
    assert isinstance(criteria, CriteriaPage)
    criteria.select_code("3.1")
    qtbot.keyClicks(criteria.editor.value.line, "82,5")  # typed, not yet saved
    new_folder = tmp_path / "tinh"
    monkeypatch.setattr(FileChoice, "new_folder", staticmethod(lambda parent, start: new_folder))

    when_modal(set_up_office)
    trigger(app, "Tạo dữ liệu mới…")
    qtbot.waitUntil(lambda: bool(app.window.pages), timeout=20_000)

    assert app.path == (new_folder / "ntm.sqlite").resolve()
    assert nav(app)[0] == "Các xã"  # a receiving unit's pages
    assert str(app.path) in app.window.file_label.text()
    with Workspace.open(first) as ws:
        (kept,) = [a for a in ws.progress.assessments(2025) if a.indicator == "3.1"]
        assert kept.value == 82.5  # what was typed was saved before the file was closed
    assert RecentFiles().paths()[:2] == [app.path, first.resolve()]

    app.window.recent_menu.aboutToShow.emit()
    (back,) = [a for a in app.window.recent_menu.actions() if a.text() == str(first.resolve())]
    back.trigger()
    qtbot.waitUntil(lambda: bool(app.window.pages) and nav(app)[0] == "Tổng quan", timeout=20_000)
    overview = app.window.pages[0]
    assert isinstance(overview, OverviewPage) and overview.title.text() == "Xã Bằng Thành"


def test_another_data_file_is_opened_and_a_folder_with_one_is_not_made_new(
    qtbot, app: Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "xa-khac" / "ntm.sqlite"
    with Workspace.open(other) as ws:
        ws.unit.setup(UnitProfile(code="05678", name="Xã Quân Bình", province_code="19", region="TDMNPB"))
    monkeypatch.setattr(FileChoice, "new_folder", staticmethod(lambda parent, start: other.parent))
    trigger(app, "Tạo dữ liệu mới…")
    [dialog] = open_dialogs()
    assert dialog.text.text() == (
        f"{other.parent} đã có tệp dữ liệu. Hãy mở tệp đó bằng Tệp › Mở tệp dữ liệu…"
    )
    dialog.close()
    assert app.path != other.resolve()

    monkeypatch.setattr(FileChoice, "data_file", staticmethod(lambda parent, start: other))
    trigger(app, "Mở tệp dữ liệu…")
    qtbot.waitUntil(lambda: bool(app.window.pages) and app.path == other.resolve(), timeout=20_000)
    overview = app.window.pages[0]
    assert isinstance(overview, OverviewPage) and overview.title.text() == "Xã Quân Bình"


def trigger(app: Startup, text: str) -> None:
    """Choose the File menu's entry ``text``."""
    (action,) = [
        a for a in app.window.menuBar().actions()[0].menu().actions() if a.text().replace("&", "") == text
    ]
    action.trigger()
