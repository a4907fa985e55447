"""What every window and page is given: the workspace, the signal hub, the task helper, the preferences.

There is no global: the app builds one :class:`AppContext` and hands it down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject

from ntm_desktop.core.changes import Changes
from ntm_desktop.ui.hub import Hub
from ntm_desktop.ui.notes import NotesBox
from ntm_desktop.ui.prefs import Prefs
from ntm_desktop.ui.tasks import TaskManager

if TYPE_CHECKING:  # importing the workspace pulls in SQLAlchemy: only when it is opened
    from ntm_desktop.workspace import Workspace


@dataclass
class AppContext:
    ws: Workspace
    hub: Hub
    tasks: TaskManager
    prefs: Prefs

    @property
    def data_file(self) -> Path:
        return self.ws.path

    def mutate(
        self,
        change: Callable[[Workspace], Changes],
        on_done: Callable[[Changes], None] | None = None,
        *,
        on_invalid: Callable[[BaseException], None] | None = None,
        handles: tuple[type[BaseException], ...] = (),
        owner: QObject | None = None,
    ) -> int:
        """Make a change on the database worker; on success call ``on_done``, then announce it on the hub.

        Failures of the types in ``handles`` go to ``on_invalid`` (to show them at the field); every other
        failure goes to the error dialog.
        """
        ws = self.ws

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        def done(changes: Any) -> None:
            if on_done is not None and alive():
                on_done(changes)
            if isinstance(changes, Changes) and changes.notes:
                NotesBox.tell(changes.notes)  # a kept judgement, a date in the future…
            self.hub.announce(changes)  # always: the data changed even if the asking widget is gone

        def invalid(exc: BaseException) -> None:
            if on_invalid is not None and alive():
                on_invalid(exc)
            else:
                self.tasks.report(exc)

        return self.tasks.run_db(lambda: change(ws), done, on_failure=invalid, handles=handles)
