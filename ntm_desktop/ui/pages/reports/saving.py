"""The Reports page's "Save as…", "Save as Excel…" and "Save a Word copy…": where to (each ``ask_*`` is
replaced by the tests), then the copy made on a worker. Mixed into
:class:`~ntm_desktop.ui.pages.reports.page.ReportsPage`, which owns the form, the report shown and the
status line these use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.context import AppContext
from ntm_desktop.ui.pages.reports import jobs
from ntm_desktop.ui.pages.reports.form import ReportForm
from ntm_desktop.ui.widgets.fields import InlineMessage


def ending_in(path: Path, suffix: str) -> Path:
    """``path``, with ``suffix`` added when the officer typed the name without it."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class ReportSaving:
    """Needs from its host page the attributes and methods declared here."""

    ctx: AppContext
    form: ReportForm
    shown: jobs.Shown | None
    status: QLabel
    message: InlineMessage

    @property
    def _page(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _enable(self, busy: bool = False) -> None:
        raise NotImplementedError

    def _failed(self, exc: BaseException) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to save (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self._page, tr("Save the report"), suggested, tr("PDF files (*.pdf)")
        )
        return Path(path) if path else None

    def save_as(self) -> None:
        if self.shown is None:
            return
        made = self.shown.made
        name = self.form.suggested_name()
        if made.signed is not None:
            name = name.replace(".pdf", "-da-ky.pdf")
        target = self.ask_save_path(name)
        if target is None:
            return
        target = ending_in(target, ".pdf")
        self.ctx.tasks.run(
            lambda: jobs.save_copy(made.path, target),
            lambda saved: self.status.setText(tr("Saved in {path}", path=str(saved))),
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self._page,
        )

    def ask_xlsx_path(self, suggested: str) -> Path | None:
        """Where to save the Excel tables (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self._page, tr("Save the tables as Excel"), suggested, tr("Excel files (*.xlsx)")
        )
        return Path(path) if path else None

    def save_excel(self) -> None:
        """The year's summary tables (the summary report's) as an .xlsx file."""
        year = self.form.state.year
        target = self.ask_xlsx_path(f"tong-hop-ntm-{year}.xlsx")
        if target is None:
            return
        target = ending_in(target, ".xlsx")
        ws = self.ctx.ws
        self._enable(busy=True)
        self.ctx.tasks.run_db(
            lambda: jobs.save_summary_xlsx(ws, target, year),
            self._excel_saved,
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self._page,
        )

    def _excel_saved(self, saved: Path) -> None:
        self._enable()
        self.status.setText(tr("Saved in {path}", path=str(saved)))

    def ask_docx_path(self, suggested: str) -> Path | None:
        """Where to save the Word copy (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(
            self._page, tr("Save a Word copy"), suggested, tr("Word documents (*.docx)")
        )
        return Path(path) if path else None

    def save_word(self) -> None:
        """The report chosen in the form as an editable .docx (made from the data now, never signed)."""
        try:
            request = self.form.request()
        except NtmError as exc:
            self.message.show_message(exc.message)
            return
        target = self.ask_docx_path(self.form.suggested_name().removesuffix(".pdf") + ".docx")
        if target is None:
            return
        target = ending_in(target, ".docx")
        self.flush()  # the section being typed goes into the copy
        ws = self.ctx.ws
        self._enable(busy=True)
        self.ctx.tasks.run_db(
            lambda: jobs.word_copy(ws, request, target),
            self._word_saved,
            on_failure=self._failed,
            handles=(BaseException,),
            owner=self._page,
        )

    def _word_saved(self, saved: Path) -> None:
        self._enable()
        self.status.setText(tr("Saved the Word copy in {path}", path=str(saved)))
