"""Alembic migrations shipped inside the package, run on open after a backup copy of the file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

BACKUPS_KEPT = 10


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "ntm_desktop.db:migrations")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup(db_path: Path, label: str) -> Path:
    """Copy the database (consistently, even in WAL mode) into ``backups/`` beside it."""
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{db_path.stem}-{stamp}-{label}.sqlite"
    tmp = target.with_suffix(".tmp")
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    old = sorted(folder.glob(f"{db_path.stem}-*.sqlite"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def upgrade(engine: Engine, db_path: Path) -> Path | None:
    """Bring the database to the newest schema. Returns the backup made first, if there was data."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    saved = backup(db_path, current or "new") if current is not None else None
    command.upgrade(alembic_config(engine), "head")
    return saved
