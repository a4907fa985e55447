"""What the help-ledger UI tests share: a context on a fresh workspace, waiting for the database worker,
and the seed article's road help (no tests here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QProgressDialog,
    QWidget,
)

from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.items_model import KIND, NAME, QUANTITY, UNIT
from ntm_desktop.ui.pages.help.section import HelpSection
from ntm_desktop.ui.pages.registry import HELP_PAGE
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import open_page
from ntm_desktop.ui.year import YearState
from ntm_desktop.workspace import Workspace
from tests.helpers.units import SAMPLE_UNIT

ROAD_TITLE = "Bê tông hóa đường vào trường Tiểu học Bằng Thành II"
SO_NOI_VU = "Sở Nội vụ tỉnh Bắc Kạn"


class Errors(list[BaseException]):
    """Everything sent down the one error path (a test fails when one is unexpected)."""


def make_ctx(tmp_path: Path) -> tuple[AppContext, Errors]:
    ws = Workspace.open(tmp_path / "ws" / "ntm.sqlite")
    ws.unit.setup(SAMPLE_UNIT)
    errors = Errors()
    tasks = TaskManager(on_error=errors.append)
    prefs = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    return AppContext(ws, Hub(), tasks, prefs), errors


@pytest.fixture
def ui(qapp: QApplication, tmp_path: Path) -> Iterator[tuple[AppContext, Errors]]:
    ctx, errors = make_ctx(tmp_path)
    yield ctx, errors
    ctx.tasks.wait()
    ctx.ws.close()


def settle(
    qtbot: object, ctx: AppContext, until: Callable[[], bool] = lambda: True, timeout: int = 30_000
) -> None:
    """Let the database worker finish and its callbacks run, then wait for ``until``."""
    qtbot.waitUntil(lambda: not ctx.tasks.busy() and until(), timeout=timeout)  # type: ignore[attr-defined]


def open_help_page(qtbot, ctx: AppContext, year: int = 2019) -> HelpSection:
    """The Help received page of the app's main window (built and wired by the window), its ledger read."""
    page = open_page(ctx, year, HELP_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, HelpSection)
    settle(qtbot, ctx, lambda: page.ledger.loaded)
    return page


def open_help_tab(qtbot, ctx: AppContext, tab: int, year: int = 2019) -> QWidget:
    """One tab of the Help received page (``section.SUPPORTERS_TAB``…), opened as the officer does."""
    page = open_help_page(qtbot, ctx, year)
    page.tabs.setCurrentIndex(tab)
    return page.tab(tab)


def year_state(year: int = 2019) -> YearState:
    return YearState(year, 2016, 2030)


def add_supporters(ws: Workspace, *names: str) -> list[str]:
    return [ws.supporters.add(SupporterDraft(name)).ids[0] for name in names]


def road_draft(supporter: str, day: date = date(2019, 12, 10)) -> HelpDraft:
    return HelpDraft(
        date=day,
        title=ROAD_TITLE,
        supporters=(supporter,),
        village="Bằng Thành II",
        criteria=("2",),
        items=(
            ItemDraft("cash", Decimal(40_000_000)),
            ItemDraft("labour", Decimal(30), "ngày công"),
            ItemDraft("works", Decimal(60), "m", "Đường bê tông"),
        ),
    )


def when_modal(action: Callable[[QDialog], None]) -> None:
    """Run ``action`` on the next modal dialog as soon as it is open (for code that calls ``exec``); a
    progress dialog shown meanwhile (long work, ``ui/progress_dialog.py``) is not it: it asks nothing, and
    neither is a dialog open already when this is called (a fixture's leftover error message, the form
    whose button opens the next one): the dialog under test is one that opens after."""
    already = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        asks = isinstance(widget, QDialog) and widget.isVisible() and not isinstance(widget, QProgressDialog)
        if asks and isinstance(widget, QDialog) and not any(widget is w for w in already):
            try:
                action(widget)
            except BaseException:
                widget.reject()  # a failed check closes the form: the test fails instead of waiting
                raise
        else:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def type_in_cell(view: QAbstractItemView, row: int, column: int, text: str, qtbot) -> None:
    """Open the cell's editor as a double click would, type or pick, and leave the cell."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert editor is not None
    if isinstance(editor, QComboBox):
        found = editor.findData(text)
        if found >= 0:
            editor.setCurrentIndex(found)
        else:
            editor.setCurrentText(text)
    else:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        editor.insert(text)  # as typed (QTest cannot type letters outside ASCII)
    delegate = view.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)  # what leaving the cell does
    delegate.closeEditor.emit(editor)


def fill_road_help(dialog: HelpDialog, qtbot) -> None:
    """The seed article: Sở Nội vụ gave 40.000.000 đ and labour to pour 60 m of road to the school."""
    dialog.day.setDate(QDate(2019, 12, 10))
    dialog.title_edit.insert(ROAD_TITLE)
    dialog.village.setCurrentText("Bằng Thành II")
    qtbot.keyClicks(dialog.supporters.search, "so noi vu")
    dialog.supporters.tick(SO_NOI_VU)
    dialog.criteria.tick("2")
    table = dialog.items.table
    type_in_cell(table, 0, QUANTITY, "40 triệu", qtbot)
    qtbot.mouseClick(dialog.items.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(table, 1, KIND, "labour", qtbot)
    type_in_cell(table, 1, QUANTITY, "30", qtbot)
    qtbot.mouseClick(dialog.items.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(table, 2, KIND, "works", qtbot)
    type_in_cell(table, 2, NAME, "Đường bê tông", qtbot)
    type_in_cell(table, 2, QUANTITY, "60", qtbot)
    type_in_cell(table, 2, UNIT, "m", qtbot)
