"""Cài đặt: the language (applied at once) and where the data file is. More settings come later."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout, QWidget

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
        group = QButtonGroup(self)
        lang_card = card()
        lang_box = QVBoxLayout(lang_card)
        lang_box.setContentsMargins(22, 16, 22, 16)
        lang_box.addWidget(label(tr("Language"), "subtitle"))
        row = QHBoxLayout()
        for code, name in LANGUAGE_NAMES.items():
            button = QRadioButton(name)
            button.setChecked(code == language())
            button.toggled.connect(lambda on, code=code: self._chosen(code, on))
            group.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        lang_box.addLayout(row)
        lang_box.addWidget(hint(tr("The window changes language at once; nothing typed is lost.")))
        file_card = card()
        file_box = QVBoxLayout(file_card)
        file_box.setContentsMargins(22, 16, 22, 16)
        file_box.addWidget(label(tr("Data file"), "subtitle"))
        path = label(str(ctx.data_file))
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_box.addWidget(path)
        file_box.addWidget(
            hint(
                tr(
                    "Everything the commune records is in this one file. A backup copy is made in the "
                    "“backups” "
                    "folder beside it before every upgrade of the app."
                )
            )
        )
        file_box.addWidget(hint(tr("Log file: {path}", path=str(log_file()))))
        open_button = QPushButton(tr("Open the data folder"))
        open_button.clicked.connect(open_folder)
        file_box.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(tr("Settings"), "title"))
        layout.addWidget(lang_card)
        layout.addWidget(file_card)
        layout.addWidget(
            label(
                tr(
                    "Still to come here: the role of this computer (commune or receiving office) and the "
                    "keys used "
                    "to sign reports and sync bundles."
                ),
                "muted",
            )
        )
        layout.addStretch(1)

    def _chosen(self, code: str, on: bool) -> None:
        if on:
            self.language_chosen.emit(code)
