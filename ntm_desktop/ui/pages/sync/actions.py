"""What the Sync page's buttons do: write a bundle or receipts to the USB stick, and take bundles in
(check them all, show the preview, import what the officer chose). Everything runs on the database
worker with progress; every refusal goes down the one error path with its own message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from ntm_desktop.core.drives import default_folder
from ntm_desktop.core.errors import BundleRejected, Conflict
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.sync.exported import ExportResult
from ntm_desktop.sync.labels import unit_label
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.sync.export_dialog import ExportDialog
from ntm_desktop.ui.pages.sync.jobs import (
    BUNDLE_SUFFIX,
    Applied,
    Inspection,
    apply_imports,
    inspect_files,
    rejection,
)
from ntm_desktop.ui.pages.sync.national_send import ask_national, write_national
from ntm_desktop.ui.pages.sync.preview_dialog import PreviewDialog
from ntm_desktop.ui.pages.sync.wording import counts_line, size_text
from ntm_desktop.ui.progress_dialog import run_with_progress
from ntm_desktop.ui.tasks import Report

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

BUNDLE_FILTER = "NTM sync (*.ntmsync)"

Progress = Callable[[int, int, str], None]


def written_text(results: Sequence[ExportResult]) -> str:
    """What was written where: the file, its size, and what is in it."""
    lines = []
    for r in results:
        lines.append(tr("Written: {path} ({size})", path=str(r.path), size=size_text(r.size)))
        if r.kind == "receipt":
            lines.append(
                "    "
                + tr(
                    "Receipt for {unit}: confirms {bundles}, {records}",
                    unit=unit_label(r.receiver, r.receiver_name),
                    bundles=trn("{n} bundle", "{n} bundles", r.counts.get("bundles", 0)),
                    records=trn("{n} record", "{n} records", r.counts.get("records", 0)),
                )
            )
            continue
        what = tr("all records") if r.full else tr("changes not yet confirmed")
        lines.append("    " + tr("Bundle no. {sequence} · {what}", sequence=r.sequence, what=what))
        lines.append(
            "    " + (counts_line(r.counts) if r.records or r.kind != "records" else r.nothing_new_text())
        )
        if r.files:
            lines.append("    " + tr("Evidence files: {count}", count=r.files))
    return "\n".join(lines)


def applied_text(done: Applied) -> str:
    imported = [o for o in done.outcomes if o.status == "imported"]
    lines = [trn("Imported {n} bundle.", "Imported {n} bundles.", len(imported))] if imported else []
    if done.not_started:
        lines.append(
            trn(
                "Cancelled: {n} file was not imported; import it again later.",
                "Cancelled: {n} files were not imported; import them again later.",
                done.not_started,
            )
        )
    lines += [f"{o.path.name}: {o.message}" for o in done.outcomes if o.status == "already-imported"]
    lines += [r.text() for r in done.receipts]
    if done.conflicts:
        lines.append(
            trn(
                "{n} record is in conflict: choose a version under Conflicts.",
                "{n} records are in conflict: choose a version under Conflicts.",
                done.conflicts,
            )
        )
    lines += [g.text() for g in done.gaps]
    return "\n".join(lines) or tr("Nothing was imported.")


class SyncActions:
    """The page's controller. Busy while a job runs; ``progress`` and ``notify`` speak to the page."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        progress: Progress,
        notify: Callable[[str], None],
        set_busy: Callable[[bool], None],
    ) -> None:
        self.ctx, self.parent = ctx, parent
        self.progress, self.notify, self.set_busy = progress, notify, set_busy
        self.folder = default_folder(ctx.ws.folder)  # a USB stick when one is plugged in

    # ---- file choices (tests replace these) ------------------------------------------------------

    def ask_bundles(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self.parent, tr("Choose the bundles to import"), str(self.folder), BUNDLE_FILTER
        )
        return [Path(n) for n in names]

    # ---- writing ---------------------------------------------------------------------------------

    def export_bundle(self, pending: int) -> None:
        choice = ExportDialog.ask(
            self.parent,
            tr("Export a sync bundle"),
            tr("Choose the USB stick (or a folder) to write the signed bundle into."),
            self.folder,
            [tr("Only the changes not yet confirmed ({n})", n=pending), tr("All the commune's records")],
        )
        if choice is None:
            return
        self.folder = choice.folder
        full = choice.option == 1
        self._write(lambda ws: [ws.sync.export(choice.folder, full=full)])

    def export_receipts(self, units: Sequence[tuple[str, str]]) -> None:
        if not self._certified():
            return
        choice = ExportDialog.ask(
            self.parent,
            tr("Export receipts"),
            tr(
                "A receipt tells a commune which of its bundles and records this office holds, so its next "
                "bundle carries only what is new."
            ),
            self.folder,
            [
                tr("A receipt for every commune that sent bundles"),
                tr("A receipt for the commune chosen above"),
            ],
            units,
        )
        if choice is None:
            return
        self.folder = choice.folder
        unit = choice.unit if choice.option == 1 else None
        self._write(lambda ws: ws.sync.export_receipt(choice.folder, for_unit=unit))

    def export_reverse(self, units: Sequence[tuple[str, str]]) -> None:
        if not self._certified():
            return
        choice = ExportDialog.ask(
            self.parent,
            tr("Send a bundle back to a commune"),
            tr(
                "The bundle carries this office's correction requests, the criteria sets in use and the "
                "conflicts settled here, for the chosen commune."
            ),
            self.folder,
            (),
            units,
        )
        if choice is None or choice.unit is None:
            return
        self.folder = choice.folder
        unit = choice.unit
        self._write(lambda ws: [ws.sync.export_reverse(choice.folder, unit)])

    def export_national(self) -> None:
        """A province office: the year's roll-up for the national office (``bundle export --to national``)."""

        def said(text: str) -> None:
            self.set_busy(False)
            self.progress(1, 1, "")
            self.notify(text)

        choice = ask_national(self.parent, self.folder) if self._certified() else None
        if choice is None:
            return
        self.folder = choice.folder
        self.set_busy(True)
        self.progress(0, 0, tr("Writing the file…"))
        write_national(self.ctx, self.parent, choice, said, self._failed)

    def _certified(self) -> bool:
        """An office whose office key has not certified this computer: say so (the error dialog) before
        the clerk chooses a folder; whoever trusts that key would refuse what this computer signs."""
        try:
            self.ctx.ws.sync.require_certified()
        except Conflict as exc:
            self.ctx.tasks.report(exc)
            return False
        return True

    def _write(self, job: Callable[[Workspace], list[ExportResult]]) -> None:
        ws = self.ctx.ws
        self.set_busy(True)
        self.progress(0, 0, tr("Writing the file…"))
        self.ctx.tasks.run_db(
            lambda: job(ws), self._written, on_failure=self._failed, handles=(Exception,), owner=self.parent
        )

    def _written(self, results: list[ExportResult]) -> None:
        self.set_busy(False)
        self.progress(1, 1, "")
        self.notify(written_text(results))
        for r in results:
            self.ctx.hub.announce(r.changes)

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.progress(1, 1, "")
        self.ctx.tasks.report(exc)

    # ---- taking in -------------------------------------------------------------------------------

    def import_chosen(self) -> None:
        paths = self.ask_bundles()
        if paths:
            self.take_in(paths)

    def take_in(self, paths: Sequence[Path]) -> None:
        """Check every file, show what importing them would do, and import what the officer confirms."""
        bundles = [p for p in paths if p.suffix.lower() == BUNDLE_SUFFIX]
        others = [p.name for p in paths if p.suffix.lower() != BUNDLE_SUFFIX]
        if others:
            self.ctx.tasks.report(
                BundleRejected(
                    tr("Only sync bundles (.ntmsync) can be imported here: {files}", files=", ".join(others))
                )
            )
        if not bundles:
            return
        self.folder = bundles[0].parent
        ws = self.ctx.ws
        self.set_busy(True)
        run_with_progress(
            self.ctx.tasks,
            self.parent,
            tr("Checking the bundles"),
            lambda report: inspect_files(ws, bundles, report),
            self._inspected,
            cancellable=True,  # only reading: stopping changes nothing
            on_failure=self._failed,
            handles=(Exception,),
            on_cancelled=self._stopped,
        )

    def _stopped(self) -> None:
        self.set_busy(False)
        self.notify(tr("Nothing was imported."))

    def _inspected(self, inspection: Inspection) -> None:
        self.set_busy(False)
        self.progress(1, 1, "")
        if inspection.unreadable:
            self.ctx.tasks.report(rejection(inspection.unreadable))
        if not inspection.found:
            return
        chosen = PreviewDialog.ask(self.parent, inspection.found)
        if not chosen:
            self.notify(tr("Nothing was imported."))
            return
        ws = self.ctx.ws
        self.set_busy(True)

        def job(report: Report) -> Applied:
            return apply_imports(ws, chosen, report)

        run_with_progress(  # Cancel stops between bundles: each is imported whole, in its own transaction
            self.ctx.tasks,
            self.parent,
            tr("Importing bundles"),
            job,
            self._applied,
            cancellable=True,
            keep_partial=True,
            on_failure=self._failed,
            handles=(Exception,),
        )

    def _applied(self, done: Applied) -> None:
        self.set_busy(False)
        self.progress(1, 1, "")
        self.notify(applied_text(done))
        self.ctx.hub.announce(done.changes)
        refused = done.rejected
        if refused:
            message = "\n".join(f"{o.path.name}: {o.message}" for o in refused)
            self.ctx.tasks.report(BundleRejected(message if len(refused) > 1 else refused[0].message))
