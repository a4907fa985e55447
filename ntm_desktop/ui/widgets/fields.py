"""Form helpers: an inline message under a field, labelled rows, headings and hints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget


class InlineMessage(QLabel):
    """The red line under a field that says what is wrong with it; hidden while all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.text()


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Give a field the red border of the style sheet (or take it away)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def with_message(field: QWidget, message: InlineMessage) -> QWidget:
    """A field with its inline message right under it (for a form row).

    A message shown takes the row's width, even under a narrow field (a date box): kept to the field's
    width, a sentence wrapped word by word and its end was cut off. The field keeps its own width."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QAbstractSpinBox):  # a date or number box: as wide as what it holds
        layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    else:
        layout.addWidget(field)
    message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout.addWidget(message)
    return box


def label(text: str, role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def hint(text: str) -> QLabel:
    """A muted explanation under a field."""
    widget = label(text, "muted")
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def card() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    return frame
