"""Alembic migrations shipped inside the package, run on open after a backup copy of the file."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.db.sqlite_files import copy_database

if TYPE_CHECKING:
    from alembic.config import Config

BACKUPS_KEPT = 10

HEAD = "0003"
"""The newest migration's revision id. A test checks it against Alembic's own view, so opening a data
file that is already up to date needs no Alembic import at all (start-up time)."""


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    # Alembic's default stdout is whatever sys.stdout was when Alembic was imported; ours is quiet.
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", "ntm_desktop.db:migrations")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the file is at (None for a new, empty file)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup(db_path: Path, label: str) -> Path:
    """Copy the database (consistently, even in WAL mode) into ``backups/`` beside it."""
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{db_path.stem}-{stamp}-{label}.sqlite"
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    try:
        copy_database(db_path, tmp)
    except BaseException:  # no half copy left on a full disk (the upgrade does not go ahead either)
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    old = sorted(folder.glob(f"{db_path.stem}-*.sqlite"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def known_revisions() -> set[str]:
    """Every schema revision this version can open (a file at another was made by a newer version)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine, db_path: Path | None) -> Path | None:
    """Bring the database to the newest schema. Returns the backup made first, if there was data.

    A SQLite file is copied into ``backups/`` first. A PostgreSQL database is not copied (the office
    backs it up with ``pg_dump``, docs/postgresql.md); there the whole migration is one transaction
    (PostgreSQL's DDL is transactional) behind an advisory lock, so two clerks opening a new database
    at once migrate it once."""
    current = current_revision(engine)
    if current == HEAD:
        return None
    from alembic import command

    if current is not None and current not in known_revisions():
        raise WorkspaceError(
            tr(
                "This data file was made by a newer version of NTM Desktop (schema {revision}). "
                "Update the app to open it; the file was not changed.",
                revision=current,
            )
        )

    saved = backup(db_path, current or "new") if current is not None and db_path is not None else None
    command.upgrade(alembic_config(engine), "head")
    if current_revision(engine) != HEAD:
        raise RuntimeError("migrate.HEAD is out of date: set it to the newest revision id")
    return saved
