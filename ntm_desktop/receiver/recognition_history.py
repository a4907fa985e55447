"""Recognition decisions in a commune-year's status history: when each was recorded, replaced or withdrawn
and by whom, read from the audit rows of ``receiver_recognitions`` (``receiver.recognise`` at a province,
``sync.rollup.recognition`` at the national office), and worded as a clerk reads them:

    Công nhận đạt chuẩn nông thôn mới — Quyết định số 126/QĐ-UBND ngày 21/12/2025

A recognition without an audit row (taken in by an older version) is shown from its own row. At the
national office, a decision a roll-up brought is shown when and by whom the province recorded it (the
roll-up's ``recorded_at`` and ``recorded_by``, bundle format 2.4, kept in the audit row's ``after``); one
from an older roll-up, when it arrived and by whom it was imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.receiver import signoff
from ntm_desktop.receiver.values import (
    RECOGNITION_LEVELS,
    HistoryEntry,
    RecognitionChange,
)
from ntm_desktop.sync.bundle.rules import parse_timestamp

ENTITY = "receiver_recognition"


def history(s: Session, codes: Iterable[str], year: int) -> list[RecognitionChange]:
    """Every recording, replacement and withdrawal of a decision on ``year`` of the communes ``codes``."""
    codes = list(codes)
    uids = {f"{c}/{year}/{level}": (c, level) for c in codes for level in RECOGNITION_LEVELS}
    a = m.AuditEntry
    query = select(a).where(a.entity == ENTITY, a.entity_uid.in_(list(uids))).order_by(a.at, a.id)
    found: list[RecognitionChange] = []
    audited: set[str] = set()
    for row in s.scalars(query):
        code, level = uids[row.entity_uid]
        change = _change(code, year, level, row)
        if change is not None:
            found.append(change)
            audited.add(row.entity_uid)
    r = m.ReceiverRecognition
    rows = s.scalars(select(r).where(r.year == year, r.unit_code.in_(codes)))
    for rec in rows:
        if f"{rec.unit_code}/{year}/{rec.level}" not in audited:
            found.extend(_unaudited(rec))
    return sorted(found, key=lambda c: c.at)


def _change(code: str, year: int, level: str, row: m.AuditEntry) -> RecognitionChange | None:
    before, after = row.before or {}, row.after or {}
    if after.get("withdrawn"):
        if not before.get("decision"):
            return None  # already withdrawn where it came from: nothing changed here
        action, decision, on = "withdrawn", before["decision"], _date(before.get("date"))
        before = {}
    elif after.get("decision"):
        action, decision, on = "replaced" if before.get("decision") else "recognised", after["decision"], None
        on = _date(after.get("date"))
    else:
        return None
    return RecognitionChange(
        code=code,
        year=year,
        level=level,
        action=action,
        decision=decision,
        decided_on=on,
        at=parse_timestamp(after.get("recorded_at")) or row.at,
        actor=str(after.get("recorded_by", row.actor)),
        previous_decision=before.get("decision", ""),
        previous_date=_date(before.get("date")),
        reason=str(after.get("reason", "")) if action == "withdrawn" else "",
    )


def _unaudited(rec: m.ReceiverRecognition) -> list[RecognitionChange]:
    key = (rec.unit_code, rec.year, rec.level, "recognised", rec.decision, rec.decided_on)
    made = RecognitionChange(*key, at=rec.recorded_at, actor=rec.recorded_by)
    if rec.deleted_at is None:
        return [made]
    gone = replace(made, action="withdrawn", at=rec.deleted_at, reason=rec.reason)
    return [made, gone]


def recorded(s: Session, rows: Iterable[m.ReceiverRecognition]) -> dict[str, tuple[datetime, str]]:
    """When and by whom each recognition's present version was recorded, replaced or withdrawn here, by
    ``"<code>/<year>/<level>"``: its newest audit row, else its own row (taken in by an older version)."""
    held = {f"{r.unit_code}/{r.year}/{r.level}": r for r in rows}
    a = m.AuditEntry
    query = select(a).where(a.entity == ENTITY, a.entity_uid.in_(list(held))).order_by(a.at, a.id)
    found = {row.entity_uid: (row.at, row.actor) for row in s.scalars(query)}
    for uid, r in held.items():
        found.setdefault(uid, (r.deleted_at or r.recorded_at, r.recorded_by))
    return found


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def with_steps(s: Session, code: str, codes: Iterable[str], year: int) -> list[HistoryEntry]:
    """The sign-off steps of ``code`` and the decisions on ``codes`` (it and its predecessors), in the
    order they were taken (a step first at the same moment)."""
    both: list[HistoryEntry] = [*signoff.history(s, code, year), *history(s, codes, year)]
    return sorted(both, key=lambda e: (e.at, e.kind != "status"))


def standard(level: str) -> str:
    """ "đạt chuẩn nông thôn mới nâng cao": what a decision at ``level`` recognises."""
    labels = {
        "ntm": tr("meeting the new rural standard"),
        "nang_cao": tr("meeting the advanced new rural standard"),
        "kieu_mau": tr("meeting the model new rural standard"),
        "hien_dai": tr("meeting the modern new rural standard"),
    }
    return labels.get(level, level)


def describe(c: RecognitionChange) -> str:
    """The line a clerk reads, without the time and the actor."""
    day = c.decided_on.strftime("%d/%m/%Y") if c.decided_on else "?"
    if c.action == "withdrawn":
        text = tr(
            "Recognition withdrawn ({standard}): decision No. {decision} of {date}",
            standard=standard(c.level),
            decision=c.decision,
            date=day,
        )
        return f"{text} — {c.reason}" if c.reason else text
    text = tr(
        "Recognised as {standard} — decision No. {decision} of {date}",
        standard=standard(c.level),
        decision=c.decision,
        date=day,
    )
    if c.action == "replaced" and c.previous_decision:
        earlier = c.previous_date.strftime("%d/%m/%Y") if c.previous_date else "?"
        text += tr(
            " (replaces decision No. {decision} of {date})", decision=c.previous_decision, date=earlier
        )
    return text
