"""The signature and seal pictures drawn when signing: which are chosen, and buttons to choose them once.

The same as ``unit --signature-image PNG`` and ``unit --seal-image PNG``: stored in the workspace and
audited. The signature picture belongs to the officer who signs; the seal picture to the commune.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.widgets.fields import InlineMessage, label


def _home_signer(ws: Any) -> str:
    """The officer marked as signer in the commune details (database worker)."""
    from ntm_desktop.reports.heading import choose_signer

    return choose_signer(ws.unit.home()).name


class PicturesBox(QWidget):
    def __init__(self, ctx: AppContext, signer: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._signer = signer
        self.state = label("", "muted")
        self.state.setWordWrap(True)
        self.signature_button = QPushButton(tr("Signature picture…"))
        self.signature_button.clicked.connect(self.choose_signature)
        self.seal_button = QPushButton(tr("Seal picture…"))
        self.seal_button.clicked.connect(self.choose_seal)
        self.message = InlineMessage()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.signature_button)
        buttons.addWidget(self.seal_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.state)
        box.addLayout(buttons)
        box.addWidget(self.message)
        self.load()

    def load(self) -> None:
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: (ws.signing.signature_image(), ws.signing.seal_image()), self._loaded, owner=self
        )

    def _loaded(self, images: tuple[Any, Any]) -> None:
        signature, seal = images
        first = (
            tr("Signature picture: {name} ({file})", name=signature.officer, file=signature.filename)
            if signature is not None
            else tr("Signature picture: not chosen")
        )
        second = (
            tr("Seal picture: {file}", file=seal.filename)
            if seal is not None
            else tr("Seal picture: not chosen")
        )
        self.state.setText(f"{first}\n{second}")

    def ask_picture(self, title: str) -> Path | None:
        """The PNG to use (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, title, "", tr("PNG pictures (*.png)"))
        return Path(path) if path else None

    def _store(self, change: Callable[[Any], Changes]) -> None:
        self.message.clear_message()
        self.ctx.mutate(
            change,
            lambda _changes: self.load(),
            on_invalid=lambda exc: self.message.show_message(str(getattr(exc, "message", exc))),
            handles=(NtmError,),
            owner=self,
        )

    def choose_signature(self) -> None:
        path = self.ask_picture(tr("The signer's signature picture (PNG, blue, transparent)"))
        if path is not None:
            officer = self._signer()
            self._store(lambda ws: ws.signing.set_signature_image(path, officer or _home_signer(ws)))

    def choose_seal(self) -> None:
        path = self.ask_picture(tr("The commune's seal picture (PNG, red, transparent)"))
        if path is not None:
            self._store(lambda ws: ws.signing.set_seal_image(path))
