"""The result of checking a signed PDF, in words: the verdict first, then who signed, when, and the data."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.signing import VerifyResult
from ntm_desktop.signing.verdict import details, verdict
from ntm_desktop.ui.style import ERROR_COLOUR, MUTED_COLOUR, STATUS_COLOURS
from ntm_desktop.ui.widgets.fields import label


def breakable(value: str) -> str:
    """Long fingerprints in groups a narrow panel can wrap: "a87cd59f 7e7a8129 …", "2E:CC:…:92 7A:…"."""
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return " ".join(value[i : i + 16] for i in range(0, 64, 16))
    if len(value) == 95 and value.count(":") == 31:
        pairs = value.split(":")
        return " ".join(":".join(pairs[i : i + 8]) for i in range(0, 32, 8))
    return value


class CheckCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.title = label("", "subtitle")
        self.verdict = label("")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.lines = label("")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 10)
        box.addWidget(self.title)
        box.addWidget(self.verdict)
        box.addWidget(self.lines)
        self.result: VerifyResult | None = None
        self.setVisible(False)

    def show_busy(self, name: str) -> None:
        self.result = None
        self.title.setText(name)
        self.verdict.setText(escape(tr("Checking the signature…")))
        self.lines.setText("")
        self.setVisible(True)

    def show_result(self, name: str, result: VerifyResult) -> None:
        self.result = result
        good = result.ok
        colour = STATUS_COLOURS["met" if good else "not_met"].name()
        self.title.setText(name)
        self.verdict.setText(f"<b style='color:{colour}'>{escape(verdict(result))}</b>")
        rows = "".join(
            f"<p style='margin:6px 0 2px 0'><b>{escape(heading)}</b></p>"
            + "".join(
                f"<p style='margin:0 0 3px 8px'><span style='color:{MUTED_COLOUR}'>{escape(k)}:</span> "
                f"{escape(breakable(v))}</p>"
                for k, v in lines
            )
            for heading, lines in details(result)
        )
        problems = "".join(f"<li>{escape(p)}</li>" for p in result.problems())
        self.lines.setText(rows + (f"<ul>{problems}</ul>" if problems else ""))
        self.setVisible(True)

    def show_error(self, message: str) -> None:
        self.result = None
        self.verdict.setText(f"<b style='color:{ERROR_COLOUR}'>{escape(message)}</b>")
        self.lines.setText("")
        self.setVisible(True)

    @property
    def text(self) -> str:
        """What the card says, as plain text (for tests and for copying)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.verdict.text() + "<br>" + self.lines.text())
        return doc.toPlainText()
