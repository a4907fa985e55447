"""A PDF's pages as pictures (PDFium through pypdfium2): the preview on the Reports page, and printing.

PySide6's own QtPdf is not in the PyPI wheels, so pages are rasterised with pypdfium2 into ``QImage``s.
:func:`page_images` runs on a worker thread (a ``QImage`` is plain data, not a widget); PDFium is not
thread-safe, so one lock serialises it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsDropShadowEffect, QLabel, QScrollArea, QVBoxLayout, QWidget

from ntm_desktop.core.errors import NtmError
from ntm_desktop.core.i18n import tr

PREVIEW_DPI = 110
MARGIN = 24
_LOCK = threading.Lock()
_FORMATS = {
    "BGR": QImage.Format.Format_BGR888,
    "BGRA": QImage.Format.Format_ARGB32,
    "BGRX": QImage.Format.Format_RGB32,
    "L": QImage.Format.Format_Grayscale8,
}


class PreviewFailed(NtmError):
    exit_code = 4


def page_images(path: Path, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Every page of the PDF at ``path`` drawn at ``dpi``, with form fields (the signature stamp)."""
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError) as exc:
            raise PreviewFailed(
                tr("The pages of {name} cannot be shown: {reason}", name=path.name, reason=exc), repr(exc)
            ) from exc
        try:
            pdf.init_forms()
            return [_draw(pdf[i], dpi) for i in range(len(pdf))]
        finally:
            pdf.close()


def _draw(page: pdfium.PdfPage, dpi: float) -> QImage:
    try:
        bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
        fmt = _FORMATS[bitmap.mode]
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
        return image.copy()  # the bitmap's memory goes away with it
    finally:
        page.close()


class PagesView(QScrollArea):
    """The pages one under another on a grey desk, like a print preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.desk = QWidget()
        self.desk.setObjectName("reportDesk")
        self.desk.setStyleSheet("QWidget#reportDesk { background: #d9dcdb; }")
        self._column = QVBoxLayout(self.desk)
        self._column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._column.setSpacing(18)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty = QLabel(tr("Choose a report and press “Make the report” to see its pages here."))
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column.addWidget(self.empty)
        self.pages: list[QLabel] = []
        self.images: list[QImage] = []
        self.setWidget(self.desk)

    def _width(self) -> int:
        """Pages fit the width of the view (never drawn larger than they were rendered)."""
        room = self.viewport().width() - 2 * MARGIN
        return max(200, min(room, max((i.width() for i in self.images), default=room)))

    def _picture(self, image: QImage) -> QPixmap:
        return QPixmap.fromImage(
            image.scaledToWidth(self._width(), Qt.TransformationMode.SmoothTransformation)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for sheet, image in zip(self.pages, self.images, strict=True):
            sheet.setPixmap(self._picture(image))

    def show_pages(self, images: list[QImage]) -> None:
        self.clear_pages()
        self.empty.setVisible(False)
        self.images = list(images)
        for number, image in enumerate(images, start=1):
            sheet = QLabel()
            sheet.setPixmap(self._picture(image))
            sheet.setAccessibleName(tr("Page {n}", n=number))
            sheet.setStyleSheet("background: white;")
            shadow = QGraphicsDropShadowEffect(sheet)
            shadow.setBlurRadius(12)
            shadow.setOffset(0, 2)
            sheet.setGraphicsEffect(shadow)
            self._column.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(sheet)
        self.verticalScrollBar().setValue(0)

    def clear_pages(self) -> None:
        for sheet in self.pages:
            self._column.removeWidget(sheet)
            sheet.deleteLater()
        self.pages = []
        self.images = []
        self.empty.setVisible(True)
