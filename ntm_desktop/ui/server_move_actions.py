"""File → "Move the office's data to a database server…": a receiving office on a SQLite file moves to a
new, empty PostgreSQL database (``receiver move-to-server``, :mod:`ntm_desktop.server_move`), then opens
the office there if the clerk wants. Mixed into :class:`~ntm_desktop.ui.startup.Startup`, which owns the
window, the workspace and the task helper, and opens the server (``_open_server``).

    explain (MoveExplainDialog) → where (ConnectDialog) → move on the worker (progress, no Cancel:
    one transaction) → MovedDialog: open the office on the server now, or keep this window on the archive
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.data_file_actions import Target
from ntm_desktop.ui.main_window import MainWindow
from ntm_desktop.ui.tasks import TaskManager

if TYPE_CHECKING:
    from ntm_desktop.server_move import Moved
    from ntm_desktop.services.server_login import ServerLogin


class _Question(QDialog):
    """A short text and two buttons; ``ask`` is True when the officer presses the first one."""

    def __init__(self, title: str, text: str, yes: str, no: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole).setObjectName("primary")
        buttons.addButton(no, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class MoveExplainDialog(_Question):
    """What the move does, before the officer says where the server is."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Move the office to a database server"),
            tr(
                "Everything in {file} (communes, their reports, sign-off, recognition decisions, trusted "
                "keys, the history and the evidence files) is copied at once into a NEW, EMPTY PostgreSQL "
                "database. The office's key stays the same, so the communes need not trust it again. The "
                "file is kept as it was, as an archive; afterwards every clerk opens the office on the "
                "server.",
                file=path.name,
            ),
            tr("Choose the server…"),
            tr("Cancel"),
            parent,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> bool:
        return cls(path, parent).exec() == QDialog.DialogCode.Accepted


class MovedDialog(_Question):
    """The move is done: what went across, and whether to open the office on the server now."""

    def __init__(self, moved: Moved, path: Path, parent: QWidget | None = None) -> None:
        lines = (
            tr("Moved to {where}: {communes}, {rows}, {files}.", where=moved.where,
               communes=trn("{n} commune", "{n} communes", moved.communes),
               rows=trn("{n} row of data", "{n} rows of data", sum(moved.rows.values())),
               files=trn("{n} evidence file", "{n} evidence files", moved.evidence_files)),
            tr("The office's key is unchanged ({fingerprint}): the communes need not trust it again.",
               fingerprint=moved.fingerprint),
            tr("{path} stays as it was, marked as moved; keep it as an archive.", path=str(path)),
            tr("Open the office on the server now?"),
        )  # fmt: skip
        super().__init__(
            tr("The office has moved"), "\n\n".join(lines), tr("Open on the server"), tr("Later"), parent
        )

    @classmethod
    def ask(cls, parent: QWidget | None, moved: Moved, path: Path) -> bool:
        return cls(moved, path, parent).exec() == QDialog.DialogCode.Accepted


class ServerMoveActions:
    """Needs the attributes and the methods below from its host."""

    window: MainWindow
    tasks: TaskManager
    ctx: AppContext | None
    path: Path
    target: Target

    def handle_error(self, exc: BaseException) -> None:
        raise NotImplementedError

    def _open_server(self, login: ServerLogin, password: str) -> None:
        raise NotImplementedError

    def move_to_server(self) -> None:
        """Explain, ask where the new database is, and move (a receiving office on a data file only)."""
        from ntm_desktop.services.server_login import ServerLogin
        from ntm_desktop.ui.connect_dialog import ConnectDialog

        if self.target.on_server or self.ctx is None:
            return
        if not MoveExplainDialog.ask(self.window, self.path):
            return
        asked = ConnectDialog.ask(self.window, ServerLogin())
        if asked is not None:
            self._move(*asked)

    def _move(self, login: ServerLogin, password: str) -> None:
        from ntm_desktop.server_move import move_to_server
        from ntm_desktop.ui.progress_dialog import run_with_progress

        self.window.flush()  # what a page still holds goes into the file before it is copied
        source, url = self.path, login.url()
        run_with_progress(  # no Cancel: one transaction, left empty if anything fails
            self.tasks,
            self.window,
            tr("Moving the office to the database server"),
            lambda progress: move_to_server(source, url, password=password or None, progress=progress),
            lambda moved: self._moved(moved, login, password),
            on_failure=lambda exc: self._move_failed(exc, login),
            handles=(NtmError,),
        )

    def _move_failed(self, exc: BaseException, login: ServerLogin) -> None:
        """The one error path; when the server wants a password, ask for it and try again."""
        from ntm_desktop.ui.connect_dialog import ConnectDialog, password_message

        if type(exc).__name__ == "PasswordNeeded":
            asked = ConnectDialog.ask(self.window, login, password_message(login, exc))
            if asked is not None:
                self._move(*asked)
            return
        self.handle_error(exc)

    def _moved(self, moved: Moved, login: ServerLogin, password: str) -> None:
        self.window.show_moved(moved.where)  # this window now shows the archive
        if MovedDialog.ask(self.window, moved, self.path):
            self._open_server(login, password)
