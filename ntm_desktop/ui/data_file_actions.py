"""Where the workspace is (:class:`Target`), and the File menu's work on the data file itself: back up,
restore from a backup, recover a commune from its province's recovery bundle. Mixed into
:class:`~ntm_desktop.ui.startup.Startup`, which owns the window, the workspace and the task helper these
use, and reopens the file afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.tasks import TaskManager

if TYPE_CHECKING:
    from ntm_desktop.backups.replaced import Replaced
    from ntm_desktop.backups.service import Preview


@dataclass(frozen=True)
class Target:
    """Where the workspace is: a data file, or an office's database server (URL without the password)."""

    where: Path | str
    password: str | None = None
    folder: Path | None = None
    """For a server: this clerk's own folder (default: one per server in the data folder)."""

    @property
    def on_server(self) -> bool:
        return isinstance(self.where, str)

    @property
    def anchor(self) -> Path:
        """The path preferences and logs are kept beside (for a server, in the clerk's folder)."""
        if isinstance(self.where, Path):
            return self.where
        from ntm_desktop.workspace import clerk_folder

        return (self.folder or clerk_folder(self.where)) / "server"


class DataFileActions:
    """Back up, restore and recover; needs the attributes and the two methods below from its host."""

    window: MainWindow
    tasks: TaskManager
    ctx: AppContext | None
    path: Path
    target: Target

    def handle_error(self, exc: BaseException) -> None:
        raise NotImplementedError

    def _reopen(self) -> None:
        raise NotImplementedError

    def back_up(self) -> None:
        if self._on_server_refused():
            return
        from ntm_desktop.backups.service import create, usual_folder
        from ntm_desktop.ui.backup_dialogs import BackupDialog
        from ntm_desktop.ui.progress_dialog import run_with_progress

        choice = BackupDialog.ask(self.window, usual_folder(self.path))
        if choice is None:
            return
        self.window.flush()
        run_with_progress(  # Cancel stops before the backup file is written on the stick
            self.tasks,
            self.window,
            tr("Backing up"),
            lambda progress: create(self.path, choice.folder, choice.passphrase, progress),
            lambda made: self.window.statusBar().showMessage(
                tr("Backed up and checked: {path}", path=str(made.path))
            ),
            cancellable=True,
            keep_partial=True,
            on_failure=self.handle_error,
            handles=(NtmError,),
            on_cancelled=lambda: self.window.statusBar().showMessage(tr("Cancelled: no backup was made.")),
        )

    def restore(self, path: Path | None = None) -> None:
        """Preview a backup, then (if the officer confirms) replace the data file and open it again."""
        if self._on_server_refused():
            return
        from ntm_desktop.backups.replaced import replaced
        from ntm_desktop.backups.service import preview, same_unit, usual_folder
        from ntm_desktop.ui import backup_dialogs  # (imported when used: start-up does not need it)

        chosen = path or backup_dialogs.ask_backup_file(self.window, usual_folder(self.path))
        if chosen is None:
            return

        def read() -> tuple[Preview, Replaced | None]:
            shown = preview(chosen)
            same_unit(shown, self.path)  # another commune's backup: said now, with the window as it is
            return shown, replaced(self.path, shown)

        self.tasks.run_db(
            read,
            lambda both: self._confirm_restore(chosen, *both),
            on_failure=self.handle_error,
            handles=(NtmError,),
        )

    def _confirm_restore(self, path: Path, shown: Preview, now: Replaced | None) -> None:
        from ntm_desktop.backups.service import restore
        from ntm_desktop.ui.backup_dialogs import RestorePreviewDialog

        choice = RestorePreviewDialog.ask(self.window, shown, now)
        if choice is None:
            return
        self.window.flush()
        self.tasks.wait()
        if self.ctx is not None:
            self.ctx.ws.close()
            self.ctx = None
        kept: Path | None = None
        failed: NtmError | None = None
        try:
            kept = restore(path, self.path, choice.passphrase)
        except NtmError as exc:
            failed = exc
        self._reopen()
        if failed is not None:  # shown on the new window: on the old one it went with it, unread
            self.handle_error(failed)
        if kept is not None:  # where the replaced file went: the dialog only named the folder
            done = tr("Restored from {file}.", file=path.name)
            where = tr("The data file as it was is kept in {path}", path=str(kept))
            self.window.statusBar().showMessage(f"{done} {where}")

    def recover(self) -> None:
        """A lost laptop: make this (empty) data file from the receiving unit's recovery bundle."""
        if self._on_server_refused():
            return
        from ntm_desktop.ui.wizard.recovery import RecoveryWizard

        if self.ctx is not None and self.ctx.ws.unit.has_home():
            self.handle_error(NtmError(tr(
                "This data file already belongs to a commune. Recovery makes a new data file: start the app "
                "with a new data folder (--data-dir) and choose this again.")))  # fmt: skip
            return
        bundle = RecoveryWizard.ask(self.window, self.path.parent)
        if bundle is not None:
            self.recover_from(bundle)

    def recover_from(self, bundle: Path) -> None:
        """Make this (empty) data file from ``bundle`` and open it in a new window."""
        from ntm_desktop.recovery import recover

        self.tasks.wait()
        if self.ctx is not None:
            self.ctx.ws.close()
            self.ctx = None
        failed: NtmError | None = None
        try:
            recover(bundle, self.path)
        except NtmError as exc:
            failed = exc
        self._reopen()
        if failed is not None:  # on the new window, as for a restore
            self.handle_error(failed)

    def _on_server_refused(self) -> bool:
        """Backups and recovery are for a data file; a server is backed up with pg_dump."""
        if self.target.on_server:
            self.handle_error(
                NtmError(tr("The office's database server is backed up with pg_dump (docs/postgresql.md)."))
            )
        return self.target.on_server
