"""The app as the officer starts it on a commune's data file: the real start-up (``ui.startup.Startup``)
and its window, closed again after the test with whatever error dialogs it left open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import QApplication

from ntm_desktop.ui import errors
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.testing import make_prefs
from tests.helpers.sync import commune_with_help


def commune_file(tmp_path: Path) -> Path:
    """A commune's data file holding one help record from one supporter."""
    return commune_with_help(tmp_path / "data" / "ntm.sqlite")


@contextmanager
def started(qtbot: Any, qapp: QApplication, data_file: Path, tmp_path: Path) -> Iterator[Startup]:
    """The app started in Vietnamese on ``data_file``, its pages shown; closed after the block."""
    apply_language(qapp, "vi")
    app = Startup(qapp, data_file, make_prefs(tmp_path))
    app.start()
    qtbot.waitUntil(lambda: bool(app.window.pages))
    try:
        yield app
    finally:
        for dialog in list(errors._open_dialogs):
            dialog.close()
        if shiboken6.isValid(app):
            if shiboken6.isValid(app.window):
                app.window.close()
            app.close()
