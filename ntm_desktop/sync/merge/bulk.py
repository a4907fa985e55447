"""Records new to this workspace, written as a few batched INSERTs instead of one ORM object each.

A province takes in hundreds of communes' bundles, almost all of it new. Each record's columns still
come from their kind's own ``write`` (:mod:`ntm_desktop.services.kinds`), applied to a plain stand-in
object instead of an ORM row; only the unit of work's bookkeeping is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.bulk import insert_rows
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.services.kinds.store import Shell
from ntm_desktop.sync.merge.causal import Sibling


@dataclass(frozen=True)
class New:
    record_id: str
    uid: str
    winner: Sibling
    draft: Any


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


def insert_new(
    s: Session, kind: str, code: str, new: Sequence[New], fill: Callable[[Any, Any], None], now: datetime
) -> None:
    """Insert the rows (and a help record's item lines and supporter links) in one statement each."""
    model = BY_LIST[kind].model
    columns = _columns(model)
    rows: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for n in new:
        shell = Shell()
        fill(shell, n.draft)
        values = {k: v for k, v in vars(shell).items() if k in columns}
        values.update(
            uid=n.uid,
            record_id=n.record_id,
            unit_code=code,
            version=n.winner.version,
            origin=n.winner.origin,
            deleted_at=now if n.winner.deleted else None,
            created_at=now,
            updated_at=now,
        )
        rows.append(values)
        items += [_child(item, m.HelpItem, n.uid) for item in vars(shell).get("items", ())]
        links += [_child(link, m.HelpSupporter, n.uid) for link in vars(shell).get("supporter_links", ())]
    _insert(s, model, rows)
    _insert(s, m.HelpItem, items)
    _insert(s, m.HelpSupporter, links)


def insert_states(s: Session, states: list[dict[str, Any]]) -> None:
    _insert(s, m.SyncRecordState, states)


def _insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One statement on the session's connection (column types and defaults apply as usual)."""
    if rows:
        s.flush()
        insert_rows(s.connection(), model.__table__, rows)
