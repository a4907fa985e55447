"""A signing key made from the Reports page (what ``certificate new`` does): the form starts with the
commune's signer, says under the field what is wrong, makes the .p12, and the report is then signed with it
through the Sign form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.signing import load_p12
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.registry import REPORTS_PAGE
from ntm_desktop.ui.pages.reports.certificate_dialog import CertificateDialog
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.pages.reports.sign_dialog import SignDialog
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune
from tests.helpers.ui_help import when_modal

PASSPHRASE = "mat-khau-chu-tich"
WAIT = 30_000


@pytest.fixture
def page(
    qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path
) -> Iterator[tuple[ReportsPage, AppContext, Errors]]:
    fill_small_commune(ws)
    ctx, errors = make_context(ws, tmp_path)
    shown = open_page(ctx, 2023, REPORTS_PAGE)
    qtbot.addWidget(shown.window())
    assert isinstance(shown, ReportsPage)
    yield shown, ctx, errors
    ctx.tasks.wait()


def test_a_key_made_in_the_reports_page_signs_the_report(
    qtbot, page: tuple[ReportsPage, AppContext, Errors], tmp_path: Path
) -> None:
    reports, _, errors = page
    key = tmp_path / "chu-tich.p12"
    said: list[dict[str, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CertificateDialog)
        assert (dialog.name.text(), dialog.title.text()) == ("Nguyễn Văn A", "Chủ tịch UBND xã")
        dialog.passphrase.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE + "x")
        dialog.path.setText(str(key))
        dialog.make_button.click()
        said.append(dialog.messages.texts())
        dialog.again.setText(PASSPHRASE)
        dialog.make_button.click()  # made on the worker; the form closes when the file is written

    when_modal(fill)
    reports.key_button.click()
    assert said == [{"again": "Hai mật khẩu không giống nhau"}]
    assert key.exists() and reports.key_file == str(key)
    assert reports.status.text().startswith(f"Đã lưu khóa ký vào {key}. Dấu vân tay:")
    identity = load_p12(key, PASSPHRASE).identity
    assert (identity.name, identity.title) == ("Nguyễn Văn A", "Chủ tịch UBND xã")
    assert identity.organisation == "Ủy ban nhân dân xã Bằng Thành"

    qtbot.mouseClick(reports.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports.preview.pages) and reports.make.isEnabled(), timeout=WAIT)

    def sign(dialog: QDialog) -> None:
        assert isinstance(dialog, SignDialog)
        assert dialog.key_path.text() == str(key)  # the new key is offered
        dialog.passphrase.setText(PASSPHRASE)
        dialog.ok.click()

    when_modal(sign)
    reports.sign_button.click()
    qtbot.waitUntil(lambda: reports.check.result is not None, timeout=WAIT)
    assert "đã ký số bởi Nguyễn Văn A" in reports.preview_title.text()
    assert not errors


def test_a_short_passphrase_and_an_existing_file_are_said_under_their_fields(
    qtbot, page: tuple[ReportsPage, AppContext, Errors], tmp_path: Path
) -> None:
    _, ctx, errors = page
    taken = tmp_path / "da-co.p12"
    taken.write_bytes(b"not mine")
    dialog = CertificateDialog(ctx.tasks, "Ủy ban nhân dân xã Bằng Thành", ("Nguyễn Văn A", ""))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("ngan")
    dialog.again.setText("ngan")
    dialog.path.setText(str(taken))
    dialog.make_button.click()
    qtbot.waitUntil(lambda: bool(dialog.messages.texts()), timeout=WAIT)
    shown = dialog.messages.texts()
    assert "ít nhất 8 ký tự" in shown["passphrase"]
    assert "đã có" in shown["out_path"]
    assert taken.read_bytes() == b"not mine" and dialog.made is None
    assert not errors
