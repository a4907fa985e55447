"""The one background-task helper: work off the GUI thread, callbacks on it, in order, nothing swallowed."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.ui.pages.criteria.page import CriteriaPage
from ntm_desktop.ui.pages.registry import CRITERIA_PAGE
from ntm_desktop.ui.qt_i18n import apply_language
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import Errors, make_context, open_page
from ntm_desktop.workspace import Workspace


def test_work_runs_off_the_gui_thread_and_the_answer_comes_back_on_it(qtbot, qapp: QApplication) -> None:
    errors = Errors()
    tasks = TaskManager(on_error=errors)
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    tasks.run_db(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["worker"] != gui and seen["callback"] == gui and seen["value"] == 42
    assert not errors


def test_database_work_is_done_in_the_order_it_was_asked_for(qtbot, qapp: QApplication) -> None:
    tasks = TaskManager(on_error=Errors())
    order: list[int] = []
    threads: set[int] = set()

    def job(n: int) -> int:
        threads.add(threading.get_ident())
        order.append(n)
        return n

    answers: list[int] = []
    for n in range(20):
        tasks.run_db(lambda n=n: job(n), answers.append)
    assert tasks.wait()
    assert order == list(range(20)) and answers == list(range(20))
    assert len(threads) == 1  # one database worker


def test_an_unexpected_failure_reaches_the_error_path(qtbot, qapp: QApplication) -> None:
    errors = Errors()
    tasks = TaskManager(on_error=errors)
    handled: list[BaseException] = []

    def broken() -> None:
        raise RuntimeError("disk on fire")

    tasks.run(broken, on_failure=handled.append, handles=(InvalidInput,))
    qtbot.waitUntil(lambda: bool(errors))
    assert [str(e) for e in errors] == ["disk on fire"] and not handled


def test_an_expected_failure_goes_to_the_caller(qtbot, qapp: QApplication) -> None:
    errors = Errors()
    tasks = TaskManager(on_error=errors)
    handled: list[BaseException] = []

    def refused() -> None:
        raise InvalidInput("Tỷ lệ phải từ 0 đến 100", field="value")

    tasks.run_db(refused, on_failure=handled.append, handles=(InvalidInput,))
    qtbot.waitUntil(lambda: bool(handled))
    assert not errors


def test_progress_is_reported_on_the_gui_thread(qtbot, qapp: QApplication) -> None:
    tasks = TaskManager(on_error=Errors())
    steps: list[tuple[int, int, str]] = []

    def work(report) -> str:
        for i in range(3):
            report(i + 1, 3, f"bước {i + 1}")
        return "xong"

    with qtbot.waitSignal(tasks.finished, timeout=5000):
        tasks.run(work, on_progress=lambda d, t, s: steps.append((d, t, s)))
    tasks.wait()
    assert steps == [(1, 3, "bước 1"), (2, 3, "bước 2"), (3, 3, "bước 3")]


def test_a_callback_for_a_closed_widget_is_dropped(qtbot, qapp: QApplication) -> None:
    tasks = TaskManager(on_error=Errors())
    widget = QWidget()
    called: list[object] = []
    go = threading.Event()
    tasks.run(lambda: go.wait(5) and 1, called.append, owner=widget)
    shiboken6.delete(widget)  # the window is closed while the work is still running
    go.set()
    qtbot.waitUntil(lambda: not tasks.busy())
    assert called == []


def test_a_saved_change_is_announced_to_the_windows_pages_and_a_change_of_nothing_is_not(
    qtbot, qapp: QApplication, ws: Workspace, tmp_path: Path
) -> None:
    """The hub of the real window, whose factory wired every page to it: a change made through the app's
    one path (``ctx.mutate``) is announced and the page shows it; a call that changed nothing is not
    announced. Watched with qtbot's signal checks, no page connected here by hand."""
    apply_language(qapp, "vi")
    ws.progress.record(2023, indicator="3.2", value="có")
    ctx, errors = make_context(ws, tmp_path)
    page = open_page(ctx, 2023, CRITERIA_PAGE)
    qtbot.addWidget(page.window())
    assert isinstance(page, CriteriaPage) and page.header.text() == "0/19 tiêu chí đạt"
    with qtbot.assertNotEmitted(ctx.hub.changed, wait=200):
        ctx.mutate(lambda w: Changes())
        qtbot.waitUntil(lambda: not ctx.tasks.busy())
    with qtbot.waitSignal(
        ctx.hub.changed, timeout=5000, check_params_cb=lambda c: c.action == "progress.record"
    ):
        ctx.mutate(lambda w: w.progress.record(2023, indicator="3.1", value="85"))
    qtbot.waitUntil(lambda: page.header.text() == "1/19 tiêu chí đạt")  # refreshed by the announcement
    ctx.tasks.wait()
    assert not errors


def test_the_garbage_collector_rests_while_a_worker_runs(qtbot, qapp: QApplication) -> None:
    """A collection on a worker thread could destroy a forgotten widget there, which crashes Qt."""
    tasks = TaskManager(on_error=Errors())
    during: list[bool] = []
    tasks.run_db(lambda: during.append(gc.isenabled()))
    tasks.run(lambda: during.append(gc.isenabled()))
    assert tasks.wait()
    assert during == [False, False]
    assert gc.isenabled()
