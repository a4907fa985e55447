"""The receiver's sign-off dialogs, each with an ``ask()`` tests replace.

ApproveConfirm.ask(parent, unit, year) -> bool
ReturnDialog: see return_dialog.py
CorrectionDialog.ask(parent, commune, what) -> str | None
StatusHistoryDialog.show_history(parent, unit, year, changes)
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.receiver.values import HistoryEntry, UnitRow
from ntm_desktop.ui.pages.receiver import status as st
from ntm_desktop.ui.pages.sync.wording import local_time
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.questions import yes_or_cancel
from ntm_desktop.ui.widgets.rows_table import RowsTable


class ApproveConfirm:
    @staticmethod
    def ask(parent: QWidget | None, unit: UnitRow, year: int) -> bool:
        return yes_or_cancel(
            parent,
            tr("Approve the commune's results"),
            tr(
                "Approve the results of {name} ({code}) for {year}: {met} criteria met?\n\n"
                "Changes that arrive later for an approved year wait for your decision "
                "instead of replacing what you approved.",
                name=unit.name,
                code=unit.code,
                year=year,
                met=f"{unit.criteria_met}/{unit.criteria_total}" if unit.criteria_total else "—",
            ),
        )


class ReasonDialog(GuardedDialog):
    """A reason the commune will read (it cannot be empty)."""

    def __init__(
        self, title: str, heading: str, intro: str, button: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            tr("e.g. Chỉ tiêu 17.1: thiếu biên bản kiểm tra nước sạch; đề nghị bổ sung.")
        )
        self.reason.setTabChangesFocus(True)
        self.message = InlineMessage()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.box = QVBoxLayout(self)
        self.box.addWidget(label(heading, "subtitle"))
        self.box.addWidget(label(intro, "muted"))
        self.box.addWidget(self.reason, 1)
        self.box.addWidget(self.message)
        self.box.addWidget(buttons)

    def answer(self) -> str | None:
        return clean(self.reason.toPlainText()) if self.exec() == QDialog.DialogCode.Accepted else None

    def _accept(self) -> None:
        if not clean(self.reason.toPlainText()):
            self.message.show_message(tr("Write what the commune should correct."))
            self.reason.setFocus()
            return
        self.accept()


class CorrectionDialog:
    """Ask a commune to correct one record; the request travels in the next bundle sent back."""

    @staticmethod
    def ask(parent: QWidget | None, commune: str, what: str) -> str | None:
        return ReasonDialog(
            tr("Ask for a correction"),
            f"{commune}: {what}",
            tr("The request goes to the commune in the next bundle sent back from the Sync page."),
            tr("Ask for the correction"),
            parent,
        ).answer()


AFTER = 2
"""The "Status after" column, where a recognition decision's line stands."""


def status_columns() -> list[Column]:
    return [
        Column(tr("When"), lambda c: local_time(c.at)),
        Column(tr("Status before"), lambda c: st.label(c.from_status) if c.kind == "status" else ""),
        Column(tr("Status after"), st.entry_text, colour=st.entry_colour),
        Column(tr("Reason"), lambda c: c.reason if c.kind == "status" else ""),
        Column(tr("By"), lambda c: c.actor),
    ]


class StatusHistoryDialog(QDialog):
    def __init__(
        self, unit: UnitRow, year: int, changes: Sequence[HistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Status history"))
        self.resize(860, 400)  # room for the reason beside a wrapped decision
        self.table = RowsTable(status_columns(), stretch=3)
        self.table.setSortingEnabled(False)  # oldest first, as the steps were taken
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(True)
        self.table.set_rows(changes)
        # a recognition decision's line is long: it wraps in its column, so "By" stays in view
        self.table.horizontalHeader().setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(AFTER, 260)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(tr("{name} ({code}), {year}", name=unit.name, code=unit.code, year=year), "subtitle")
        )
        if not changes:
            layout.addWidget(label(tr("The status has not changed yet."), "muted"))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the reason's column has stretched now: its lines wrap again

    @classmethod
    def show_history(
        cls, parent: QWidget | None, unit: UnitRow, year: int, changes: Sequence[HistoryEntry]
    ) -> None:
        cls(unit, year, changes, parent).exec()
