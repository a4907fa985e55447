"""The one place an assessment's value is read and judged against its indicator (:func:`judge`): a form's
live preview, the services, records-v1 files and bundles all judge through it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import MAX_MONEY, format_decimal
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.evaluate import Evaluation, evaluate, evaluate_given
from ntm_desktop.criteria.model import Indicator
from ntm_desktop.services.progress_values import coerce_value, to_json_value


@dataclass(frozen=True)
class Judgement:
    value: Any
    """The value in the indicator's kind (Decimal, bool, text) or None."""
    met: bool | None
    """The result kept: the officer's when given, else the evaluated one."""
    met_auto: bool | None
    basis: str
    evaluation: Evaluation | None
    """None when there is no indicator or no value."""


def judge(
    indicator: Indicator | None,
    raw: Any,
    met: bool | None,
    met_given: bool,
    region: str | None,
    group: int | None,
    *,
    document: str | None = None,
    memo: dict[Any, Any] | None = None,
) -> Judgement:
    """The one place a value is read and judged (the editor's live preview uses it too).

    ``memo`` (a check run's): a value already read and judged for the same indicator, commune and
    group is not worked out again (a bundle brings hundreds of assessments, many with the same value).
    Raises :class:`InvalidInput` for a value the indicator cannot take.
    """
    if indicator is None:  # a criterion judged as a whole: free text, the officer decides
        return Judgement(free_value(raw), met, None, "", None)
    if memo is None:
        parsed, ev = _evaluated(indicator, raw, region, group, document)
    else:
        key = (id(indicator), type(raw), exact(raw), region, group, document)
        found = memo.get(key)
        if found is None or found[0] is not indicator:
            found = memo[key] = (indicator, *_evaluated(indicator, raw, region, group, document, memo))
        parsed, ev = found[1], found[2]
    if parsed is None or ev is None:
        return Judgement(None, met if met_given else None, None, "", None)
    return Judgement(parsed, met if met_given else ev.met, ev.met, ev.basis, ev)


_EXACT = (bool, int, str, type(None))
"""Types whose equal values read the same; a float or Decimal is told apart by its repr (-0.0, 2.50)."""


def exact(value: Any) -> Any:
    """``value`` as a key that tells apart values that read differently (85 and 85.0, 1 and True,
    2.5 and 2.50), with ``type(value)`` beside it."""
    return value if type(value) in _EXACT else repr(value)


def _evaluated(
    indicator: Indicator,
    raw: Any,
    region: str | None,
    group: int | None,
    document: str | None,
    memo: dict[Any, Any] | None = None,
) -> tuple[Any, Evaluation | None]:
    parsed = coerce_value(indicator, raw)
    if parsed is None:
        return None, None
    if isinstance(parsed, Decimal) and abs(parsed) > MAX_FIGURE:
        limit = format_decimal(MAX_FIGURE)
        raise InvalidInput(tr("The value is too large: at most {limit}", limit=limit), field="value")
    if memo is None:
        return parsed, evaluate(indicator, parsed, region, group, document=document)
    return parsed, evaluate_given(frame(indicator, region, group, memo, document), indicator, parsed)


def frame(
    indicator: Indicator,
    region: str | None,
    group: int | None,
    memo: dict[Any, Any],
    document: str | None = None,
) -> Evaluation:
    """What applies and why (the threshold, its basis; or none): the evaluation of no value, the same
    for every value, worked out once per ``memo`` (a check run's)."""
    key = (id(indicator), region, group, document)
    found = memo.get(key)
    if found is None or found[0] is not indicator:
        found = memo[key] = (indicator, evaluate(indicator, None, region, group, document=document))
    return found[1]


MAX_FIGURE = Decimal(MAX_MONEY)
"""The largest figure an indicator takes, as the ledger's quantities: 40 nines were saved, and then every
bundle of the commune was refused by its province (a bundle carries numbers below 1E+31 only)."""

_WHOLE = 2.0**53
"""Below this a float's whole part is exact (a whole float above it reads as another integer in text)."""


def plain_number(indicator: Indicator, raw: float, given: Evaluation) -> float | int | None:
    """The value :func:`judge` reads from the float ``raw`` as the JSON number it is kept as
    (:func:`to_json_value`), when no threshold applies (``given``: :func:`frame`'s) to a percent or
    number indicator, so that only the value is read: ``raw`` itself, or its integer when whole. None
    when :func:`judge` must read it (a threshold, another kind; out of range, not finite, too large)."""
    if given.threshold is not None or indicator.kind not in _NUMBERS:
        return None
    if not 0 <= raw < _WHOLE or (raw > 100 and indicator.kind == "percent"):  # NaN is not >= 0
        return None
    whole = int(raw)
    return whole if whole == raw else raw


_NUMBERS = frozenset({"percent", "number"})


def free_value(value: Any) -> Any:
    """A criterion's value as kept: trimmed text (or None), or a JSON number."""
    if isinstance(value, str):
        return clean(value) or None
    return to_json_value(value) if isinstance(value, Decimal) else value
