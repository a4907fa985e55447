"""The sign-off states of a commune-year, with the colours they are shown in."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ntm_desktop.core.numbers import format_change
from ntm_desktop.core.signoff import APPROVED, NOT_REPORTED, RECEIVED, RETURNED, REVIEWED, status_label

COLOURS: dict[str, tuple[QColor, QColor]] = {
    NOT_REPORTED: (QColor("#6b7075"), QColor("#eef0f2")),
    RECEIVED: (QColor("#1d5fa8"), QColor("#e4eefa")),
    REVIEWED: (QColor("#8a5a00"), QColor("#fcf0d8")),
    APPROVED: (QColor("#1e7b34"), QColor("#e3f4e6")),
    RETURNED: (QColor("#b3261e"), QColor("#fbe5e2")),
}


def colour(status: str) -> QColor:
    return COLOURS.get(status, COLOURS[NOT_REPORTED])[0]


def background(status: str) -> QColor:
    return COLOURS.get(status, COLOURS[NOT_REPORTED])[1]


def label(status: str) -> str:
    return status_label(status)


def change_text(change: int | None) -> str:
    """ "+2", "−1", "0" exactly as the summary report prints them."""
    return format_change(change)


ORDER = (NOT_REPORTED, RECEIVED, REVIEWED, RETURNED, APPROVED)
"""The order statuses sort in: what still needs work first."""
