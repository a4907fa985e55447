"""The one error path of the GUI (cf. Anki's ``aqt/errors.py``).

Core errors (:class:`~ntm_desktop.core.errors.NtmError`) carry a message already in the officer's
language: it is shown as it is. Anything unexpected is logged with its traceback (``core.logs``: one
rotating file in the data folder) and shown as a short apology with the details one click away
("Sao chép chi tiết" copies them for whoever helps).
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop import __version__
from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput, NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.logs import log_file

log = logging.getLogger("ntm_desktop.ui")


class ErrorDialog(QDialog):
    """A plain message, optional details, and a button that copies everything for a helper."""

    def __init__(self, message: str, details: str, expected: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Error") if not expected else tr("Cannot do that"))
        self.setMinimumWidth(460)
        self.message, self.details = message, details
        icon = QLabel()
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if expected
            else QStyle.StandardPixmap.SP_MessageBoxCritical
        )
        icon.setPixmap(self.style().standardIcon(kind).pixmap(40, 40))
        self.text = QLabel(message)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_box = QPlainTextEdit(details)
        self.detail_box.setReadOnly(True)
        self.detail_box.setVisible(False)
        self.detail_box.setMinimumHeight(160)
        self.toggle = QPushButton(tr("Show details"))
        self.toggle.setVisible(bool(details))
        self.toggle.clicked.connect(self._toggle_details)
        self.copy_button = QPushButton(tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        close = QPushButton(tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toggle)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detail_box, 1)
        layout.addLayout(buttons)

    def report_text(self) -> str:
        lines = [
            f"NTM Desktop {__version__} — Python {platform.python_version()} — {platform.platform()}",
            vntime.format_vn(vntime.now()),  # Vietnam time, as every time the app shows
            "",
            self.message,
        ]
        if self.details:
            lines += ["", self.details]
        lines += ["", tr("Log file: {path}", path=str(log_file()))]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(tr("Copied"))

    def _toggle_details(self) -> None:
        shown = not self.detail_box.isVisible()
        self.detail_box.setVisible(shown)
        self.toggle.setText(tr("Hide details") if shown else tr("Show details"))
        self.adjustSize()


_open_dialogs: list[ErrorDialog] = []


def describe(exc: BaseException) -> tuple[str, str, bool]:
    """(message, details, expected) for an exception."""
    if isinstance(exc, InvalidInput):
        # The officer reads each field as the app names it ("Khoản hỗ trợ thứ 4 · Dòng 1 · Số lượng");
        # the paths in the data ("help[3].items[0].quantity") go to the details.
        details = "\n".join(filter(None, [exc.technical, exc.details]))
        return str(exc), details, True
    if isinstance(exc, NtmError):
        return exc.message, exc.details, True
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    message = tr(
        "Something went wrong that the app did not expect. What was saved before is safe. "
        "Please press “Copy details” and send them to whoever supports you."
    )
    return message, details, False


def report(exc: BaseException, parent: QWidget | None = None) -> ErrorDialog | None:
    """Log ``exc`` and show it in the error dialog (without blocking). Returns the dialog shown."""
    message, details, expected = describe(exc)
    if expected:
        log.warning("%s: %s", type(exc).__name__, message)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    if QApplication.instance() is None:
        return None
    dialog = ErrorDialog(message, details, expected, parent or QApplication.activeWindow())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)
    dialog.destroyed.connect(lambda *_: _open_dialogs.remove(dialog) if dialog in _open_dialogs else None)
    dialog.open()
    return dialog


def open_dialogs() -> list[ErrorDialog]:
    return list(_open_dialogs)


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_excepthook(handler: Callable[[BaseException], object] = report) -> Hook:
    """Send every uncaught exception to ``handler`` (by default :func:`report`). Returns the previous hook."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        handler(exc)

    sys.excepthook = hook
    return previous
