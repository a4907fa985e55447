"""What a SQLite data file holds, and whether SQLite finds it sound (its copy: ``db.sqlite_files``)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason
from ntm_desktop.db.sqlite_files import read_only

#: What a preview counts: table, with soft-deleted rows left out where the table has ``deleted_at``.
COUNTED = ("assessments", "help", "supporters", "cadres", "events", "evidence_files")
ATTACHED = "evidence_attached"
"""The count of files attached to records (a backup made before it was counted shows its stored files)."""


@dataclass(frozen=True)
class Contents:
    """Who a data file belongs to and how much it holds."""

    unit_code: str
    unit_name: str
    role: str
    device_id: str
    counts: dict[str, int]
    schema: str = ""
    """The schema revision the file is at ("" for a file without one)."""


def quick_check(path: Path) -> str:
    """``ok``, or what SQLite's ``PRAGMA quick_check`` found wrong (or why the file cannot be read)."""
    try:
        conn = read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # damage says so; anything else (locked…) is for the normal open to tell
        damaged = any(w in str(exc) for w in ("malformed", "corrupt"))
        if "not a database" in str(exc):  # a damaged data file, or some other file (the open says so)
            damaged = _starts_as_sqlite(path)
        return reason(exc) if damaged else "ok"
    text = "; ".join(str(r[0]) for r in rows[:5])
    return "ok" if text == "ok" else text


def _starts_as_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _not_ours(exc: sqlite3.Error) -> bool:
    """SQLite found no database, or one without the app's tables (an empty file, another program's)."""
    return any(words in str(exc) for words in ("file is not a database", "no such table", "no such column"))


def contents(path: Path) -> Contents:
    """The unit, role, device and record counts of a data file (read only)."""
    conn = read_only(path)
    try:
        unit = conn.execute(
            "SELECT code, name FROM units WHERE is_home = 1 AND deleted_at IS NULL LIMIT 1"
        ).fetchone()
        settings = dict(conn.execute("SELECT key, value FROM settings").fetchall())
        counts = {table: _count(conn, table) for table in COUNTED}
        counts[ATTACHED] = _attached(conn)
        schema = _schema(conn)
    except sqlite3.Error as exc:
        if _not_ours(exc):  # the reason would say the same again, or in SQLite's English ("no such table")
            raise WorkspaceError(tr("{path} is not an NTM Desktop data file.", path=str(path))) from exc
        raise WorkspaceError(
            tr("{path} is not an NTM Desktop data file: {reason}", path=str(path), reason=reason(exc))
        ) from exc
    finally:
        conn.close()
    role = _setting(settings, "role") or "commune"
    code, name = (str(unit[0]), str(unit[1])) if unit else ("", "")
    if role == "receiver":
        code = _setting(settings, "receiver_code") or code
        name = _setting(settings, "receiver_name") or name
    return Contents(code, name, role, _setting(settings, "device_id"), counts, schema)


def _schema(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: a file from before revisions were kept
        return ""
    return str(row[0]) if row else ""


def _attached(conn: sqlite3.Connection) -> int:
    """The files attached to records (what the officer calls evidence files): the stored files also hold
    the pictures of the signature and seal and, at a receiver, the bundles it kept."""
    sql = "SELECT COUNT(DISTINCT sha256) FROM evidence_links WHERE deleted_at IS NULL"
    return int(conn.execute(sql).fetchone()[0])


def _count(conn: sqlite3.Connection, table: str) -> int:
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    where = " WHERE deleted_at IS NULL" if "deleted_at" in columns else ""
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}{where}").fetchone()[0])


def _setting(settings: dict[str, object], key: str) -> str:
    raw = settings.get(key)
    if raw is None:
        return ""
    with contextlib.suppress(TypeError, ValueError):
        raw = json.loads(str(raw))
    return "" if raw is None else str(raw)
