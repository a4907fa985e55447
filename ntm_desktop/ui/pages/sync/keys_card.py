"""Khóa ký: this computer's key fingerprint (read out over the phone), its public key file for the other side
to trust, and trusting another unit's key file. File choices go through methods tests replace."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office_store import OfficeKeyInfo
from ntm_desktop.sync.keys.pairs import PublicKeyCard, import_public_key
from ntm_desktop.sync.keys.service import how_label
from ntm_desktop.sync.labels import short_device
from ntm_desktop.sync.views import KeyInfo, KnownKey
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.jobs import KEY_SUFFIX
from ntm_desktop.ui.pages.sync.wording import local_time, unit_name
from ntm_desktop.ui.widgets.fields import hint, label
from ntm_desktop.ui.widgets.file_choice import open_path, save_path
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.widgets.rows_table import RowsTable

KEY_FILTER = "NTM key (*.ntmkey)"


def fingerprint_font() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(font.pointSize() + 3)
    font.setBold(True)
    return font


class KeysCard(QFrame):
    def __init__(self, ctx: AppContext, notify: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.notify = ctx, notify
        self.info: KeyInfo | None = None
        self.setProperty("role", "card")
        self.fingerprint = QLabel("…")
        self.fingerprint.setFont(fingerprint_font())
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.who = label("", "muted")
        self.export_button = QPushButton(tr("Save my public key…"))
        self.trust_button = QPushButton(tr("Trust a key file…"))
        self.export_button.clicked.connect(self.export_key)
        self.trust_button.clicked.connect(self.trust_key)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(label(tr("This computer's key"), "subtitle"))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.who)
        self.read_out = hint("")
        layout.addWidget(self.read_out)
        layout.addLayout(buttons)

    def show_key(self, info: KeyInfo, office: OfficeKeyInfo | None = None) -> None:
        """This computer's key; at an office with an office key, the communes and the national office trust
        that key instead (a clerk who handed out this computer's key had the other clerks' files refused)."""
        self.info = info
        self.fingerprint.setText(info.fingerprint)
        self.read_out.setText(
            tr(
                "Read this fingerprint to the other side over the phone: "
                "it must match what their screen shows."
            )
            if office is None
            else tr(
                "This office has an office key ({fingerprint}): the communes and the national office trust "
                "that one (Office key tab), not this computer's key.",
                fingerprint=office.fingerprint,
            )
        )
        self.who.setText(
            tr(
                "{unit} · computer {device}",
                unit=unit_name(info.unit_code, info.unit_name),
                device=short_device(info.device_id),
            )
        )

    # ---- file choices (tests replace these) ------------------------------------------------------

    def ask_save_path(self, suggested: Path) -> Path | None:
        return save_path(self, tr("Save my public key"), suggested, KEY_FILTER, KEY_SUFFIX)

    def ask_open_path(self) -> Path | None:
        return open_path(self, tr("Trust a key file"), KEY_FILTER)

    # ---- actions ---------------------------------------------------------------------------------

    def export_key(self) -> None:
        info = self.info
        suggested = self.ctx.ws.folder / (
            f"khoa-{info.unit_code}-{short_device(info.device_id)}{KEY_SUFFIX}" if info else "khoa.ntmkey"
        )
        path = self.ask_save_path(suggested)
        if path is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: ws.sync.keys.export(path),
            lambda written: self.notify(tr("Public key saved to {path}", path=str(written))),
            owner=self,
        )

    def trust_key(self, path: Path | None = None) -> None:
        """Read the key file, ask whether its fingerprint was compared by phone, then trust it."""
        chosen = path or self.ask_open_path()
        if chosen is None:
            return
        self.ctx.tasks.run(
            lambda: import_public_key(chosen), lambda card: self._read(chosen, card), owner=self
        )

    def _read(self, path: Path, card: PublicKeyCard) -> None:
        unit = unit_name(card.unit_code, card.unit_name)
        if card.office:
            unit = tr("{unit} (its office key)", unit=unit)
        if not TrustConfirm.ask(self, unit, card.fingerprint):
            self.notify(tr("The key was not trusted."))
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(lambda: ws.sync.keys.trust(path), self._trusted, owner=self)

    def _trusted(self, result: tuple[KnownKey, str, Changes]) -> None:
        _, message, changes = result
        self.notify(message)
        self.ctx.hub.announce(changes)


def known_key_columns() -> list[Column]:
    return [
        Column(tr("Unit"), lambda k: unit_name(k.unit_code, k.unit_name)),
        Column(tr("Key fingerprint"), lambda k: k.fingerprint, mono=True),
        Column(tr("Computer"), lambda k: short_device(k.device_id), mono=True),
        Column(
            tr("Trusted"),
            lambda k: tr("{time} by {who}", time=local_time(k.trusted_at), who=k.trusted_by),
            sort=lambda k: k.trusted_at,
        ),
        Column(tr("How"), lambda k: how_label(k.how)),
    ]


class KnownKeysTab(QWidget):
    """The keys this computer trusts for other units: bundles signed with any other key are refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RowsTable(known_key_columns(), stretch=0)
        self.empty = label(tr("No key of another unit is trusted yet."), "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                tr(
                    "A bundle is taken in only when it is signed with a key trusted here: from its key file, "
                    "or from its first bundle after comparing the fingerprint by phone."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def set_keys(self, known: Sequence[KnownKey]) -> None:
        self.table.set_rows(known)
        self.empty.setVisible(not known)


class TrustConfirm:
    """Asks whether the fingerprint was compared by phone before a new key is trusted (tests replace
    :meth:`ask`)."""

    @staticmethod
    def ask(parent: QWidget, unit: str, fingerprint: str) -> bool:
        return yes_or_cancel(
            parent,
            tr("Trust this key"),
            tr(
                "Has {unit} read its key fingerprint to you over the phone, and is it exactly this one?\n\n"
                "{fingerprint}\n\nTrust the key only if every group is the same.",
                unit=unit,
                fingerprint=fingerprint,
            ),
        )
