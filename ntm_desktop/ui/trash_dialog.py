"""Thùng rác: every record the officer removed, who removed it and when, put back with one button.

Opened from File › Trash…; restoring goes through ``ws.trash.restore`` on the database worker and is
announced on the hub like any change, so the page that lists the record shows it again at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import Conflict, NotFound, NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.vntime import format_vn
from ntm_desktop.services.trash import Removed
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import fit_to_screen
from ntm_desktop.ui.history_dialog import HistoryDialog
from ntm_desktop.ui.widgets.fields import InlineMessage, label
from ntm_desktop.ui.widgets.list_model import Column, ListFilter, ListModel
from ntm_desktop.ui.widgets.list_view import list_table


def columns() -> list[Column]:
    return [
        Column(tr("Kind of record"), lambda r: r.kind_label),
        Column(tr("Record"), lambda r: r.title),
        Column(
            tr("Removed on"), lambda r: format_vn(r.removed_at, seconds=False), sort=lambda r: r.removed_at
        ),
        Column(tr("Removed by"), lambda r: r.removed_by),
    ]


class TrashDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.setWindowTitle(tr("Trash"))
        self.model = ListModel(columns(), self)
        self.proxy = ListFilter(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a removed record (accents optional)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.table = list_table(self.proxy, 1, {0: 200, 3: 160}, sort=(2, Qt.SortOrder.DescendingOrder))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        self.restore_button = QPushButton(tr("Restore"))
        self.restore_button.clicked.connect(self.restore_current)
        self.history_button = QPushButton(tr("History…"))
        self.history_button.clicked.connect(self.show_history)
        self.status = label("", "muted")
        self.note = label("")
        self.message = InlineMessage()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.restore_button)
        tools.addWidget(self.history_button)
        layout = QVBoxLayout(self)
        about = tr(
            "Removed records stay in the data file. Restore puts one back where it was, and it goes to the "
            "receiving unit with the next bundle."
        )
        layout.addWidget(label(about, "muted"))
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(close)
        fit_to_screen(self, 960, 560)
        self._buttons()
        self.reload()

    def reload(self) -> None:
        ws = self.ctx.ws
        self.ctx.tasks.run_db(ws.trash.list, self._listed, owner=self)

    def _listed(self, removed: list[Removed]) -> None:
        self.loaded = True
        self.model.set_rows(removed)
        self.status.setText(
            trn("{n} removed record", "{n} removed records", len(removed))
            if removed
            else tr("The trash is empty: nothing has been removed.")
        )
        self._buttons()

    def current(self) -> Removed | None:
        row = self.proxy.row_at(self.table.currentIndex())
        return row if isinstance(row, Removed) else None

    def select(self, title: str) -> bool:
        """Choose the row of the record called ``title`` (as a click would)."""
        for r in range(self.proxy.rowCount()):
            if self.proxy.row_at(self.proxy.index(r, 0)).title == title:
                self.table.setCurrentIndex(self.proxy.index(r, 0))
                return True
        return False

    def _buttons(self) -> None:
        chosen = self.current() is not None
        self.restore_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    def restore_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self.message.clear_message()

        def done(_: Changes) -> None:
            self.note.setText(tr("Restored “{title}”.", title=chosen.title))
            self.reload()

        def refused(exc: BaseException) -> None:
            assert isinstance(exc, NtmError)
            self.message.show_message(exc.message)

        self.ctx.mutate(
            lambda ws: ws.trash.restore(chosen.uid),
            done,
            on_invalid=refused,
            handles=(Conflict, NotFound),
            owner=self,
        )

    def show_history(self) -> None:
        chosen = self.current()
        if chosen is not None:
            HistoryDialog.show_for(self, self.ctx, chosen.uid, chosen.title)

    @classmethod
    def show_trash(cls, parent: QWidget | None, ctx: AppContext) -> None:
        dialog = cls(ctx, parent)
        dialog.exec()
        dialog.deleteLater()
