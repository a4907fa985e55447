"""The one helper for work off the GUI thread (cf. Anki's ``taskman.py``).

- :meth:`TaskManager.run_db` runs a callable on the single database worker: SQLite has one writer, so all
  database work is serialised there, in the order it was asked for.
- :meth:`TaskManager.run` runs other long work (reading big files, rendering) on a small pool.

Success, failure and progress callbacks run on the GUI thread. A job started with ``on_progress`` is
called as ``fn(progress)``: ``progress(done, total, text)`` reports, and ``progress.cancelled`` turns True
after :meth:`TaskManager.cancel` (``core/progress.py``: the job stops at its next safe point;
``ui/progress_dialog.py`` puts both in a dialog). A failure whose type the caller said it
``handles`` goes to ``on_failure``; every other one is logged and shown in the error dialog. Nothing is
swallowed. Worker code never touches widgets: it gets plain values in and hands plain values back.

While any job is under way, Python's cyclic garbage collector is paused (and resumed on the GUI thread
once every answer is in): run on a worker thread, it could destroy a forgotten widget there, which Qt
does not survive.
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal, Slot

from ntm_desktop.core.progress import Report

__all__ = ["Report", "TaskManager"]


class _JobProgress:
    """What a job is handed: called like a :data:`Report`, and ``cancelled`` once the officer asks."""

    def __init__(self, manager: TaskManager, job_id: int, stop: threading.Event) -> None:
        self._manager, self._id, self._stop = manager, job_id, stop

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._manager.progressed.emit(self._id, done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


class _CollectorPause:
    """Counts jobs under way in every task helper; touched on the GUI thread only."""

    jobs = 0
    paused = False

    @classmethod
    def job_started(cls) -> None:
        cls.jobs += 1
        if cls.jobs == 1 and gc.isenabled():
            gc.disable()
            cls.paused = True

    @classmethod
    def job_answered(cls) -> None:
        cls.jobs -= 1
        if cls.jobs == 0 and cls.paused:
            cls.paused = False
            gc.enable()


@dataclass
class _Callbacks:
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int, str], None] | None
    handles: tuple[type[BaseException], ...]
    owner: QObject | None


class _Job(QRunnable):
    def __init__(
        self, job_id: int, fn: Callable[..., Any], manager: TaskManager, progress: _JobProgress | None
    ) -> None:
        super().__init__()
        self._id, self._fn, self._manager, self._progress = job_id, fn, manager, progress

    def run(self) -> None:
        try:
            result = self._fn(self._progress) if self._progress is not None else self._fn()
        except BaseException as exc:  # handed to the GUI thread, never dropped
            self._manager.finished.emit(self._id, False, exc)
        else:
            self._manager.finished.emit(self._id, True, result)


class TaskManager(QObject):
    finished = Signal(int, bool, object)
    progressed = Signal(int, int, int, str)

    def __init__(self, on_error: Callable[[BaseException], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._stops: dict[int, threading.Event] = {}
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._db.setExpiryTimeout(-1)  # keep the database thread for the app's lifetime
        self._other = QThreadPool(self)
        self._other.setMaxThreadCount(2)
        # Both signals are emitted on worker threads; this object lives on the GUI thread, so Qt queues
        # the calls and the slots below run there.
        self.finished.connect(self._deliver)
        self.progressed.connect(self._progress)

    def run_db(
        self,
        fn: Callable[..., Any],
        on_success: Callable[[Any], None] | None = None,
        *,
        on_failure: Callable[[BaseException], None] | None = None,
        handles: tuple[type[BaseException], ...] = (),
        on_progress: Callable[[int, int, str], None] | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Queue ``fn`` on the database worker. With ``on_progress``, ``fn`` is called as ``fn(report)``."""
        return self._start(self._db, fn, _Callbacks(on_success, on_failure, on_progress, handles, owner))

    def run(
        self,
        fn: Callable[..., Any],
        on_success: Callable[[Any], None] | None = None,
        *,
        on_failure: Callable[[BaseException], None] | None = None,
        handles: tuple[type[BaseException], ...] = (),
        on_progress: Callable[[int, int, str], None] | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run ``fn`` (work that does not touch the database) on the background pool."""
        return self._start(self._other, fn, _Callbacks(on_success, on_failure, on_progress, handles, owner))

    def report(self, exc: BaseException) -> None:
        """Send ``exc`` down the one error path (log + error dialog)."""
        self._on_error(exc)

    def cancel(self, job_id: int) -> None:
        """Ask the job to stop at its next safe point (it sees ``progress.cancelled``)."""
        stop = self._stops.get(job_id)
        if stop is not None:
            stop.set()

    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued job has finished and its callbacks have run (used when closing)."""
        done = self._db.waitForDone(msecs) and self._other.waitForDone(msecs)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return done and not self._pending

    def _start(self, pool: QThreadPool, fn: Callable[..., Any], callbacks: _Callbacks) -> int:
        job_id = next(self._ids)
        self._pending[job_id] = callbacks
        progress = None
        if callbacks.on_progress is not None:
            self._stops[job_id] = threading.Event()
            progress = _JobProgress(self, job_id, self._stops[job_id])
        _CollectorPause.job_started()
        pool.start(_Job(job_id, fn, self, progress))
        return job_id

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, payload: object) -> None:
        cb = self._pending.pop(job_id, None)
        self._stops.pop(job_id, None)
        if cb is None:
            return
        _CollectorPause.job_answered()
        alive = cb.owner is None or shiboken6.isValid(cb.owner)
        if ok:
            if cb.on_success is not None and alive:
                cb.on_success(payload)
            return
        assert isinstance(payload, BaseException)
        if cb.on_failure is not None and alive and isinstance(payload, cb.handles):
            cb.on_failure(payload)
            return
        self.report(payload)

    @Slot(int, int, int, str)
    def _progress(self, job_id: int, done: int, total: int, text: str) -> None:
        cb = self._pending.get(job_id)
        if (
            cb is not None
            and cb.on_progress is not None
            and (cb.owner is None or shiboken6.isValid(cb.owner))
        ):
            cb.on_progress(done, total, text)
