"""One editable field of a criteria set bound to its key in the set's file shape, with its inline message.

Keys are those of :class:`~ntm_desktop.criteria.editing.SetDraft`: ``name_vi``, ``legal_basis.document``,
``source.part``; and two kinds of their own: ``threshold:general`` / ``threshold:2`` (a threshold as
typed) and ``req:2`` (the requirement text for one group or region).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ntm_desktop.criteria.editing import shown_threshold
from ntm_desktop.ui.widgets.fields import InlineMessage, mark_invalid

Edited = Callable[[str, Any], None]


class BoundField:
    """A widget showing one key of the item, telling ``edited`` what the officer typed."""

    def __init__(self, key: str, widget: QWidget, edited: Edited) -> None:
        self.key, self.widget, self.message = key, widget, InlineMessage()
        self._edited = edited
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text: self._edited(self.key, text))
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda: self._edited(self.key, widget.toPlainText()))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda on: self._edited(self.key, on))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _: self._edited(self.key, widget.currentData()))

    def show_value(self, value: Any) -> None:
        w = self.widget
        with QSignalBlocker(w):
            if isinstance(w, QLineEdit):
                text = shown_threshold(value) if self.key.startswith("threshold:") else _text(value)
                if w.text() != text:
                    w.setText(text)
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != _text(value):
                    w.setPlainText(_text(value))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                w.setCurrentIndex(max(w.findData(value), 0))

    def show_problem(self, text: str) -> None:
        self.message.show_message(text)
        mark_invalid(self.widget, bool(text))

    def set_editable(self, editable: bool) -> None:
        w = self.widget
        if isinstance(w, QLineEdit | QPlainTextEdit):
            w.setReadOnly(not editable)
        else:
            w.setEnabled(editable)


def line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def text_box(height: int = 54) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def combo(choices: Sequence[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for label, data in choices:
        box.addItem(label, data)
    return box


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)
