"""In the window: the file of an office that moved to its database server says it is only an archive, and
File → "Connect to the office's database server…" opens the office there, in a fresh window."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from ntm_desktop.server_move import move_to_server
from ntm_desktop.services.server_login import ServerLogin
from ntm_desktop.ui import connect_dialog
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.workspace import Workspace
from tests.helpers import engines

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def test_the_moved_file_points_to_the_server_and_the_menu_opens_it(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    path = tmp_path / "tinh.sqlite"
    with Workspace.open(path) as ws:
        ws.receiver.configure(level="province", code="19", name="Văn phòng Điều phối nông thôn mới tỉnh")
    url = engines.server().new_database()
    move_to_server(path, url)
    asked: list[ServerLogin] = []

    def answer(parent: object, login: ServerLogin, message: str = "") -> tuple[ServerLogin, str]:
        asked.append(login)
        return ServerLogin.from_url(url), ""

    monkeypatch.setattr(connect_dialog.ConnectDialog, "ask", staticmethod(answer))
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    try:
        qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=60_000)
        label = startup.window.file_label
        assert "Chỉ là bản lưu trữ" in label.text() and "postgresql+psycopg" in label.text()
        assert label.property("role") == "warning"
        first = startup.window
        connect = next(
            a for a in first.menuBar().actions()[0].menu().actions() if "Kết nối máy chủ" in a.text()
        )
        connect.trigger()
        assert asked == [ServerLogin()]  # nothing to prefill from a file
        qtbot.waitUntil(lambda: startup.ctx is not None and startup.ctx.ws.on_server, timeout=60_000)
        qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=60_000)
        assert startup.window is not first
        assert startup.ctx.ws.receiver.info().code == "19"
        assert "Chỉ là bản lưu trữ" not in startup.window.file_label.text()
        qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
    finally:
        if shiboken6.isValid(startup.window):
            startup.window.close()
        startup.close()
