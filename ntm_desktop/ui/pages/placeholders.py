"""Pages that are not built yet. Each says plainly what it will do; none pretends to work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.widgets.fields import card, label


class PlaceholderPage(Page):
    def __init__(self, title: str, what: str, points: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = card()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(22, 18, 22, 18)
        inner.addWidget(label(what))
        for point in points:
            inner.addWidget(label(f"•  {point}"))
        inner.addSpacing(8)
        inner.addWidget(
            label(tr("This part is still being built: there is nothing to enter here yet."), "muted")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(title, "title"))
        layout.addWidget(box)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)


def sync_page() -> PlaceholderPage:
    return PlaceholderPage(
        tr("Sync"),
        tr("Sending the commune's data to the receiving office without the internet:"),
        [
            tr("a signed bundle file, carried on a USB stick;"),
            tr("the office checks the signature and merges the bundle with what it already has."),
        ],
    )
