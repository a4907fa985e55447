"""What the overview page shows for a year (the commune, the criteria met, the years before, the criteria
sets they were judged under) as one value, read from the workspace or kept as plain JSON in the start-up
snapshot (``core/startup_snapshot.py``).

Start-up reads the JSON before the data layer is imported: this module imports no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.services.rollup import CriterionStatus, YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

_UNIT_FIELDS = ("code", "name", "province_code", "province_name", "region", "group", "groups")


@dataclass(frozen=True)
class SetPeriod:
    """A criteria set as the overview names it: "Bộ 2021–2025 (19 tiêu chí)"."""

    id: str
    period_from: int
    period_to: int
    criteria: int


@dataclass(frozen=True)
class YearAnswer:
    """The receiving unit's decision on one year the commune sent, as the overview shows it."""

    year: int
    status: str
    reason: str
    decided_at: datetime | None
    decided_by: str
    to_correct: str
    """The record a returned year asks to correct, named for the officer ("" for none)."""
    target: Any = field(default=None, compare=False)
    """That record (a ``sync.reverse.decisions.Target``; services sit below sync), to open it: only from the
    open workspace (the snapshot keeps its name only)."""


def year_answers(answers: Mapping[int, Any]) -> tuple[YearAnswer, ...]:
    """The workspace's answers (``ws.sync.answers()``) as the overview shows them, oldest year first."""
    return tuple(
        YearAnswer(
            year,
            a.decision.status,
            a.decision.reason,
            a.decision.decided_at,
            a.decision.decided_by,
            a.target.title if a.target else a.correction.record_id if a.correction else "",
            a.target,
        )
        for year, a in sorted(answers.items())
    )


@dataclass(frozen=True)
class YearRecognition:
    """A standing decision recognising one of the commune's years, as the province entered it."""

    year: int
    level: str
    """ntm, nang_cao, kieu_mau or hien_dai."""
    decision: str
    decided_on: date
    decided_by: str
    """The code of the unit (province) whose decision it is."""


def year_recognitions(held: Sequence[Any]) -> tuple[YearRecognition, ...]:
    """The workspace's recognitions (``ws.sync.recognitions()``) the overview shows: not the withdrawn."""
    return tuple(
        YearRecognition(r.year, r.level, r.decision, r.decided_on, r.decided_by)
        for r in held
        if not r.withdrawn
    )


def recognition_line(r: YearRecognition) -> str:
    """ "Xã đạt chuẩn nông thôn mới năm 2025 — Quyết định số 123/QĐ-UBND ngày 20/12/2025": the level and the
    decision's number and date exactly as the province entered them, nothing more."""
    levels = {
        "ntm": tr("The commune meets the new rural standard in {year}", year=r.year),
        "nang_cao": tr("The commune meets the advanced new rural standard in {year}", year=r.year),
        "kieu_mau": tr("The commune meets the model new rural standard in {year}", year=r.year),
        "hien_dai": tr("The commune meets the modern new rural standard in {year}", year=r.year),
    }
    decision = tr("Decision No. {decision} of {date}", decision=r.decision, date=f"{r.decided_on:%d/%m/%Y}")
    return f"{levels.get(r.level, r.level)} — {decision}"


@dataclass(frozen=True)
class OverviewFigures:
    unit: UnitProfile
    year: int
    summary: YearSummary | None
    problem: str
    """Why the year has no summary (no criteria set covers it), in the language it was read in."""
    history: tuple[YearSummary, ...]
    sets: tuple[SetPeriod, ...]
    answers: tuple[YearAnswer, ...] = ()
    """The receiving unit's answers on the years the commune sent (from the bundles it sent back)."""
    recognitions: tuple[YearRecognition, ...] = ()
    """The province's decisions recognising the commune's years (withdrawn ones left out)."""

    @property
    def first_year(self) -> int:
        return min((s.period_from for s in self.sets), default=self.year)

    @property
    def last_year(self) -> int:
        return max((s.period_to for s in self.sets), default=self.year)

    @property
    def years_with_data(self) -> tuple[int, ...]:
        return tuple(s.year for s in self.history)


def load_figures(ws: Workspace, year: int) -> OverviewFigures:
    unit = ws.unit.home()
    history = tuple(ws.progress.history())
    sets = tuple(SetPeriod(i.id, i.period_from, i.period_to, i.criteria) for i in ws.criteria.sets())
    answers = year_answers(ws.sync.answers())
    recognised = year_recognitions(ws.sync.recognitions())
    try:
        return OverviewFigures(unit, year, ws.progress.summary(year), "", history, sets, answers, recognised)
    except InvalidInput as exc:
        return OverviewFigures(unit, year, None, exc.message, history, sets, answers, recognised)


def year_to_open(first: int, last: int, years_with_data: tuple[int, ...], remembered: int | None) -> int:
    """The year the app opens at: the one last looked at, else the newest with data, else this year."""
    if remembered and first <= remembered <= last:
        return remembered
    if years_with_data:
        return years_with_data[-1]
    return min(max(vntime.today().year, first), last)


def figures_to_json(figures: OverviewFigures) -> dict[str, Any]:
    return {
        "unit": {name: getattr(figures.unit, name) for name in _UNIT_FIELDS},
        "year": figures.year,
        "summary": asdict(figures.summary) if figures.summary is not None else None,
        "problem": figures.problem,
        "history": [asdict(s) for s in figures.history],
        "sets": [asdict(s) for s in figures.sets],
        "answers": [_answer_to_json(a) for a in figures.answers],
        "recognitions": [asdict(r) | {"decided_on": r.decided_on.isoformat()} for r in figures.recognitions],
    }


def figures_from_json(data: dict[str, Any]) -> OverviewFigures | None:
    """The figures kept in a snapshot, or None if they do not fit this version's shapes."""
    try:
        kept = {name: data["unit"][name] for name in _UNIT_FIELDS}
        unit = UnitProfile(**{**kept, "groups": tuple((str(p), int(g)) for p, g in kept["groups"])})
        summary = _summary(data["summary"]) if data["summary"] is not None else None
        history = tuple(_summary(s) for s in data["history"])
        sets = tuple(SetPeriod(**s) for s in data["sets"])
        answers = tuple(_answer_from_json(a) for a in data["answers"])
        problem = str(data["problem"])
        recognised = tuple(_recognition_from_json(r) for r in data.get("recognitions", ()))
        return OverviewFigures(unit, int(data["year"]), summary, problem, history, sets, answers, recognised)
    except (KeyError, TypeError, ValueError):
        return None


def _answer_to_json(answer: YearAnswer) -> dict[str, Any]:
    kept = {f.name: getattr(answer, f.name) for f in fields(YearAnswer) if f.name != "target"}
    return {**kept, "decided_at": answer.decided_at.isoformat() if answer.decided_at else None}


def _answer_from_json(data: dict[str, Any]) -> YearAnswer:
    if set(data) != {f.name for f in fields(YearAnswer)} - {"target"}:
        raise ValueError(f"answer fields {sorted(data)}")
    moment = datetime.fromisoformat(data["decided_at"]) if data["decided_at"] is not None else None
    return YearAnswer(**{**data, "decided_at": moment})


def _recognition_from_json(data: dict[str, Any]) -> YearRecognition:
    if set(data) != {f.name for f in fields(YearRecognition)}:
        raise ValueError(f"recognition fields {sorted(data)}")
    return YearRecognition(**{**data, "decided_on": date.fromisoformat(data["decided_on"])})


def _summary(data: dict[str, Any]) -> YearSummary:
    if set(data) != {f.name for f in fields(YearSummary)}:
        raise ValueError(f"summary fields {sorted(data)}")
    criteria = tuple(CriterionStatus(**c) for c in data["criteria"])
    return YearSummary(**{**data, "criteria": criteria})
