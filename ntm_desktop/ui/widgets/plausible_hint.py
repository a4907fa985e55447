"""The amber line beside a field whose value is allowed but unlikely (``core.plausible``): a date in the
future, a name longer than a name, an amount with a zero too many. Shown as the officer types; it never
keeps the form from saving (the red :class:`InlineMessage` does that)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class PlausibleHint(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "warning")
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_warnings(self, warnings: Sequence[str]) -> None:
        text = "\n".join(f"⚠ {w}" for w in warnings)
        self.setText(text)
        self.setVisible(bool(text))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as its wrapped lines need at its width (form layouts would otherwise cut it)."""
        height = self.heightForWidth(self.width()) if self.text() else 0
        if height > 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)

    @property
    def message(self) -> str:
        """What is shown (empty while the value looks plausible)."""
        return "" if self.isHidden() else self.text()
