"""Sync states of records new to this workspace, written in one statement (see :mod:`.services.kinds.batch`,
which writes the records themselves)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.batch import insert


def insert_states(s: Session, states: list[dict[str, Any]]) -> None:
    insert(s, m.SyncRecordState, states)
