"""Records new to the workspace, written as a few batched statements instead of one ORM object each.

A province takes in hundreds of communes' bundles and a commune imports its ledger of thousands of help
records from a file or a sheet; almost all of it is new. Each record's columns still come from its kind's
own :meth:`~ntm_desktop.services.kinds.store.Store.write`, applied to a :class:`Shell` instead of an ORM
row; only the unit of work's bookkeeping is skipped. Rows go in one statement per table
(:func:`ntm_desktop.db.bulk.insert_rows`: lengths checked as for every write), inside the caller's
transaction, so an import stays all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.bulk import insert_rows
from ntm_desktop.services.kinds.store import Shell, Store


@dataclass(frozen=True)
class NewRow:
    """A record to insert: its keys, its checked draft (references are uids) and its version."""

    uid: str
    record_id: str
    draft: Any
    version: str
    origin: str = ""
    deleted: bool = False


@cache
def _columns(model: Any) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns)


@cache
def _child_columns(model: Any) -> tuple[str, ...]:
    return tuple(sorted(_columns(model) - {"id", "help_uid"}))


def _child(obj: Any, model: Any, help_uid: str) -> dict[str, Any]:
    values = {k: getattr(obj, k) for k in _child_columns(model)}
    values["help_uid"] = help_uid
    return values


def _children(objs: Any, model: Any, help_uid: str) -> list[dict[str, Any]]:
    """A shell's child rows (plain objects holding exactly their columns, :func:`child`) as values."""
    columns = frozenset(_child_columns(model))
    out = []
    for obj in objs:
        values = vars(obj)
        out.append(
            values | {"help_uid": help_uid} if values.keys() == columns else _child(obj, model, help_uid)
        )
    return out


def insert_new(s: Session, store: Store[Any, Any], code: str, new: Sequence[NewRow], now: datetime) -> None:
    """Insert the rows (and a help record's item lines and supporter links) in one statement each."""
    model = store.model
    columns = _columns(model)
    rows: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for n in new:
        shell = Shell()
        store.write(s, shell, n.draft)
        written = vars(shell)
        values = {k: v for k, v in written.items() if k in columns}
        values.update(
            uid=n.uid,
            record_id=n.record_id,
            unit_code=code,
            version=n.version,
            origin=n.origin,
            deleted_at=now if n.deleted else None,
            created_at=now,
            updated_at=now,
        )
        rows.append(values)
        if "items" in written:
            items += _children(written["items"], m.HelpItem, n.uid)
        if "supporter_links" in written:
            links += _children(written["supporter_links"], m.HelpSupporter, n.uid)
    insert(s, model, rows)
    insert(s, m.HelpItem, items)
    insert(s, m.HelpSupporter, links)


def insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One statement on the session's connection, after what the session still holds is flushed."""
    if rows:
        s.flush()
        insert_rows(s.connection(), model.__table__, rows)
