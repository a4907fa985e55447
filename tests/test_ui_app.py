"""The application shell: Qt's own strings in Vietnamese, the one error dialog, the exception hook and
log, and ``gui --screenshot`` with and without a commune."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.logs import configure as configure_logging
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.ui import errors
from ntm_desktop.ui.app import choose_platform_for_pictures, run
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.workspace import Workspace


@pytest.fixture
def vietnamese(qapp: QApplication):
    apply_language(qapp, "vi")
    yield qapp
    apply_language(qapp, "vi")


def test_message_box_buttons_are_vietnamese(vietnamese: QApplication) -> None:
    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
    )
    texts = {
        b: box.button(b).text() for b in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel)
    }
    assert texts == {QMessageBox.StandardButton.Ok: "Đồng ý", QMessageBox.StandardButton.Cancel: "Hủy"}
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
    assert box.button(QMessageBox.StandardButton.Save).text() == "Lưu"


def test_english_gives_qt_its_own_words_back(vietnamese: QApplication) -> None:
    apply_language(vietnamese, "en")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "OK"


def test_wizard_buttons_are_vietnamese(vietnamese: QApplication) -> None:
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Tiếp theo >"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"


def test_a_core_error_is_shown_as_it_is_and_copied_with_its_details(qtbot, vietnamese: QApplication) -> None:
    dialog = errors.report(InvalidInput("Năm phải từ 2010 đến 2100", field="year"))
    assert dialog is not None
    assert dialog.text.text() == "Năm phải từ 2010 đến 2100"
    assert dialog.copy_button.text() == "Sao chép chi tiết"
    dialog.copy_button.click()
    assert "Năm phải từ 2010 đến 2100" in QGuiApplication.clipboard().text()
    dialog.close()


def test_the_error_dialog_names_the_field_and_keeps_the_path_in_the_details(
    qtbot, vietnamese: QApplication
) -> None:
    exc = InvalidInput([Problem("help[0].items[0].quantity", "phải là một số từ 0 trở lên")])
    message, details, expected = errors.describe(exc)
    assert message == "Khoản hỗ trợ thứ 1 · Dòng 1 · Số lượng: phải là một số từ 0 trở lên" and expected
    assert "help[0].items[0].quantity" in details


def test_an_unexpected_error_apologises_and_keeps_the_traceback(qtbot, vietnamese: QApplication) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        dialog = errors.report(exc)
    assert dialog is not None
    assert "ngoài dự kiến" in dialog.text.text()
    assert not dialog.detail_box.isVisible()
    dialog.toggle.click()
    assert "RuntimeError: boom" in dialog.detail_box.toPlainText()
    dialog.copy_button.click()
    assert "RuntimeError: boom" in QGuiApplication.clipboard().text()
    dialog.close()


def test_the_exception_hook_logs_to_the_data_folder_and_shows_the_dialog(
    qtbot, tmp_path: Path, vietnamese: QApplication
) -> None:
    log = configure_logging(folder=tmp_path)  # the first call in a process decides the file
    seen: list[BaseException] = []
    previous = errors.install_excepthook(lambda exc: (seen.append(exc), errors.report(exc)))
    try:
        try:
            raise ValueError("unexpected")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = previous
    assert [str(e) for e in seen] == ["unexpected"]
    assert "ValueError: unexpected" in log.read_text(encoding="utf-8")
    shown = errors.open_dialogs()
    assert shown and "ValueError" in shown[-1].details
    for dialog in shown:
        dialog.close()


def _args(tmp_path: Path, png: Path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(tmp_path / "data"), db=None, lang=None, screenshot=str(png))


def test_screenshot_renders_the_main_window_with_the_data(qapp: QApplication, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "data" / "ntm.sqlite") as ws:
        ws.unit.setup(UnitProfile(code="01234", name="Xã Bằng Thành", province_code="19", region="TDMNPB"))
        ws.progress.record(2023, indicator="3.1", value="85")
    png = tmp_path / "main.png"
    assert run(_args(tmp_path, png)) == 0
    image = QImage(str(png))
    assert png.stat().st_size > 10_000
    assert (image.width(), image.height()) == (1366, 768)  # a commune laptop's screen


def test_screenshot_without_a_commune_shows_the_wizard(qapp: QApplication, tmp_path: Path) -> None:
    png = tmp_path / "wizard.png"
    assert run(_args(tmp_path, png)) == 0
    image = QImage(str(png))
    assert png.stat().st_size > 5_000
    assert 700 <= image.width() < 1200  # the wizard, not the main window


def test_a_machine_without_a_display_draws_pictures_offscreen() -> None:
    for env, platform, chosen in [
        ({}, "linux", "offscreen"),
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", "xcb"),
        ({}, "win32", None),
    ]:
        choose_platform_for_pictures(env, platform)
        assert env.get("QT_QPA_PLATFORM") == chosen, (env, platform)


def test_gui_screenshot_works_from_the_command_line_with_no_display(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "data" / "ntm.sqlite") as ws:
        ws.unit.setup(UnitProfile(code="01234", name="Xã Bằng Thành", province_code="19", region="TDMNPB"))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    png = tmp_path / "cli.png"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ntm_desktop.cli.main import main; raise SystemExit(main())",
            "--data-dir",
            str(tmp_path / "data"),
            "gui",
            "--screenshot",
            str(png),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert QImage(str(png)).width() == 1366


def test_copied_details_say_the_time_in_vietnam_whatever_the_computers_zone(
    qtbot, vietnamese: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper reading the copied details compares the time with the log and the officer's account: it
    is Vietnam time like every time the app shows, even on a laptop set to another zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        dialog = errors.report(InvalidInput("Năm phải từ 2010 đến 2100", field="year"))
        assert dialog is not None
        dialog.copy_button.click()
        stamp = QGuiApplication.clipboard().text().splitlines()[1]
        dialog.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert stamp.endswith(" +07:00")
    shown = dt.datetime.strptime(stamp, "%d/%m/%Y %H:%M:%S +07:00")
    in_vietnam = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=7)
    assert abs(shown - in_vietnam) < dt.timedelta(minutes=1)
