"""The Reports page as the running app builds it: the signature and seal pictures chosen once, signing
refused with another person's certificate, then signed by the chairman and sealed by the văn thư."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ntm_desktop.reports import FileKey
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.workspace import Workspace
from tests.helpers.ca import TrialCA
from tests.helpers.pictures import seal_png, signature_png
from tests.helpers.reports import fill_small_commune
from tests.helpers.units import SAMPLE_UNIT

PASSPHRASE = "mat-khau-2026"
WAIT = 30_000
REPORTS = 3  # the sidebar row of the Reports page


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    ca = TrialCA.make()
    folder = tmp_path / "keys"
    return {
        "root": ca.root_pem(folder / "root.cer"),
        "chairman": ca.issue_p12(folder / "a.p12", "Nguyễn Văn A", PASSPHRASE)[0],
        "other": ca.issue_p12(folder / "b.p12", "Trần Văn Bình", PASSPHRASE)[0],
        "commune": ca.issue_p12(folder / "ubnd.p12", "UBND xã Bằng Thành", PASSPHRASE)[0],
    }


@pytest.fixture
def page(qtbot, qapp: QApplication, tmp_path: Path, keys: dict[str, Path]) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(SAMPLE_UNIT)
        fill_small_commune(ws)
        ws.signing.trust(keys["root"])
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    qtbot.waitUntil(lambda: bool(startup.window.slots))
    startup.window.resize(1366, 768)
    startup.window.show()
    startup.window.go_to(REPORTS)
    shown = startup.window.current_page()
    assert isinstance(shown, ReportsPage)
    shown.form.year.setValue(2023)
    yield shown
    if shiboken6.isValid(startup.window):
        startup.window.close()
    startup.close()


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_pictures_sign_refuse_and_seal(
    page: ReportsPage, qtbot, tmp_path: Path, keys: dict[str, Path]
) -> None:  # type: ignore[no-untyped-def]
    pictures = page.pictures
    qtbot.waitUntil(lambda: "Ảnh chữ ký: chưa chọn" in pictures.state.text(), timeout=WAIT)
    pictures.ask_picture = lambda title: signature_png(tmp_path / "chu-ky.png")  # type: ignore[method-assign]
    _click(qtbot, pictures.signature_button)
    qtbot.waitUntil(lambda: "Nguyễn Văn A (chu-ky.png)" in pictures.state.text(), timeout=WAIT)
    pictures.ask_picture = lambda title: seal_png(tmp_path / "con-dau.png")  # type: ignore[method-assign]
    _click(qtbot, pictures.seal_button)
    qtbot.waitUntil(lambda: "Ảnh con dấu: con-dau.png" in pictures.state.text(), timeout=WAIT)

    _click(qtbot, page.make)
    qtbot.waitUntil(lambda: page.shown is not None and page.make.isEnabled(), timeout=WAIT)
    assert page.sign_button.isEnabled() and not page.seal_button.isEnabled()

    page.ask_key = lambda: FileKey(keys["other"], PASSPHRASE)  # type: ignore[method-assign]
    _click(qtbot, page.sign_button)
    qtbot.waitUntil(lambda: bool(page.message.message), timeout=WAIT)
    assert "Trần Văn Bình" in page.message.message and "Nguyễn Văn A" in page.message.message
    assert "chưa ký số" in page.preview_title.text()

    page.ask_key = lambda: FileKey(keys["chairman"], PASSPHRASE)  # type: ignore[method-assign]
    _click(qtbot, page.sign_button)
    qtbot.waitUntil(lambda: page.check.result is not None and page.make.isEnabled(), timeout=WAIT)
    assert page.check.result is not None and page.check.result.ok and page.check.result.trusted
    assert "+07:00" in page.preview_title.text() and page.seal_button.isEnabled()

    page.check.result = None
    page.ask_seal_key = lambda: FileKey(keys["commune"], PASSPHRASE)  # type: ignore[method-assign]
    _click(qtbot, page.seal_button)
    qtbot.waitUntil(lambda: page.check.result is not None and page.make.isEnabled(), timeout=WAIT)
    result = page.check.result
    assert result is not None and result.ok and result.trusted
    assert [s.certificate.name for s in result.signatures] == ["Nguyễn Văn A", "UBND xã Bằng Thành"]
    assert "đã có chữ ký số của cơ quan" in page.preview_title.text()
    assert "Chữ ký 2 (DauCoQuan)" in page.check.text and not page.seal_button.isEnabled()
    page.window().grab().save(str(tmp_path / "reports-sealed.png"))
