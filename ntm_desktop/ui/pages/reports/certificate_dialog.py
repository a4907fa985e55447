"""A signing key of one's own: a key and a self-signed certificate in a .p12 file, protected by a
passphrase, made by the same core call as ``ntm-desktop certificate new``.

The form asks who signs (name, title), the passphrase twice and where to save; it says under each field
what is wrong, and makes the key off the GUI thread. The Reports page then offers that file to sign with.
A name, passphrases or a place typed are not thrown away by Esc or Cancel without asking
(:class:`GuardedDialog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ntm_desktop.core.errors import NtmError, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.ui.tasks import TaskManager
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, hint, label, with_message
from ntm_desktop.ui.widgets.forms import Messages

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class Made:
    path: Path
    fingerprint: str


def make_key(name: str, title: str, organisation: str, path: Path, passphrase: str) -> Made:
    """Worker side: the key and certificate, written to ``path`` (never over an existing file)."""
    from ntm_desktop.signing import create_certificate, format_fingerprint

    made = create_certificate(name, title, organisation, path, passphrase)
    return Made(path, format_fingerprint(made))


def signing_identity(ws: Workspace) -> tuple[str, tuple[str, str], Path]:
    """(organisation, (signer's name, title), folder) to start the form with: the commune's UBND and its
    signing officer, or the receiving unit and its signer; the data folder."""
    from ntm_desktop.reports.wording import in_text

    if ws.unit.has_home():
        unit = ws.unit.home()
        signer = next((o for o in unit.officers if o.is_signer), None)
        who = (signer.name, signer.title) if signer else ("", "")
        return f"Ủy ban nhân dân {in_text(unit.name, unit.type)}", who, ws.folder
    if ws.settings.role == "receiver":
        info = ws.receiver.info()
        return info.name, (info.signer_name, info.signer_title), ws.folder
    return "", ("", ""), ws.folder


class CertificateDialog(GuardedDialog):
    def __init__(
        self,
        tasks: TaskManager,
        organisation: str,
        signer: tuple[str, str] = ("", ""),
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.organisation = tasks, organisation
        self.made: Made | None = None
        self.setWindowTitle(tr("New signing key"))
        self.setMinimumWidth(560)
        self.messages = Messages()
        self.name = QLineEdit(signer[0])
        self.name.setPlaceholderText(tr("e.g. Nguyễn Văn A"))
        self.title = QLineEdit(signer[1])
        self.title.setPlaceholderText(tr("e.g. Chủ tịch UBND xã"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        suggested = (folder or Path.home()) / "khoa-ky-so.p12"
        self.path = QLineEdit(str(suggested))
        self.browse = QPushButton(tr("Choose…"))
        self.browse.clicked.connect(self._choose)
        self._lay_out()

    def _lay_out(self) -> None:
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(
            label(tr("The key signs reports in your name. Keep the file and its passphrase safe."), "muted")
        )
        for text, path, field in (
            (tr("Full name"), "name", self.name),
            (tr("Title"), "title", self.title),
            (tr("Passphrase"), "passphrase", self.passphrase),
            (tr("Passphrase again"), "again", self.again),
            (tr("Save as"), "out_path", where),
        ):
            form.addRow(text, with_message(field, self.messages.add(path, InlineMessage(), field)))
        if self.organisation:
            form.addRow("", hint(tr("Organisation on the certificate: {name}", name=self.organisation)))
        form.addRow("", hint(tr("The passphrase is not kept anywhere: without it the key cannot be used.")))
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton(tr("Make the key"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.messages.general)
        form.addRow(self.buttons)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save the signing key"), self.path.text(), tr("Key files (*.p12 *.pfx)")
        )
        if path:
            self.path.setText(path if path.lower().endswith((".p12", ".pfx")) else f"{path}.p12")

    def problems(self) -> list[Problem]:
        """What the form can say before the key is made (the core checks the rest)."""
        found = []
        if not clean(self.name.text()):
            found.append(Problem("name", tr("Required")))
        if self.passphrase.text() != self.again.text():
            found.append(Problem("again", tr("The two passphrases differ")))
        if not clean(self.path.text()):
            found.append(Problem("out_path", tr("Required")))
        return found

    def make(self) -> None:
        found = self.problems()
        self.messages.show(found)
        if found:
            return
        self.make_button.setEnabled(False)
        name, title, phrase = self.name.text(), self.title.text(), self.passphrase.text()
        path, organisation = Path(clean(self.path.text())), self.organisation
        self.tasks.run(
            lambda: make_key(name, title, organisation, path, phrase),
            self._made,
            on_failure=self._refused,
            handles=(NtmError,),
            owner=self,
        )

    def _made(self, made: Made) -> None:
        self.made = made
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.messages.show_error(exc)  # each problem under its field: name, passphrase, where to save

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        tasks: TaskManager,
        organisation: str,
        signer: tuple[str, str] = ("", ""),
        folder: Path | None = None,
    ) -> Made | None:
        dialog = cls(tasks, organisation, signer, folder, parent)
        try:
            return dialog.made if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
