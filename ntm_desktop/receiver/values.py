"""What the receiver service hands out: plain frozen values (never ORM rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ntm_desktop.core import signoff
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.services.ledger import Cadre, Event, GroupTotal, Help, HelpTotals
from ntm_desktop.services.progress import AssessmentView
from ntm_desktop.services.rollup import YearSummary

# the sign-off states live in the core (the overview names them before the data layer is imported)
NOT_REPORTED, RECEIVED, REVIEWED = signoff.NOT_REPORTED, signoff.RECEIVED, signoff.REVIEWED
APPROVED, RETURNED, STATUSES = signoff.APPROVED, signoff.RETURNED, signoff.STATUSES
status_label = signoff.status_label
LEVELS = ("district", "province", "national")
"""Receiving levels: a district (before 1 July 2025, kept for history), a province's NTM office, or the
national coordination office, which gathers the provinces' bundles (docs/sync.md, "National roll-up")."""
NATIONAL = "national"
STAGES = ("self_assessed", "reviewed", "approved", "recognised")
"""A commune-year's figures: the commune's own only, reviewed, approved by the province, recognised by its
decision (:attr:`UnitRow.stage`; the summaries, charts and reports keep them apart)."""
RECOGNITION_LEVELS = ("ntm", "nang_cao", "kieu_mau", "hien_dai")
"""The levels a commune is recognised at: those of the criteria-set format (``criteria.model.LEVELS``)."""


def recognition_level_label(level: str) -> str:
    """ "Xã nông thôn mới nâng cao" in the screen language."""
    labels = {
        "ntm": tr("New rural commune"),
        "nang_cao": tr("Advanced new rural commune"),
        "kieu_mau": tr("Model new rural commune"),
        "hien_dai": tr("Modern new rural commune"),
    }
    return labels.get(level, level)


@dataclass(frozen=True)
class Recognition:
    """A decision recognising a commune's year at a level (e.g. 123/QĐ-UBND of 20/12/2025, ``ntm``)."""

    code: str
    year: int
    level: str
    decision: str
    decided_on: date
    decided_by: str
    """The code of the province (receiving unit) whose decision it is."""
    recorded_at: datetime
    recorded_by: str
    withdrawn: bool = False
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "decision": self.decision,
            "date": self.decided_on.isoformat(),
            "decided_by": self.decided_by,
        }


@dataclass(frozen=True)
class UnitRow:
    """One commune as the receiver's list shows it for a year."""

    code: str
    name: str
    type: str
    province_code: str
    criteria_met: int | None
    criteria_total: int | None
    change: int | None
    """Criteria met compared with the previous year that has data (under the same criteria set)."""
    last_bundle_at: datetime | None
    """When the newest bundle received from the commune (or a predecessor) was made."""
    last_bundle_seq: int | None
    status: str
    open_conflicts: int
    open_corrections: int
    has_cadre: bool
    predecessors: tuple[str, ...]
    open_amendments: int = 0
    """Changes to an approved year waiting for the receiver's decision."""
    merge_requests: tuple[str, ...] = ()
    """Codes the commune declares as its predecessors that the receiver has not merged into it: a
    request for the receiver to decide (``receiver merge``), never applied from a bundle."""
    recognitions: tuple[Recognition, ...] = ()
    """The decisions recognising the commune's year (usually one level), in level order."""

    @property
    def reported(self) -> bool:
        return self.status != NOT_REPORTED

    @property
    def reached_standard(self) -> bool:
        """Every criterion met, by the commune's own figures (self-assessed, whatever the sign-off)."""
        return bool(self.criteria_total) and self.criteria_met == self.criteria_total

    @property
    def recognised(self) -> bool:
        return bool(self.recognitions)

    @property
    def stage(self) -> str:
        """How far the province has confirmed the commune's year, one of :data:`STAGES` ("" before it
        reported): recognised by a decision, else approved, else reviewed, else only its own figures
        (received, or returned for correction)."""
        if self.recognised:
            return "recognised"
        if not self.reported:
            return ""
        return self.status if self.status in (REVIEWED, APPROVED) else "self_assessed"


@dataclass(frozen=True)
class CadreOutcome:
    """A commune with seconded cadres in the year, and whether it met every criterion that year."""

    code: str
    name: str
    cadres: tuple[str, ...]
    criteria_met: int | None
    criteria_total: int | None
    reached_standard: bool


@dataclass(frozen=True)
class SupporterTotal:
    """One supporter across every commune it helped (supporters are matched by name, ignoring case)."""

    name: str
    kind: str
    communes: tuple[str, ...]
    """Codes of the communes it helped, in code order."""
    records: int
    value_vnd: int
    cash_vnd: int


@dataclass(frozen=True)
class UnitHelp:
    """Help one commune received in the year (its predecessors' included)."""

    code: str
    name: str
    records: int
    value_vnd: int
    cash_vnd: int


@dataclass(frozen=True)
class StatusChange:
    """One step of a commune-year's sign-off."""

    code: str
    year: int
    from_status: str
    to_status: str
    reason: str
    at: datetime
    actor: str
    bundle_id: str = ""
    correction_id: str = ""
    kind: str = "status"
    """Tells a sign-off step from a :class:`RecognitionChange` in the same history (``--json``)."""


@dataclass(frozen=True)
class RecognitionChange:
    """A recognition decision recorded, replaced or withdrawn, as the status history shows it beside the
    sign-off steps (read from the audit rows of ``receiver_recognitions``)."""

    code: str
    year: int
    level: str
    action: str
    """``recognised``, ``replaced`` (another number or date for the same level) or ``withdrawn``."""
    decision: str
    decided_on: date | None
    at: datetime
    actor: str
    previous_decision: str = ""
    previous_date: date | None = None
    reason: str = ""
    kind: str = "recognition"


HistoryEntry = StatusChange | RecognitionChange
"""One line of a commune-year's status history: a sign-off step or a recognition decision."""


@dataclass(frozen=True)
class Amendment:
    """A change that arrived for an approved year and waits for a decision."""

    id: str
    unit_code: str
    signoff_code: str
    year: int
    kind: str
    record_id: str
    removes: bool
    content: dict[str, Any] | None
    bundle_id: str
    status: str
    received_at: datetime
    decided_by: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ReceiverInfo:
    """Who this receiving workspace is: the level, the unit's code and name, its parent agency, the
    place written on its documents and who signs them."""

    code: str
    name: str
    level: str
    parent: str
    province_code: str
    place: str
    signer_name: str = ""
    signer_title: str = ""


@dataclass(frozen=True)
class CommuneData:
    """What :class:`CommuneView` reads through: the receiver's queries for one commune."""

    summary: Callable[[int], YearSummary | None]
    assessments: Callable[[int], list[AssessmentView]]
    totals: Callable[[int | None], HelpTotals]
    supporters: Callable[[int | None], list[GroupTotal]]
    help: Callable[[int | None], list[Help]]
    cadres: Callable[[], list[Cadre]]
    events: Callable[[], list[Event]]
    history: Callable[[int], list[HistoryEntry]]


@dataclass(frozen=True)
class CommuneView:
    """One commune, read-only, as the commune itself would see it in its own workspace.

    Data received under a predecessor's code is included (``codes``) when the merger is known.
    """

    code: str
    profile: UnitProfile
    predecessors: tuple[str, ...]
    successor: str | None
    years: tuple[int, ...]
    """Years with criteria assessments."""
    _data: CommuneData = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.predecessors)

    def progress_summary(self, year: int) -> YearSummary | None:
        """The year's criteria, as ``progress show`` prints it in the commune; None without data."""
        return self._data.summary(year)

    def assessments(self, year: int) -> list[AssessmentView]:
        return self._data.assessments(year)

    def help_totals(self, year: int | None = None) -> HelpTotals:
        return self._data.totals(year)

    def help_by_supporter(self, year: int | None = None) -> list[GroupTotal]:
        return self._data.supporters(year)

    def help(self, year: int | None = None) -> list[Help]:
        return self._data.help(year)

    def cadres(self, year: int | None = None) -> list[Cadre]:
        cadres = self._data.cadres()
        if year is None:
            return cadres
        first, last = date(year, 1, 1), date(year, 12, 31)
        return [
            c for c in cadres if (c.start is None or c.start <= last) and (c.end is None or c.end >= first)
        ]

    def events(self, year: int | None = None) -> list[Event]:
        events = self._data.events()
        return events if year is None else [e for e in events if e.date.year == year]

    def status_history(self, year: int) -> list[HistoryEntry]:
        return self._data.history(year)
