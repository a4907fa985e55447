"""Help › User guide (F1): the guide inside the app, in the window's language, page by page with pictures
(each one there, readable and small), its contents list jumping to the section, fitting the laptop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from ntm_desktop.core.i18n import set_language, tr
from ntm_desktop.core.resources import resource
from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.guide import GuideWindow, guide_html, sections
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.testing import make_context, open_window
from ntm_desktop.workspace import Workspace

TOPICS = ["setup", "overview", "criteria", "help", "reports", "sync", "backup", "trash"]
"""First setup, results, help, the yearly report and signing, the USB round trip, backup and restore."""


def test_f1_opens_the_guide_in_vietnamese(qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path) -> None:
    ctx, _ = make_context(ws, tmp_path)
    window = open_window(ctx, 2025)
    qtbot.addWidget(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    guide = window.guide
    assert isinstance(guide, GuideWindow) and guide.isVisible()
    assert guide.windowTitle() == "Hướng dẫn sử dụng"
    assert guide.browser.toPlainText().startswith("Hướng dẫn sử dụng NTM Desktop")
    assert [guide.contents.item(i).text() for i in range(3)] == [
        "1. Thiết lập lần đầu",
        "2. Tổng quan",
        "3. Nhập kết quả tiêu chí",
    ]
    assert guide.anchors == TOPICS
    before = guide.browser.verticalScrollBar().value()
    guide.contents.setCurrentRow(5)  # "6. Gửi và nhận qua USB"
    assert guide.browser.verticalScrollBar().value() > before
    assert cut_off(guide) == []
    ctx.tasks.wait()


def test_the_guide_is_english_when_the_window_is(qtbot, qapp: QApplication) -> None:
    set_language("en")
    apply_language(qapp, "en")
    try:
        guide = GuideWindow()
        qtbot.addWidget(guide)
        assert guide.browser.toPlainText().startswith("NTM Desktop user guide")
        assert guide.contents.item(6).text() == "7. Backup and restore"
    finally:
        apply_language(qapp, "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_picture_is_there_readable_and_small(qapp: QApplication, lang: str) -> None:
    html = guide_html(lang)
    assert [anchor for anchor, _ in sections(html)] == TOPICS
    guide = GuideWindow()
    names = re.findall(r'<img src="([^"]+)"', html)  # the pictures of the guide in ``lang``
    assert len(names) >= 7
    for name in names:
        entry = resource("guide", *name.split("/"))
        assert entry.is_file(), name
        assert len(entry.read_bytes()) < 120_000, name  # the guide ships with the app: keep it light
        image = guide.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert isinstance(image, QImage) and not image.isNull() and image.width() >= 500, name


def test_the_english_guide_shows_the_english_window(qapp: QApplication) -> None:
    """Each picture of the English guide is the same screen as the Vietnamese guide's, taken with the
    window in English (packaging/guide_pictures.py --lang en), not the Vietnamese picture again."""
    vi = re.findall(r'<img src="([^"]+)"', guide_html("vi"))
    en = re.findall(r'<img src="([^"]+)"', guide_html("en"))
    assert en == [name.replace("img/", "img/en/") for name in vi]
    for vi_name, en_name in zip(vi, en, strict=True):
        vi_bytes = resource("guide", *vi_name.split("/")).read_bytes()
        assert resource("guide", *en_name.split("/")).read_bytes() != vi_bytes, en_name


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_usb_section_names_the_sync_history_as_the_window_does(lang: str) -> None:
    """Who sent a bundle: the guide's USB section sends the officer to the Sync page's history and its
    "Người gửi" column by the words the window shows (tab and column headings, in its language)."""
    set_language(lang)
    try:
        html = guide_html(lang)
        usb = html.split('name="sync"', 1)[1].split('name="backup"', 1)[0]
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", usb))
        assert tr("History") in text and tr("Sent by") in text
    finally:
        set_language("vi")
