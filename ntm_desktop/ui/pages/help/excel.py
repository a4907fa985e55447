"""Excel for the ledger: export it, hand out the empty template, and import a filled one.

An import is read and checked first (nothing written) and shown in :class:`ImportPreview`: how many records,
which supporters are new, and every problem by row and column. Only "Import" writes, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.export.xlsx import export_ledger, write_template
from ntm_desktop.records.excel import XlsxPreview, apply, preview
from ntm_desktop.records.result import list_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.progress_dialog import run_with_progress
from ntm_desktop.ui.widgets.fields import label
from ntm_desktop.ui.widgets.file_choice import open_path, save_path
from ntm_desktop.ui.widgets.list_model import Column
from ntm_desktop.ui.widgets.rows_table import RowsTable

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

XLSX_FILTER = "Excel (*.xlsx)"


class ImportPreview(QDialog):
    """What importing the sheet would do; "Import" only when there is no problem."""

    def __init__(self, pv: XlsxPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pv = pv
        self.setWindowTitle(tr("Import from Excel: check before importing"))
        self.setMinimumSize(760, 480)
        self.summary = label(self._summary())
        self.problems = RowsTable(
            [Column(tr("Where"), lambda r: r[0], top=True), Column(tr("Problem"), lambda r: r[1], top=True)],
            stretch=1,
        )
        self.problems.setSortingEnabled(False)  # the file's order, row by row
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(False)
        rows = [(p.path, _sentence(p.message)) for p in pv.problems]
        rows += [(w.path, tr("Warning: {text}", text=w.message)) for w in pv.warnings]
        self.problems.set_rows(rows)
        self.problems.resizeRowsToContents()
        self.verdict = label("", "error" if pv.problems else "")
        self.verdict.setText(
            trn(
                "{n} problem: fix it in the file, then import it again. Nothing was imported.",
                "{n} problems: fix them in the file, then import it again. Nothing was imported.",
                len(pv.problems),
            )
            if pv.problems
            else tr("No problems found. Nothing is written until you press “Import”.")
        )
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(
            tr("Close") if pv.problems else tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_button.setEnabled(pv.ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        self.problems.setVisible(bool(rows))
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)

    def _summary(self) -> str:
        pv = self.pv
        lines = [
            tr(
                "{file}: {records} in {lines}.",
                file=pv.path.name,
                records=trn("{n} help record", "{n} help records", pv.records, n=format_decimal(pv.records)),
                lines=trn("{n} row", "{n} rows", pv.lines, n=format_decimal(pv.lines)),
            )
        ]
        if pv.new_supporters:
            lines.append(tr("New supporters to add: {names}", names="; ".join(pv.new_supporters)))
        for name in ("help", "supporters"):
            c = pv.counts.get(name)
            if c is not None:
                lines.append(
                    tr(
                        "{list}: {created} new, {updated} updated, {unchanged} unchanged",
                        list=list_label(name),
                        created=c.created,
                        updated=c.updated,
                        unchanged=c.unchanged,
                    )
                )
        return "\n".join(lines)

    @classmethod
    def ask(cls, parent: QWidget | None, pv: XlsxPreview) -> bool:
        """True when the officer confirms the import (never when there are problems)."""
        return cls(pv, parent).exec() == QDialog.DialogCode.Accepted and pv.ok


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class ExcelActions:
    """The three Excel actions of the ledger page. File choices go through methods tests replace."""

    def __init__(self, ctx: AppContext, parent: QWidget, notify: Callable[[str], None]) -> None:
        self.ctx, self.parent, self.notify = ctx, parent, notify

    def ask_save_path(self, title: str, suggested: str) -> Path | None:
        return save_path(self.parent, title, suggested, XLSX_FILTER, ".xlsx")

    def ask_open_path(self) -> Path | None:
        return open_path(self.parent, tr("Import help from Excel"), XLSX_FILTER)

    def export(self, year: int | None) -> None:
        suggested = f"so-ho-tro-{year}.xlsx" if year else "so-ho-tro.xlsx"
        path = self.ask_save_path(tr("Export the ledger to Excel"), str(self.ctx.ws.folder / suggested))
        if path is None:
            return
        self.notify(tr("Writing {file}…", file=path.name))
        self.ctx.tasks.run_db(
            lambda: export_ledger(self.ctx.ws, path, year),
            lambda count: self.notify(
                trn(
                    "Saved {n} help record to {path}",
                    "Saved {n} help records to {path}",
                    count,
                    path=str(path),
                )
            ),
            on_failure=self._failed,
            handles=(NtmError,),
        )

    def template(self) -> None:
        path = self.ask_save_path(
            tr("Save the Excel template"), str(self.ctx.ws.folder / "mau-so-ho-tro.xlsx")
        )
        if path is None:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run_db(
            lambda: write_template(path, [s.name for s in ws.supporters.list()]),
            lambda _: self.notify(tr("Template saved to {path}", path=str(path))),
            on_failure=self._failed,
            handles=(NtmError,),
        )

    def import_file(self) -> None:
        path = self.ask_open_path()
        if path is None:
            return
        self.notify(tr("Reading {file}…", file=path.name))
        ws = self.ctx.ws
        run_with_progress(  # only reading and checking: stopping changes nothing
            self.ctx.tasks,
            self.parent,
            tr("Reading {file}…", file=path.name),
            lambda _progress: preview(ws, path),
            self._previewed,
            cancellable=True,
            on_failure=self._failed,
            handles=(NtmError,),
            on_cancelled=lambda: self.notify(tr("Nothing was imported.")),
        )

    def _previewed(self, pv: XlsxPreview) -> None:
        if not ImportPreview.ask(self.parent, pv):
            self.notify(tr("Nothing was imported."))
            return

        def change(ws: Workspace) -> Changes:
            apply(ws, pv)
            return Changes.of(Kind.HELP, Kind.SUPPORTERS, action="help.import")

        self.ctx.mutate(
            change,
            lambda _: self.notify(
                trn(
                    "Imported {n} help record from {file}",
                    "Imported {n} help records from {file}",
                    pv.records,
                    file=pv.path.name,
                )
            ),
        )

    def _failed(self, exc: BaseException) -> None:
        self.notify("")
        self.ctx.tasks.report(exc)
