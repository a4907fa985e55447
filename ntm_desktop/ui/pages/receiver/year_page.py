"""A receiver page that shows one year's figures, loaded on the database worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.ui.pages.base import Page

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


class YearFiguresPage(Page):
    """Reloads (off the GUI thread) when the year changes or a change touches ``watched``.

    Subclasses set ``ctx``, ``year`` and ``watched`` and give :meth:`load_figures` (worker side, no
    widgets) and :meth:`present` (GUI side)."""

    watched: tuple[Kind, ...] = ()
    ctx: Any
    year: Any

    def set_year(self, year: int) -> None:
        self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.touches(*self.watched):
            self.reload()

    def reload(self) -> None:
        ws, year = self.ctx.ws, self.year.year
        self.ctx.tasks.run_db(lambda: self.load_figures(ws, year), self.present, owner=self)

    def load_figures(self, ws: Workspace, year: int) -> Any:
        raise NotImplementedError

    def present(self, data: Any) -> None:
        raise NotImplementedError
