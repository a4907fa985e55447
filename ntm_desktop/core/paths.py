"""Where the data file lives: platformdirs by default; NTM_DATA_DIR, --data-dir or --db override it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ntm-desktop"
DB_FILENAME = "ntm.sqlite"


def default_data_dir() -> Path:
    env = os.environ.get("NTM_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def is_server_location(db: object) -> bool:
    """``--db postgresql+psycopg://…`` names a database server, not a file."""
    return isinstance(db, str) and db.split("://", 1)[0].split("+", 1)[0] == "postgresql" and "://" in db


def resolve_db_path(data_dir: str | Path | None = None, db: str | Path | None = None) -> Path:
    """``--db`` wins, then ``--data-dir``, then ``NTM_DATA_DIR``, then the platform's data folder."""
    if is_server_location(db):
        raise ValueError("a database server URL is not a data file path")
    if db:
        return Path(db).expanduser().resolve()
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return (folder / DB_FILENAME).resolve()


def demo_db_path(data_dir: str | Path | None, db: str | Path | None, receiver: bool = False) -> Path:
    """Where ``demo`` writes: ``--db`` / ``--data-dir`` when given, else a folder of its own beside the
    default data folder (``ntm-desktop-demo``, ``ntm-desktop-demo-tinh`` for the receiver's demo), so the
    sample never lands in the officer's real data file."""
    if db or data_dir:
        return resolve_db_path(data_dir, db)
    suffix = "-demo-tinh" if receiver else "-demo"
    folder = default_data_dir()
    return (folder.parent / f"{folder.name}{suffix}" / DB_FILENAME).resolve()


def server_folder(host: str | None, port: int | None, database: str | None, user: str | None) -> Path:
    """This clerk's own folder for a workspace on a database server: device key, clock id, preferences
    and the evidence cache live here, never on the server and never shared with another clerk."""
    parts = [user or "", host or "local", str(port or 5432), database or ""]
    slug = "-".join("".join(ch if ch.isalnum() or ch in "._" else "_" for ch in p) for p in parts)
    return default_data_dir() / "servers" / slug.strip("-")
