"""What an assessment says before it is judged (:class:`AssessmentDraft`), the years it may be in, and
which criterion and indicator of a set its codes name: shared by the store (:mod:`.assessments`) and the
judging of a list (:mod:`.assessment_once`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.criteria.model import CriteriaSet, Indicator

MIN_YEAR, MAX_YEAR = 2010, 2100


@dataclass(frozen=True)
class AssessmentDraft:
    """What a form, the CLI, a file or a bundle says. :meth:`AssessmentStore.check` fills in the rest:
    the criterion of an indicator, the set and its revision, the value as kept, Đạt and its basis."""

    year: int
    indicator: str | None = None
    criterion: str = ""
    value: Any = None
    met: bool | None = None
    met_given: bool = False
    """The officer decided Đạt (``met``, even None); otherwise it is worked out from the threshold."""
    note: str = ""
    assessed_on: date | None = None
    assessed_by: str = ""
    set_id: str | None = None
    """None: the set in force that year."""
    set_revision: int = 0
    met_auto: bool | None = None
    basis: str = ""


ROW_COLUMNS = (
    "year",
    "set_id",
    "set_revision",
    "criterion",
    "indicator",
    "value",
    "met",
    "met_auto",
    "basis",
    "note",
    "assessed_on",
    "assessed_by",
)
"""An assessment row's own columns: the draft's fields of the same names (``met_given`` aside), in the
order the store's bulk insert and the quick lane's rows (``assessments_fast.judged_rows``) give them."""


def target_of(cs: CriteriaSet, indicator: str, criterion: str, at: str) -> tuple[str, Indicator | None]:
    """(criterion code, indicator) of what is assessed, or :class:`InvalidInput` for an unknown code."""
    if indicator:
        found, crit = cs.find_indicator(indicator), cs.criterion_for(indicator)
        if found is None or crit is None:
            raise InvalidInput(
                tr("Unknown indicator {code} in the set {set}", code=indicator, set=cs.id),
                field=field_under(at, "indicator"),
            )
        return crit.code, found
    if cs.find_criterion(criterion) is None:
        raise InvalidInput(
            tr("Unknown criterion {code} in the set {set}", code=criterion, set=cs.id),
            field=field_under(at, "criterion"),
        )
    return criterion, None


def field_under(at: str, name: str) -> str:
    """The field ``name`` of the record at ``at`` (a file's or a bundle's place), as a problem names it."""
    return f"{at}.{name}" if at else name
