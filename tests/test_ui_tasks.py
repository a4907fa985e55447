"""The one background-task helper: work off the GUI thread, callbacks on it, in order, nothing swallowed."""

from __future__ import annotations

import gc
import threading

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.testing import Errors


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


def test_the_hub_on_its_own_announces_only_real_changes(qtbot, qapp: QApplication) -> None:
    """A unit test of the Hub itself, with no page in it: what listens is a plain list, to see which
    announcements reach the signal. How pages refresh on it is tested through the real window's factory
    (tests/test_ui_*.py of each page), never by connecting a page here."""
    hub = Hub()
    got: list[Changes] = []
    hub.changed.connect(got.append)
    hub.announce(Changes())
    hub.announce(Changes.of(Kind.PROGRESS, action="progress.record"))
    assert [c.action for c in got] == ["progress.record"]


def test_the_garbage_collector_rests_while_a_worker_runs(qtbot, qapp: QApplication) -> None:
    """A collection on a worker thread could destroy a forgotten widget there, which crashes Qt."""
    tasks = TaskManager(on_error=Errors())
    during: list[bool] = []
    tasks.run_db(lambda: during.append(gc.isenabled()))
    tasks.run(lambda: during.append(gc.isenabled()))
    assert tasks.wait()
    assert during == [False, False]
    assert gc.isenabled()
