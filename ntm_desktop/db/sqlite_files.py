"""A SQLite data file opened read only, and a consistent copy of a live one (the online backup API, safe in
WAL mode): what the automatic and manual backups, the copy taken before a migration and the backup
preview all use.

The file is named to SQLite as a ``file:`` URI with its path quoted, so a folder such as ``Xã #1`` or
``50%`` is the folder meant (unquoted, SQLite would cut the name at ``#`` and open another, empty file)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason


def read_only_uri(path: Path) -> str:
    """``file:/a/X%C3%A3%20%231/data.sqlite?mode=ro``: ``path`` for ``sqlite3.connect(..., uri=True)``.

    In a folder nothing can write (a write-protected stick, a CD), SQLite cannot make the shared-memory
    file a WAL-mode file is read with, so the file is read as ``immutable`` there, as the workspace
    opens it: nobody can be changing it. Not when changes are still in its write-ahead log: read as
    immutable, they would be left out without a word (then SQLite's own error says it cannot be read)."""
    uri = f"file:{quote(str(path), safe='/:' + chr(92))}?mode=ro"
    return uri + "&immutable=1" if _frozen(path) else uri


def _frozen(path: Path) -> bool:
    folder, wal = path.parent, path.with_name(path.name + "-wal")
    if not path.is_file() or os.access(folder, os.W_OK):
        return False
    return not (wal.is_file() and wal.stat().st_size > 0)


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (nor make it, if it is missing)."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` (a new file) with SQLite's online backup API; a file that cannot be
    read is a :class:`WorkspaceError` saying why in the officer's language."""
    try:
        src = read_only(source)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise WorkspaceError(
            tr("Cannot copy the data file {path}: {reason}", path=str(source), reason=reason(exc)),
            details=repr(exc),
        ) from exc


def in_use(path: Path) -> bool:
    """Whether another connection has the data file open: another NTM Desktop window, a command still
    running, a sync tool. SQLite's exclusive lock is asked for without waiting and given back at once;
    in WAL mode every connection that has read the file holds a shared lock, so the ask fails while one
    is open. Nothing in the file changes. A file that is missing or cannot be opened for writing is not
    "in use" here: whoever writes it next says what is wrong."""
    if not path.is_file():
        return False
    uri = f"file:{quote(str(path), safe='/:' + chr(92))}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        return "locked" in text or "busy" in text
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return False
