"""Printing a report: the system's print dialog, then the pages drawn at the printer's resolution."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr
from ntm_desktop.ui.pages.reports.preview import page_images
from ntm_desktop.ui.tasks import TaskManager

MAX_DPI = 300


class PrintFailed(NtmError):
    exit_code = 4


def ask_printer(parent: QWidget, name: str) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(name)
    printer.setFullPage(True)  # the PDF has its own margins (NĐ 30/2020)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print the report"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_report(
    parent: QWidget, tasks: TaskManager, path: Path, on_failure: Callable[[BaseException], None]
) -> None:
    printer = ask_printer(parent, path.name)
    if printer is None:
        return
    dpi = min(printer.resolution(), MAX_DPI)
    tasks.run(
        lambda: page_images(path, dpi),
        lambda images: paint(printer, images),
        on_failure=on_failure,
        handles=(BaseException,),
        owner=parent,
    )


def paint(printer: QPrinter, images: list[QImage]) -> None:
    """Each page on its own sheet, as large as the sheet allows, centred; the dialog's page range kept."""
    first, last = printer.fromPage(), printer.toPage()
    chosen = [img for n, img in enumerate(images, start=1) if not first or first <= n <= (last or n)]
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(tr("The printer could not be opened. Check that it is on and connected."))
    try:
        for i, image in enumerate(chosen):
            if i:
                printer.newPage()
            area = painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = int(image.width() * scale), int(image.height() * scale)
            painter.drawImage(QRect((area.width() - w) // 2, (area.height() - h) // 2, w, h), image)
    finally:
        painter.end()
