"""Long work in a progress dialog driven by the task helper: the bar and the text follow what the job
reports; Cancel (offered only where stopping is safe) asks the job to stop at its next safe point.

    run_with_progress(ctx.tasks, parent, tr("Importing bundles"), job, on_done, cancellable=True)

``job(progress)`` runs on the database worker (``on_db=False``: the other pool) and reports with
``progress(done, total, text)``. A job that writes checks ``core.progress.stop_point(progress)`` (or
``cancelled(progress)``) between safe steps; a job that only reads may ignore it: when the officer cancels,
its answer is dropped and ``on_cancelled`` runs instead. The dialog appears only if the work lasts longer
than a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.progress import Cancelled, stop_point
from ntm_desktop.ui.tasks import TaskManager

SHOW_AFTER_MS = 400


class ProgressDialog(QProgressDialog):
    def __init__(self, title: str, parent: QWidget | None, cancellable: bool) -> None:
        super().__init__(title, tr("Cancel") if cancellable else "", 0, 0, parent)
        self._cancellable, self._finished = cancellable, False
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        if not cancellable:
            self.setCancelButton(None)  # no button at all: this work cannot stop safely
        self.setValue(0)  # starts the timer that shows the dialog if the work lasts

    def follow(self, done: int, total: int, text: str) -> None:
        if self.wasCanceled():
            return  # it says "Stopping…" until the job reaches its safe point
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.setLabelText(text)

    def reject(self) -> None:
        """Escape or the window's close button: a cancel, if this work can stop safely at all."""
        if self._cancellable or self._finished:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._cancellable or self._finished:
            super().closeEvent(event)
        else:
            event.ignore()

    def finish(self) -> None:
        if shiboken6.isValid(self):
            self._finished = True
            self.reset()
            self.close()
            self.deleteLater()


def run_with_progress(
    tasks: TaskManager,
    parent: QWidget,
    title: str,
    job: Callable[[Any], Any],
    on_success: Callable[[Any], None],
    *,
    cancellable: bool = False,
    keep_partial: bool = False,
    on_db: bool = True,
    on_failure: Callable[[BaseException], None] | None = None,
    handles: tuple[type[BaseException], ...] = (),
    on_cancelled: Callable[[], None] | None = None,
) -> ProgressDialog:
    """Start ``job`` with a progress dialog over ``parent``; returns the dialog (tests press its Cancel).

    With ``keep_partial`` a cancelled job's own answer (saying what it did before it stopped) still goes
    to ``on_success``; otherwise the answer of a cancelled job is dropped and ``on_cancelled`` runs."""
    dialog = ProgressDialog(title, parent, cancellable)

    def run(progress: Any) -> Any:
        result = job(progress)
        if not keep_partial:
            stop_point(progress)  # cancelled while it finished: its answer is no longer wanted
        return result

    def cancel() -> None:
        tasks.cancel(job_id)
        dialog.setLabelText(tr("Stopping…"))

    def succeeded(result: Any) -> None:
        dialog.finish()
        on_success(result)

    def failed(exc: BaseException) -> None:
        dialog.finish()
        if isinstance(exc, Cancelled):
            if on_cancelled is not None:
                on_cancelled()
            return
        if on_failure is not None and isinstance(exc, handles):
            on_failure(exc)
        else:
            tasks.report(exc)

    start = tasks.run_db if on_db else tasks.run
    job_id = start(
        run,
        succeeded,
        on_failure=failed,
        handles=(BaseException,),
        on_progress=dialog.follow,
        owner=parent,
    )
    if cancellable:
        dialog.canceled.connect(cancel)
    return dialog
