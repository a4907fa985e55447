"""Two more forms whose typing is not thrown away without asking (ui/typed_work.py): where the office's
database server is (File › Kết nối máy chủ…) and a new signing key (Reports › Tạo khóa ký mới…). A password
typed alone is not asked about: it is typed again in a moment.

Each form is opened as the officer opens it, from the app's window; the one asking function is replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.ui.connect_dialog import ConnectDialog
from ntm_desktop.ui.pages.registry import REPORTS_PAGE
from ntm_desktop.ui.pages.reports.certificate_dialog import CertificateDialog
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_context, make_prefs, open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.discard import Answers
from tests.helpers.ui_help import when_modal
from tests.helpers.units import BARE_UNIT


@pytest.fixture
def window(qtbot, qapp: QApplication, tmp_path: Path) -> Iterator[Startup]:
    """The app started on a commune's data file, as ``ntm-desktop gui`` starts it."""
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(BARE_UNIT)
    apply_language(qapp, "vi")
    startup = Startup(qapp, path, make_prefs(tmp_path))
    startup.start()
    qtbot.waitUntil(lambda: bool(startup.window.pages))
    yield startup
    startup.tasks.wait()
    if shiboken6.isValid(startup.window):
        startup.window.close()
    startup.close()


def _in(kind: type[QDialog], action: Callable[[QDialog], None], opener: Callable[[], object]) -> QDialog:
    """Open the form with ``opener`` (it returns when the form closes), running ``action`` in it."""
    seen: list[QDialog] = []

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, kind)
        seen.append(dialog)
        action(dialog)

    when_modal(act)
    opener()
    assert len(seen) == 1 and not seen[0].isVisible()
    return seen[0]


def test_where_the_server_is_is_asked_about_and_a_password_alone_is_not(
    qtbot, window: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch)
    connect = window.window.connect_requested.emit  # File › Kết nối máy chủ cơ sở dữ liệu của văn phòng…

    def password_then_escape(dialog: QDialog) -> None:
        assert isinstance(dialog, ConnectDialog)
        qtbot.keyClicks(dialog.password, "Mat-Khau-7")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _in(ConnectDialog, password_then_escape, connect)
    assert answers.asked == 0

    open_after: list[bool] = []

    def where_then_leave(dialog: QDialog) -> None:
        assert isinstance(dialog, ConnectDialog)
        qtbot.keyClicks(dialog.host, "10.0.0.5")
        qtbot.keyClicks(dialog.database, "ntm_tinh")
        qtbot.keyClicks(dialog.user, "can_bo_1")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Tiếp tục nhập"
        open_after.append(dialog.isVisible())
        dialog.close()  # the title bar's ×
        open_after.append(dialog.isVisible())
        answers.discard = True
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Bỏ"

    _in(ConnectDialog, where_then_leave, connect)
    assert open_after == [True, True] and answers.asked == 3
    assert not window.target.on_server  # still on the commune's data file
    assert window.ctx is not None and window.ctx.ws.unit.home().name == "Xã Bằng Thành"


def test_a_new_signing_keys_passphrase_is_not_thrown_away_without_asking(
    qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form opens with the commune's signer filled in: that closes at once; a passphrase typed twice
    is asked about, and "Bỏ" makes no key."""
    ctx, errors = make_context(ws, tmp_path)
    reports = open_page(ctx, 2023, REPORTS_PAGE)
    qtbot.addWidget(reports.window())
    assert isinstance(reports, ReportsPage)
    answers = Answers(monkeypatch)

    def escape(dialog: QDialog) -> None:
        assert isinstance(dialog, CertificateDialog) and dialog.name.text() == "Nguyễn Văn A"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _in(CertificateDialog, escape, reports.key_button.click)
    assert answers.asked == 0

    kept: list[tuple[bool, str]] = []
    where: list[Path] = []

    def type_then_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, CertificateDialog)
        where.append(Path(dialog.path.text()))  # the place offered: left as it is
        qtbot.keyClicks(dialog.passphrase, "mat-khau-chu-tich")
        qtbot.keyClicks(dialog.again, "mat-khau-chu-tich")
        cancel = next(b for b in dialog.buttons.buttons() if b is not dialog.make_button)
        cancel.click()
        kept.append((dialog.isVisible(), dialog.again.text()))
        answers.discard = True
        cancel.click()

    _in(CertificateDialog, type_then_cancel, reports.key_button.click)
    assert kept == [(True, "mat-khau-chu-tich")] and answers.asked == 2
    assert where and not where[0].exists() and not reports.key_file
    ctx.tasks.wait()
    assert not errors
