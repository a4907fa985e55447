"""Cài đặt: the language (applied at once) and where the data file is. More settings come later."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.logs import log_file
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.widgets.fields import card, hint, label

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


class SettingsPage(Page):
    language_chosen = Signal(str)

    def __init__(
        self, ctx: AppContext, open_folder: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.language_buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(tr("Settings"), "title"))
        layout.addWidget(self._language_card())
        layout.addWidget(self._file_card(ctx, open_folder))
        keys = tr(
            "This computer's key for sync bundles is on the Sync page; the keys and certificates that sign "
            "reports are on the Reports page."
        )
        layout.addWidget(label(keys, "muted"))
        layout.addStretch(1)

    def _language_card(self) -> QFrame:
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(22, 16, 22, 16)
        inner.addWidget(label(tr("Language"), "subtitle"))
        group = QButtonGroup(box)
        row = QHBoxLayout()
        for code, name in LANGUAGE_NAMES.items():
            button = QRadioButton(name)
            button.setChecked(code == language())
            button.toggled.connect(lambda on, code=code: self._chosen(code, on))
            group.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        inner.addWidget(hint(tr("The window changes language at once; nothing typed is lost.")))
        return box

    @staticmethod
    def _file_card(ctx: AppContext, open_folder: Callable[[], None]) -> QFrame:
        """Where the data is: the data file, or the office's database server and this clerk's own folder."""
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(22, 16, 22, 16)
        ws = ctx.ws
        inner.addWidget(label(tr("Database server") if ws.on_server else tr("Data file"), "subtitle"))
        path = label(ws.where if ws.on_server else str(ctx.data_file))
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(path)
        inner.addWidget(
            hint(_where_about(ws.on_server, ws.settings.role == "receiver", ctx.data_file.parent))
        )
        inner.addWidget(hint(tr("Log file: {path}", path=str(log_file()))))
        open_button = QPushButton(
            tr("Open this computer's folder") if ws.on_server else tr("Open the data folder")
        )
        open_button.clicked.connect(open_folder)
        inner.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _chosen(self, code: str, on: bool) -> None:
        if on:
            self.language_chosen.emit(code)


def _where_about(on_server: bool, receiver: bool, folder: Path) -> str:
    if on_server:
        return tr(
            "The office's data is on this database server, shared by every clerk. The app makes no backup "
            "of it: back it up with PostgreSQL's pg_dump (docs/postgresql.md, “Backups”). This computer's "
            "own key, preferences and copies of evidence files are in {folder}.",
            folder=str(folder),
        )
    if receiver:
        return tr(
            "Everything this office records is in this one file. A backup copy is made in the “backups” "
            "folder beside it before every upgrade of the app."
        )
    return tr(
        "Everything the commune records is in this one file. A backup copy is made in the “backups” "
        "folder beside it before every upgrade of the app."
    )
