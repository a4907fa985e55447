"""The big-number cards above the receiver's tables (their tables are :class:`RowsTable`)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ntm_desktop.ui.widgets.fields import card, label
from ntm_desktop.ui.widgets.rows_table import RowsTable

__all__ = ["Figure", "RowsTable", "titled"]


class Figure(QFrame):
    """A card with a caption, a big number and a line under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.caption = label(caption, "muted")
        self.value = label("", "big", wrap=False)
        self.note = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def show_value(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))


def titled(title: str, widget: QWidget) -> QFrame:
    box = card()
    inner = QVBoxLayout(box)
    inner.setContentsMargins(14, 10, 14, 10)
    inner.addWidget(label(title, "subtitle"))
    inner.addWidget(widget, 1)
    return box
