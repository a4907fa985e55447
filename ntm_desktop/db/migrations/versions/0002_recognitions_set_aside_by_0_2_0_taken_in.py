"""recognitions set aside by 0.2.0 taken in

Release 0.2.0 reads records format 1.1. A reverse bundle from a newer province that carries the province's
recognition decisions (``recognitions``, records 1.2) was imported there with the list set aside
(``set_aside_fields``: kind "", path "recognitions", the list as its value). This version knows the list:
the commune's copy goes where a reverse bundle now puts it (``receiver_recognitions`` under the commune's
own code), the newest version of each (year, level) winning, with an audit row; the set-aside rows taken in
are deleted. An entry that does not make sense is left where it is, with its row (nothing is lost). No
schema change.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 19:29:11.829338
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

LEVELS = ("ntm", "nang_cao", "kieu_mau", "hien_dai")

aside = sa.table(
    "set_aside_fields",
    sa.column("id", sa.Integer),
    sa.column("unit_code", sa.String),
    sa.column("kind", sa.String),
    sa.column("path", sa.String),
    sa.column("value", sa.JSON),
    sa.column("source", sa.String),
)
recognitions = sa.table(
    "receiver_recognitions",
    sa.column("unit_code", sa.String),
    sa.column("year", sa.Integer),
    sa.column("level", sa.String),
    sa.column("decision", sa.String),
    sa.column("decided_on", sa.Date),
    sa.column("decided_by", sa.String),
    sa.column("version", sa.String),
    sa.column("recorded_at", sa.DateTime),
    sa.column("recorded_by", sa.String),
    sa.column("deleted_at", sa.DateTime),
    sa.column("reason", sa.Text),
)
audit = sa.table(
    "audit",
    sa.column("at", sa.DateTime),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_uid", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("note", sa.Text),
)


def _checked(entry: Any) -> dict[str, Any] | None:
    """The entry as a row, or None when it does not make sense (then it stays set aside)."""
    if not isinstance(entry, dict):
        return None
    year, level, version = entry.get("year"), entry.get("level"), entry.get("_version")
    decision, by, withdrawn = entry.get("decision"), entry.get("decided_by"), entry.get("withdrawn")
    try:
        day = dt.date.fromisoformat(entry.get("date"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (
        isinstance(year, int) and not isinstance(year, bool) and 2010 <= year <= 2100 and level in LEVELS
        and isinstance(decision, str) and 0 < len(decision.strip()) <= 100
        and isinstance(by, str) and by.isdigit() and len(by) <= 5
        and isinstance(withdrawn, bool) and isinstance(version, str) and 0 < len(version) <= 60
        and isinstance(entry.get("reason", ""), str)
    ):  # fmt: skip
        return None
    return {"year": year, "level": level, "decision": decision.strip(), "decided_on": day,
            "decided_by": by, "version": version, "withdrawn": withdrawn or entry.get("_deleted") is True,
            "reason": str(entry.get("reason") or "").strip()}  # fmt: skip


def _take_in(conn: sa.Connection, code: str, row: dict[str, Any], source: str, now: dt.datetime) -> None:
    key = (recognitions.c.unit_code == code) & (recognitions.c.year == row["year"]) & (
        recognitions.c.level == row["level"]
    )
    held = conn.execute(sa.select(recognitions.c.version, recognitions.c.deleted_at).where(key)).first()
    if held is not None and held.version >= row["version"]:
        return
    values = {
        "decision": row["decision"], "decided_on": row["decided_on"], "decided_by": row["decided_by"],
        "version": row["version"], "recorded_at": now, "recorded_by": "",
        "deleted_at": ((held.deleted_at if held else None) or now) if row["withdrawn"] else None,
        "reason": row["reason"],
    }  # fmt: skip
    if held is None:
        conn.execute(recognitions.insert().values(unit_code=code, year=row["year"], level=row["level"], **values))
    else:
        conn.execute(recognitions.update().where(key).values(**values))
    after = {"decision": row["decision"], "date": row["decided_on"].isoformat(), "decided_by": row["decided_by"]}
    if row["withdrawn"]:
        after |= {"withdrawn": True, "reason": row["reason"]}
    conn.execute(
        audit.insert().values(
            at=now, actor="", action="sync.recognition", entity="receiver_recognition",
            entity_uid=f"{code}/{row['year']}/{row['level']}", before=None, after=after,
            note=f"set aside by an older version, from bundle {source}"[:1000],
        )
    )  # fmt: skip


def upgrade() -> None:
    conn = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    kept = conn.execute(
        sa.select(aside.c.id, aside.c.unit_code, aside.c.value, aside.c.source)
        .where(aside.c.kind == "", aside.c.path == "recognitions")
        .order_by(aside.c.id)
    ).all()
    for found in kept:
        entries = found.value if isinstance(found.value, list) else [found.value]
        rows = [_checked(e) for e in entries]
        for row in rows:
            if row is not None:
                _take_in(conn, found.unit_code, row, found.source, now)
        if all(row is not None for row in rows):
            conn.execute(aside.delete().where(aside.c.id == found.id))


def downgrade() -> None:
    pass  # the recognitions stay (0001 has their table); nothing to put back aside
