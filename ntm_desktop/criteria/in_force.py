"""Which national set a year is judged under, from the decisions' dates of effect — data, not a table of
years written in code.

**The rule.** A year is judged under the commune set in force on 31 December of that year (the year-end
assessment), as long as the year is within the set's period — or a later set whose period holds the year
had not yet taken effect, so the earlier set was still the law. Each shipped set carries its date of
effect (``legal_basis.effective``):

* QĐ 1980/QĐ-TTg, in force 01/12/2016 → 2016 … 2020, and **2021**: QĐ 318/QĐ-TTg (2021–2025) took
  effect only on 08/03/2022, so on 31/12/2021 the 2016–2020 set was still in force;
* QĐ 318/QĐ-TTg, in force 08/03/2022 → 2022 … 2025 (on 31/12/2025 QĐ 51/2025 was not yet in force);
* QĐ 51/2025/QĐ-TTg, in force 15/02/2026 → 2026 … 2030;
* after 2030 no shipped set applies until a newer one is loaded.

A workspace can override one year with a reason (``criteria use``), and a set from the commune's
receiving unit is used for the open years of its period (``services/criteria_choice.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ntm_desktop.criteria.model import CriteriaSet


def in_force_on(sets: Iterable[CriteriaSet], day: dt.date) -> CriteriaSet | None:
    """The set with the latest date of effect on or before ``day`` (its signing date when the date of
    effect is not known)."""
    dated = [(cs.legal_basis.effective or cs.legal_basis.date, cs) for cs in sets]
    before = [(effective, cs) for effective, cs in dated if effective <= day]
    return max(before, key=lambda pair: pair[0])[1] if before else None


def set_for_year(sets: Iterable[CriteriaSet], year: int) -> CriteriaSet | None:
    """The set a year is judged under by the rule above, among ``sets`` (national commune NTM sets)."""
    candidates = [cs for cs in sets if cs.level == "ntm"]
    current = in_force_on(candidates, dt.date(year, 12, 31))
    if current is None:
        return None
    if current.period_from <= year <= current.period_to:
        return current
    successor_late = any(
        cs.period_from <= year <= cs.period_to and cs.legal_basis.date > current.legal_basis.date
        for cs in candidates
    )
    return current if year > current.period_to and successor_late else None
