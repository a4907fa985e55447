"""Long work says how far it is, and stops where stopping is safe when the officer cancels.

Work that can take long (importing many bundles, a report over many years, a backup, an Excel import)
takes a ``progress`` callable: ``progress(done, total, text)`` says how far it is. When the caller lets
the officer cancel (the GUI's task helper does), ``progress.cancelled`` turns True, and the work calls
:func:`stop_point` where stopping leaves the data consistent: between bundles (each is imported in a
transaction of its own), before the one transaction of an import, before a file is written. A plain
function (the command line's, or a test's) is never cancelled.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr

Report = Callable[[int, int, str], None]
"""``report(done, total, text)``; it may also have a ``cancelled`` attribute (see :func:`stop_point`)."""


class Cancelled(NtmError):
    """The officer cancelled the work; it stopped at a safe point (what is said done stays done)."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__(tr("Cancelled."))


def cancelled(progress: object) -> bool:
    """True once the officer asked to stop the work ``progress`` reports for."""
    return bool(getattr(progress, "cancelled", False))


def stop_point(progress: object) -> None:
    """Raise :class:`Cancelled` here, at a safe point, if the officer asked to stop."""
    if cancelled(progress):
        raise Cancelled()


def no_progress(done: int, total: int, text: str = "") -> None:
    """For callers that show no progress."""
