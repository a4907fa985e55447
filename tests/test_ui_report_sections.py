"""The Reports page's "Report text" tab, driven as an officer would through the real main window: pick a
section, read the data's sentences, write or accept the text, and find it in the report's pages and in
the Word copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt

from ntm_desktop.services.narrative_values import SECTIONS
from ntm_desktop.ui import main_window
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.pages.registry import REPORTS_PAGE
from ntm_desktop.ui.pages.reports.page import ReportsPage
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import open_page
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune, pdf_text

WAIT = 30_000
DEBT = "Đến ngày 31/12/2023, xã không có nợ đọng xây dựng cơ bản."


@pytest.fixture
def page(qtbot, ws: Workspace, tmp_path: Path) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    fill_small_commune(ws)
    unexpected: list[BaseException] = []
    tasks = TaskManager(on_error=unexpected.append)
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    widget = open_page(AppContext(ws, Hub(), tasks, prefs), 2023, REPORTS_PAGE)
    qtbot.addWidget(widget.window())
    assert isinstance(widget, ReportsPage) and widget.sections is not None
    qtbot.waitUntil(lambda: widget.sections.list.count() == len(SECTIONS), timeout=WAIT)  # type: ignore[union-attr]
    yield widget
    tasks.wait()
    assert not unexpected


def _pick(page: ReportsPage, key: str) -> None:
    assert page.sections is not None
    page.sections.list.setCurrentRow(list(SECTIONS).index(key))


def test_the_officer_writes_a_section_and_finds_it_in_the_report(  # type: ignore[no-untyped-def]
    page: ReportsPage, ws: Workspace, qtbot, tmp_path: Path
) -> None:
    editor = page.sections
    assert editor is not None
    page.tabs.setCurrentIndex(1)
    assert page.tabs.tabText(1) == "Nội dung báo cáo"
    assert editor.list.item(3).text() == "Nợ đọng xây dựng cơ bản"
    _pick(page, "debt")
    assert editor.text.toPlainText() == "" and "Ví dụ" in editor.text.placeholderText()
    assert not editor.accept_button.isEnabled()  # the data says nothing about debt
    editor.text.setFocus()
    editor.text.insertPlainText(DEBT)  # as typed (QTest cannot type Vietnamese letters)
    assert "Chưa lưu" in editor.state.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "debt" in ws.narratives.for_year(2023), timeout=WAIT)
    assert ws.narratives.for_year(2023)["debt"].text == DEBT
    qtbot.waitUntil(lambda: editor.list.item(3).text().startswith("✓"), timeout=WAIT)

    _pick(page, "resources")  # the data's sentences, greyed until accepted
    assert "Tổng nguồn lực huy động năm 2023" in editor.text.placeholderText()
    qtbot.mouseClick(editor.accept_button, Qt.MouseButton.LeftButton)
    editor.text.appendPlainText("Nhân dân hiến 350 m² đất làm đường.")
    _pick(page, "proposals")  # leaving a section saves it
    qtbot.waitUntil(lambda: "resources" in ws.narratives.for_year(2023), timeout=WAIT)
    written = ws.narratives.for_year(2023)["resources"].text
    assert written.startswith("Tổng nguồn lực huy động năm 2023") and written.endswith(
        "350 m² đất làm đường."
    )

    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.shown is not None and page.make.isEnabled(), timeout=WAIT)
    assert page.shown is not None
    text = pdf_text(page.shown.made.path)
    assert DEBT in text and "Nhân dân hiến 350 m² đất làm đường." in text

    target = tmp_path / "ban-word"
    page.ask_docx_path = lambda suggested: target  # type: ignore[method-assign]
    qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("ban-word.docx")
    qtbot.waitUntil(lambda: saved.exists() and page.word_button.isEnabled(), timeout=WAIT)
    paragraphs = [p.text for p in docx.Document(str(saved)).paragraphs]
    assert DEBT in paragraphs and "Nhân dân hiến 350 m² đất làm đường." in paragraphs
    assert "bản Word" in page.status.text()


def test_back_to_the_suggestion_forgets_the_written_text(  # type: ignore[no-untyped-def]
    page: ReportsPage, ws: Workspace, qtbot
) -> None:
    editor = page.sections
    assert editor is not None
    page.ctx.hub.announce(ws.narratives.write(2023, "criteria", "Đoạn viết tay."))  # as a save elsewhere
    qtbot.waitUntil(lambda: editor.list.item(1).text().startswith("✓"), timeout=WAIT)
    _pick(page, "criteria")
    assert editor.text.toPlainText() == "Đoạn viết tay." and editor.reset_button.isEnabled()
    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "criteria" not in ws.narratives.for_year(2023), timeout=WAIT)
    qtbot.waitUntil(lambda: not editor.list.item(1).text().startswith("✓"), timeout=WAIT)
    assert editor.text.toPlainText() == "" and "Năm 2023, xã Bằng Thành" in editor.text.placeholderText()


def test_a_text_too_long_is_refused_at_the_field_and_nothing_is_stored(  # type: ignore[no-untyped-def]
    page: ReportsPage, ws: Workspace, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []  # closing the window asks before dropping the text; the officer says drop it
    monkeypatch.setattr(main_window, "ask_discard", lambda parent, problem: asked.append(problem) or True)
    editor = page.sections
    assert editor is not None
    _pick(page, "proposals")
    editor.text.setPlainText("x" * 20_001)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.message.message != "", timeout=WAIT)
    assert "20001" in editor.message.message.replace(".", "") and ws.narratives.for_year(2023) == {}
    assert editor.unsaved()
    page.window().close()
    assert asked and "20001" in asked[0].replace(".", "")
