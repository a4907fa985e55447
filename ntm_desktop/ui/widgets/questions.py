"""The one "Yes / Cancel" question the pages ask before a step that is hard to take back (Cancel is the
default, so Enter never confirms by accident)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def yes_or_cancel(parent: QWidget | None, title: str, text: str) -> bool:
    """True when the officer answers Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
