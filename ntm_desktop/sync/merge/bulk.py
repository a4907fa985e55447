"""Records new to this workspace from a bundle, written in batches (see :mod:`.services.kinds.batch`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.batch import NewRow, insert
from ntm_desktop.services.kinds.batch import insert_new as insert_rows_of
from ntm_desktop.services.kinds.registry import BY_LIST
from ntm_desktop.sync.merge.causal import Sibling


@dataclass(frozen=True)
class New:
    record_id: str
    uid: str
    winner: Sibling
    draft: Any


def insert_new(s: Session, kind: str, code: str, new: Sequence[New], now: datetime) -> None:
    """Insert the records with their winning version, origin and removal, in one statement per table."""
    rows = [
        NewRow(n.uid, n.record_id, n.draft, n.winner.version, n.winner.origin, n.winner.deleted) for n in new
    ]
    insert_rows_of(s, BY_LIST[kind], code, rows, now)


def insert_states(s: Session, states: list[dict[str, Any]]) -> None:
    insert(s, m.SyncRecordState, states)
