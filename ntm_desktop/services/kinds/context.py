"""What a check needs beyond the record itself: the criteria sets and the commune's region and group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ntm_desktop.core.errors import InvalidInput, NtmError, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.loading import default_set_id_for_year
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.services.criteria import CriteriaService

HeaderPath = Callable[[str, str], str]
"""(top-level field, the record's path) → where a wrong top-level value is reported."""


def file_header(name: str, at: str) -> str:
    """A records-v1 file says ``criteria_set`` once, at the top."""
    return name


def record_header(name: str, at: str) -> str:
    """A bundle record says its own ``_criteria_set``."""
    return f"{at}._{name}"


class CheckContext:
    """Sets are looked up once per check run, however many records name them.

    ``header`` None (a form, the CLI): an unknown set named by the caller is :class:`NotFound`, as any
    unknown thing asked for. Given (a file, a bundle): it is a problem of the input, reported there.
    """

    def __init__(
        self,
        criteria: CriteriaService,
        region: str | None,
        group: int | None,
        header: HeaderPath | None = None,
        group_of: Callable[[int], int | None] | None = None,
        judged: dict[Any, Any] | None = None,
    ) -> None:
        self.criteria, self.region, self.group, self.header = criteria, region, group, header
        self._group_of = group_of
        self._sets: dict[str, CriteriaSet | None] = {}
        self.judged = criteria.judging_memo() if judged is None else judged
        """Values already read and judged (:func:`~.judging.judge`'s ``memo``): by default the criteria
        service's, kept from one check run to the next (:meth:`CriteriaService.judging_memo`)."""

    def group_for(self, year: int) -> int | None:
        """The commune's group in ``year`` (its period's, :meth:`UnitProfile.group_for`)."""
        return self._group_of(year) if self._group_of is not None else self.group

    def criteria_set(self, set_id: str | None, year: int, at: str) -> CriteriaSet:
        """The set a record of ``year`` is judged under: ``set_id``, else the one in force that year.

        Raises :class:`InvalidInput` (under ``at``) for a year no set covers or an unknown set in a file.
        """
        chosen = set_id or default_set_id_for_year(year)
        if chosen is None:
            raise InvalidInput(
                tr("No criteria set covers {year}. Load one, or name the set to use.", year=year),
                field=_under(at, "year"),
            )
        if chosen not in self._sets:
            self._sets[chosen] = self._find(chosen)
        found = self._sets[chosen]
        if found is None:
            assert self.header is not None
            known = ", ".join(i.id for i in self.criteria.sets())
            message = tr("unknown criteria set “{id}”; known sets: {known}", id=chosen, known=known)
            raise InvalidInput(message, field=self.header("criteria_set", at))
        return found

    def named_set_problems(self, set_id: str | None, at: str = "") -> list[Problem]:
        """A problem when the set a file (or bundle record) names is not in this workspace."""
        if set_id is None:
            return []
        try:
            self.criteria_set(set_id, 0, at)
        except InvalidInput as exc:
            return list(exc.problems)
        return []

    def _find(self, set_id: str) -> CriteriaSet | None:
        if self.header is None:
            return self.criteria.get(set_id)  # NotFound for the caller
        try:
            return self.criteria.get(set_id)
        except NtmError:
            return None


def _under(at: str, name: str) -> str:
    return f"{at}.{name}" if at else name
