"""A restore the window refuses says why, where the officer can read it: another commune's backup with
the preview (before anything is closed), and a refusal after the officer confirmed on the window that
reopens (the message was shown on the old window, which closed with it at once: the officer saw the
window come back and took the restore as done)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ntm_desktop.backups import service
from ntm_desktop.backups.service import Preview
from ntm_desktop.ui import backup_dialogs, errors
from ntm_desktop.ui.backup_dialogs import RestoreChoice, RestorePreviewDialog
from ntm_desktop.ui.startup import Startup
from ntm_desktop.workspace import Workspace
from tests.helpers.dbstate import dump
from tests.helpers.started import commune_file, started
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return commune_file(tmp_path)


@pytest.fixture
def app(qtbot, qapp: QApplication, data_file: Path, tmp_path: Path) -> Iterator[Startup]:
    with started(qtbot, qapp, data_file, tmp_path) as running:
        yield running


def shown_errors(started: Startup) -> list[str]:
    """The error dialogs on screen over the window the officer has now."""
    return [d.message for d in errors._open_dialogs if d.isVisible() and d.parent() is started.window]


def test_another_commune_s_backup_is_refused_with_the_preview(
    qtbot, app: Startup, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_file = tmp_path / "xa-khac" / "ntm.sqlite"
    with Workspace.open(other_file) as ws:
        ws.unit.setup(replace(SAMPLE_UNIT, code="05555", name="Xã Khác"))
    usb = tmp_path / "usb"
    usb.mkdir()
    made = service.create(other_file, usb)
    asked: list[Preview] = []
    monkeypatch.setattr(backup_dialogs, "ask_backup_file", lambda parent, fallback: made.path)
    monkeypatch.setattr(
        RestorePreviewDialog, "ask", classmethod(lambda cls, parent, shown, now: asked.append(shown))
    )
    window = app.window
    before = dump(data_file)
    window.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(shown_errors(app)))
    (message,) = shown_errors(app)
    assert "là của Xã Khác (05555)" in message and "chưa thay đổi gì" in message
    assert not asked  # nothing to confirm: it cannot be restored here
    assert app.window is window  # the window was not closed and reopened
    assert dump(data_file) == before


def test_a_restore_refused_after_confirming_is_said_on_the_window_that_reopens(
    qtbot, app: Startup, data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = service.create(data_file, tmp_path)
    other_window = Workspace.open(data_file)  # the same file, open in a second NTM Desktop
    try:
        other_window.help.list()
        monkeypatch.setattr(backup_dialogs, "ask_backup_file", lambda parent, fallback: made.path)
        monkeypatch.setattr(
            RestorePreviewDialog, "ask", classmethod(lambda cls, parent, shown, now: RestoreChoice(None))
        )
        old = app.window
        app.window.restore_action.trigger()
        qtbot.waitUntil(lambda: app.window is not old and bool(app.window.pages))
        qtbot.waitUntil(lambda: bool(shown_errors(app)))
        (message,) = shown_errors(app)
        assert "đang được mở trong một cửa sổ NTM Desktop khác" in message
        assert app.window.statusBar().currentMessage() == ""  # no "restored" either
    finally:
        other_window.close()
    assert not service.restore_folder(data_file).exists()
