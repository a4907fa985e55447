"""The help-received ledger: supporters, assignments, help with item lines, cadres, events, totals."""

from ntm_desktop.services.ledger.help import HelpService
from ntm_desktop.services.ledger.kinds import COMMON_UNITS, ITEM_KINDS, SUPPORTER_KINDS
from ntm_desktop.services.ledger.service import (
    AssignmentService,
    CadreService,
    EventService,
    RecordService,
    SupporterService,
)
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
    "AssignmentService",
    "Cadre",
    "CadreDraft",
    "CadreService",
    "Event",
    "EventDraft",
    "EventService",
    "GroupTotal",
    "Help",
    "HelpDraft",
    "HelpFilter",
    "HelpService",
    "HelpTotals",
    "ItemDraft",
    "ItemTotal",
    "KindTotal",
    "RecordService",
    "Supporter",
    "SupporterDraft",
    "SupporterService",
]
