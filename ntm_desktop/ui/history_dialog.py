"""A record's history: when (Vietnam time), who, what was done, and each field from what to what."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.vntime import format_vn
from ntm_desktop.services.history import Step
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import fit_to_screen
from ntm_desktop.ui.widgets.fields import label


def changes_text(step: Step) -> str:
    """One line per field: "Nội dung: cũ → mới"."""
    return "\n".join(f"{c.field}: {c.before} → {c.after}" for c in step.changes)


class HistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, uid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History of “{title}”", title=title))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("When"), tr("By"), tr("What was done"), tr("What changed")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        head = self.table.horizontalHeader()
        for column in range(3):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = label(tr("Reading the history…"), "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "subtitle"))
        layout.addWidget(label(tr("Times are Vietnam time (UTC+7)."), "muted"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        fit_to_screen(self, 980, 520)
        ws = ctx.ws
        ctx.tasks.run_db(lambda: ws.history.of(uid), self.show_steps, owner=self)

    def show_steps(self, steps: list[Step]) -> None:
        self.steps = steps
        self.table.setRowCount(len(steps))
        for row, step in enumerate(reversed(steps)):  # the newest first
            cells = [format_vn(step.at, seconds=False), step.actor, step.what, changes_text(step)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.empty.setText(tr("Nothing is recorded about this record yet."))
        self.empty.setVisible(not steps)

    def rows(self) -> list[list[str]]:
        """What the table shows, newest first (as a person reads it)."""
        cells = self.table.item
        return [
            [
                item.text() if (item := cells(r, c)) is not None else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]

    @classmethod
    def show_for(cls, parent: QWidget | None, ctx: AppContext, uid: str, title: str) -> None:
        dialog = cls(ctx, uid, title, parent)
        dialog.exec()
        dialog.deleteLater()
