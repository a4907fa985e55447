"""File › Sao lưu ra USB… / Khôi phục từ bản sao lưu… in the running app, the copy made on closing, and a
damaged data file met at start-up — driven through the real start-up and window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ntm_desktop.backups import auto, service
from ntm_desktop.backups.service import Preview
from ntm_desktop.ui import backup_dialogs
from ntm_desktop.ui.backup_dialogs import (
    BackupChoice,
    BackupDialog,
    DamagedFileDialog,
    RestoreChoice,
    RestorePreviewDialog,
)
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from ntm_desktop.workspace import Workspace
from tests.helpers.started import commune_file, started
from tests.helpers.sync import help_record, recovery_bundles


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return commune_file(tmp_path)


@pytest.fixture
def app(qtbot, qapp: QApplication, data_file: Path, tmp_path: Path) -> Iterator[Startup]:
    with started(qtbot, qapp, data_file, tmp_path) as running:
        yield running


def help_count(started: Startup) -> int:
    assert started.ctx is not None
    return len(started.ctx.ws.help.list())


def test_back_up_to_usb_from_the_file_menu(
    qtbot, app: Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(
        BackupDialog, "ask", classmethod(lambda cls, parent, fallback: BackupChoice(usb, None))
    )
    assert app.window.backup_action.text() == "&Sao lưu ra USB…"
    app.window.backup_action.trigger()
    qtbot.waitUntil(lambda: "Đã sao lưu và kiểm tra" in app.window.statusBar().currentMessage())
    (made,) = usb.glob("*.ntmbackup")
    assert str(made) in app.window.statusBar().currentMessage()
    assert service.preview(made).counts["help"] == 1


def test_restore_shows_a_preview_then_reopens_the_restored_file(
    qtbot, app: Startup, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = service.create(data_file, tmp_path)
    assert app.ctx is not None
    help_record(  # typed after the backup
        app.ctx.ws, "Nhập sau khi sao lưu", app.ctx.ws.supporters.list()[0].uid
    )
    assert help_count(app) == 2
    shown: list[Preview] = []

    def confirm(cls: type, parent: object, preview: Preview, now: object) -> RestoreChoice:
        shown.append(preview)
        return RestoreChoice(None)

    monkeypatch.setattr(backup_dialogs, "ask_backup_file", lambda parent, fallback: made.path)
    monkeypatch.setattr(RestorePreviewDialog, "ask", classmethod(confirm))
    app.window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(shown) and app.ctx is not None and bool(app.window.pages))
    assert (shown[0].unit_code, shown[0].counts["help"]) == ("01234", 1)
    assert help_count(app) == 1
    kept = list((data_file.parent / "backups" / "before-restore").glob("*.sqlite"))
    assert len(kept) == 1
    said = app.window.statusBar().currentMessage()  # where the replaced file went, by its name
    assert said == f"Đã khôi phục từ {made.path.name}. Tệp dữ liệu trước khi khôi phục được giữ ở {kept[0]}"


def test_the_preview_dialog_says_what_the_backup_holds(qtbot, data_file: Path, tmp_path: Path) -> None:
    made = service.create(data_file, tmp_path)
    dialog = RestorePreviewDialog(service.preview(made.path))
    qtbot.addWidget(dialog)
    text = dialog.summary.text()
    assert "Xã Bằng Thành (01234)" in text and "1 khoản hỗ trợ" in text and "giờ Việt Nam" in text


def test_closing_the_app_makes_an_automatic_copy(
    qtbot, qapp: QApplication, data_file: Path, tmp_path: Path
) -> None:
    started = Startup(qapp, data_file, make_prefs(tmp_path))
    started.start()
    qtbot.waitUntil(lambda: bool(started.window.pages))
    started.window.close()
    started.close()
    (copy,) = [p for _, p in auto.copies(auto.auto_folder(data_file), "ntm")]
    assert service.preview(copy).counts["help"] == 1


def test_a_damaged_data_file_offers_the_newest_automatic_backup(
    qtbot, qapp: QApplication, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    auto.auto_backup(data_file)
    data = bytearray(data_file.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096 : page * 4096 + 16] = b"\xff" * 16
    data_file.write_bytes(bytes(data))
    offered: list[str] = []

    def choose_latest(cls: type, parent: object, message: str, latest: Path | None) -> int:
        offered.append(message)
        return DamagedFileDialog.LATEST

    monkeypatch.setattr(DamagedFileDialog, "ask", classmethod(choose_latest))
    monkeypatch.setattr(
        RestorePreviewDialog, "ask", classmethod(lambda cls, parent, shown, now: RestoreChoice(None))
    )
    started = Startup(qapp, data_file, make_prefs(tmp_path))
    started.start()
    qtbot.waitUntil(lambda: bool(offered) and bool(started.window.pages), timeout=15000)
    assert "bị hỏng" in offered[0]
    assert help_count(started) == 1
    started.window.close()
    started.close()


@pytest.fixture
def recovery_bundle(tmp_path: Path) -> tuple[Path, Path]:
    """A recovery bundle the province wrote for commune 01234, and an ordinary bundle of the commune."""
    return recovery_bundles(tmp_path)


def test_the_recovery_page_shows_what_the_bundle_gives_back(
    qtbot, recovery_bundle: tuple[Path, Path]
) -> None:
    from ntm_desktop.ui.wizard.recovery import RecoveryWizard

    made, ordinary = recovery_bundle
    wizard = RecoveryWizard(made.parent)
    qtbot.addWidget(wizard)
    page = wizard.recovery_page
    page.choose(ordinary)
    assert not page.isComplete() and "không phải gói khôi phục" in page.summary.text()
    page.choose(made)
    assert page.isComplete()
    assert "Xã Bằng Thành (01234)" in page.summary.text() and "19" in page.summary.text()


def test_recovering_from_the_file_menu_fills_the_new_data_file(
    qtbot,
    qapp: QApplication,
    recovery_bundle: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ntm_desktop.ui.wizard import SetupWizard
    from ntm_desktop.ui.wizard.recovery import RecoveryWizard

    made, _ = recovery_bundle
    monkeypatch.setattr(SetupWizard, "ask", classmethod(lambda cls, *a, **k: None))
    monkeypatch.setattr(RecoveryWizard, "ask", classmethod(lambda cls, parent, folder: made))
    new = tmp_path / "may-moi" / "ntm.sqlite"
    apply_language(qapp, "vi")
    started = Startup(qapp, new, make_prefs(tmp_path))
    started.start()
    qtbot.waitUntil(lambda: started.ctx is not None)
    started.window.recovery_action.trigger()
    qtbot.waitUntil(lambda: started.ctx is not None and bool(started.window.pages), timeout=15000)
    assert started.ctx.ws.unit.home().name == "Xã Bằng Thành"
    assert [h.title for h in started.ctx.ws.help.list()] == ["Bê tông hóa đường thôn Nà Phầy"]
    started.window.close()
    started.close()


def test_the_sample_data_says_so_in_the_title(qtbot, qapp: QApplication, tmp_path: Path) -> None:
    from ntm_desktop.demo import fill_demo

    path = tmp_path / "demo" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        fill_demo(ws)
    started = Startup(qapp, path, make_prefs(tmp_path))
    started.start()
    qtbot.waitUntil(lambda: bool(started.window.pages))
    assert started.window.windowTitle() == "NTM Desktop — DỮ LIỆU MẪU"
    started.window.close()
    started.close()


def test_a_saved_value_that_looks_wrong_is_pointed_out(qtbot, app: Startup) -> None:
    from datetime import date, timedelta
    from decimal import Decimal

    from ntm_desktop.services.ledger import HelpDraft, ItemDraft
    from ntm_desktop.ui.notes import NotesBox

    assert app.ctx is not None
    sup = app.ctx.ws.supporters.list()[0].uid
    later = date.today() + timedelta(days=500)
    draft = HelpDraft(later, "Đường thôn", (sup,), (ItemDraft("cash", Decimal(5_000_000), "đồng"),))
    NotesBox.shown = []
    app.ctx.mutate(lambda ws: ws.help.add(draft))
    qtbot.waitUntil(lambda: bool(NotesBox.shown))
    assert f"{later:%d/%m/%Y} ở tương lai" in NotesBox.shown[0]


def test_the_restore_dialog_says_what_it_replaces_and_what_was_typed_since(
    qtbot, app: Startup, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog said what the backup holds and that the current file is kept, but not that the work
    typed since the backup was made would leave the data file: an officer who picked last month's
    backup by mistake had nothing to stop at. Cancelled, nothing changes."""
    made = service.create(data_file, tmp_path)
    assert app.ctx is not None
    help_record(app.ctx.ws, "Nhập sau khi sao lưu", app.ctx.ws.supporters.list()[0].uid)
    seen: list[RestorePreviewDialog] = []

    def look(dialog: RestorePreviewDialog) -> int:
        dialog.resize(dialog.sizeHint())
        seen.append(dialog)
        return 0  # Cancel

    monkeypatch.setattr(backup_dialogs, "ask_backup_file", lambda parent, fallback: made.path)
    monkeypatch.setattr(RestorePreviewDialog, "exec", look)
    app.window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    said = seen[0].replaced.text()
    assert seen[0].replaced.isVisibleTo(seen[0])
    assert "tệp dữ liệu hiện tại, đang có:" in said and "2 khoản hỗ trợ" in said, said
    assert "Có 1 thay đổi được lưu vào tệp sau khi bản sao lưu này được tạo" in said, said
    assert "giờ Việt Nam" in said and "backups/before-restore/" in said
    assert help_count(app) == 2  # cancelled: the data file is as it was
