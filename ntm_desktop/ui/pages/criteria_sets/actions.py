"""The set editor's actions: a new set, Excel in and out (a preview listing every problem by its cell
before anything is stored), and the comparison of two revisions. File choices go through methods tests
replace."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.diff import diff_sets
from ntm_desktop.criteria.loading import set_to_dict
from ntm_desktop.export.criteria_xlsx import SetPreview, apply, preview, write_set
from ntm_desktop.ui.pages.criteria_sets.host import SetsHost
from ntm_desktop.ui.typed_work import GuardedDialog
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.file_choice import open_path, save_path

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

XLSX_FILTER = "Excel (*.xlsx)"
SetsPage = Any
"""The criteria-sets page (``page.SetsPage``, which imports this module: named here, not imported)."""


class SetImportPreview(QDialog):
    """What importing the workbook would store: the set, what changes, or every problem by its cell."""

    def __init__(self, pv: SetPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pv = pv
        self.setWindowTitle(tr("Import a criteria set from Excel: check before importing"))
        self.setMinimumSize(760, 460)
        self.lines = QListWidget()
        self.lines.addItems(pv.text().splitlines())
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            tr("Import the set"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(pv.ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        verdict = (
            tr("No problems found. Nothing is written until you press “Import”.")
            if pv.ok
            else trn(
                "{n} problem: fix it in the file, then import it again. Nothing was imported.",
                "{n} problems: fix them in the file, then import it again. Nothing was imported.",
                len(pv.problems),
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines, 1)
        layout.addWidget(label(verdict, "" if pv.ok else "error"))
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, pv: SetPreview) -> bool:
        return cls(pv, parent).exec() == QDialog.DialogCode.Accepted and pv.ok


class RevisionsDialog(QDialog):
    """Two revisions of a set side by side: what changed from the first to the second."""

    def __init__(self, ws: Workspace, set_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.set_id = ws, set_id
        self.setWindowTitle(tr("Compare revisions of {id}", id=set_id))
        self.setMinimumSize(820, 480)
        revisions = ws.criteria.revisions(set_id)
        self.first, self.second = QComboBox(), QComboBox()
        for number, origin, note in revisions:
            text = tr("Revision {revision} ({origin})", revision=number, origin=origin_name(origin))
            self.first.addItem(text + (f" — {note}" if note else ""), number)
            self.second.addItem(text + (f" — {note}" if note else ""), number)
        self.first.setCurrentIndex(max(len(revisions) - 2, 0))
        self.second.setCurrentIndex(len(revisions) - 1)
        self.changes = QListWidget()
        self.changes.setWordWrap(True)
        for box in (self.first, self.second):
            box.currentIndexChanged.connect(lambda _: self.compare())
        form = QFormLayout()
        form.addRow(tr("From revision"), self.first)
        form.addRow(tr("To revision"), self.second)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.changes, 1)
        layout.addWidget(close)
        self.compare()

    def compare(self) -> None:
        old = self.ws.criteria.get(self.set_id, int(self.first.currentData()))
        new = self.ws.criteria.get(self.set_id, int(self.second.currentData()))
        lines = [c.line for c in diff_sets(old, new)]
        self.changes.clear()
        self.changes.addItems(lines or [tr("No difference.")])


def origin_name(origin: str) -> str:
    names = {
        "builtin": tr("shipped with the app"),
        "file": tr("loaded from a file"),
        "xlsx": tr("imported from Excel"),
        "edited": tr("edited here"),
        "sync": tr("sent by the receiving unit"),
    }
    return names.get(origin, origin)


class NewSetDialog(GuardedDialog):
    """A new set, starting from a copy of one the data file holds (e.g. the national 2026–2030 set)."""

    def __init__(self, page: SetsHost) -> None:
        super().__init__(page)
        self.setWindowTitle(tr("New criteria set"))
        self.base = QComboBox()
        for info in page.infos:
            self.base.addItem(f"{info.name_vi} ({info.id})", info.id)
        self.base.setCurrentIndex(max(self.base.findData(page.sets.currentData()), 0))
        self.set_id = QLineEdit()
        self.set_id.setPlaceholderText("tinh-19-ntm-xa-2026-2030")
        self.name = QLineEdit()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Start from"), self.base)
        form.addRow(tr("Set id"), self.set_id)
        form.addRow(tr("Name"), self.name)
        form.addRow(buttons)


def new_set(page: SetsHost) -> None:
    dialog = NewSetDialog(page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    base = page.ctx.ws.criteria.get(str(dialog.base.currentData()))
    data = copy.deepcopy(set_to_dict(base))
    data.update(
        id=clean(dialog.set_id.text()), name_vi=clean(dialog.name.text()) or data["name_vi"], revision=1
    )
    page.open_set(data, new=True)


def ask_save_path(page: SetsHost, suggested: str) -> Path | None:
    return save_path(page, tr("Export the criteria set to Excel"), suggested, XLSX_FILTER, ".xlsx")


def ask_open_path(page: SetsHost) -> Path | None:
    return open_path(page, tr("Import a criteria set from Excel"), XLSX_FILTER)


def export_excel(page: SetsHost) -> None:
    set_id = page.sets.currentData()
    if not set_id:
        return
    path = ask_save_path(page, str(page.ctx.ws.folder / f"{set_id}.xlsx"))
    if path is None:
        return
    cs = page.ctx.ws.criteria.get(str(set_id))
    page.ctx.tasks.run_db(
        lambda: write_set(cs, path),
        lambda _: page.state.setText(tr("Saved to {path}", path=str(path))),
        on_failure=page.ctx.tasks.report,
        handles=(NtmError,),
    )


def import_excel(page: SetsHost) -> None:
    path = ask_open_path(page)
    if path is None:
        return
    page.ctx.tasks.run_db(
        lambda: preview(page.ctx.ws, path),
        lambda pv: _previewed(page, pv),
        on_failure=page.ctx.tasks.report,
        handles=(NtmError,),
    )


def _previewed(page: SetsHost, pv: SetPreview) -> None:
    if not SetImportPreview.ask(page, pv) or pv.cs is None:
        return
    set_id = pv.cs.id

    def change(ws: Workspace) -> Changes:
        return apply(ws, pv)[1]

    page.ctx.mutate(change, lambda _: page.reload_sets(set_id), owner=page)


def compare(page: SetsHost) -> None:
    set_id = page.sets.currentData()
    if set_id:
        RevisionsDialog(page.ctx.ws, str(set_id), page).exec()
