"""Where the data file lives: platformdirs by default; NTM_DATA_DIR, --data-dir or --db override it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr

APP_NAME = "ntm-desktop"
DB_FILENAME = "ntm.sqlite"


def default_data_dir() -> Path:
    env = os.environ.get("NTM_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


SERVER_SCHEMES = ("postgresql", "postgres")
"""How a PostgreSQL address may begin: ``postgresql+psycopg://``, ``postgresql://`` or ``postgres://`` (the
form psql and most guides print); all three mean the same server."""


def is_server_location(db: object) -> bool:
    """``--db postgresql+psycopg://…`` (or ``postgres://…``) names a database server, not a file."""
    return isinstance(db, str) and "://" in db and db.split("://", 1)[0].split("+", 1)[0] in SERVER_SCHEMES


def resolve_db_path(data_dir: str | Path | None = None, db: str | Path | None = None) -> Path:
    """``--db`` wins, then ``--data-dir``, then ``NTM_DATA_DIR``, then the platform's data folder.

    An address of another kind of server (``mysql://…``, ``sqlite:///…``) is refused
    (:class:`WorkspaceError`), never taken for a file path: a folder ``mysql:`` would be made for it."""
    if is_server_location(db):
        raise ValueError("a database server URL is not a data file path")
    if isinstance(db, str) and "://" in db:
        raise WorkspaceError(
            tr(
                "{db} is neither a data file nor the address of a PostgreSQL server. A receiving office's "
                "server is given as postgresql+psycopg://user@host:port/dbname; a data file by its path. "
                "Nothing was created.",
                db=db.split("://", 1)[0] + "://…",
            )
        )
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
