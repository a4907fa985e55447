"""A small snapshot of the first page's figures, kept beside the data file, so the window can show the
commune's figures before the data layer is even imported, and never shows them once they may be stale.

It is written when the app closes the data file, with the file's state at that moment: size and
modification time, the newest audit row (every change writes one) and the schema revision. At start the
state is read again (a ``stat`` and one query through the standard library's sqlite3: no SQLAlchemy) and
the snapshot is refused on any difference, on another version of the app or language, when the file still
has changes in its write-ahead log (another program has it open, or the last one did not close it), or when
anything cannot be read. A refused snapshot only means the page waits for the data file to open.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ntm_desktop.core.files import WriteFailed, atomic_write

FORMAT = 1


@dataclass(frozen=True)
class FileState:
    """What a snapshot vouches for: the data file exactly as it was when the figures were read."""

    size: int
    mtime_ns: int
    last_audit: int
    schema: str


def snapshot_path(data_file: Path) -> Path:
    """``ntm.sqlite`` → ``ntm-first-page.json`` in the same folder."""
    return data_file.with_name(f"{data_file.stem}-first-page.json")


def file_state(data_file: Path) -> FileState | None:
    """The data file's state, or None when it cannot vouch for a snapshot (missing, unreadable, changes
    still in its write-ahead log, or changed while it was being read)."""
    try:
        before = data_file.stat()
        wal = data_file.with_name(data_file.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        # immutable: read without locks and without creating -wal/-shm files (the log is empty)
        uri = data_file.resolve().as_uri() + "?immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            last_audit = conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        after = data_file.stat()
    except (OSError, ValueError, TypeError, sqlite3.Error):
        return None
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        return None
    return FileState(before.st_size, before.st_mtime_ns, int(last_audit), str(schema))


def save(data_file: Path, figures: dict[str, Any], *, app_version: str, language: str) -> bool:
    """Keep ``figures`` (plain JSON values) for the file as it is now; call it after the file is closed.
    Returns False (and leaves no snapshot) when the file cannot vouch for it or the folder is read-only."""
    target = snapshot_path(data_file)
    state = file_state(data_file)
    if state is None:
        discard(data_file)
        return False
    record = {
        "format": FORMAT,
        "app": app_version,
        "language": language,
        "state": asdict(state),
        "figures": figures,
    }
    try:
        with atomic_write(target, make_folder=True) as handle:
            handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except WriteFailed:
        return False
    return True


def load(data_file: Path, *, app_version: str, language: str) -> dict[str, Any] | None:
    """The figures kept for the data file, only if the file is exactly as it was when they were kept."""
    try:
        record = json.loads(snapshot_path(data_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("figures"), dict):
        return None
    if (record.get("format"), record.get("app"), record.get("language")) != (FORMAT, app_version, language):
        return None
    state = file_state(data_file)
    if state is None or record.get("state") != asdict(state):
        return None
    figures: dict[str, Any] = record["figures"]
    return figures


def discard(data_file: Path) -> None:
    with contextlib.suppress(OSError):
        snapshot_path(data_file).unlink(missing_ok=True)
