"""The visible signature: a small framed stamp with who signed, as what, for whom, and when.

pyHanko's own text stamps use a font without Vietnamese letters, so the stamp is laid out by reportlab
in the document's font and handed to pyHanko as a ready page, shown in the signature field.
"""

from __future__ import annotations

import binascii
import datetime as dt
import uuid
from io import BytesIO
from xml.sax.saxutils import escape

from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as RLParagraph

from ntm_desktop.core import vntime
from ntm_desktop.export.pdf.fonts import FontFamily, find_font_family, register
from ntm_desktop.signing.signers import Identity

STAMP_SIZE = 10  # NĐ 30/2020: digital-signature information in 10 pt, upright, black
MIN_SIZE = 6
PADDING = 6
BORDER = 0.8
INK = (0.05, 0.2, 0.55)  # the blue of a signature, for the frame


def stamp_lines(identity: Identity, when: dt.datetime) -> list[tuple[str, bool]]:
    """(text, bold) lines of the stamp, in Vietnamese as the document is."""
    lines = [("Ký bởi: " + identity.name, True)]
    if identity.title:
        lines.append(("Chức vụ: " + identity.title, False))
    if identity.organisation:
        lines.append(("Cơ quan: " + identity.organisation, False))
    lines.append(("Thời gian ký: " + vntime.format_vn(when), False))
    return lines


def _paragraphs(lines: list[tuple[str, bool]], family: FontFamily, size: float) -> list[RLParagraph]:
    style = ParagraphStyle(
        "stamp", fontName=family.face_name(), fontSize=size, leading=size * 1.2, alignment=TA_LEFT
    )
    bold = style.clone("stamp_bold", fontName=family.face_name(bold=True))
    return [RLParagraph(escape(text), bold if strong else style) for text, strong in lines]


def stamp_pdf(identity: Identity, when: dt.datetime, width: float, height: float) -> bytes:
    """A one-page PDF exactly ``width`` × ``height`` points with the stamp drawn on it.

    The text is 10 pt, smaller only if a long name or agency would not fit, and centred in the frame.
    """
    family = register(find_font_family())
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=family.face_name())
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(BORDER)
    canvas.roundRect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER, 4)
    inner_width, inner_height = width - 2 * PADDING, height - 2 * PADDING
    lines = stamp_lines(identity, when)
    size = float(STAMP_SIZE)
    while True:
        paragraphs = _paragraphs(lines, family, size)
        heights = [p.wrap(inner_width, inner_height)[1] for p in paragraphs]
        if sum(heights) <= inner_height or size <= MIN_SIZE:
            break
        size -= 0.5
    y = (height + sum(heights)) / 2
    for paragraph, h in zip(paragraphs, heights, strict=True):
        y -= h
        paragraph.drawOn(canvas, PADDING, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _PdfPageContent(PdfContent):
    """The first page of an in-memory PDF as a form XObject (pyHanko's ImportedPdfPage wants a file)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(BytesIO(self.data)), page_ix=0)
        name = b"/Stamp" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def stamp_style(identity: Identity, when: dt.datetime, width: float, height: float) -> StaticStampStyle:
    return StaticStampStyle(
        background=_PdfPageContent(stamp_pdf(identity, when, width, height)),
        background_opacity=1.0,
        border_width=0,
    )
