"""Báo cáo: make a report, look at its pages, sign it, save it, print it, save a Word copy; write the yearly
report's text section by section (the "Report text" tab); check a signed PDF.

A commune makes its own reports; a receiving unit (``kinds=RECEIVER_KINDS``) makes the year's summary of its
communes, and can also save the same tables as an Excel file.

The report is made in a temporary folder the page owns; "Save as…" copies it where the officer wants.
Work runs through the app's task helper: gathering on the database worker, the rest on the other pool.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.export.pdf import OfficialDocument
from ntm_desktop.reports import KeySource
from ntm_desktop.signing import VerifyResult
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.base import Page
from ntm_desktop.ui.pages.reports import jobs
from ntm_desktop.ui.pages.reports.certificate_dialog import CertificateDialog, signing_identity
from ntm_desktop.ui.pages.reports.check_card import CheckCard
from ntm_desktop.ui.pages.reports.form import COMMUNE, COMMUNE_KINDS, SUMMARY, SUPPORTER, ReportForm
from ntm_desktop.ui.pages.reports.pictures import PicturesBox
from ntm_desktop.ui.pages.reports.preview import PagesView
from ntm_desktop.ui.pages.reports.printing import print_report
from ntm_desktop.ui.pages.reports.saving import ReportSaving
from ntm_desktop.ui.pages.reports.sections import SectionsEditor
from ntm_desktop.ui.pages.reports.sign_dialog import SignDialog
from ntm_desktop.ui.progress_dialog import run_with_progress
from ntm_desktop.ui.widgets.fields import InlineMessage, card, label
from ntm_desktop.ui.year import YearState

WATCHED = (
    Kind.UNIT,
    Kind.PROGRESS,
    Kind.CRITERIA,
    Kind.SUPPORTERS,
    Kind.HELP,
    Kind.CADRES,
    Kind.EVENTS,
    Kind.NARRATIVES,
)


class ReportsPage(ReportSaving, Page):
    def __init__(
        self,
        ctx: AppContext,
        year: YearState,
        kinds: Sequence[str] = COMMUNE_KINDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._folder = tempfile.TemporaryDirectory(prefix="ntm-reports-")
        self._serial = 0
        self.shown: jobs.Shown | None = None
        self.key_file = ""
        self.form = ReportForm(year, kinds)
        self.form.changed.connect(self._stale)
        self.make = QPushButton(tr("Make the report"))
        self.make.setDefault(True)
        self.make.clicked.connect(self.generate)
        self.sign_button = QPushButton(tr("Sign…"))
        self.sign_button.clicked.connect(self.sign)
        self.seal_button = QPushButton(tr("Seal…"))
        self.seal_button.setToolTip(tr("The văn thư adds the organisation's signature and seal"))
        self.seal_button.clicked.connect(self.seal)
        self.pictures = PicturesBox(ctx, self._signer_name)
        self.save_button = QPushButton(tr("Save as…"))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(tr("Print…"))
        self.print_button.clicked.connect(self.print_)
        self.excel_button = QPushButton(tr("Save the tables as Excel…"))
        self.excel_button.clicked.connect(self.save_excel)
        self.excel_button.setVisible(SUMMARY in self.form.kinds)
        self.word_button = QPushButton(tr("Save a Word copy…"))
        self.word_button.setToolTip(
            tr("The same report as a Word file (.docx) to polish; the signed PDF stays the official copy")
        )
        self.word_button.clicked.connect(self.save_word)
        self.sections = SectionsEditor(ctx, year.year) if COMMUNE in self.form.kinds else None
        self.tabs = QTabWidget()
        self.key_button = QPushButton(tr("New signing key…"))
        self.key_button.setToolTip(
            tr("Make a key file (.p12) to sign reports with, protected by a passphrase")
        )
        self.key_button.clicked.connect(self.new_key)
        self.verify_button = QPushButton(tr("Check a signed PDF…"))
        self.verify_button.clicked.connect(self.verify_file)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(False)
        self.status = label("", "muted")
        self.message = InlineMessage()
        self.check = CheckCard()
        self.preview = PagesView()
        self.preview_title = label(tr("Preview"), "subtitle")
        self._lay_out()
        self._load_supporters()
        self._enable()
        self.destroyed.connect(self._folder.cleanup)

    # ---- layout ------------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        controls = card()
        box = QVBoxLayout(controls)
        box.setContentsMargins(18, 14, 18, 14)
        box.addWidget(label(tr("What to make"), "subtitle"))
        box.addWidget(self.form)
        box.addWidget(self.make)
        box.addWidget(self.progress)
        box.addWidget(self.status)
        box.addWidget(self.message)
        actions = QHBoxLayout()
        for button in (self.sign_button, self.seal_button, self.save_button, self.print_button):
            actions.addWidget(button)
        box.addLayout(actions)
        box.addWidget(self.pictures)
        box.addWidget(self.excel_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.word_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addSpacing(10)
        box.addWidget(label(tr("Check a report someone sent"), "subtitle"))
        box.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.check)
        box.addStretch(1)
        side = QScrollArea()
        side.setWidget(controls)
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setFixedWidth(444)
        shown = QWidget()
        right = QVBoxLayout(shown)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.preview_title)
        right.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addWidget(side)
        if self.sections is None:
            row.addWidget(shown, 1)
        else:
            self.tabs.addTab(shown, tr("Preview"))
            self.tabs.addTab(self.sections, tr("Report text"))
            self.tabs.setTabToolTip(1, tr("The yearly report's sections, as the officer writes them"))
            row.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(tr("Reports"), "title"))
        layout.addLayout(row, 1)

    # ---- state -------------------------------------------------------------------------------------

    def _enable(self, busy: bool = False) -> None:
        ready = self.shown is not None and not busy
        self.make.setEnabled(not busy)
        self.form.setEnabled(not busy)
        self.sign_button.setEnabled(ready and self.shown is not None and self.shown.made.signed is None)
        self.seal_button.setEnabled(
            ready and self.shown is not None and self.shown.made.signed is not None and not self.shown.sealed
        )
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        self.excel_button.setEnabled(not busy)
        self.word_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.message.clear_message()

    def _moved(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        self.status.setText("")
        if isinstance(exc, NtmError):
            self.message.show_message(exc.message)
        else:
            self.ctx.tasks.report(exc)

    def _stale(self) -> None:
        if self.shown is not None:
            self.status.setText(
                tr("The choices changed: press “Make the report” again to update the preview.")
            )

    def set_year(self, year: int) -> None:
        self.form.set_year(year)
        if self.sections is not None:
            self.sections.set_year(year)

    def flush(self) -> None:
        if self.sections is not None:
            self.sections.flush()

    def unsaved(self) -> str:
        return self.sections.unsaved() if self.sections is not None else ""

    def refresh(self, changes: Changes) -> None:
        if self.sections is not None:
            self.sections.refresh(changes)
        if changes.touches(Kind.SUPPORTERS):
            self._load_supporters()
        if changes.touches(Kind.SETTINGS):
            self.pictures.load()
        if changes.touches(*WATCHED) and self.shown is not None:
            self.status.setText(tr("The data changed since this preview was made. Make the report again."))

    def _load_supporters(self) -> None:
        if SUPPORTER in self.form.kinds:
            self.form.set_supporters(self.ctx.ws.supporters.list())

    def _next_path(self, suffix: str = "") -> Path:
        self._serial += 1
        name = self.form.suggested_name().removesuffix(".pdf")
        return Path(self._folder.name) / f"{name}-{self._serial}{suffix}.pdf"

    # ---- make --------------------------------------------------------------------------------------

    def generate(self) -> None:
        try:
            request = self.form.request()
        except NtmError as exc:
            self.message.show_message(exc.message)
            return
        self._enable(busy=True)
        ws, path = self.ctx.ws, self._next_path()
        run_with_progress(  # reading the years is safe to stop: nothing is written before the layout
            self.ctx.tasks,
            self,
            tr("Making the report"),
            lambda report: jobs.gather(ws, request, report),
            lambda doc: self._lay_out_pages(doc, path),
            cancellable=True,
            on_failure=self._failed,
            handles=(BaseException,),
            on_cancelled=self._cancelled,
        )

    def _cancelled(self) -> None:
        self._enable()
        self.status.setText(tr("Cancelled."))

    def _lay_out_pages(self, doc: OfficialDocument, path: Path) -> None:
        self.ctx.tasks.run(
            lambda report: jobs.lay_out(doc, path, report),
            self._show,
            on_progress=self._moved,
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self,
        )

    def _show(self, shown: jobs.Shown) -> None:
        self.shown = shown
        self.preview.show_pages(shown.pages)
        made = shown.made
        if made.signed is None:
            state = tr("not signed yet")
        else:
            when = vntime.format_vn(made.signed.signing_time)
            state = tr("signed by {name} at {time}", name=made.signed.signer_name, time=when)
            if shown.sealed:
                state += tr(", with the organisation's signature")
        self.preview_title.setText(
            trn("Preview: {n} page, {state}", "Preview: {n} pages, {state}", made.pages, state=state)
        )
        short = f"{made.data_sha256[:12]}…{made.data_sha256[-6:]}"
        self.status.setText(tr("Data fingerprint (SHA-256): {hash}", hash=short))
        self.status.setToolTip(made.data_sha256)
        if shown.check is not None:
            self.check.show_result(made.path.name, shown.check)
        self._enable()

    # ---- sign, save, print -------------------------------------------------------------------------

    def ask_key(self) -> KeySource | None:
        """The key to sign with (tests replace this)."""
        return SignDialog.ask(self, self.key_file)

    def sign(self) -> None:
        if self.shown is None:
            return
        key = self.ask_key()
        if key is None:
            return
        self.key_file = str(getattr(key, "path", "") or self.key_file)
        made, out, ws = self.shown.made, self._next_path("-da-ky"), self.ctx.ws
        self._enable(busy=True)
        self.ctx.tasks.run_db(
            lambda: jobs.signing_inputs(ws, made.signer_name),
            lambda inputs: self._run_signing(jobs.sign, made, out, key, inputs),
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self,
        )

    def seal(self) -> None:
        """The văn thư signs for the organisation, with the seal picture, in the field kept for it."""
        if self.shown is None:
            return
        key = self.ask_seal_key()
        if key is None:
            return
        made, out, ws = self.shown.made, self._next_path("-dong-dau"), self.ctx.ws
        self._enable(busy=True)
        self.ctx.tasks.run_db(
            lambda: jobs.sealing_inputs(ws),
            lambda inputs: self._run_signing(jobs.seal, made, out, key, inputs),
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self,
        )

    def _run_signing(self, job: Any, made: Any, out: Path, key: KeySource, inputs: jobs.Inputs) -> None:
        self.ctx.tasks.run(
            lambda report: job(made, out, key, inputs, report),
            self._show,
            on_progress=self._moved,
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self,
        )

    def ask_seal_key(self) -> KeySource | None:
        """The organisation's key (tests replace this)."""
        return SignDialog.ask(self, "", tr("The organisation's signature (the văn thư, with the seal)"))

    def _signer_name(self) -> str:
        return self.shown.made.signer_name if self.shown is not None else ""

    def new_key(self) -> None:
        """Make a .p12 signing key (as ``certificate new`` does); the Sign form then offers it."""
        made = CertificateDialog.ask(self, self.ctx.tasks, *signing_identity(self.ctx.ws))
        if made is not None:
            self.key_file = str(made.path)
            self.message.clear_message()
            self.status.setText(
                tr(
                    "Saved the signing key in {path}. Fingerprint: {fp}",
                    path=str(made.path),
                    fp=made.fingerprint,
                )
            )

    def print_(self) -> None:
        if self.shown is not None:
            print_report(self, self.ctx.tasks, self.shown.made.path, self._failed)

    # ---- check -------------------------------------------------------------------------------------

    def ask_pdf(self) -> Path | None:
        """The PDF to check (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, tr("Check a signed PDF"), "", tr("PDF files (*.pdf)"))
        return Path(path) if path else None

    def verify_file(self) -> None:
        path = self.ask_pdf()
        if path is None:
            return
        self.check.show_busy(path.name)
        ws = self.ctx.ws
        self.ctx.tasks.run(
            lambda: jobs.check(path, ws.signing.trusted_certificates()),
            self._checked,
            on_failure=self._check_failed,
            handles=(NtmError,),
            owner=self,
        )

    def _checked(self, result: tuple[Path, VerifyResult]) -> None:
        path, check = result
        self.check.show_result(path.name, check)

    def _check_failed(self, exc: Any) -> None:
        self.check.show_error(str(exc))
