"""The application's one signal: ``changed(Changes)``, emitted after every mutation made through the UI.

Pages connect to it and refresh only what :meth:`Changes.touches` says was touched (cf. Anki's
``operation_did_execute``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ntm_desktop.core.changes import Changes


class Hub(QObject):
    changed = Signal(object)
    """Carries a :class:`~ntm_desktop.core.changes.Changes`."""

    def announce(self, changes: Changes) -> None:
        if changes.kinds:
            self.changed.emit(changes)
