"""Khóa văn phòng (a receiving office): the office key the communes trust once, and the clerks' computers it
certified. The head of office makes the key, saves its file for the communes, certifies each clerk's
computer and revokes a lost one; each of these needs the office key's passphrase (``office_dialogs``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office_store import ClerkCertificate, OfficeKeyInfo
from ntm_desktop.sync.keys.office_wording import (
    certified_text,
    changed_text,
    made_text,
    restored_text,
    revoked_text,
    this_computer_text,
)
from ntm_desktop.sync.labels import short_device
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.jobs import KEY_SUFFIX
from ntm_desktop.ui.pages.sync.office_dialogs import CertifyDialog, OfficeFiles, PassphraseDialog
from ntm_desktop.ui.widgets.fields import hint, label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.rows_table import RowsTable


def certificate_columns() -> list[Column]:
    return [
        Column(tr("Clerk"), lambda c: c.clerk),
        Column(tr("Computer"), lambda c: short_device(c.device_id), mono=True),
        Column(tr("Key fingerprint"), lambda c: c.fingerprint),
        Column(tr("Valid until"), lambda c: vntime.stamp_day(c.valid_until), sort=lambda c: c.valid_until),
        Column(
            tr("Revoked on"),
            lambda c: vntime.stamp_day(c.revoked_at) if c.revoked_at else "",
            sort=lambda c: c.revoked_at or "",
        ),
    ]


class OfficeKeyTab(QWidget):
    def __init__(self, ctx: AppContext, notify: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.notify = ctx, notify
        self.info: OfficeKeyInfo | None = None
        self.certificates: list[ClerkCertificate] = []
        self.fingerprint = QLabel("")
        mono = QFont("DejaVu Sans Mono")
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = label("", "muted")
        self.create_button = QPushButton(tr("Make the office key…"))
        self.save_button = QPushButton(tr("Save the office key file…"))
        self.certify_button = QPushButton(tr("Certify this computer…"))
        self.certify_file_button = QPushButton(tr("Certify a clerk's key file…"))
        self.revoke_button = QPushButton(tr("Revoke the chosen computer…"))
        self.backup_button = QPushButton(tr("Back up the office key…"))
        self.restore_button = QPushButton(tr("Restore from a backup…"))
        self.passphrase_button = QPushButton(tr("Change the passphrase…"))
        self.backup_button.clicked.connect(self.backup)
        self.restore_button.clicked.connect(self.restore)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.create_button.clicked.connect(self.make_key)
        self.save_button.clicked.connect(self.save)
        self.certify_button.clicked.connect(lambda: self.certify(None))
        self.certify_file_button.clicked.connect(self.certify_file)
        self.revoke_button.clicked.connect(self.revoke)
        self.table = RowsTable(certificate_columns(), stretch=0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._layout()
        self.set_office(None, [])

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.create_button,
            self.save_button,
            self.certify_button,
            self.certify_file_button,
            self.revoke_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        safe = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.passphrase_button):
            safe.addWidget(button)
        safe.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.fingerprint)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                tr(
                    "One office key that the communes trust once certifies each clerk's computer: no commune "
                    "has to trust every clerk's key by phone."
                )
            )
        )
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addLayout(safe)
        layout.addWidget(self.table, 1)

    def set_office(
        self, info: OfficeKeyInfo | None, certificates: Sequence[ClerkCertificate], mine: str = ""
    ) -> None:
        """The office key, the certificates it issued, and whether it certified this computer (whose key's
        fingerprint is ``mine``): what it may write (``SyncContext.office_proof``)."""
        self.info, self.certificates = info, list(certificates)
        self.fingerprint.setText(info.fingerprint if info else "")
        here = next((c for c in self.certificates if c.fingerprint == mine), None)
        self.status.setText(
            tr("Office key of {name}: read this fingerprint to the communes by phone.", name=info.unit_name)
            + "\n"
            + this_computer_text(here)
            if info
            else tr("This office has no office key yet.")
        )
        self.create_button.setVisible(info is None)
        for button in (
            self.save_button,
            self.certify_button,
            self.certify_file_button,
            self.revoke_button,
            self.backup_button,
            self.passphrase_button,
        ):
            button.setEnabled(info is not None)
        self.table.set_rows(self.certificates)

    # ---- actions ---------------------------------------------------------------------------------

    def make_key(self) -> None:
        passphrase = PassphraseDialog.ask(self, new=True)
        if passphrase is None:
            return
        ws = self.ctx.ws
        self._run(lambda: ws.sync.office.create(passphrase), made_text)

    def save(self) -> None:
        code = self.info.unit_code if self.info else ""
        path = OfficeFiles.save_path(self, self.ctx.ws.folder / f"khoa-van-phong-{code}{KEY_SUFFIX}")
        if path is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: ws.sync.office.export(path),
            lambda written: self.notify(tr("Office key file saved to {path}", path=str(written))),
            owner=self,
        )

    def certify_file(self) -> None:
        path = OfficeFiles.open_path(self)
        if path is not None:
            self.certify(path)

    def certify(self, key_file: Path | None) -> None:
        whose = (
            tr("The computer whose key file is {path}", path=str(key_file))
            if key_file
            else tr("This computer (device {device})", device=short_device(self.ctx.ws.device_id))
        )
        answer = CertifyDialog.ask(self, whose)
        if answer is None:
            return
        ws = self.ctx.ws
        self._run(
            lambda: ws.sync.office.certify(answer.passphrase, answer.clerk, key_file, answer.days),
            certified_text,
        )

    def revoke(self) -> None:
        rows = self.table.chosen()
        if len(rows) != 1:
            self.notify(tr("Choose the clerk's computer to revoke in the list first."))
            return
        chosen: ClerkCertificate = rows[0]
        if not OfficeFiles.confirm_revoke(self, chosen.clerk, short_device(chosen.device_id)):
            return
        passphrase = PassphraseDialog.ask(self)
        if passphrase is None:
            return
        ws = self.ctx.ws
        self._run(lambda: ws.sync.office.revoke(passphrase, chosen.fingerprint), revoked_text)

    def backup(self) -> None:
        answer = PassphraseDialog.ask_pair(
            self,
            tr("Back up the office key"),
            tr(
                "The backup file is encrypted with a passphrase of its own. Keep the file and its passphrase "
                "apart, somewhere safe and offline: with both, anyone can certify clerks' computers."
            ),
            tr("Passphrase of the office key"),
        )
        if answer is None:
            return
        code = self.info.unit_code if self.info else ""
        path = OfficeFiles.backup_path(self, self.ctx.ws.folder / f"sao-luu-khoa-van-phong-{code}.pem")
        if path is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: ws.sync.office.backup(answer.current, path, answer.new),
            lambda written: self.notify(tr("Office key backed up to {path}", path=str(written))),
            owner=self,
        )

    def restore(self) -> None:
        path = OfficeFiles.backup_file(self)
        if path is None:
            return
        answer = PassphraseDialog.ask_pair(
            self,
            tr("Restore the office key"),
            tr(
                "Only this office's own key is taken back: its fingerprint stays, so the communes need not "
                "trust again. Choose the passphrase the key is kept with from now on."
            ),
            tr("Passphrase of the backup file"),
        )
        if answer is None:
            return
        ws = self.ctx.ws
        self._run(lambda: ws.sync.office.restore(path, answer.current, answer.new), restored_text)

    def change_passphrase(self) -> None:
        answer = PassphraseDialog.ask_pair(
            self,
            tr("Change the passphrase of the office key"),
            tr(
                "The key stays the same: the communes need not trust again and every clerk's certificate "
                "stays valid."
            ),
            tr("Present passphrase"),
        )
        if answer is None:
            return
        ws = self.ctx.ws
        self._run(lambda: ws.sync.office.change_passphrase(answer.current, answer.new), changed_text)

    def _run(self, work: Callable[[], tuple[Any, Any]], said: Callable[[Any], str]) -> None:
        def done(result: tuple[Any, Any]) -> None:
            value, changes = result
            self.notify(said(value))
            self.ctx.hub.announce(changes)

        self.ctx.tasks.run_db(work, done, owner=self)
