"""File › Sao lưu ra USB… and Khôi phục từ bản sao lưu…: the dialogs (each with ``ask()``), and what
the window does with their answers. A damaged data file at start-up offers the same restore."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.drives import default_folder
from ntm_desktop.core.i18n import tr

if TYPE_CHECKING:
    from ntm_desktop.backups.replaced import Replaced
    from ntm_desktop.backups.service import Preview


@dataclass(frozen=True)
class BackupChoice:
    folder: Path
    passphrase: str | None  # the device key goes in, encrypted, only with one


class BackupDialog(QDialog):
    """Where to write the backup (the USB stick by default) and whether the device key goes with it."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Back up to USB"))
        self.folder = QLineEdit(str(folder))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.with_key = QCheckBox(tr("Include this computer's signing key (encrypted with a passphrase)"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("at least 8 characters"))
        self.passphrase.setEnabled(False)
        self.with_key.toggled.connect(self.passphrase.setEnabled)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        form = QFormLayout()
        form.addRow(tr("Folder (USB stick)"), self.folder)
        form.addRow("", browse)
        form.addRow("", self.with_key)
        form.addRow(tr("Passphrase"), self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(tr("Back up"), QDialogButtonBox.ButtonRole.AcceptRole).setObjectName("primary")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("One file with the data and the evidence files; it is checked after writing."))
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        if not Path(self.folder.text()).is_dir():
            self.message.setText(tr("Choose an existing folder (the USB stick)."))
            return
        if self.with_key.isChecked() and len(self.passphrase.text()) < 8:
            self.message.setText(tr("The passphrase must have at least 8 characters"))
            return
        self.accept()

    def choice(self) -> BackupChoice:
        key = self.passphrase.text() if self.with_key.isChecked() else None
        return BackupChoice(Path(self.folder.text()), key)

    @classmethod
    def ask(cls, parent: QWidget | None, fallback: Path) -> BackupChoice | None:
        dialog = cls(default_folder(fallback), parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class RestoreChoice:
    passphrase: str | None


class RestorePreviewDialog(QDialog):
    """What the backup holds (unit, date in Vietnam time, counts) before anything is replaced."""

    def __init__(self, shown: Preview, now: Replaced | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ntm_desktop.backups.replaced import describe_replaced
        from ntm_desktop.backups.service import describe

        self.setWindowTitle(tr("Restore from a backup"))
        self.summary = QLabel(describe(shown))
        self.summary.setWordWrap(True)
        self.replaced = QLabel(describe_replaced(now) if now is not None else "")
        self.replaced.setWordWrap(True)
        self.replaced.setVisible(now is not None)
        if now is not None and now.newer_changes:
            self.replaced.setProperty("role", "warning")  # work typed since the backup: it catches the eye
        warning = QLabel(
            tr("The current data file is kept in backups/before-restore/ first. The restored file continues "
               "as a new device for the receiving unit.")
        )  # fmt: skip
        warning.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.replaced)
        layout.addWidget(warning)
        if shown.has_key:
            form = QFormLayout()
            form.addRow(
                tr("Passphrase of the signing key (empty: keep this computer's key)"), self.passphrase
            )
            layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        restore = buttons.addButton(tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setObjectName("primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    @classmethod
    def ask(cls, parent: QWidget | None, shown: Preview, now: Replaced | None = None) -> RestoreChoice | None:
        dialog = cls(shown, now, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return RestoreChoice(dialog.passphrase.text() or None)


def ask_backup_file(parent: QWidget | None, fallback: Path) -> Path | None:
    """The backup to restore (tests replace this)."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        tr("Choose the backup to restore"),
        str(default_folder(fallback)),
        tr("NTM Desktop backups (*.ntmbackup *.sqlite)"),
    )
    return Path(name) if name else None


class DamagedFileDialog(QMessageBox):
    """The data file fails its check: restore the newest automatic backup, or choose a file."""

    LATEST, CHOOSE = 1, 2

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, latest: Path | None) -> int:
        box = cls(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("The data file is damaged"))
        box.setText(message)
        newest = box.addButton(tr("Restore the newest automatic backup"), QMessageBox.ButtonRole.AcceptRole)
        newest.setEnabled(latest is not None)
        choose = box.addButton(tr("Choose a backup file…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        clicked = box.clickedButton()
        return cls.LATEST if clicked is newest else cls.CHOOSE if clicked is choose else 0
