"""Long work shows its progress and stops, when the officer presses Cancel, only where stopping is safe:
an import of several bundles keeps the bundles already imported and says which were not; a backup stops
before its file is written; work that only reads is simply dropped."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ntm_desktop.backups import service as backups
from ntm_desktop.core.progress import Cancelled
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog, default_choice
from ntm_desktop.ui.progress_dialog import ProgressDialog, run_with_progress
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.workspace import Workspace
from tests.helpers.sync import help_record, row_counts, supporter
from tests.helpers.ui_sync import Offices, offices, settle
from tests.test_ui_sync import drop, open_page

__all__ = ["offices"]  # the fixture


def cancel_button(dialog: ProgressDialog) -> QPushButton:
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Hủy"
    return button


def test_cancel_stops_an_import_between_bundles_and_keeps_the_bundles_before(
    qtbot, offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_language(QApplication.instance(), "vi")  # type: ignore[arg-type]
    first = offices.commune.sync.export(offices.usb).path
    help_record(
        offices.commune, "Sửa nhà văn hóa thôn Nà Phầy", supporter(offices.commune, "Đoàn Thanh niên")
    )
    second = offices.commune.sync.export(offices.usb).path
    ctx = offices.province_ctx
    page = open_page(qtbot, ctx, receiver=True)
    monkeypatch.setattr(
        PreviewDialog, "ask", staticmethod(lambda parent, found: default_choice(found, {"01234"}))
    )
    one_in, go_on = threading.Event(), threading.Event()
    real_import = offices.province.sync.import_bundles

    def import_slowly(paths: list[Path], **kwargs: Any) -> Any:
        result = real_import(paths, **kwargs)
        one_in.set()
        go_on.wait(10)  # the officer looks at the dialog and presses Cancel now
        return result

    monkeypatch.setattr(offices.province.sync, "import_bundles", import_slowly)

    drop(page, first, second)
    qtbot.waitUntil(one_in.is_set, timeout=15_000)
    [dialog] = page.window().findChildren(ProgressDialog)
    assert dialog.labelText().startswith("Đang nhập")
    cancel_button(dialog).click()
    go_on.set()
    settle(qtbot, ctx, lambda: "Đã hủy" in page.result.text())

    assert "Đã nhập 1 gói." in page.result.text()
    assert "Đã hủy: còn 1 tệp chưa nhập; hãy nhập lại sau." in page.result.text()
    assert row_counts(offices.province)["help"] == 1  # the first bundle's record, whole; not the second's
    assert not offices.province_errors
    monkeypatch.setattr(offices.province.sync, "import_bundles", real_import)
    drop(page, second)  # imported again later, as the message says
    settle(qtbot, ctx, lambda: "Đã nhập 1 gói." in page.result.text() and "Đã hủy" not in page.result.text())
    assert row_counts(offices.province)["help"] == 2


def test_a_cancelled_backup_writes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ntm.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(UnitProfile(code="01234", name="Xã Bằng Thành", province_code="19", region="TDMNPB"))
    usb = tmp_path / "usb"
    usb.mkdir()
    steps: list[str] = []

    class CancelledWhileCopying:
        cancelled = False

        def __call__(self, done: int, total: int, text: str = "") -> None:
            steps.append(text)
            self.cancelled = True  # the officer pressed Cancel during the first step

    with pytest.raises(Cancelled):
        backups.create(path, usb, progress=CancelledWhileCopying())
    assert steps == ["Đang sao chép tệp dữ liệu…"]
    assert list(usb.iterdir()) == []
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".ntm-backup-")]  # no scratch left
    made = backups.create(path, usb)  # not cancelled: made and checked as before
    assert made.path.parent == usb and made.path.is_file()


def test_work_that_only_reads_is_dropped_when_cancelled(qtbot, qapp: QApplication) -> None:
    apply_language(qapp, "vi")
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []
    tasks = TaskManager(on_error=errors.append)
    started, release = threading.Event(), threading.Event()
    answers: list[object] = []

    def read(progress: Any) -> str:
        progress(1, 3, "Đang đọc…")
        started.set()
        release.wait(10)
        return "kết quả"

    dialog = run_with_progress(
        tasks,
        parent,
        "Đang đọc",
        read,
        answers.append,
        cancellable=True,
        on_cancelled=lambda: answers.append("hủy"),
    )
    qtbot.waitUntil(started.is_set)
    cancel_button(dialog).click()
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy())
    assert answers == ["hủy"] and not errors


def test_work_that_cannot_stop_offers_no_cancel_and_ignores_escape(qtbot, qapp: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = TaskManager(on_error=lambda exc: None)
    release = threading.Event()
    answers: list[object] = []
    dialog = run_with_progress(
        tasks, parent, "Đang ghi", lambda p: release.wait(10) and "xong", answers.append
    )
    assert dialog.findChild(QPushButton) is None
    dialog.reject()  # Escape
    assert not dialog.wasCanceled()
    release.set()
    qtbot.waitUntil(lambda: answers == ["xong"])
