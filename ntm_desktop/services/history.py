"""A record's history, read from the audit: who did what to it and when, and which fields changed.

    ws.history.of(uid)   # oldest first: Step(at, actor, what, changes=(FieldChange(field, before, after),))

The audit keeps each record's before → after image (records-v1 JSON, the same for every kind), so one
reader serves every kind; values are said as the officer typed them (dates day first, money with dots,
supporters by name). Times are stored in UTC; show them with :func:`ntm_desktop.core.vntime.format_vn`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.fieldlabels import field_name, label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money, format_quantity
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.registry import KINDS
from ntm_desktop.services.ledger.kinds import item_kind_label, supporter_kind_label

SUPPORTER_FIELDS = ("supporters", "supporter")
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


def action_label(action: str) -> str:
    """``help.add`` → "Created", ``sync.import`` → "Received in a bundle" …"""
    last = action.rsplit(".", 1)[-1]
    words = {
        "add": tr("Created"),
        "record": tr("Recorded"),
        "update": tr("Changed"),
        "remove": tr("Removed"),
        "restore": tr("Restored from the trash"),
        "import": tr("Imported from a file"),
        "attach": tr("Evidence file attached"),
        "detach": tr("Evidence file removed"),
        "target": tr("Target set"),
    }
    if action.startswith("sync."):
        return tr("Received in a bundle") if last != "remove" else tr("Removed as a duplicate (sync)")
    return words.get(last, action)


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
        FieldChange(field_name(kind, k), say(k, old.get(k), names, kind), say(k, new.get(k), names, kind))
        for k in keys
        if old.get(k) != new.get(k)
    ]


def say(field: str, value: Any, names: Mapping[str, str], kind: str = "") -> str:
    """A stored value as the officer would write it; "—" for nothing."""
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    if field in SUPPORTER_FIELDS:
        ids = value if isinstance(value, list) else [value]
        return ", ".join(names.get(str(i), str(i)) for i in ids)
    if field == "items" and isinstance(value, list):
        return "; ".join(_item(i) for i in value if isinstance(i, dict))
    if field == "evidence" and isinstance(value, list):  # the files by name, not their checksums
        return ", ".join(str(f.get("name", "")) for f in value if isinstance(f, dict))
    if field == "kind" and isinstance(value, str):
        return supporter_kind_label(value)
    if isinstance(value, list):
        return ", ".join(say("", v, names) for v in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{label(f'{field}.{k}', within=kind)}: {say(k, v, names)}" for k, v in value.items()
        )
    if isinstance(value, str):
        return _day(value)
    return _number(value)


def _item(item: Mapping[str, Any]) -> str:
    text = " ".join(
        p
        for p in (
            item.get("name") or item_kind_label(str(item.get("kind", ""))),
            _number(item.get("quantity")),
        )
        if p
    )
    unit = str(item.get("unit") or "")
    if unit:
        text += f" {unit}"
    money = item.get("value_vnd")
    if isinstance(money, int) and item.get("kind") != "cash":
        text += f" ({format_money(money)})"
    return text


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y") if len(text) == 10 else text
    except ValueError:
        return text


def _number(value: Any) -> str:
    if value is None:
        return ""
    try:
        return format_quantity(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


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
