"""What the main window expects of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ntm_desktop.core.changes import Changes


class Page(QWidget):
    """A page refreshes for the kinds of change it shows, follows the selected year, and saves anything
    pending when the officer leaves it.

    A page never connects itself: the main window connects every page it builds to the hub's ``changed``
    (:meth:`refresh`) and to the year (:meth:`set_year`), so no page can be forgotten."""

    def refresh(self, changes: Changes) -> None:
        """Reload what ``changes`` touched (pages ignore kinds they do not show)."""

    def set_year(self, year: int) -> None:
        """Show ``year``."""

    def flush(self) -> None:
        """Save pending edits now (on page switch, window close)."""

    def unsaved(self) -> str:
        """Why something typed on this page cannot be saved ("" when everything typed is saved)."""
        return ""
