"""``ntm-desktop gui``: the application object, language, look, logging, the exception hook, start-up.

Start-up stays fast: the window is painted before the data file is opened (SQLAlchemy and the migrations
are imported on the database worker), and pages are built when the data is there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import MutableMapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from ntm_desktop.core.logs import configure as configure_logging
from ntm_desktop.core.paths import is_server_location, resolve_db_path
from ntm_desktop.ui.data_file_actions import Target
from ntm_desktop.ui.errors import install_excepthook
from ntm_desktop.ui.icons import icon
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.startup import Startup
from ntm_desktop.ui.style import apply_style


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "ntm-desktop"])
    app.setApplicationName("NTM Desktop")
    app.setOrganizationName("ntm-desktop")
    app.setWindowIcon(icon("app", 64))
    return app


def choose_platform_for_pictures(env: MutableMapping[str, str], platform: str) -> None:
    """``--screenshot`` on a machine with no display (a server, CI): Qt draws offscreen instead of
    failing to find one. A platform the user chose is kept."""
    if env.get("QT_QPA_PLATFORM"):
        return
    if platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"


def run(args: argparse.Namespace) -> int:
    """Open the main window on the data file ``args`` points at; returns the exit code."""
    hosted = QApplication.instance() is not None  # e.g. under pytest-qt: leave its event loop alone
    if getattr(args, "screenshot", None) and not hosted:
        choose_platform_for_pictures(os.environ, sys.platform)
    app = application()
    target = _target(args)
    if target is None:
        return 0  # the clerk cancelled the connect dialog
    path = target.anchor
    path.parent.mkdir(parents=True, exist_ok=True)
    prefs = Prefs.beside(path)
    apply_language(app, getattr(args, "lang", None) or os.environ.get("NTM_LANG") or prefs.language)
    if getattr(args, "screenshot", None):  # a picture must not move the officer's window or last page
        prefs = Prefs(
            QSettings(
                str(Path(tempfile.mkdtemp(prefix="ntm-shot-")) / "prefs.ini"), QSettings.Format.IniFormat
            )
        )
    if getattr(args, "year", None):
        prefs.year = args.year
    apply_style(app)
    configure_logging(folder=path.parent)  # once per process, into the data folder
    startup = Startup(
        app,
        target,
        prefs,
        getattr(args, "screenshot", None),
        getattr(args, "page", 0) or 0,
        first_paint=bool(getattr(args, "first_paint", False)),
    )
    previous_hook = install_excepthook(startup.handle_error)
    loop = QEventLoop()
    if hosted:
        startup.finish = loop.exit
    try:
        startup.start()
        code = loop.exec() if hosted else app.exec()
        return code or startup.exit_code
    finally:
        startup.close()
        sys.excepthook = previous_hook


def _target(args: argparse.Namespace) -> Target | None:
    """The data file, or the office's server (asking where it is with ``--connect``)."""
    db, data_dir = getattr(args, "db", None), getattr(args, "data_dir", None)
    if not (getattr(args, "connect", False) or is_server_location(db)):
        return Target(resolve_db_path(data_dir, db))
    from ntm_desktop.services.server_login import ServerLogin, saved_password
    from ntm_desktop.ui.connect_dialog import ConnectDialog

    folder = Path(data_dir).expanduser() if data_dir else None
    if is_server_location(db):
        login = ServerLogin.from_url(str(db))
        given = unquote(urlsplit(str(db)).password or "")  # written in the URL: used, never shown
        return Target(login.url(), given or saved_password(login), folder)
    asked = ConnectDialog.ask(None, ServerLogin())
    if asked is None:
        return None
    return Target(asked[0].url(), asked[1] or None, folder)
