"""Reading a form as the officer reads it (no tests here): the label its form shows beside a field."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QWidget


def form_label(field: QWidget) -> str:
    """The text the form shows beside ``field`` (its row's label; a box says it itself)."""
    if isinstance(field, QCheckBox):
        return field.text()
    widget: QWidget | None = field
    while widget is not None and widget.parentWidget() is not None:
        for form in widget.parentWidget().findChildren(QFormLayout):
            beside = form.labelForField(widget)
            if beside is not None:
                return str(beside.text())
        widget = widget.parentWidget()
    raise AssertionError(f"{field!r} has no label beside it")
