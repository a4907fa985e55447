"""What an officer typed into a form is never thrown away without asking.

Every entry form derives from :class:`GuardedDialog` (the first-run wizard from :class:`GuardedWizard`,
the same guard on a :class:`QWizard`). Cancel, Esc and the title bar's close button all
reach :meth:`QDialog.reject` (Qt's own ``closeEvent`` calls it), so that is the one place that asks
"Bỏ những gì vừa nhập?" — and only when the form now holds something other than what it opened with: an
untouched form closes at once. Saving goes through ``accept()`` and never asks.

A form says what counts as "typed" by :meth:`GuardedDialog.typed` (its draft, say); the default reads every
editable field, so a plain form needs nothing more. Tests replace :func:`ask_discard_typing`, the one
asking function, rather than :class:`QMessageBox`.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)

from ntm_desktop.core.i18n import tr

_NOT_OPENED = object()


def ask_discard_typing(parent: QWidget) -> bool:
    """True when the officer chooses to throw away what was typed; "Keep editing" is the default (Enter
    and Esc keep the form)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.windowTitle())
    box.setText(tr("Discard what you typed?"))
    box.setInformativeText(tr("What you typed in this form has not been saved."))
    said = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if said is not None:
        said.setMinimumWidth(380)  # one line for the reason, not a narrow column of three
    discard = box.addButton(tr("Discard it"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def field_values(root: QWidget) -> tuple[Hashable, ...]:
    """What every editable field under ``root`` holds, in the order the fields were made."""
    values: list[Hashable] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not w.isReadOnly():
            values.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit) and not w.isReadOnly():
            values.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            values.append((w.currentIndex(), w.currentText()))
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
    return tuple(values)


if TYPE_CHECKING:  # what the guard is mixed into, for the type checker only
    _Base = QDialog
else:
    _Base = object


class _AsksBeforeDiscarding(_Base):
    """The guard itself, mixed into a dialog or a wizard (both reach :meth:`QDialog.reject`)."""

    _opened: object = _NOT_OPENED

    def typed(self) -> object:
        """What the officer has entered, comparable with ``==`` (read when the form opens and on close)."""
        return field_values(self)

    def showEvent(self, event: QShowEvent) -> None:
        if self._opened is _NOT_OPENED:  # filled by now: what it opened with is not "typed"
            self._opened = self.typed()
        super().showEvent(event)

    def touched(self) -> bool:
        """True when the form holds something other than what it opened with."""
        return self._opened is not _NOT_OPENED and self.typed() != self._opened

    def reject(self) -> None:
        if self.isVisible() and self.touched() and not ask_discard_typing(self):
            return  # keep editing
        super().reject()


class GuardedDialog(_AsksBeforeDiscarding, QDialog):
    """A dialog that asks before Cancel, Esc or the close button throws away what was typed into it."""


class GuardedWizard(_AsksBeforeDiscarding, QWizard):
    """A wizard that asks the same before Cancel, Esc or the close button throws its pages away."""
