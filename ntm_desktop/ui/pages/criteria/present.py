"""How values and results read on screen ("82,5%", "Có", "Đạt"). No Qt here."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_quantity
from ntm_desktop.criteria.model import Indicator
from ntm_desktop.services.rollup import MET, NOT_MET, PARTIAL, UNKNOWN, status_text

UNDECIDED = "undecided"
"""An indicator with a value but no Đạt/Chưa đạt yet (no threshold known, the officer has not chosen)."""


def indicator_status(value: Any, met: bool | None) -> str:
    if met is True:
        return MET
    if met is False:
        return NOT_MET
    return UNKNOWN if value is None else UNDECIDED


def status_label(status: str) -> str:
    if status == UNDECIDED:
        return tr("Not decided")
    return status_text(status)


def status_colour_key(status: str) -> str:
    """The colour family: undecided indicators share the amber of incomplete criteria."""
    return PARTIAL if status == UNDECIDED else status


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def input_text(indicator: Indicator | None, value: Any) -> str:
    """The stored value as the officer would type it: "82,5" for 82.5."""
    if value is None:
        return ""
    if indicator is not None and indicator.kind in ("percent", "number"):
        number = _decimal(value)
        return format_quantity(number) if number is not None else str(value)
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    return str(value)


def display_value(indicator: Indicator | None, value: Any) -> str:
    """The value with its unit, for the tree: "82,5%", "45 triệu đồng/người/năm", "Có"."""
    text = input_text(indicator, value)
    if not text or indicator is None:
        return text
    if indicator.kind == "percent":
        return f"{text}%"
    if indicator.kind == "number" and indicator.unit:
        return f"{text} {indicator.unit}"
    return text


def change_text(change: str) -> str:
    return {"gained": tr("▲ newly met"), "lost": tr("▼ no longer met")}.get(change, "")


def change_of(previous_met: bool | None, met: bool | None) -> str:
    if previous_met is None or met is None or previous_met == met:
        return ""
    return "gained" if met else "lost"


__all__ = [
    "MET",
    "NOT_MET",
    "PARTIAL",
    "UNDECIDED",
    "UNKNOWN",
    "change_of",
    "change_text",
    "display_value",
    "indicator_status",
    "input_text",
    "status_colour_key",
    "status_label",
]
