"""Working out what the editor shows as the result while the officer types. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.criteria.evaluate import Evaluation, evaluate
from ntm_desktop.criteria.model import CriteriaSet, Indicator
from ntm_desktop.services.kinds.judging import judge as core_judge
from ntm_desktop.ui.pages.criteria.present import indicator_status


@dataclass(frozen=True)
class Judgement:
    parsed: Any
    status: str
    reason: str


def rule(cs: CriteriaSet, indicator: Indicator, unit: UnitProfile) -> Evaluation:
    """The threshold that applies to this commune, without a value."""
    return evaluate(indicator, None, unit.region, unit.group)


def threshold_text(cs: CriteriaSet, indicator: Indicator, unit: UnitProfile) -> str:
    """ "Ngưỡng: ≥ 80% (chỉ tiêu chung, QĐ 318/QĐ-TTg)" or "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg)"."""
    ev = rule(cs, indicator, unit)
    text = tr("Threshold: {basis}", basis=ev.basis) if ev.threshold is not None else ev.basis
    if ev.key is None and unit.region is None and indicator.threshold.by_region:
        text += "\n" + tr("Thresholds differ by region: set your commune's region in Commune details.")
    if ev.key is None and unit.group is None and indicator.threshold.by_group:
        text += "\n" + tr("Thresholds differ by commune group: set your commune's group in Commune details.")
    return text


def judge(
    cs: CriteriaSet, indicator: Indicator | None, unit: UnitProfile, raw: Any, chosen: bool | None
) -> Judgement:
    """The value as the core will store it and the result it will get (through the core's own judging,
    :func:`ntm_desktop.services.kinds.assessments.judge`). Raises InvalidInput on a bad value."""
    j = core_judge(indicator, raw, chosen, chosen is not None, unit.region, unit.group)
    if indicator is None:  # a criterion judged as a whole: free text, the officer decides
        status = indicator_status(j.value, chosen)
        return Judgement(j.value, status, tr("Decided by the officer") if chosen is not None else "")
    ev = j.evaluation
    if chosen is not None:
        reason = tr("Decided by the officer")
        if j.met_auto is not None and j.met_auto != chosen:
            reason = tr("Decided by the officer (the threshold would say otherwise)")
    elif j.met_auto is not None:
        reason = tr("Worked out from the threshold {basis}", basis=j.basis)
    elif ev is not None and ev.threshold is None:
        reason = tr("No threshold is known: choose Met or Not met yourself")
    else:
        reason = ""
    return Judgement(j.value, indicator_status(j.value, j.met), reason)
