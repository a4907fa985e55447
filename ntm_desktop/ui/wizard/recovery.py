"""Set up from the receiving unit's recovery bundle (a lost laptop): a one-page wizard, shown from
File › Khôi phục xã từ gói của đơn vị tiếp nhận… and offerable as a choice of the set-up wizard.

The page reads the bundle (checked, nothing written) and shows whose data it is, from whom, and how
much; the window then makes the data file from it (``ntm_desktop.recovery.recover``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ntm_desktop.core.drives import default_folder
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.labels import extra_label


class RecoveryPage(QWizardPage):
    """Choose the recovery bundle; its summary shows when it reads well, and only then can one go on."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Recover the commune from the receiving unit's copy"))
        self.setSubTitle(
            tr("For a lost or broken laptop: the receiving unit writes a recovery bundle "
               "(ntm-tinh-…-khoi-phuc-xa-….ntmsync) and gives it to you on a USB stick.")
        )  # fmt: skip
        self.folder = folder
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary, 1)
        self.chosen: Path | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Choose the recovery bundle"), str(default_folder(self.folder)), "NTM sync (*.ntmsync)"
        )
        if name:
            self.choose(Path(name))

    def choose(self, path: Path) -> None:
        """Read the bundle and show what it holds (or why it cannot be used)."""
        from ntm_desktop.recovery import preview

        self.path.setText(str(path))
        try:
            shown = preview(path)
        except NtmError as exc:
            self.chosen = None
            self.summary.setText(str(exc))
        else:
            self.chosen = path
            counts = ", ".join(f"{extra_label(k)}: {n}" for k, n in shown.counts.items())
            text = tr(
                "{name} ({code}), from the receiving unit {receiver}, made {made} (Vietnam time): "
                "{counts}.\n\nThe bundle is signed with the key {fingerprint}: confirm it with the receiving "
                "unit by phone. This computer gets a new key; read its fingerprint to them afterwards "
                "(Sync page), so that they trust it.",
                name=shown.unit_name,
                code=shown.unit_code,
                receiver=shown.receiver_code,
                made=shown.created,
                counts=counts,
                fingerprint=shown.receiver_fingerprint,
            )
            self.summary.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.chosen is not None


class RecoveryWizard(QWizard):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Recover the commune"))
        self.recovery_page = RecoveryPage(folder)
        self.addPage(self.recovery_page)
        self.setMinimumSize(640, 420)

    @classmethod
    def ask(cls, parent: QWidget | None, folder: Path) -> Path | None:
        """The recovery bundle the officer chose and confirmed, or None."""
        wizard = cls(folder, parent)
        return wizard.recovery_page.chosen if wizard.exec() == QWizard.DialogCode.Accepted else None
