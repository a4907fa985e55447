"""Telling the officer what a save noted without failing: a kept judgement, an implausible value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtWidgets import QApplication, QMessageBox

from ntm_desktop.core.i18n import tr


class NotesBox(QMessageBox):
    """A non-blocking warning listing the notes; ``shown`` keeps the last texts for tests and logs."""

    shown: ClassVar[list[str]] = []

    @classmethod
    def tell(cls, notes: Sequence[str]) -> None:
        cls.shown = list(notes)
        box = cls(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Saved — please check"))
        box.setText(tr("Saved. Please check:") + "\n\n" + "\n".join(f"• {n}" for n in notes))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(False)
        box.show()
