"""The Reports page, driven as an officer would: make the report, see its pages, sign, save, check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from ntm_desktop.core import vntime
from ntm_desktop.reports import FileKey
from ntm_desktop.signing import create_certificate
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.pages.registry import REPORTS_PAGE
from ntm_desktop.ui.pages.reports.form import SUPPORTER
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune, pdf_text

PASSPHRASE = "mat-khau-chu-tich"
WAIT = 30_000


@pytest.fixture
def unexpected() -> list[BaseException]:
    return []


@pytest.fixture
def page(qtbot, ws: Workspace, tmp_path: Path, unexpected: list[BaseException]) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    fill_small_commune(ws)
    tasks = TaskManager(on_error=unexpected.append)
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    ctx = AppContext(ws, Hub(), tasks, prefs)
    widget = open_page(ctx, 2023, REPORTS_PAGE)
    qtbot.addWidget(widget.window())
    assert isinstance(widget, ReportsPage)
    yield widget
    tasks.wait()
    assert not unexpected


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "chu-tich.p12"
    create_certificate("Nguyễn Văn A", "Chủ tịch UBND xã", "Ủy ban nhân dân xã Bằng Thành", path, PASSPHRASE)
    return path


def make(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.preview.pages) and page.make.isEnabled(), timeout=WAIT)


def test_the_report_date_is_today_in_vietnam(
    qtbot, ws: Workspace, tmp_path: Path, monkeypatch, unexpected
) -> None:  # type: ignore[no-untyped-def]
    # 06:00 on 5 January in Hà Nội; a laptop whose clock is set to UTC still reads 4 January.
    monkeypatch.setattr(vntime, "now", lambda: dt.datetime(2026, 1, 5, 6, 0, tzinfo=vntime.VN))
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    widget = open_page(
        AppContext(ws, Hub(), TaskManager(on_error=unexpected.append), prefs), 2025, REPORTS_PAGE
    )
    qtbot.addWidget(widget.window())
    assert isinstance(widget, ReportsPage)
    assert widget.form.date.date().toString("dd/MM/yyyy") == "05/01/2026"


def test_making_the_report_shows_its_pages(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not page.sign_button.isEnabled()
    assert not page.excel_button.isVisibleTo(page)  # the Excel tables are the receiver's summary
    make(page, qtbot)
    assert len(page.preview.pages) == page.shown.made.pages  # type: ignore[union-attr]
    assert not page.preview.pages[0].pixmap().isNull()
    assert "chưa ký số" in page.preview_title.text()
    assert page.sign_button.isEnabled() and page.save_button.isEnabled() and page.print_button.isEnabled()
    assert "Mã dữ liệu (SHA-256)" in page.status.text()


def test_sign_save_and_check_the_saved_file(page: ReportsPage, qtbot, tmp_path: Path, key_file: Path) -> None:  # type: ignore[no-untyped-def]
    make(page, qtbot)
    page.ask_key = lambda: FileKey(key_file, PASSPHRASE)  # type: ignore[method-assign]
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check.result is not None, timeout=WAIT)
    assert page.check.result is not None and page.check.result.intact
    assert "đã ký số bởi Nguyễn Văn A lúc" in page.preview_title.text()

    target = tmp_path / "out" / "bao-cao-2023"
    target.parent.mkdir()  # the save dialog offers only existing folders
    page.ask_save_path = lambda suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("bao-cao-2023.pdf")
    qtbot.waitUntil(lambda: "Đã lưu" in page.status.text(), timeout=WAIT)
    text = pdf_text(saved)
    assert "40.000.000" in text and "Nguyễn Văn A" in text and "1/19" in text

    page.check.result = None
    page.ask_pdf = lambda: saved  # type: ignore[method-assign]
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check.result is not None, timeout=WAIT)
    assert "còn nguyên vẹn" in page.check.text
    assert "Nguyễn Văn A" in page.check.text


def test_a_wrong_passphrase_is_said_plainly(page: ReportsPage, qtbot, key_file: Path) -> None:  # type: ignore[no-untyped-def]
    make(page, qtbot)
    page.ask_key = lambda: FileKey(key_file, "khong-dung")  # type: ignore[method-assign]
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.message.message), timeout=WAIT)
    assert "Sai mật khẩu" in page.message.message
    assert "chưa ký số" in page.preview_title.text()


def test_the_supporter_report_uses_the_chosen_supporter(page: ReportsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.form.kind.setCurrentIndex(page.form.kind.findData(SUPPORTER))
    assert page.form.supporter.isVisibleTo(page) and not page.form.year.isVisibleTo(page)
    assert page.form.supporter.currentText() == "Sở Nội vụ tỉnh Bắc Kạn"
    make(page, qtbot)
    assert "Sở Nội vụ tỉnh Bắc Kạn" in pdf_text(page.shown.made.path)  # type: ignore[union-attr]


def test_a_tampered_file_is_reported_as_changed(
    page: ReportsPage, qtbot, tmp_path: Path, key_file: Path
) -> None:  # type: ignore[no-untyped-def]
    make(page, qtbot)
    page.ask_key = lambda: FileKey(key_file, PASSPHRASE)  # type: ignore[method-assign]
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check.result is not None, timeout=WAIT)
    data = bytearray(page.shown.made.path.read_bytes())  # type: ignore[union-attr]
    data[len(data) // 3] ^= 0x01
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))
    page.check.result = None
    page.ask_pdf = lambda: tampered  # type: ignore[method-assign]
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đang kiểm tra" not in page.check.text, timeout=WAIT)
    assert page.check.result is not None and not page.check.result.ok
    assert "đã bị thay đổi sau khi ký" in page.check.text
