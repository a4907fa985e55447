"""All tables. Import this package to register every model on ``Base.metadata``."""

from ntm_desktop.db.models.audit import AuditEntry, Setting
from ntm_desktop.db.models.criteria import CriteriaSetRow, CriteriaYearChoice, CriterionTarget
from ntm_desktop.db.models.evidence import EvidenceBlob, EvidenceFile, EvidenceLink
from ntm_desktop.db.models.kept import SetAsideField
from ntm_desktop.db.models.ledger import (
    Assignment,
    Cadre,
    Event,
    Help,
    HelpItem,
    HelpSupporter,
    Supporter,
)
from ntm_desktop.db.models.narrative import Narrative
from ntm_desktop.db.models.progress import Assessment
from ntm_desktop.db.models.receiver import (
    ReceiverAmendment,
    ReceiverRecognition,
    ReceiverSignoff,
    ReceiverSignoffChange,
)
from ntm_desktop.db.models.sync import (
    ReceivedDecision,
    SyncAck,
    SyncBundle,
    SyncConflict,
    SyncCorrection,
    SyncKnownKey,
    SyncRecordState,
    SyncSequence,
)
from ntm_desktop.db.models.unit import Officer, Unit

__all__ = [
    "Assessment",
    "Assignment",
    "AuditEntry",
    "Cadre",
    "CriteriaSetRow",
    "CriteriaYearChoice",
    "CriterionTarget",
    "Event",
    "EvidenceBlob",
    "EvidenceFile",
    "EvidenceLink",
    "Help",
    "HelpItem",
    "HelpSupporter",
    "Narrative",
    "Officer",
    "ReceivedDecision",
    "ReceiverAmendment",
    "ReceiverRecognition",
    "ReceiverSignoff",
    "ReceiverSignoffChange",
    "SetAsideField",
    "Setting",
    "Supporter",
    "SyncAck",
    "SyncBundle",
    "SyncConflict",
    "SyncCorrection",
    "SyncKnownKey",
    "SyncRecordState",
    "SyncSequence",
    "Unit",
]
