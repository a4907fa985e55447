"""The receiving unit's side (a province's NTM office; a district before 1 July 2025): ``ws.receiver``.

:class:`ReceiverService` and the values are imported on first use: the sync import's hook needs only
:mod:`~ntm_desktop.receiver.amendments`, and importing a submodule runs this file first — loading the
service (and with it every module of the package) would add ~50 ms to the first bundle a process takes
in, the values' dataclasses ~15 ms more.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    where = "service" if name == "ReceiverService" else "values"
    return getattr(import_module(f"ntm_desktop.receiver.{where}"), name)


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
