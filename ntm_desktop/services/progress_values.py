"""Turning what the officer typed (or a records file holds) into an indicator's value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import parse_decimal, parse_percent
from ntm_desktop.core.text import clean, fold
from ntm_desktop.criteria.evaluate import validate_value
from ntm_desktop.criteria.model import Indicator

_YES = {"co", "yes", "y", "true", "1", "dat", "x"}
_NO = {"khong", "no", "n", "false", "0", "chua dat", "khong dat"}


def parse_yes_no(text: str) -> bool:
    key = fold(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise InvalidInput(tr("Answer yes or no (có / không)"), field="value")


def coerce_value(indicator: Indicator, raw: Any) -> Any:
    """The value in the indicator's kind, validated; raises :class:`InvalidInput` with a clear message."""
    if raw is None or (isinstance(raw, str) and not clean(raw)):
        return None
    if isinstance(raw, str):
        text = clean(raw)
        if indicator.kind == "percent":
            raw = parse_percent(text)
        elif indicator.kind == "number":
            raw = parse_decimal(text, allow_negative=True)
        elif indicator.kind == "boolean":
            raw = parse_yes_no(text)
        else:
            raw = text
    elif isinstance(raw, float):
        raw = Decimal(str(raw))
    elif isinstance(raw, int) and not isinstance(raw, bool) and indicator.kind in ("percent", "number"):
        raw = Decimal(raw)
    return validate_value(indicator, raw)


def to_json_value(value: Any) -> Any:
    """Decimals become JSON numbers: whole ones as integers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
