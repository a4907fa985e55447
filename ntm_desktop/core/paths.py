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


def resolve_db_path(data_dir: str | Path | None = None, db: str | Path | None = None) -> Path:
    """``--db`` wins, then ``--data-dir``, then ``NTM_DATA_DIR``, then the platform's data folder."""
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
