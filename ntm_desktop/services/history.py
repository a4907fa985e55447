"""A record's history, read from the audit: who did what to it and when, and which fields changed.

    ws.history.of(uid)   # oldest first: Step(at, actor, what, changes=(FieldChange(field, before, after),))

The audit keeps each record's before → after image (records-v1 JSON, the same for every kind), so one
reader serves every kind; values are said by :func:`~ntm_desktop.services.fieldvalues.value_text`, as
the Sync conflicts and the amendment requests say them (dates day first, money with dots, supporters by
name). Times are stored in UTC; show them with :func:`ntm_desktop.core.vntime.format_vn`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.db import models as m
from ntm_desktop.services.action_words import action_label
from ntm_desktop.services.db import Database
from ntm_desktop.services.fieldvalues import SUPPORTER_FIELDS, value_text
from ntm_desktop.services.kinds.registry import KINDS

LIST_OF_ENTITY = {k.entity: k.list_name for k in KINDS}
"""The audit's entity (``assessment``) → the list its fields are named in (``assessments``)."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    """The field's name in the current language, as the record's entry form says it."""
    before: str
    after: str


@dataclass(frozen=True)
class Step:
    at: datetime
    """UTC, as stored."""
    actor: str
    action: str
    """The audit's action (``help.update``)."""
    what: str
    """What happened, in the current language: created, changed, removed, restored …"""
    changes: tuple[FieldChange, ...]
    note: str = ""


class HistoryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def of(self, uid: str) -> list[Step]:
        """Every audited change of the record ``uid``, oldest first."""
        with self._db.read() as s:
            entries = s.scalars(
                select(m.AuditEntry).where(m.AuditEntry.entity_uid == uid).order_by(m.AuditEntry.id)
            ).all()
            names = _supporter_names(s, entries)
            return [
                Step(
                    e.at,
                    e.actor,
                    e.action,
                    action_label(e.action),
                    tuple(differences(e.before, e.after, names, LIST_OF_ENTITY.get(e.entity, e.entity))),
                    e.note,
                )
                for e in entries
            ]


def differences(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    names: Mapping[str, str],
    kind: str = "",
) -> list[FieldChange]:
    """The fields whose value differs, in the order the record lists them (``id`` left out), named as the
    form of the list ``kind`` (``help``, ``assessments`` …) names them."""
    old, new = dict(before or {}), dict(after or {})
    keys = [k for k in dict.fromkeys([*new, *old]) if k != "id" and not k.startswith("_")]
    return [
        FieldChange(
            field_name(kind, k),
            value_text(kind, k, old.get(k), names),
            value_text(kind, k, new.get(k), names),
        )
        for k in keys
        if old.get(k) != new.get(k)
    ]


def _supporter_names(s: Session, entries: Any) -> dict[str, str]:
    """Supporter record id (as the audit writes them) → name, for the supporters these entries name."""
    wanted: set[str] = set()
    for e in entries:
        for image in (e.before or {}, e.after or {}):
            for key in SUPPORTER_FIELDS:
                value = image.get(key)
                wanted |= {str(v) for v in (value if isinstance(value, list) else [value]) if v}
    if not wanted:
        return {}
    rows = s.execute(select(m.Supporter.record_id, m.Supporter.name).where(m.Supporter.record_id.in_(wanted)))
    return {rid: name for rid, name in rows}
