"""Trợ giúp › Hướng dẫn sử dụng (F1): the user guide inside the app, in the language of the window.

The guide is packaged HTML (``resources/guide/<vi|en>/guide.html``) with small pictures of the sample
commune (``resources/guide/img``); the contents list on the left jumps to its sections. It is a window of
its own, so the officer can keep it open beside the page they are working on.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.resources import resource
from ntm_desktop.ui.fit import fit_to_screen

_SECTION = re.compile(r'<h2><a name="([\w-]+)"></a>(.*?)</h2>')


def guide_html(lang: str | None = None) -> str:
    """The guide in ``lang`` (the window's language by default); Vietnamese when there is none in it."""
    chosen = lang or language()
    entry = resource("guide", chosen, "guide.html")
    if not entry.is_file():
        entry = resource("guide", "vi", "guide.html")
    return entry.read_text(encoding="utf-8")


def sections(html: str) -> list[tuple[str, str]]:
    """(anchor, heading) of each section, in order."""
    return [(anchor, re.sub(r"<[^>]+>", "", title)) for anchor, title in _SECTION.findall(html)]


class GuideBrowser(QTextBrowser):
    """Reads the guide's pictures from the packaged resources (they work from a zip or a frozen build)."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            text = name.toString() if isinstance(name, QUrl) else name
            entry = resource("guide", *text.split("/"))
            if entry.is_file():
                return QImage.fromData(entry.read_bytes())
        return super().loadResource(kind, name)


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("User guide"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        html = guide_html()
        self.browser = GuideBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        self.contents = QListWidget()
        self.contents.setFixedWidth(230)
        self.anchors: list[str] = []
        for anchor, title in sections(html):
            self.contents.addItem(title)
            self.anchors.append(anchor)
        self.contents.currentRowChanged.connect(self.show_section)
        row = QHBoxLayout(self)
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        fit_to_screen(self, 1020, 700)

    def show_section(self, row: int) -> None:
        if 0 <= row < len(self.anchors):
            self.browser.scrollToAnchor(self.anchors[row])

    def image_names(self) -> list[str]:
        """The pictures the guide shows (to check that each is there)."""
        return re.findall(r'<img src="([^"]+)"', guide_html())
