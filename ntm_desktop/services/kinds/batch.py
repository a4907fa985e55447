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
def _child_columns(model: Any) -> frozenset[str]:
    return frozenset(_columns(model) - {"id", "help_uid"})


def _children(objs: Any, model: Any) -> list[dict[str, Any]]:
    """A shell's child rows (plain objects holding their columns, :func:`child`) as values."""
    columns = _child_columns(model)
    return [{k: v for k, v in vars(obj).items() if k in columns} for obj in objs]


def _new_row(s: Session, store: Store[Any, Any], draft: Any) -> tuple[dict[str, Any], dict[Any, list[Any]]]:
    """A new record's own columns and its child rows by model: the kind's :meth:`Store.columns` when it
    says them, else what its :meth:`Store.write` puts on a :class:`Shell` (the same mapping either way)."""
    own = store.columns(draft)
    if own is not None:
        return own, store.child_rows(draft)
    shell = Shell()
    store.write(s, shell, draft)
    written = vars(shell)
    columns = _columns(store.model)
    children: dict[Any, list[Any]] = {}
    if "items" in written:
        children[m.HelpItem] = _children(written["items"], m.HelpItem)
    if "supporter_links" in written:
        children[m.HelpSupporter] = _children(written["supporter_links"], m.HelpSupporter)
    return {k: v for k, v in written.items() if k in columns}, children


def insert_new(s: Session, store: Store[Any, Any], code: str, new: Sequence[NewRow], now: datetime) -> None:
    """Insert the rows (and a help record's item lines and supporter links) in one statement each."""
    rows: list[dict[str, Any]] = []
    children: dict[Any, list[dict[str, Any]]] = {m.HelpItem: [], m.HelpSupporter: []}
    for n in new:
        values, kids = _new_row(s, store, n.draft)
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
        for model, kid_values in kids.items():
            for kid in kid_values:
                kid["help_uid"] = n.uid
            children[model] += kid_values
    insert(s, store.model, rows)
    for model, kid_rows in children.items():
        insert(s, model, kid_rows)


def insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One statement on the session's connection, after what the session still holds is flushed."""
    if rows:
        s.flush()
        insert_rows(s.connection(), model.__table__, rows)
