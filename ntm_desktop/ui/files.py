"""Data files from the File menu: a new one (in a folder of its own), another one, the recent ones.

A data file is ``ntm.sqlite`` in a folder that also holds its evidence files, backups, keys and window
preferences; so "new" asks for a folder, and "open" for the ``.sqlite`` file. The recent list is kept in
the app's own data folder (``recent-files.ini``), whichever data file is open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.paths import DB_FILENAME, default_data_dir

RECENT_MAX = 6
RECENT_FILENAME = "recent-files.ini"


class RecentFiles:
    """The data files opened last, newest first (at most :data:`RECENT_MAX`)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(str(default_data_dir() / RECENT_FILENAME), QSettings.Format.IniFormat)

    def paths(self) -> list[Path]:
        value = self._s.value("recent/files", [])
        items: list[object] = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        )
        return [Path(str(p)) for p in items if str(p)]

    def add(self, path: Path) -> None:
        path = path.resolve()
        kept = [p for p in self.paths() if p != path]
        self._s.setValue("recent/files", [str(p) for p in [path, *kept][:RECENT_MAX]])
        self._s.sync()

    def forget(self, path: Path) -> None:
        self._s.setValue("recent/files", [str(p) for p in self.paths() if p != path.resolve()])
        self._s.sync()


def folder_problem(folder: Path) -> str:
    """Why a new data file cannot be made in ``folder`` ("" when it can)."""
    if (folder / DB_FILENAME).exists():
        return tr(
            "{folder} already holds a data file. Open it with File › Open a data file…", folder=str(folder)
        )
    if folder.exists() and not folder.is_dir():
        return tr("{folder} is a file, not a folder.", folder=str(folder))
    return ""


class FileChoice:
    """The file dialogs of the File menu (tests replace these)."""

    @staticmethod
    def new_folder(parent: QWidget | None, start: Path) -> Path | None:
        """A folder for a new data file (an empty one, or a new one made in the dialog)."""
        chosen = QFileDialog.getExistingDirectory(parent, tr("Folder for the new data file"), str(start))
        return Path(chosen) if chosen else None

    @staticmethod
    def data_file(parent: QWidget | None, start: Path) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, tr("Open a data file"), str(start), tr("NTM data files (*.sqlite)")
        )
        return Path(chosen) if chosen else None
