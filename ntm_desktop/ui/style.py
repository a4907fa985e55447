"""One look for the app: Fusion, a restrained light palette, a readable font and the status colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ntm_desktop.services.rollup import MET, NOT_MET, PARTIAL, UNKNOWN

FONT_POINTS = 10

ACCENT = QColor("#1f6f50")  # a calm rice-field green
STATUS_COLOURS: dict[str, QColor] = {
    MET: QColor("#1e7b34"),
    NOT_MET: QColor("#c0392b"),
    PARTIAL: QColor("#b7791f"),
    UNKNOWN: QColor("#7a7f85"),
}
STATUS_BACKGROUNDS: dict[str, QColor] = {
    MET: QColor("#e3f4e6"),
    NOT_MET: QColor("#fbe5e2"),
    PARTIAL: QColor("#fcf0d8"),
    UNKNOWN: QColor("#eef0f2"),
}
ERROR_COLOUR = "#b3261e"
MUTED_COLOUR = "#5f6368"
WARNING_COLOUR = "#8a5a00"

_SHEET = f"""
QListWidget#nav {{ background: #f1f4f2; border: none; border-right: 1px solid #d9dedb; padding-top: 8px; }}
QListWidget#nav::item {{ padding: 0 10px; border-radius: 6px; margin: 1px 8px; color: #2b2f33; }}
QListWidget#nav::item:selected {{ background: {ACCENT.name()}; color: white; }}
QListWidget#nav::item:hover:!selected {{ background: #e2e9e5; }}
QListWidget#nav::item:disabled {{ color: #9aa0a6; }}
QLabel[role="title"] {{ font-size: {FONT_POINTS + 6}pt; font-weight: 600; color: #1d2327; }}
QLabel[role="subtitle"] {{ font-size: {FONT_POINTS + 2}pt; font-weight: 600; color: #1d2327; }}
QLabel[role="muted"] {{ color: {MUTED_COLOUR}; }}
QLabel[role="error"] {{ color: {ERROR_COLOUR}; }}
QLabel[role="warning"] {{ color: {WARNING_COLOUR}; }}
QLabel[role="big"] {{ font-size: {FONT_POINTS + 14}pt; font-weight: 700; color: {ACCENT.name()}; }}
QFrame[role="card"] {{ background: white; border: 1px solid #dde2e0; border-radius: 8px; }}
QLineEdit[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(_palette())
    font = QFont(app.font())
    font.setPointSize(FONT_POINTS)
    app.setFont(font)
    app.setStyleSheet(_SHEET)


def _palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#f7f8f7"), QColor("#ffffff"), QColor("#1d2327")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f3f6f4"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#eef1ef"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.Highlight, ACCENT)
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#fffdf3"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a9096"))
    p.setColor(QPalette.ColorRole.Link, ACCENT)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa0a6"))
    return p
