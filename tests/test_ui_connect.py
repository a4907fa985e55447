"""The GUI on an office's PostgreSQL database: the server wants a password, the connect dialog asks for it
(prefilled with where the server is), the window opens on the office and names the server, never the
password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ntm_desktop.services.server_login import ServerLogin
from ntm_desktop.ui import connect_dialog
from ntm_desktop.ui.connect_dialog import ConnectDialog
from ntm_desktop.ui.data_file_actions import Target
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.startup import Startup
from ntm_desktop.workspace import Workspace
from tests.helpers import engines

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def test_the_dialog_shows_where_and_never_keeps_the_password(qapp: QApplication, engine: str) -> None:
    login = ServerLogin("10.0.0.5", 5433, "ntm_tinh", "can_bo_1")
    dialog = ConnectDialog(login, "password authentication failed")
    dialog.password.setText("Bi-Mat-42")
    assert dialog.login() == login and dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.login().url() == "postgresql+psycopg://can_bo_1@10.0.0.5:5433/ntm_tinh"
    dialog.resize(520, dialog.sizeHint().height())
    dialog.grab().save("/tmp/ntm-connect-dialog.png")
    dialog.database.setText("")
    dialog._accept()
    assert "database" in dialog.problem.message.casefold() or "cơ sở dữ liệu" in dialog.problem.message


def test_the_window_opens_on_the_server_after_the_password_is_asked(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    srv = engines.server()
    url = srv.new_database()
    office = Workspace.open(url, folder=tmp_path / "setup")
    office.receiver.configure(level="province", code="19", name="Văn phòng Điều phối nông thôn mới tỉnh")
    office.close()
    asked: list[ServerLogin] = []

    def answer(parent: object, login: ServerLogin, message: str = "") -> tuple[ServerLogin, str]:
        asked.append(login)
        assert "Máy chủ không nhận mật khẩu của người dùng clerk" in message  # in the clerk's words,
        assert "password" not in message  # not libpq's English
        return login, "Mat-Khau-7"

    monkeypatch.setattr(connect_dialog.ConnectDialog, "ask", staticmethod(answer))
    with srv.password_role("clerk", "Mat-Khau-7"):
        base = ServerLogin.from_url(url)
        login = ServerLogin(base.host, base.port, base.database, "clerk")
        prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
        startup = Startup(qapp, Target(login.url(), None, tmp_path / "clerk"), prefs)
        startup.start()
        try:
            qtbot.waitUntil(lambda: startup.ctx is not None, timeout=60_000)
            assert asked == [login]
            assert startup.ctx is not None and startup.ctx.ws.on_server
            shown = startup.window.file_label.text()
            assert "clerk@" in shown and "Mat-Khau-7" not in shown
            qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
        finally:
            startup.close()


def test_a_new_database_opens_on_the_office_setup_not_on_an_office_with_no_code(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """docs/postgresql.md §2 in the window: a clerk connects to the new, empty database. Before, the window
    opened on the Communes page of an office with no code or name, whose communes' bundles it refused."""
    from ntm_desktop.ui.wizard import SetupWizard
    from ntm_desktop.ui.wizard.role import COMMUNE, OFFICE

    url = engines.server().new_database()
    asked: list[str] = []
    monkeypatch.setattr(SetupWizard, "ask", classmethod(lambda cls, ctx, *a, **k: asked.append("setup")))
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    startup = Startup(qapp, Target(url, None, tmp_path / "clerk"), prefs)
    startup.start()
    try:
        qtbot.waitUntil(lambda: asked == ["setup"], timeout=60_000)
        assert startup.window.notice.text() == "Cơ sở dữ liệu này chưa thiết lập đơn vị tiếp nhận nào."
        assert startup.ctx is not None
        wizard = SetupWizard(startup.ctx, parent=startup.window)
        assert wizard.role_page is not None and wizard.role_page.role == OFFICE
        assert not wizard.role_page.buttons[COMMUNE].isEnabled()  # a commune's data stays in a file
        qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
    finally:
        startup.close()
