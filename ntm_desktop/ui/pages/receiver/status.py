"""The sign-off states of a commune-year, with the colours they are shown in."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ntm_desktop.core.numbers import format_change
from ntm_desktop.core.signoff import APPROVED, NOT_REPORTED, RECEIVED, RETURNED, REVIEWED, status_label
from ntm_desktop.receiver import recognition_history
from ntm_desktop.receiver.values import HistoryEntry, StatusChange

COLOURS: dict[str, tuple[QColor, QColor]] = {
    NOT_REPORTED: (QColor("#6b7075"), QColor("#eef0f2")),
    RECEIVED: (QColor("#1d5fa8"), QColor("#e4eefa")),
    REVIEWED: (QColor("#8a5a00"), QColor("#fcf0d8")),
    APPROVED: (QColor("#1e7b34"), QColor("#e3f4e6")),
    RETURNED: (QColor("#b3261e"), QColor("#fbe5e2")),
}


def colour(status: str) -> QColor:
    return COLOURS.get(status, COLOURS[NOT_REPORTED])[0]


def entry_colour(entry: HistoryEntry) -> QColor:
    """A sign-off step in its new status's colour; a recognition in the approved green, a withdrawal red."""
    if isinstance(entry, StatusChange):
        return colour(entry.to_status)
    return colour(RETURNED if entry.action == "withdrawn" else APPROVED)


def entry_text(entry: HistoryEntry) -> str:
    """ "Đã phê duyệt", or "Công nhận đạt chuẩn nông thôn mới — Quyết định số 126/QĐ-UBND ngày …"."""
    if isinstance(entry, StatusChange):
        return label(entry.to_status)
    return recognition_history.describe(entry)


def background(status: str) -> QColor:
    return COLOURS.get(status, COLOURS[NOT_REPORTED])[1]


def label(status: str) -> str:
    return status_label(status)


def change_text(change: int | None) -> str:
    """ "+2", "−1", "0" exactly as the summary report prints them."""
    return format_change(change)


ORDER = (NOT_REPORTED, RECEIVED, REVIEWED, RETURNED, APPROVED)
"""The order statuses sort in: what still needs work first."""
