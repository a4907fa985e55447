"""The help-received ledger: supporters, assignments, help with item lines, cadres, events, totals.

The package offers the ledger's values and vocabularies; the services are in :mod:`.service` and
:mod:`.help` (importing them here would tie this package and :mod:`ntm_desktop.services.kinds` in a loop).
"""

from ntm_desktop.services.ledger.kinds import COMMON_UNITS, ITEM_KINDS, SUPPORTER_KINDS
from ntm_desktop.services.ledger.totals import GroupTotal, HelpFilter, HelpTotals, ItemTotal, KindTotal
from ntm_desktop.services.ledger.values import (
    Assignment,
    AssignmentDraft,
    Cadre,
    CadreDraft,
    Event,
    EventDraft,
    Help,
    HelpDraft,
    ItemDraft,
    Supporter,
    SupporterDraft,
)

__all__ = [
    "COMMON_UNITS",
    "ITEM_KINDS",
    "SUPPORTER_KINDS",
    "Assignment",
    "AssignmentDraft",
    "Cadre",
    "CadreDraft",
    "Event",
    "EventDraft",
    "GroupTotal",
    "Help",
    "HelpDraft",
    "HelpFilter",
    "HelpTotals",
    "ItemDraft",
    "ItemTotal",
    "KindTotal",
    "Supporter",
    "SupporterDraft",
]
