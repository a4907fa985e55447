"""In the window: File → "Move the office's data to a database server…" moves a receiving office's data
file into a new, empty PostgreSQL database (explained first, the server asked with the connect dialog, the
move on the worker) and opens the office there; a database that holds data is refused through the one
error path and nothing changes. The file of an office that moved says it is only an archive, and File →
"Connect to the office's database server…" opens the office there, in a fresh window."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ntm_desktop.server_move import move_to_server
from ntm_desktop.services.server_login import ServerLogin
from ntm_desktop.ui import connect_dialog, errors
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.server_move_actions import MovedDialog, MoveExplainDialog
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.workspace import Workspace
from tests.helpers import engines
from tests.helpers.sync import commune, receiver

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


MOVE = "Chuyển dữ liệu văn phòng lên máy chủ"


def move_action(window: MainWindow) -> QAction:
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if MOVE in a.text().replace("&", ""))


def province_file(tmp_path: Path) -> Path:
    path = tmp_path / "tinh.sqlite"
    with Workspace.open(path) as ws:
        ws.receiver.configure(level="province", code="19", name="Văn phòng Điều phối nông thôn mới tỉnh",
                              province_code="19")  # fmt: skip
        ws.receiver.expect_units([("01234", "Xã Bằng Thành"), ("01240", "Xã Nghiên Loan")])
    return path


class Answers:
    """Stands in for the three dialogs: the officer reads the explanation and goes on, gives the new
    database, and (when asked) opens the office on the server; what they were shown is kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
        self.explained: list[str] = []
        self.asked: list[ServerLogin] = []
        self.moved: list[str] = []

        def explain(parent: object, path: Path) -> bool:
            dialog = MoveExplainDialog(path)
            self.explained.append(dialog.text.text())
            dialog.grab().save("/tmp/ntm-move-explain.png")
            return True

        def connect(parent: object, login: ServerLogin, message: str = "") -> tuple[ServerLogin, str]:
            self.asked.append(login)
            return ServerLogin.from_url(url), ""

        def done(parent: object, moved: object, path: Path) -> bool:
            dialog = MovedDialog(moved, path)  # type: ignore[arg-type]
            self.moved.append(dialog.text.text())
            dialog.grab().save("/tmp/ntm-move-done.png")
            return True

        monkeypatch.setattr(MoveExplainDialog, "ask", staticmethod(explain))
        monkeypatch.setattr(connect_dialog.ConnectDialog, "ask", staticmethod(connect))
        monkeypatch.setattr(MovedDialog, "ask", staticmethod(done))


def started(qtbot, qapp: QApplication, path: Path, tmp_path: Path) -> Startup:
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=60_000)
    return startup


def finish(startup: Startup) -> None:
    if shiboken6.isValid(startup.window):
        startup.window.close()
    startup.close()


def test_file_menu_moves_the_office_to_the_server_and_opens_it_there(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    path = province_file(tmp_path)
    url = engines.server().new_database()
    answers = Answers(monkeypatch, url)
    startup = started(qtbot, qapp, path, tmp_path)
    try:
        first = startup.window
        action = move_action(first)
        assert action.isVisible()
        action.trigger()
        [explained] = answers.explained
        assert "MỚI, CHƯA CÓ DỮ LIỆU" in explained and "giữ nguyên" in explained
        assert answers.asked == [ServerLogin()]  # nothing to prefill: the office has no server yet
        qtbot.waitUntil(lambda: startup.ctx is not None and startup.ctx.ws.on_server, timeout=60_000)
        qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=60_000)
        [moved] = answers.moved
        assert "Đã chuyển sang postgresql+psycopg" in moved and "2 xã" in moved
        assert "Khóa ký của văn phòng giữ nguyên" in moved and "bản lưu trữ" in moved
        assert startup.window is not first
        assert startup.ctx.ws.receiver.info().code == "19"
        assert [r.code for r in startup.ctx.ws.receiver.units(2025)] == ["01234", "01240"]
        assert not move_action(startup.window).isVisible()  # on the server: nothing to move
        qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
    finally:
        finish(startup)
    with Workspace.open(path) as archive:
        assert str(archive.settings.get("moved_to")).startswith("postgresql+psycopg")


def test_a_database_that_holds_data_is_refused_and_nothing_changes(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    other = receiver(tmp_path, "other-office")  # a PostgreSQL office already in use
    url = str(other.where)
    other.close()
    path = province_file(tmp_path)
    answers = Answers(monkeypatch, url)
    startup = started(qtbot, qapp, path, tmp_path)
    try:
        window = startup.window
        move_action(window).trigger()
        qtbot.waitUntil(lambda: bool(errors.open_dialogs()), timeout=60_000)
        [dialog] = errors.open_dialogs()
        assert "đã có dữ liệu" in dialog.message and "settings" in dialog.message, dialog.message
        assert answers.moved == []
        assert startup.window is window and not startup.ctx.ws.on_server
        assert move_action(window).isVisible()  # the file did not move: it may try again
        assert "Chỉ là bản lưu trữ" not in window.file_label.text()
        dialog.close()
        qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
    finally:
        finish(startup)
    with Workspace.open(path) as archive:
        assert archive.settings.get("moved_to") is None
    with Workspace.open(url) as used:
        assert used.receiver.info().code == "19" and used.receiver.units(2025) == []


def test_only_a_receiving_office_on_a_file_is_offered_the_move(
    qtbot, qapp: QApplication, tmp_path: Path, engine: str
) -> None:
    c = commune(tmp_path / "xa")
    path = c.path
    c.close()
    startup = started(qtbot, qapp, path, tmp_path)
    try:
        assert not move_action(startup.window).isVisible()
        qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
    finally:
        finish(startup)


def _moved_to(path: Path) -> object:
    """The file's own note that its office moved (read without opening a workspace on it)."""
    import json
    import sqlite3

    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = 'moved_to'").fetchone()
    return None if row is None else json.loads(row[0])


def _units_on(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM units")).scalar_one())
    finally:
        engine.dispose()


class PasswordAnswers(Answers):
    """The clerk first types a wrong password; when the connect dialog comes back (with the server's
    message) the right one, or Cancel. What each dialog was shown, and the state at that moment, are kept."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, url: str, login: ServerLogin, path: Path, retry: str | None
    ) -> None:
        super().__init__(monkeypatch, url)
        self.messages: list[str] = []
        self.between: list[tuple[object, int]] = []

        def connect(parent: object, asked: ServerLogin, message: str = "") -> tuple[ServerLogin, str] | None:
            self.asked.append(asked)
            self.messages.append(message)
            if len(self.asked) == 1:
                return login, "sai-mat-khau"
            self.between.append((_moved_to(path), _units_on(url)))  # after the failed try: nothing moved
            dialog = connect_dialog.ConnectDialog(asked, message)
            dialog.grab().save("/tmp/ntm-move-password-retry.png")
            return None if retry is None else (asked, retry)

        monkeypatch.setattr(connect_dialog.ConnectDialog, "ask", staticmethod(connect))


def test_a_wrong_server_password_says_so_and_lets_the_clerk_try_again(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    _wrong_password_then(qtbot, qapp, tmp_path, monkeypatch, "Mat-Khau-7")


def test_a_clerk_who_gives_up_after_a_wrong_password_keeps_the_office_on_its_file(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    _wrong_password_then(qtbot, qapp, tmp_path, monkeypatch, None)


def _wrong_password_then(
    qtbot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, retry: str | None
) -> None:
    """A wrong password, then the right one (``retry``) or Cancel (None)."""
    srv = engines.server()
    url = srv.new_database()
    path = province_file(tmp_path)
    with srv.password_role("clerk", "Mat-Khau-7"):
        base = ServerLogin.from_url(url)
        login = ServerLogin(base.host, base.port, base.database, "clerk")
        answers = PasswordAnswers(monkeypatch, url, login, path, retry)
        startup = started(qtbot, qapp, path, tmp_path)
        try:
            first = startup.window
            move_action(first).trigger()
            qtbot.waitUntil(lambda: len(answers.asked) == 2, timeout=60_000)
            assert answers.asked[1] == login  # the same server and user, only the password asked again
            message = answers.messages[1]
            assert "không nhận mật khẩu của người dùng clerk" in message and "sai-mat-khau" not in message, (
                message
            )
            assert answers.between == [(None, 0)]  # the failed try moved and marked nothing
            assert not errors.open_dialogs()  # said in the connect dialog, not in a second error window
            if retry is None:
                qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
                assert startup.window is first and not startup.ctx.ws.on_server
                assert move_action(first).isVisible() and "Chỉ là bản lưu trữ" not in first.file_label.text()
            else:
                qtbot.waitUntil(lambda: startup.ctx is not None and startup.ctx.ws.on_server, timeout=60_000)
                qtbot.waitUntil(lambda: bool(startup.window.pages), timeout=60_000)
                assert startup.window is not first and "clerk@" in startup.window.file_label.text()
                assert [r.code for r in startup.ctx.ws.receiver.units(2025)] == ["01234", "01240"]
                qtbot.waitUntil(lambda: not startup.tasks.busy(), timeout=60_000)
        finally:
            finish(startup)
    moved_to = _moved_to(path)
    assert moved_to is None if retry is None else str(moved_to).startswith("postgresql+psycopg://clerk"), (
        moved_to
    )
    assert _units_on(url) == (0 if retry is None else 2)
