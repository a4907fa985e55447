"""A warning, not a refusal, for a record that names a criterion its year's criteria set does not have
("Tiêu chí 99 không có trong Bộ tiêu chí … (năm 2025)").

Not refused: a record may serve a criterion of another period's set (help given in 2025 for a criterion
of the 2026–2030 set), and a commune's bundles must keep importing. So only local entry warns — the
forms, the CLI, a records file and the Excel sheet's preview, for every kind that names criteria (help,
events, assignments: :meth:`~ntm_desktop.services.kinds.store.Store.criteria_named`) — as
:mod:`ntm_desktop.core.plausible` warns of odd values; a sync import does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import trn

if TYPE_CHECKING:
    from ntm_desktop.criteria.model import CriteriaSet
    from ntm_desktop.services.criteria import CriteriaService


class YearSets:
    """The set that judges each year, looked up once per year: an import warns of hundreds of records."""

    def __init__(self, criteria: CriteriaService) -> None:
        self._criteria = criteria
        self._found: dict[int, CriteriaSet | None] = {}

    def __call__(self, year: int) -> CriteriaSet | None:
        """None when no set covers the year: nothing to compare with."""
        if year not in self._found:
            try:
                self._found[year] = self._criteria.for_year(year)
            except NtmError:
                self._found[year] = None
        return self._found[year]


def unknown_criteria(sets: YearSets, day: object, codes: Sequence[str]) -> tuple[str, ...]:
    """The warning for ``codes`` the set that judges ``day``'s year lacks (none when the year has no set:
    nothing to compare with)."""
    if not codes or not isinstance(day, date):
        return ()
    cs = sets(day.year)
    if cs is None:
        return ()
    unknown = [code for code in codes if cs.find_criterion(code) is None]
    if not unknown:
        return ()
    return (
        trn(
            "Criterion {codes} is not in the set used for {year}: {set}.",
            "Criteria {codes} are not in the set used for {year}: {set}.",
            len(unknown),
            codes=", ".join(unknown),
            set=cs.name,
            year=day.year,
        ),
    )
