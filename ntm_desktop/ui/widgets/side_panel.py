"""A panel beside a table or tree that scrolls up and down, never sideways: it is always as wide as its
content needs (so a form in it is never cut at the right edge), and the table takes the room left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class SidePanel(QScrollArea):
    def __init__(self, content: QWidget, floor: int = 0, parent: QWidget | None = None) -> None:
        """``floor``: the least width, even for a narrow content (no fixed minimum is set: it would
        override the content's own need)."""
        super().__init__(parent)
        self.floor = floor
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return QSize(max(self.floor, hint.width()), hint.height())
        extra = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(self.floor, content.minimumSizeHint().width() + extra), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content needs another width: the splitter asks again
        return super().eventFilter(watched, event)
