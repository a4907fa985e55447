"""The value field of the editor: a text box for percent, number, level and free text (with its unit
beside it), a Có/Không choice for yes-or-no indicators."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import Indicator
from ntm_desktop.ui.pages.criteria.present import input_text


class ValueInput(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.choice = QComboBox()
        self.choice.addItem(tr("— Not entered —"), None)
        self.choice.addItem(tr("Yes"), True)
        self.choice.addItem(tr("No"), False)
        self.unit = QLabel()
        self.unit.setMinimumWidth(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.choice, 1)
        layout.addWidget(self.unit)
        self.line.textChanged.connect(lambda _: self.edited.emit())
        self.choice.activated.connect(lambda _: self.edited.emit())
        self._boolean = False
        self.setFocusProxy(self.line)

    def configure(self, indicator: Indicator | None) -> None:
        """Fit the field to the indicator's kind (None: a criterion judged as a whole, free text)."""
        kind = indicator.kind if indicator else "text"
        self._boolean = kind == "boolean"
        self.line.setVisible(not self._boolean)
        self.choice.setVisible(self._boolean)
        self.setFocusProxy(self.choice if self._boolean else self.line)
        placeholders = {
            "percent": tr("e.g. 82,5"),
            "number": tr("e.g. 45,5"),
            "level": tr("e.g. mức độ 2"),
            "text": tr("What was achieved, in a few words"),
        }
        self.line.setPlaceholderText(placeholders.get(kind, ""))
        unit = "%" if kind == "percent" else (indicator.unit if indicator and kind == "number" else "")
        self.unit.setText(unit)
        self.unit.setVisible(bool(unit))

    def set_value(self, indicator: Indicator | None, value: Any) -> None:
        with QSignalBlocker(self.line), QSignalBlocker(self.choice):
            if self._boolean:
                self.choice.setCurrentIndex(
                    max(0, self.choice.findData(value)) if isinstance(value, bool) else 0
                )
            else:
                text = input_text(indicator, value)
                if self.line.text() != text:
                    self.line.setText(text)

    def raw(self) -> Any:
        """What to hand the core: the typed text, or True/False/None for a yes-or-no indicator."""
        if self._boolean:
            return self.choice.currentData()
        return self.line.text()

    def has_focus(self) -> bool:
        return self.line.hasFocus() or self.choice.hasFocus()
