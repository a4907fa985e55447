"""A lost laptop from the first-run wizard: on a new data file the wizard's first choice offers
"Khôi phục từ gói khôi phục"; its next page reads the receiving unit's recovery bundle (an ordinary bundle
is refused there, with why) and Finish makes the data file from it, opened in the app's window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.ui.wizard import SetupWizard
from ntm_desktop.ui.wizard.role import RECOVER
from tests.helpers.sync import recovery_bundles
from tests.helpers.ui_help import when_modal


@pytest.fixture
def bundles(tmp_path: Path) -> tuple[Path, Path]:
    """A recovery bundle the province wrote for commune 01234, and an ordinary bundle of the commune."""
    return recovery_bundles(tmp_path)


def test_the_first_run_wizard_recovers_the_commune_from_the_recovery_bundle(
    qtbot, qapp: QApplication, bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    made, ordinary = bundles
    seen: dict[str, object] = {}

    def recover(dialog: QDialog) -> None:
        assert isinstance(dialog, SetupWizard) and dialog.role_page is not None
        choice = dialog.role_page.buttons[RECOVER]
        seen["choice"] = choice.text()
        choice.click()
        dialog.button(QWizard.WizardButton.NextButton).click()
        page = dialog.recovery_page
        seen["page"] = dialog.currentPage() is page
        page.choose(ordinary)  # what the file dialog hands back
        seen["refused"] = page.summary.text()
        seen["finish refused"] = dialog.button(QWizard.WizardButton.FinishButton).isEnabled()
        page.choose(made)
        seen["summary"] = page.summary.text()
        seen["cut"] = cut_off(dialog)
        dialog.button(QWizard.WizardButton.FinishButton).click()
        if dialog.isVisible():  # Finish did nothing: close, so the test fails instead of waiting
            dialog.reject()

    apply_language(qapp, "vi")
    when_modal(recover)
    started = Startup(qapp, tmp_path / "may-moi" / "ntm.sqlite", make_prefs(tmp_path))
    started.start()  # a new data file: the set-up wizard opens first
    qtbot.waitUntil(lambda: started.ctx is not None and bool(started.window.pages), timeout=30_000)

    assert seen["choice"] == "Khôi phục từ gói khôi phục" and seen["page"] is True
    assert "không phải gói khôi phục" in str(seen["refused"]) and seen["finish refused"] is False
    assert "Xã Bằng Thành (01234)" in str(seen["summary"]) and seen["cut"] == []
    assert started.ctx is not None
    assert started.ctx.ws.unit.home().name == "Xã Bằng Thành"
    assert [h.title for h in started.ctx.ws.help.list()] == ["Bê tông hóa đường thôn Nà Phầy"]
    started.window.close()
    started.close()
