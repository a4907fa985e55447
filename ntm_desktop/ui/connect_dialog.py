"""Connecting to a receiving office's PostgreSQL database: host, port, database, user and password.

``ConnectDialog.ask(parent, login, message)`` returns ``(login, password)`` or None when cancelled (tests
replace ``ask``). The password is asked each time and never written to a file; when the ``keyring``
library has a secure store on this computer, the clerk may ask to keep it there. Left empty, libpq looks
in ``PGPASSWORD`` and ``~/.pgpass``. Where the server is, once typed, is not thrown away by Esc without
asking (:class:`GuardedDialog`); the password alone is not asked about: it is typed again in a moment.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.services.server_login import ServerLogin, keyring_usable, remember_password
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, label


def password_message(login: ServerLogin, exc: BaseException) -> str:
    """What the connect dialog says when the server refused the password: in the clerk's words, naming
    the user and the database (never the password; the server's own English words stay in the log)."""
    return tr(
        "The server did not accept the password of user {user} for the database {database}: it is wrong, "
        "or none was given. Type the password again. Nothing has been changed.",
        user=login.user or "?",
        database=login.database or "?",
    )


class ConnectDialog(GuardedDialog):
    def __init__(self, login: ServerLogin, message: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Connect to the office's database server"))
        self.setMinimumWidth(480)
        self.host = QLineEdit(login.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(login.port)
        self.database = QLineEdit(login.database)
        self.user = QLineEdit(login.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("empty: from PGPASSWORD or .pgpass"))
        self.remember = QCheckBox(tr("Keep the password in this computer's keyring"))
        self.remember.setVisible(keyring_usable())
        form = QFormLayout()
        for text, field in (
            (tr("Server"), self.host),
            (tr("Port"), self.port),
            (tr("Database"), self.database),
            (tr("User"), self.user),
            (tr("Password"), self.password),
        ):
            form.addRow(text, field)
        self.problem = InlineMessage()
        self.problem.show_message(message)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                tr(
                    "A province or national office keeps its data on a PostgreSQL server that every clerk "
                    "connects to. The password is not saved in any file."
                ),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.password if login.database and login.user else self.database).setFocus()

    def typed(self) -> object:
        """Where the server is and who connects; not the password (:mod:`ntm_desktop.ui.typed_work`)."""
        return self.host.text(), self.port.value(), self.database.text(), self.user.text()

    def login(self) -> ServerLogin:
        return ServerLogin(
            clean(self.host.text()) or "localhost",
            self.port.value(),
            clean(self.database.text()),
            clean(self.user.text()),
        )

    def _accept(self) -> None:
        login = self.login()
        if not login.database or not login.user:
            self.problem.show_message(tr("Give the database's name and the user to connect as."))
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, login: ServerLogin, message: str = ""
    ) -> tuple[ServerLogin, str] | None:
        dialog = cls(login, message, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen, password = dialog.login(), dialog.password.text()
        if password and dialog.remember.isChecked():
            remember_password(chosen, password)
        return chosen, password
