"""What a restore replaces: the data file as it is now, said before the officer confirms.

A restore puts the backup's data in place of the current file. The current file is kept in
``backups/before-restore/`` first, but what was typed after the backup was made is then only in that
kept copy, which the app never opens. So the preview says what the data file holds now and how many
changes were saved to it after the backup was made: an officer who picked last month's backup by
mistake sees what would go before anything is replaced.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_desktop.backups import archive
from ntm_desktop.backups.archive import DATABASE, SUFFIX
from ntm_desktop.backups.auto import VIETNAM
from ntm_desktop.backups.snapshot import ATTACHED, Contents, contents, quick_check
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.db.sqlite_files import read_only

if TYPE_CHECKING:
    from ntm_desktop.backups.service import Preview


@dataclass(frozen=True)
class Replaced:
    """The data file a restore would replace."""

    held: Contents
    newer_changes: int
    """Audit entries saved after the backup was made: work that only the kept copy will hold."""
    last_change: datetime | None
    """UTC: when the newest of them was saved."""


def replaced(db_path: Path, backup: Preview) -> Replaced | None:
    """What restoring ``backup`` (already read by :func:`~ntm_desktop.backups.service.preview`) would
    replace at ``db_path``; None when there is nothing to replace (no data file yet, or one SQLite finds
    damaged). Nothing is written but a scratch copy of the backup's data file, removed at once."""
    db_path = Path(db_path)
    if not db_path.is_file() or quick_check(db_path) != "ok":
        return None
    try:
        held = contents(db_path)
        newer, last = _changes_after(db_path, _last_saved(backup))
    except (NtmError, OSError, sqlite3.Error):
        return None
    return Replaced(held, newer, last)


def _last_saved(backup: Preview) -> str:
    """When the backup's newest change was saved, as the audit stores times (UTC, no zone): what is
    newer in the current file is what the restore takes away. The backup's own time is a fallback
    (it is to the second, so work saved in that second before it would count as newer)."""
    made = backup.made.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with tempfile.TemporaryDirectory(prefix=".ntm-replaced-") as scratch:
        copy = backup.path
        if backup.path.suffix == SUFFIX:
            copy = Path(scratch) / DATABASE
            archive.extract(backup.path, DATABASE, copy)
        conn = read_only(copy)
        try:
            (last,) = conn.execute("SELECT max(at) FROM audit").fetchone()
        except sqlite3.Error:
            last = None
        finally:
            conn.close()
    return str(last) if last else made


def _changes_after(db_path: Path, since: str) -> tuple[int, datetime | None]:
    conn = read_only(db_path)
    try:
        n, last = conn.execute("SELECT count(*), max(at) FROM audit WHERE at > ?", (since,)).fetchone()
    finally:
        conn.close()
    return int(n), datetime.fromisoformat(str(last)).replace(tzinfo=UTC) if last else None


def describe_replaced(shown: Replaced) -> str:
    """What the restore replaces, in a sentence or two (the CLI prints it, the restore dialog shows it)."""
    from ntm_desktop.backups.service import counted

    counts = shown.held.counts
    text = tr(
        "It replaces the data file as it is now: {assessments}, {help}, {supporters}, {cadres}, {events}, "
        "{evidence}.",
        **counted(counts, counts.get(ATTACHED, 0)),
    )
    if shown.newer_changes and shown.last_change is not None:
        text += " " + trn(
            "{n} change was saved to it after this backup was made (the last at {last}, Vietnam time); "
            "after the restore it is only in the copy kept in backups/before-restore/.",
            "{n} changes were saved to it after this backup was made (the last at {last}, Vietnam time); "
            "after the restore they are only in the copy kept in backups/before-restore/.",
            shown.newer_changes,
            last=f"{shown.last_change + VIETNAM:%d/%m/%Y %H:%M}",
        )
    return text
