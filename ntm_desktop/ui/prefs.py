"""The officer's preferences for this computer (language, last page, window size).

They live in an INI file beside the data file, so a test or a second data folder never sees another's
preferences, and copying the data folder to a new laptop keeps them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ntm_desktop.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

PREFS_FILENAME = "ntm-desktop-ui.ini"


class Prefs:
    def __init__(self, settings: QSettings) -> None:
        self._s = settings

    @classmethod
    def beside(cls, data_file: Path) -> Prefs:
        return cls(QSettings(str(data_file.parent / PREFS_FILENAME), QSettings.Format.IniFormat))

    @property
    def path(self) -> str:
        return self._s.fileName()

    @property
    def language(self) -> str:
        value = str(self._s.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, code: str) -> None:
        self._s.setValue("ui/language", code)

    @property
    def page(self) -> int:
        return _int(self._s.value("ui/page", 0))

    @page.setter
    def page(self, index: int) -> None:
        self._s.setValue("ui/page", index)

    @property
    def year(self) -> int | None:
        value = _int(self._s.value("ui/year", 0))
        return value or None

    @year.setter
    def year(self, year: int) -> None:
        self._s.setValue("ui/year", year)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, data: QByteArray) -> None:
        self._s.setValue("ui/geometry", data)

    def sync(self) -> None:
        self._s.sync()


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
