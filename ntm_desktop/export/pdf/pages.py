"""What every page carries besides the text: the page number (from page 2 on) and the data fingerprint."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import BaseDocTemplate

from ntm_desktop.export.pdf.fonts import FontFamily
from ntm_desktop.export.pdf.styles import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN,
)

FOOTER_SIZE = 8
FINGERPRINT_LABEL = "Mã dữ liệu (SHA-256):"

PageHook = Callable[[Canvas, BaseDocTemplate], None]


def fingerprint_line(data_sha256: str) -> str:
    return f"{FINGERPRINT_LABEL} {data_sha256}"


def page_hooks(family: FontFamily, data_sha256: str) -> tuple[PageHook, PageHook]:
    """(first page, later pages): page 1 has no number; later pages have it centred in the top margin."""

    def footer(canvas: Canvas) -> None:
        canvas.setFont(family.face_name(), FOOTER_SIZE)
        canvas.setFillGray(0.25)
        y = BOTTOM_MARGIN / 2 - FOOTER_SIZE / 2
        canvas.drawCentredString(
            LEFT_MARGIN + (PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN) / 2, y, fingerprint_line(data_sha256)
        )

    def first_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        footer(canvas)
        canvas.restoreState()

    def later_pages(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(family.face_name(), BODY_SIZE)
        y = PAGE_HEIGHT - TOP_MARGIN / 2 - BODY_SIZE * 0.35
        canvas.drawCentredString(
            LEFT_MARGIN + (PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN) / 2, y, str(doc.page)
        )
        footer(canvas)
        canvas.restoreState()

    return first_page, later_pages
