"""A coloured Đạt / Chưa đạt / Chưa đủ / Chưa có số liệu label."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ntm_desktop.ui.pages.criteria.present import status_colour_key, status_label
from ntm_desktop.ui.style import STATUS_BACKGROUNDS, STATUS_COLOURS


class StatusChip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = ""
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def show_status(self, status: str) -> None:
        self.status = status
        key = status_colour_key(status)
        self.setText(status_label(status))
        self.setStyleSheet(
            f"QLabel {{ color: {STATUS_COLOURS[key].name()}; background: {STATUS_BACKGROUNDS[key].name()};"
            " border-radius: 10px; padding: 3px 12px; font-weight: 600; }"
        )
