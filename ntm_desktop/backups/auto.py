"""Automatic backups when the app closes: plain copies of the data file in ``backups/auto/``, kept for
the last 7 days (one a day) and the last 4 weeks (one a week).

They live apart from the copies taken before a schema migration (``backups/`` itself, see
``db/migrate.py``), and each kind is pruned by its own rule, so a burst of one never removes the other.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from ntm_desktop.core.files import WriteFailed
from ntm_desktop.db.sqlite_files import copy_database

AUTO_FOLDER = Path("backups") / "auto"
DAYS_KEPT, WEEKS_KEPT = 7, 4
VIETNAM = timedelta(hours=7)
_STAMP = "%Y%m%dT%H%M%SZ"


def auto_folder(db_path: Path) -> Path:
    return db_path.parent / AUTO_FOLDER


def auto_backup(db_path: Path, now: datetime | None = None) -> Path | None:
    """Copy the data file into ``backups/auto/`` and prune old copies; None if there is no data file."""
    if not db_path.exists():
        return None
    folder = auto_folder(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(str(exc)) from exc
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    target = folder / f"{db_path.stem}-auto-{stamp}.sqlite"
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    try:
        copy_database(db_path, tmp)
    except BaseException:  # a copy cut short by a full disk would hold on to the space the officer needs
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    prune(folder, db_path.stem)
    return target


def made_at(path: Path) -> datetime | None:
    """When an automatic copy was made (from its name), or None for another file."""
    try:
        return datetime.strptime(path.stem.rsplit("-auto-", 1)[1], _STAMP).replace(tzinfo=UTC)
    except (IndexError, ValueError):
        return None


def copies(folder: Path, stem: str) -> list[tuple[datetime, Path]]:
    """The automatic copies in ``folder``, newest first."""
    found = [(made_at(p), p) for p in folder.glob(f"{stem}-auto-*.sqlite")]
    return sorted(((t, p) for t, p in found if t is not None), reverse=True)


def prune(folder: Path, stem: str) -> list[Path]:
    """Keep the newest copy of each of the last 7 days and of each of the last 4 weeks (Vietnam time);
    remove the rest. Returns what was removed."""
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    for made, path in copies(folder, stem):
        local = (made + VIETNAM).date()
        day, week = local, local.isocalendar()[:2]
        if day not in days and len(days) < DAYS_KEPT:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < WEEKS_KEPT:
            weeks.append(week)
            keep.add(path)
    removed = [p for _, p in copies(folder, stem) if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
