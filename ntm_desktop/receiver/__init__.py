"""The receiving unit's side (a province's NTM office; a district before 1 July 2025): ``ws.receiver``."""

from ntm_desktop.receiver.service import ReceiverService
from ntm_desktop.receiver.values import (
    APPROVED,
    NOT_REPORTED,
    RECEIVED,
    RETURNED,
    REVIEWED,
    STATUSES,
    Amendment,
    CadreOutcome,
    CommuneView,
    ReceiverInfo,
    StatusChange,
    SupporterTotal,
    UnitHelp,
    UnitRow,
    status_label,
)

__all__ = [
    "APPROVED",
    "NOT_REPORTED",
    "RECEIVED",
    "RETURNED",
    "REVIEWED",
    "STATUSES",
    "Amendment",
    "CadreOutcome",
    "CommuneView",
    "ReceiverInfo",
    "ReceiverService",
    "StatusChange",
    "SupporterTotal",
    "UnitHelp",
    "UnitRow",
    "status_label",
]
