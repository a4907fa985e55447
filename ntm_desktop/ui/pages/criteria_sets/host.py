"""What the Criteria sets page's actions (new, Excel in and out, compare) use of the page: the page
implements it, the actions take it, so neither module imports the other."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel

from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.services.criteria import SetInfo
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page


class SetsHost(Page):
    ctx: AppContext
    infos: list[SetInfo]
    sets: QComboBox
    """The sets the data file holds, each item's data its id."""
    state: QLabel
    """One line saying what happened last."""

    def open_set(self, cs: CriteriaSet | dict[str, Any], *, new: bool = False) -> None:
        """Show ``cs`` in the editor (``new``: not in the data file yet)."""
        raise NotImplementedError

    def reload_sets(self, keep: str | None = None) -> None:
        """Read the list of sets again, keeping ``keep`` selected."""
        raise NotImplementedError
