"""Is the data file sound? ``PRAGMA quick_check`` when it is opened; a damaged file is never opened for
writing, and the officer is offered the newest automatic backup."""

from __future__ import annotations

from pathlib import Path

from ntm_desktop.backups.auto import auto_folder, copies
from ntm_desktop.backups.snapshot import quick_check
from ntm_desktop.core.errors import WorkspaceError
from ntm_desktop.core.i18n import tr


class DamagedDataFile(WorkspaceError):
    """The data file fails SQLite's integrity check. ``latest`` is the newest automatic backup, if any."""

    def __init__(self, path: Path, problem: str, latest: Path | None) -> None:
        offer = (
            tr("Restore the newest automatic backup: ntm-desktop backup restore {backup}", backup=str(latest))
            if latest
            else tr("Restore a backup: ntm-desktop backup restore FILE.ntmbackup")
        )
        super().__init__(
            tr("The data file {path} is damaged ({problem}). Nothing was changed. {offer}",
               path=str(path), problem=problem, offer=offer),
            details=problem,
        )  # fmt: skip
        self.path, self.problem, self.latest = path, problem, latest


def latest_auto(db_path: Path) -> Path | None:
    found = copies(auto_folder(db_path), db_path.stem)
    return found[0][1] if found else None


def check_health(db_path: Path) -> None:
    """Raise :class:`DamagedDataFile` if the existing file at ``db_path`` fails ``PRAGMA quick_check``."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    result = quick_check(db_path)
    if result != "ok":
        raise DamagedDataFile(db_path, result, latest_auto(db_path))
