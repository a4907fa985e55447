"""Judge a commune's value for one indicator, check typed values, and roll results up per criterion.

"Cannot evaluate" is a first-class answer (``met is None``): most national thresholds are not known to
the app, and then the officer decides. Nothing here guesses a threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import MAX_MONEY, format_decimal, parse_decimal, parse_percent
from ntm_desktop.core.setlabels import region_name
from ntm_desktop.core.text import clean, fold, is_ascii_digits, name_key
from ntm_desktop.criteria.model import CriteriaSet, Criterion, Indicator, Value, document_label
from ntm_desktop.criteria.requirement import applicable, delegated_text, judge_by_text, missing_text

Status = Literal["met", "not_met", "unknown", "partial"]

_TRUE = frozenset({"co", "dat", "yes", "true", "1", "x"})
_FALSE = frozenset({"khong", "khong dat", "chua dat", "no", "false", "0"})
_SYMBOLS = {">=": "≥", "<=": "≤", "=": "="}

MAX_TYPED = Decimal(MAX_MONEY)
"""The largest number typed for an indicator (a figure, 762d652, or a threshold): a bundle carries
numbers below 1E+31 only, so a row of 40 nines saved here made the province refuse the commune's bundles.
Checked where it is typed, not where a file is read (a set already saved must still open)."""


def too_large(value: object) -> str:
    """The words for a typed number above :data:`MAX_TYPED` ("Giá trị quá lớn: nhiều nhất …"), or ""."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number) <= MAX_TYPED:
        return ""
    return tr("The value is too large: at most {limit}", limit=format_decimal(MAX_TYPED))


@dataclass(frozen=True)
class Evaluation:
    met: bool | None
    """True/False when a threshold applies and a value is given; None when the officer must decide."""
    threshold: Value | None
    """The threshold that applied, if any."""
    basis: str
    """Why, for people: "≥ 80% (chỉ tiêu chung, QĐ 318/QĐ-TTg)" or "Chưa nhập ngưỡng (Phụ lục I, QĐ
    318/QĐ-TTg)"."""
    key: str | None = None
    """The region code or commune group whose threshold applied; None for the general one."""


def validate_value(indicator: Indicator, raw: object) -> Value:
    """The value an officer typed or picked, checked for the indicator's kind.

    Percent: 0–100; number: not negative (both as Decimal; text is read by :mod:`ntm_desktop.core.numbers`,
    Vietnamese style: "85,5", "1.234,5"); boolean: True/False or "có"/"không"/"đạt"/"không đạt";
    level: non-empty text.
    """
    field = indicator.code
    if indicator.kind == "boolean":
        return _boolean(raw, field)
    if indicator.kind == "level":
        if isinstance(raw, str) and clean(raw):
            return clean(raw)
        raise InvalidInput(tr("Enter the level reached, e.g. “mức độ 2”"), field=field)
    if isinstance(raw, str) and clean(raw):
        if indicator.kind == "percent":
            return parse_percent(raw, field=field)
        return parse_decimal(raw, field=field)
    number = _number(raw)
    if number is None:
        raise InvalidInput(tr("Enter a number, e.g. 85 or 85,5"), field=field)
    if indicator.kind == "percent" and not 0 <= number <= 100:
        raise InvalidInput(tr("A percentage must be from 0 to 100"), field=field)
    if number < 0:
        raise InvalidInput(tr("The value cannot be negative"), field=field)
    return number


def _boolean(raw: object, field: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = fold(raw)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise InvalidInput(tr("Choose yes or no"), field=field)


def _number(raw: object) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        raw = Decimal(str(raw))
    if isinstance(raw, Decimal) and raw.is_finite():
        return raw
    return None


def evaluate(
    indicator: Indicator,
    value: object,
    region: str | None,
    group: int | None,
    *,
    document: str | None = None,
) -> Evaluation:
    """Judge ``value`` against the threshold that applies to a commune of ``region`` / ``group``.

    A region's own threshold wins over the general one (pass "TDMNPB" for a special-difficulty commune:
    QĐ 318 applies that region's thresholds to them); in a group set, the group's, then the general one.
    ``value`` may be raw (it is checked with :func:`validate_value`) or None (not entered yet).
    ``document`` (default: the indicator's own, from its set) is cited in the basis text.
    """
    found = applicable(indicator, region, group)
    threshold, key = found.threshold, found.key
    if threshold is None:
        if found.kind == "text":
            return Evaluation(None, None, judge_by_text(found.cited))
        if found.kind == "delegated":
            return Evaluation(None, None, delegated_text(found.cited))
        return Evaluation(None, None, missing_text(found.cited))
    cited = indicator.document if document is None else document
    basis = f"{_condition(indicator, threshold)} ({_scope(key)}, {_source(indicator, cited)})"
    if value is None:
        return Evaluation(None, threshold, basis, key)
    met = _compare(indicator, validate_value(indicator, value), threshold)
    return Evaluation(met, threshold, basis, key)


def evaluate_given(frame: Evaluation, indicator: Indicator, value: object) -> Evaluation:
    """:func:`evaluate` of ``value`` from ``frame``, the evaluation of no value for the same indicator,
    commune and document: what applies and why is worked out once (a bundle judges hundreds of values
    of a few dozen indicators), only the value is checked and compared again."""
    if frame.threshold is None or value is None:
        return frame
    met = _compare(indicator, validate_value(indicator, value), frame.threshold)
    return Evaluation(met, frame.threshold, frame.basis, frame.key)


def evaluate_in(
    cs: CriteriaSet, indicator_code: str, value: object, region: str | None, group: int | None
) -> Evaluation:
    """:func:`evaluate` for an indicator of ``cs``."""
    indicator = cs.find_indicator(indicator_code)
    if indicator is None:
        raise NotFound(tr("There is no indicator {code} in this criteria set", code=indicator_code))
    return evaluate(indicator, value, region, group)


def _compare(indicator: Indicator, value: Value, threshold: Value) -> bool | None:
    if isinstance(threshold, Decimal) and isinstance(value, Decimal):
        if indicator.direction == ">=":
            return value >= threshold
        if indicator.direction == "<=":
            return value <= threshold
        return value == threshold if indicator.direction == "=" else None
    if isinstance(threshold, bool) and isinstance(value, bool):
        return value == threshold
    if isinstance(threshold, str) and isinstance(value, str):
        return name_key(value) == name_key(threshold)
    return None


def _condition(indicator: Indicator, threshold: Value) -> str:
    if isinstance(threshold, bool):
        return tr("Required: {value}", value=tr("Yes") if threshold else tr("No"))
    if isinstance(threshold, str):
        return tr("Required: {value}", value=threshold)
    symbol = _SYMBOLS.get(indicator.direction or "=", "=")
    number = format_decimal(threshold)
    if indicator.kind == "percent":
        return f"{symbol} {number}%"
    return f"{symbol} {number} {indicator.unit}".rstrip()


def _scope(key: str | None) -> str:
    if key is None:
        return tr("general value")
    if is_ascii_digits(key):
        return tr("commune group {group}", group=key)
    return tr("region: {region}", region=region_name(key))


def _source(indicator: Indicator, document: str) -> str:
    if indicator.threshold_confirmed and document:
        return document_label(document)
    if indicator.threshold_confirmed:
        return tr("from the cited sources")
    return tr("not checked against the legal text")


@dataclass(frozen=True)
class CriterionResult:
    code: str
    status: Status
    """met: every indicator met (or judged met as a whole); not_met: judged not met as a whole, or an
    indicator not met; partial: some indicators met and the rest not judged yet; unknown: nothing judged."""
    indicators_met: int
    indicators_total: int
    judged_whole: bool
    """The status comes from a judgement of the whole criterion, not from its indicators."""


@dataclass(frozen=True)
class Rollup:
    criteria: tuple[CriterionResult, ...]
    criteria_met: int
    criteria_total: int

    def get(self, code: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.code == code), None)

    def count(self, status: Status) -> int:
        return sum(1 for c in self.criteria if c.status == status)


def rollup(cs: CriteriaSet, results: Mapping[str, bool | None]) -> Rollup:
    """Per-criterion status and the number of criteria met, from indicator or criterion results.

    ``results`` maps indicator codes and/or criterion codes to met (True/False) or undecided (None);
    codes the set does not know are ignored. A True/False under a criterion's own code is a judgement of
    the whole criterion and overrides its indicators, except where the criterion's only indicator has
    the criterion's code (criteria 5, 7, 10, 11, 16 of 2021–2025): there the entry is the indicator's.
    """
    rows = tuple(criterion_result(c, results) for c in cs.criteria)
    return Rollup(rows, sum(1 for r in rows if r.status == "met"), len(rows))


def criterion_result(c: Criterion, results: Mapping[str, bool | None]) -> CriterionResult:
    judged = [results.get(i.code) for i in c.indicators]
    met, total = sum(1 for j in judged if j is True), len(judged)
    whole = results.get(c.code)
    own_code_is_indicator = any(i.code == c.code for i in c.indicators)
    if isinstance(whole, bool) and not own_code_is_indicator:
        return CriterionResult(c.code, "met" if whole else "not_met", met, total, True)
    if total == 0:
        return CriterionResult(c.code, "unknown", 0, 0, True)
    if any(j is False for j in judged):
        status: Status = "not_met"
    elif met == total:
        status = "met"
    elif met > 0:
        status = "partial"
    else:
        status = "unknown"
    return CriterionResult(c.code, status, met, total, False)
