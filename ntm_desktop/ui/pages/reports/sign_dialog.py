"""Which key signs the report: a key file (.p12) and its passphrase, or a USB token and its PIN."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.reports import FileKey, KeySource, TokenKey
from ntm_desktop.ui.widgets.fields import InlineMessage, hint, mark_invalid


def _with_browse(edit: QLineEdit, browse: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return box


class SignDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, key_file: str = "", title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or tr("Sign the report"))
        self.setMinimumWidth(480)
        self.key_path = QLineEdit(key_file)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.library = QLineEdit()
        self.token_label = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = InlineMessage()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._file_tab(), tr("Key file (.p12)"))
        self.tabs.addTab(self._token_tab(), tr("USB token"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Sign"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.passphrase if key_file else self.key_path).setFocus()

    def _file_tab(self) -> QWidget:
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_key)
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(tr("Key file"), _with_browse(self.key_path, browse))
        form.addRow(tr("Passphrase"), self.passphrase)
        form.addRow("", hint(tr("The passphrase is used once to open the key and is not kept.")))
        return tab

    def _token_tab(self) -> QWidget:
        from ntm_desktop.signing.tokens import installed_modules

        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_library)
        found = installed_modules()  # the known CA drivers present: only files looked at, no token opened
        if found and not self.library.text():
            self.library.setText(str(found[0].path))
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(tr("Token driver (PKCS#11)"), _with_browse(self.library, browse))
        form.addRow(tr("Token label"), self.token_label)
        form.addRow(tr("PIN"), self.pin)
        form.addRow("", hint(tr("The driver comes with the token, from the company that issued it.")))
        if found:
            names = ", ".join(dict.fromkeys(m.ca for m in found))
            form.addRow("", hint(tr("Drivers found on this computer: {names}", names=names)))
        form.addRow(
            "",
            hint(
                tr("With several keys on the token, the valid one of the person printed as signer is used.")
            ),
        )
        return tab

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Key file"), self.key_path.text(), tr("Key files (*.p12 *.pfx)")
        )
        if path:
            self.key_path.setText(path)

    def _choose_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Token driver (PKCS#11)"), self.library.text())
        if path:
            self.library.setText(path)

    def key(self) -> KeySource | None:
        """The key the officer described, or None (with the missing field marked) if something is missing."""
        if self.tabs.currentIndex() == 0:
            needed = [
                (self.key_path, tr("Choose the key file.")),
                (self.passphrase, tr("Type the passphrase.")),
            ]
        else:
            needed = [
                (self.library, tr("Choose the token's driver.")),
                (self.token_label, tr("Type the token's label.")),
                (self.pin, tr("Type the PIN.")),
            ]
        for edit, _ in needed:
            mark_invalid(edit, not edit.text().strip())
        missing = [message for edit, message in needed if not edit.text().strip()]
        if missing:
            self.message.show_message(missing[0])
            return None
        if self.tabs.currentIndex() == 0:
            return FileKey(Path(self.key_path.text().strip()), self.passphrase.text())
        return TokenKey(self.library.text().strip(), self.token_label.text().strip(), self.pin.text())

    def _accept(self) -> None:
        if self.key() is not None:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, key_file: str = "", title: str = "") -> KeySource | None:
        dialog = cls(parent, key_file, title)
        try:
            return dialog.key() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
