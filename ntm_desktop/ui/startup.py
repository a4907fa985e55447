"""From an empty window to a working one: open the data file off the GUI thread, set the commune up if
it is new, then give the window its pages. Also the ``--screenshot`` mode and the live language switch."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.paths import DB_FILENAME
from ntm_desktop.services.overview import year_to_open
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.data_file_actions import DataFileActions, Target
from ntm_desktop.ui.errors import report
from ntm_desktop.ui.files import FileChoice, RecentFiles, folder_problem
from ntm_desktop.ui.first_page import figures_to_keep, keep_figures, kept_figures, preview_page
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.server_move_actions import ServerMoveActions
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.year import YearState

if TYPE_CHECKING:
    from ntm_desktop.services.server_login import ServerLogin
    from ntm_desktop.workspace import Workspace

log = logging.getLogger("ntm_desktop.ui")

SCREENSHOT_SIZE = (1366, 768)
"""``--screenshot`` pictures the window as large as a commune laptop's screen."""


@dataclass(frozen=True)
class Opened:
    ws: Workspace
    has_home: bool
    first_year: int
    last_year: int
    years_with_data: tuple[int, ...]


def open_workspace(target: Target) -> Opened:
    """Runs on the database worker: SQLAlchemy and the migrations are imported here, not before paint."""
    from ntm_desktop.workspace import Workspace

    ws = Workspace.open(target.where, folder=target.folder, password=target.password)
    sets = ws.criteria.sets()
    # An office has no commune of its own; a new database on a server is an office's (never a commune's)
    # but has none set up until its code is given: the setup wizard asks for it.
    office = ws.settings.role == "receiver" and bool(ws.settings.get("receiver_code"))
    has_home = ws.unit.has_home() or office
    this_year = vntime.today().year
    first = min((s.period_from for s in sets), default=this_year)
    last = max((s.period_to for s in sets), default=this_year)
    years = tuple(ws.progress.years()) if has_home else ()
    return Opened(ws, has_home, first, last, years)


def default_year(opened: Opened, remembered: int | None) -> int:
    return year_to_open(opened.first_year, opened.last_year, opened.years_with_data, remembered)


class Startup(DataFileActions, ServerMoveActions, QObject):
    def __init__(
        self,
        app: QApplication,
        target: Target | Path,
        prefs: Prefs,
        screenshot: str | None = None,
        page: int = 0,
        first_paint: bool = False,
    ) -> None:
        super().__init__()
        target = target if isinstance(target, Target) else Target(target)  # a data file's path
        self.app, self.target, self.prefs, self.screenshot = app, target, prefs, screenshot
        self.path = target.anchor
        self.page = page
        """In ``--screenshot`` mode, the sidebar position (1-based) of the page to picture; 0: the first."""
        self.first_paint = first_paint
        """In ``--screenshot`` mode: picture the first page as soon as it shows figures from a valid
        start-up snapshot, without opening the data file (``bench/startup.py`` measures this)."""
        self.hub = Hub(self)
        self.tasks = TaskManager(on_error=self.handle_error, parent=self)
        self.ctx: AppContext | None = None
        self.year: YearState | None = None
        self.exit_code = 0
        self.started = time.perf_counter()
        self.window = self._new_window()
        self.finish: Callable[[int], None] = app.exit
        """Ends the event loop ``run`` waits in (``--screenshot`` mode ends it when the picture is saved)."""

    def handle_error(self, exc: BaseException) -> None:
        """The one error path: log, show the dialog (in ``--screenshot`` mode: exit instead of waiting)."""
        report(exc, self.window)
        if self.screenshot:  # nobody is there to read the dialog
            self.exit_code = getattr(exc, "exit_code", 1)
            self.finish(self.exit_code)

    def _new_window(self) -> MainWindow:
        shown = self.target.where if isinstance(self.target.where, str) else ""
        window = MainWindow(self.prefs, self.path, shown)
        window.language_requested.connect(self.switch_language)
        window.setup_requested.connect(self._ask_setup)
        window.profile_requested.connect(self._edit_profile)
        window.backup_requested.connect(self.back_up)
        window.restore_requested.connect(lambda: self.restore())
        window.recovery_requested.connect(self.recover)
        window.new_file_requested.connect(self.new_data_file)
        window.open_requested.connect(self.open_data_file)
        window.connect_requested.connect(self.connect_to_server)
        window.move_requested.connect(self.move_to_server)
        if self.screenshot:
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.resize(*SCREENSHOT_SIZE)  # the same picture whatever screen the machine has
        return window

    def start(self) -> None:
        """Show the window at once (for a data file, the first page from the start-up snapshot when it is
        still valid), then open the workspace on the worker: the data layer is imported after the first
        paint."""
        if not self.screenshot and not self.target.on_server:
            RecentFiles().add(self.path)
        figures = None
        if not self.target.on_server and self._first_page() == 0:
            figures = kept_figures(self.path, self.prefs.year)
        if figures is not None:
            self.window.show_preview(preview_page(figures, self.window))
        self.window.show()
        QTimer.singleShot(0, lambda: self._painted(figures is not None))
        if figures is not None and self.screenshot and self.first_paint:
            QTimer.singleShot(0, lambda: self._shoot(self.window))
            return
        QTimer.singleShot(0, self._open)

    def _open(self) -> None:
        target = self.target
        self.tasks.run_db(
            lambda: open_workspace(target), self._opened, on_failure=self._failed, handles=(NtmError,)
        )

    def _first_page(self) -> int:
        """The sidebar position (0-based) the window will show first."""
        return self.page - 1 if self.screenshot and self.page > 1 else self.prefs.page

    def _painted(self, from_snapshot: bool) -> None:
        log.info(
            "main window painted %.0f ms after start%s",
            (time.perf_counter() - self.started) * 1000,
            ", with the figures of the start-up snapshot" if from_snapshot else "",
        )

    def _opened(self, opened: Opened) -> None:
        self.ctx = AppContext(opened.ws, self.hub, self.tasks, self.prefs)
        self.year = YearState(
            default_year(opened, self.prefs.year), opened.first_year, opened.last_year, self
        )
        if opened.has_home:
            self._attach()
        elif self.screenshot:
            self._shoot_wizard()
        else:
            empty = (
                tr("This database has no office set up yet.")
                if self.target.on_server
                else tr("This data file has no commune yet.")
            )
            self.window.show_notice(empty, offer_setup=True)
            QTimer.singleShot(0, self._ask_setup)

    def _failed(self, exc: BaseException) -> None:
        from ntm_desktop.backups.health import DamagedDataFile
        from ntm_desktop.ui.backup_dialogs import DamagedFileDialog

        wants_password = self.target.on_server and type(exc).__name__ == "PasswordNeeded"
        if wants_password and not self.screenshot and self._ask_password(exc):
            return
        self.window.show_notice(tr("The data file could not be opened."))  # the dialog says why
        if isinstance(exc, DamagedDataFile) and not self.screenshot:
            answer = DamagedFileDialog.ask(self.window, str(exc), exc.latest)
            if answer == DamagedFileDialog.LATEST and exc.latest is not None:
                self.restore(exc.latest)
            elif answer == DamagedFileDialog.CHOOSE:
                self.restore()
            return
        self.handle_error(exc)

    def _reopen(self) -> None:
        """A new window on the (restored) data file, as at start-up."""
        old, self.window = self.window, self._new_window()
        self.start()
        old.close()
        old.deleteLater()

    def _ask_password(self, exc: BaseException) -> bool:
        """The server wants a password: ask for it (and where the server is), then try again."""
        from ntm_desktop.services.server_login import ServerLogin
        from ntm_desktop.ui.connect_dialog import ConnectDialog, password_message

        login = ServerLogin.from_url(str(self.target.where))
        asked = ConnectDialog.ask(self.window, login, password_message(login, exc))
        if asked is None:
            return False
        self.target = Target(asked[0].url(), asked[1] or None, self.target.folder)
        self._open()
        return True

    def _attach(self) -> None:
        assert self.ctx is not None and self.year is not None
        self.window.attach(self.ctx, self.year)
        moved_to = self.ctx.ws.settings.get("moved_to")  # server_move.MOVED_TO
        if moved_to:
            self.window.show_moved(str(moved_to))
        if self.screenshot:
            if self.page > 1:
                self.window.go_to(self.page - 1)
            self._shoot_when_idle(self.window)

    def _ask_setup(self) -> None:
        from ntm_desktop.ui.wizard import SetupWizard

        offer = None if self.target.on_server else self.recover_from  # a lost laptop: the province's copy
        if self.ctx is not None and SetupWizard.ask(self.ctx, parent=self.window, recover=offer) is not None:
            self._attach()

    def _edit_profile(self) -> None:
        from ntm_desktop.ui.office_details import OfficeDetailsDialog
        from ntm_desktop.ui.wizard import SetupWizard

        if self.ctx is None:
            return
        if self.ctx.ws.settings.role == "receiver":  # a receiving office has no commune profile
            OfficeDetailsDialog.ask(self.ctx, parent=self.window)
        else:
            SetupWizard.ask(self.ctx, self.ctx.ws.unit.home(), parent=self.window)

    def _shoot_wizard(self) -> None:
        from ntm_desktop.ui.wizard import SetupWizard

        assert self.ctx is not None
        wizard = SetupWizard(self.ctx, parent=self.window)  # goes when the window goes
        wizard.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        wizard.show()
        self.window.hide()
        QTimer.singleShot(0, lambda: self._shoot(wizard))

    def _shoot_when_idle(self, widget: QWidget, quiet_polls: int = 0) -> None:
        """Picture the window once the pages' background loads have finished (checked twice in a row)."""
        if quiet_polls >= 2:
            self._shoot(widget)
            return
        quiet = 0 if self.tasks.busy() else quiet_polls + 1
        QTimer.singleShot(50, lambda: self._shoot_when_idle(widget, quiet))

    def _shoot(self, widget: QWidget) -> None:
        assert self.screenshot is not None
        ok = widget.grab().save(self.screenshot, "PNG")
        if not ok:
            report(NtmError(tr("Cannot write the picture {path}", path=self.screenshot)))
        self.exit_code = 0 if ok else 4
        widget.close()
        self.window.close()
        self.finish(self.exit_code)

    # ---- other data files (File menu) ----------------------------------------------------------

    def new_data_file(self) -> None:
        """A new data file in a folder the officer chooses; the wizard then asks whose it is."""
        folder = FileChoice.new_folder(self.window, self.path.parent.parent)
        if folder is None:
            return
        problem = folder_problem(folder)
        if problem:
            report(NtmError(problem), self.window)
            return
        self.open_data_file(folder / DB_FILENAME)

    def open_data_file(self, path: Path | None) -> None:
        """Close this data file (what was typed is saved first) and open ``path`` in a fresh window."""
        path = path or FileChoice.data_file(self.window, self.path.parent)
        if path is None or path.resolve() == self.path.resolve():
            return
        self._switch_to(Target(path.resolve()))

    def connect_to_server(self) -> None:
        """Ask where the office's database server is (as ``gui --connect`` does) and open it."""
        from ntm_desktop.services.server_login import ServerLogin
        from ntm_desktop.ui.connect_dialog import ConnectDialog

        current = self.target.where if self.target.on_server else None
        login = ServerLogin.from_url(str(current)) if current else ServerLogin()
        asked = ConnectDialog.ask(self.window, login)
        if asked is not None:
            self._open_server(*asked)

    def _open_server(self, login: ServerLogin, password: str) -> None:
        """Close this workspace and open the office on its database server in a fresh window."""
        self._switch_to(Target(login.url(), password or None))

    def _switch_to(self, target: Target) -> None:
        if not self.window.may_leave():
            return
        self.window.flush()
        self.tasks.wait()
        if self.ctx is not None:
            self.ctx.ws.close()
            self.ctx = None
        language, geometry = self.prefs.language, self.window.saveGeometry()
        self.prefs.geometry = geometry
        self.prefs.sync()
        self.target = target
        self.path = self.target.anchor
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.prefs = Prefs.beside(self.path)
        self.prefs.language = language  # the officer's language and window go with them
        self.prefs.geometry = self.prefs.geometry or geometry
        old, self.window = self.window, self._new_window()
        old.hide()
        self.start()
        old.deleteLater()

    def switch_language(self, code: str) -> None:
        """Rebuild the window in the other language; pending edits are saved first."""
        if not self.window.may_leave():
            return
        self.window.flush()
        self.prefs.language = code
        apply_language(self.app, code)
        old, self.window = self.window, self._new_window()
        if self.ctx is not None and self.year is not None:
            self.window.attach(self.ctx, self.year)
            self.window.go_to(old.nav.currentRow())
        self.window.show()
        old.close()
        old.deleteLater()

    def close(self) -> None:
        """Finish the database work, close the data file, and destroy the windows here, on the GUI
        thread (left to Python's garbage collector, a window could be destroyed on a worker thread)."""
        if not shiboken6.isValid(self):
            return
        self.tasks.wait()
        if self.ctx is not None:
            on_file = not self.target.on_server  # a server: no snapshot, and pg_dump instead of a file copy
            figures = figures_to_keep(self.ctx.ws, self.year) if on_file else None
            self.ctx.ws.close()
            if on_file and not self.screenshot:
                self._auto_backup()
            if on_file:
                keep_figures(self.path, figures)
        if shiboken6.isValid(self.window):
            shiboken6.delete(self.window)
        shiboken6.delete(self)  # with it the task helper, the hub and the year

    def _auto_backup(self) -> None:
        """The copy made on closing (backups/auto/, rotated); a failure is logged, never blocks closing."""
        from ntm_desktop.backups.auto import auto_backup

        try:
            auto_backup(self.path)
        except (NtmError, OSError):
            log.warning("automatic backup failed", exc_info=True)
