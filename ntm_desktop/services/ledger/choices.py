"""What the ledger's pick lists offer: the commune's villages, its supporters, the criteria of a year.

Read on the database worker with :func:`load_choices` (no Qt here), handed to the filter bar and the forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.services.ledger import Supporter

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class Choices:
    year: int
    villages: tuple[str, ...] = ()
    supporters: tuple[Supporter, ...] = ()
    criteria: tuple[tuple[str, str], ...] = ()
    """(code, "2. Giao thông") of the criteria set that covers ``year``."""
    set_name: str = ""

    def criterion_label(self, code: str) -> str:
        return next((label for c, label in self.criteria if c == code), code)


def load_choices(ws: Workspace, year: int) -> Choices:
    villages = ws.unit.home().villages if ws.unit.has_home() else ()
    supporters = tuple(ws.supporters.list())
    try:
        cs = ws.criteria.for_year(year)
    except InvalidInput:
        return Choices(year, villages, supporters)
    criteria = tuple((c.code, f"{c.code}. {c.name}") for c in cs.criteria)
    return Choices(year, villages, supporters, criteria, cs.name)
