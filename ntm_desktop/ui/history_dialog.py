"""A record's history: when (Vietnam time), who, what was done, and each field from what to what."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.vntime import format_vn
from ntm_desktop.services.history import Step
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.fit import fit_to_screen
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.rows_table import RowsTable


def changes_text(step: Step) -> str:
    """One line per field: "Nội dung: cũ → mới"."""
    return "\n".join(f"{c.field}: {c.before} → {c.after}" for c in step.changes)


def history_columns() -> list[Column]:
    return [
        Column(tr("When"), lambda s: format_vn(s.at, seconds=False), sort=lambda s: s.at, top=True),
        Column(tr("By"), lambda s: s.actor, top=True),
        Column(tr("What was done"), lambda s: s.what, top=True),
        Column(tr("What changed"), changes_text, top=True),
    ]


class HistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, uid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History of “{title}”", title=title))
        self.table = RowsTable(history_columns(), stretch=3)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
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
        self.table.set_rows(list(reversed(steps)))  # the newest first
        self.table.resizeRowsToContents()
        self.empty.setText(tr("Nothing is recorded about this record yet."))
        self.empty.setVisible(not steps)

    def rows(self) -> list[list[str]]:
        """What the table shows, newest first (as a person reads it)."""
        return self.table.texts()

    @classmethod
    def show_for(cls, parent: QWidget | None, ctx: AppContext, uid: str, title: str) -> None:
        dialog = cls(ctx, uid, title, parent)
        dialog.exec()
        dialog.deleteLater()
