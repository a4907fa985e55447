"""Language for the whole app, Qt's own strings included.

PySide6 ships no Vietnamese catalogue for Qt's own strings (OK, Cancel, the wizard's Next, file-dialog
labels, a text box's context menu), so :class:`JsonTranslator` answers them from
``resources/i18n/vi/qt.json``: a plain source → Vietnamese table that ignores Qt's context.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from ntm_desktop.core.i18n import set_language
from ntm_desktop.core.resources import resource


@cache
def qt_catalogue(code: str) -> dict[str, str]:
    """Qt's own strings for ``code``; empty for English (Qt's source language)."""
    entry = resource("i18n", code, "qt.json")
    if code == "en" or not entry.is_file():
        return {}
    table: dict[str, str] = json.loads(entry.read_text(encoding="utf-8"))
    return table


class JsonTranslator(QTranslator):
    """Looks every Qt string up by its source text; unknown ones fall through to Qt's English."""

    def __init__(self, table: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None reaches Qt as a null string, which tells it to try the next translator or keep the source.
        return self._table.get(source_text)

    def isEmpty(self) -> bool:
        return not self._table


_LOCALES = {
    "vi": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def apply_language(app: QCoreApplication, code: str) -> None:
    """Make ``code`` the language of the app's own strings, of Qt's strings and of dates and numbers."""
    set_language(code)
    for old in app.findChildren(JsonTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    table = qt_catalogue(code)
    if table:
        app.installTranslator(JsonTranslator(table, app))
    QLocale.setDefault(_LOCALES.get(code, _LOCALES["vi"]))
