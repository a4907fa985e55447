"""The dialogs of the office key tab: the passphrase (twice when the key is made; a known one and a new one
to back up, restore or change the key) and certifying a clerk's computer. Each offers ``ask()`` returning
the answer or None, which tests replace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office import DEFAULT_DAYS, MIN_PASSPHRASE
from ntm_desktop.ui.pages.sync.jobs import KEY_SUFFIX
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import hint, label
from ntm_desktop.ui.widgets.file_choice import open_path, save_path
from ntm_desktop.ui.widgets.questions import yes_or_cancel

KEY_FILTER = "NTM key (*.ntmkey)"
BACKUP_FILTER = "PEM (*.pem)"


@dataclass(frozen=True)
class Pair:
    """A passphrase already known (to unlock) and a new one (typed twice)."""

    current: str
    new: str


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PassphraseDialog(QDialog):
    """The office key's passphrase; when ``new``, typed twice and at least 8 characters. With
    ``current``, a passphrase already known is asked first (the backup, restore and change of the key)."""

    def __init__(
        self,
        parent: QWidget | None,
        new: bool,
        current: str | None = None,
        title: str | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(title or tr("Passphrase of the office key"))
        self.current, self.passphrase, self.again = _secret(), _secret(), _secret()
        self.error = label("", "error")
        self.error.setVisible(False)
        form = QFormLayout()
        if current:
            form.addRow(current, self.current)
        form.addRow(tr("New passphrase") if current else tr("Passphrase"), self.passphrase)
        if new:
            form.addRow(tr("Passphrase again"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note or new:
            layout.addWidget(
                hint(
                    note
                    or tr(
                        "The head of office keeps this passphrase: without it nobody can certify or revoke "
                        "a clerk's computer. It cannot be recovered if it is forgotten."
                    )
                )
            )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        text = self.passphrase.text()
        if self.new and len(text) < MIN_PASSPHRASE:
            self._say(tr("The office key's passphrase must have at least {n} characters", n=MIN_PASSPHRASE))
        elif self.new and text != self.again.text():
            self._say(tr("The two passphrases are not the same"))
        else:
            self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    @classmethod
    def ask(cls, parent: QWidget | None, new: bool = False) -> str | None:
        dialog = cls(parent, new)
        return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_pair(cls, parent: QWidget | None, title: str, note: str, current: str) -> Pair | None:
        """A passphrase already known (labelled ``current``) and a new one typed twice."""
        dialog = cls(parent, True, current=current, title=title, note=note)
        dialog.setMinimumWidth(520)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return Pair(dialog.current.text(), dialog.passphrase.text())


@dataclass(frozen=True)
class Certify:
    clerk: str
    days: int
    passphrase: str


class CertifyDialog(GuardedDialog):
    """Whose computer is certified, for how long, and the office key's passphrase."""

    def __init__(self, parent: QWidget | None, whose: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Certify a clerk's computer"))
        self.clerk = QLineEdit()
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(tr(" days"))
        self.passphrase = _secret()
        form = QFormLayout()
        form.addRow(tr("Clerk's name"), self.clerk)
        form.addRow(tr("Valid for"), self.days)
        form.addRow(tr("Passphrase of the office key"), self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(whose))
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, whose: str) -> Certify | None:
        dialog = cls(parent, whose)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return Certify(dialog.clerk.text(), dialog.days.value(), dialog.passphrase.text())


class OfficeFiles:
    """File choices and the revocation question (tests replace these)."""

    @staticmethod
    def save_path(parent: QWidget, suggested: Path) -> Path | None:
        return save_path(parent, tr("Save the office key file"), suggested, KEY_FILTER, KEY_SUFFIX)

    @staticmethod
    def open_path(parent: QWidget) -> Path | None:
        return open_path(parent, tr("A clerk's computer key file"), KEY_FILTER)

    @staticmethod
    def backup_path(parent: QWidget, suggested: Path) -> Path | None:
        return save_path(parent, tr("Back up the office key"), suggested, BACKUP_FILTER, ".pem")

    @staticmethod
    def backup_file(parent: QWidget) -> Path | None:
        return open_path(parent, tr("A backup of the office key"), BACKUP_FILTER)

    @staticmethod
    def confirm_revoke(parent: QWidget, clerk: str, device: str) -> bool:
        return yes_or_cancel(
            parent,
            tr("Revoke a clerk's computer"),
            tr(
                "Revoke the certificate of clerk {clerk} (computer {device})? Communes will refuse the "
                "bundles this computer signs from the next bundle the office sends them.",
                clerk=clerk,
                device=device,
            ),
        )
