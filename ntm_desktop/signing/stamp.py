"""The visible signatures: the signer's (their signature picture, or a framed text stamp) and the seal.

NĐ 30/2020 (Phụ lục I) for an electronic document: the signer's signature picture (blue PNG) in the
signature box, then the organisation's seal picture (red PNG) over about a third of it on its left, with
the organisation's name and the time (ISO 8601, Vietnam time) in 10 pt. So the room left for the
signature is split: its left part (``seal_width``) is the seal's field, reserved when the signer signs;
the signer's picture starts under the seal's right third, and the signer's text stays clear of the seal.

pyHanko's own text stamps use a font without Vietnamese letters, so each stamp is laid out by reportlab
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
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as RLParagraph

from ntm_desktop.core import vntime
from ntm_desktop.export.pdf.fonts import FontFamily, find_font_family, register
from ntm_desktop.signing.signers import Identity

STAMP_SIZE = 10  # NĐ 30/2020: digital-signature information in 10 pt, upright, black
MIN_SIZE = 6
PADDING = 4
BORDER = 0.8
INK = (0.05, 0.2, 0.55)  # the blue of a signature, for the frame
SEAL_SHARE = 0.42
"""The seal's field takes this share of the signature room's width, on its left."""

Lines = list[tuple[str, bool]]
"""(text, bold) lines of a stamp. A line starting with a time is kept on one line (shrunk to fit)."""


def seal_width(width: float, height: float) -> float:
    """How much of the signature room, from its left edge, is the seal's."""
    return min(width * SEAL_SHARE, height * 1.25)


def stamp_lines(identity: Identity, when: dt.datetime) -> Lines:
    """(text, bold) lines of the framed stamp, in Vietnamese as the document is."""
    lines = [("Ký bởi: " + identity.name, True)]
    if identity.title:
        lines.append(("Chức vụ: " + identity.title, False))
    if identity.organisation:
        lines.append(("Cơ quan: " + identity.organisation, False))
    return lines + time_lines(when)


def time_lines(when: dt.datetime) -> Lines:
    """ "Thời gian ký:" and the time on a line of its own, so the time need not be shrunk or cut."""
    return [("Thời gian ký:", False), (vntime.format_vn(when), False)]


def _paragraphs(lines: Lines, family: FontFamily, size: float, align: int) -> list[RLParagraph]:
    style = ParagraphStyle(
        "stamp", fontName=family.face_name(), fontSize=size, leading=size * 1.2, alignment=align
    )
    bold = style.clone("stamp_bold", fontName=family.face_name(bold=True))
    return [RLParagraph(escape(text), bold if strong else style) for text, strong in lines]


def _whole_line_size(lines: Lines, family: FontFamily, width: float) -> float:
    """The largest size at which every time line fits on one line (a time cut in two is misread)."""
    size = float(STAMP_SIZE)
    for text, bold in lines:
        if _is_time(text):
            one_point = stringWidth(text, family.face_name(bold=bold), 1)
            size = min(size, width / one_point - 0.05)
    return max(size, MIN_SIZE)


def _is_time(text: str) -> bool:
    return text[:2].isdigit()


def _fit(
    lines: Lines, family: FontFamily, width: float, height: float, align: int = TA_LEFT
) -> tuple[list[RLParagraph], list[float]]:
    """The lines at 10 pt, smaller only if they would not fit ``width`` × ``height`` (never below 6 pt)."""
    size = _whole_line_size(lines, family, width)
    while True:
        paragraphs = _paragraphs(lines, family, size, align)
        heights = [p.wrap(width, height)[1] for p in paragraphs]
        if sum(heights) <= height or size <= MIN_SIZE:
            return paragraphs, heights
        size = max(MIN_SIZE, size - 0.5)


def _draw_lines(canvas: Canvas, parts: tuple[list[RLParagraph], list[float]], x: float, top: float) -> None:
    y = top
    for paragraph, h in zip(*parts, strict=True):
        y -= h
        paragraph.drawOn(canvas, x, y)


def _picture(png: bytes) -> tuple[ImageReader, float]:
    reader = ImageReader(BytesIO(png))
    width, height = reader.getSize()
    return reader, width / height


def _page(width: float, height: float) -> tuple[BytesIO, Canvas, FontFamily]:
    family = register(find_font_family())
    buffer = BytesIO()
    return buffer, Canvas(buffer, pagesize=(width, height), initialFontName=family.face_name()), family


def _finish(buffer: BytesIO, canvas: Canvas) -> bytes:
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _framed_text(
    canvas: Canvas, family: FontFamily, lines: Lines, left: float, width: float, height: float
) -> None:
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(BORDER)
    canvas.roundRect(left + BORDER, BORDER, width - left - 2 * BORDER, height - 2 * BORDER, 4)
    inner_width, inner_height = width - left - 2 * PADDING - 2, height - 2 * PADDING
    parts = _fit(lines, family, inner_width, inner_height)
    _draw_lines(canvas, parts, left + PADDING + 1, (height + sum(parts[1])) / 2)


def _signature_picture(
    canvas: Canvas, family: FontFamily, png: bytes, lines: Lines, left: float, width: float, height: float
) -> None:
    """The signer's picture starting under the seal's right third, the text under it clear of the seal."""
    parts = _fit(lines, family, width - left - PADDING, height * 0.42)
    text_height = sum(parts[1])
    _draw_lines(canvas, parts, left, text_height + 1)
    picture, ratio = _picture(png)
    room = height - text_height - 2
    w = min(room * ratio, width - PADDING - left * 2 / 3)
    h = w / ratio
    x = min(max(0.0, left - w / 3), width - PADDING - w)
    canvas.drawImage(picture, x, text_height + 2 + (room - h) / 2, w, h, mask="auto")


def stamp_pdf(
    identity: Identity,
    when: dt.datetime,
    width: float,
    height: float,
    *,
    picture: bytes | None = None,
    left: float = 0.0,
) -> bytes:
    """A one-page PDF exactly ``width`` × ``height`` points with the signer's stamp on it.

    Without a picture: a frame with who signed, as what, for whom and when. With the signer's signature
    picture: the picture, and under it who signed and when. ``left`` is kept clear for the seal.
    """
    buffer, canvas, family = _page(width, height)
    if picture is None:
        _framed_text(canvas, family, stamp_lines(identity, when), left, width, height)
    else:
        lines = [("Ký bởi: " + identity.name, True), *time_lines(when)]
        _signature_picture(canvas, family, picture, lines, left, width, height)
    return _finish(buffer, canvas)


def seal_lines(holder: str, when: dt.datetime) -> Lines:
    """The organisation's name and the time as NĐ 30 shows it: ``2026-01-05T09:30:00+07:00``."""
    return [(holder, True), (vntime.iso_vn(when), False)]


def seal_stamp_pdf(
    holder: str, when: dt.datetime, width: float, height: float, picture: bytes | None
) -> bytes:
    """The seal's field: the seal picture (if any) above the organisation's name and the time."""
    buffer, canvas, family = _page(width, height)
    parts = _fit(seal_lines(holder, when), family, width - 2, height * 0.45, TA_CENTER)
    text_height = sum(parts[1])
    _draw_lines(canvas, parts, 1, text_height + 1)
    if picture is not None:
        image, ratio = _picture(picture)
        room = height - text_height - 2
        w = min(width, room * ratio)
        h = w / ratio
        # at the right of its field, so it lies over the left third of the signer's picture
        canvas.drawImage(image, width - w, text_height + 2 + (room - h) / 2, w, h, mask="auto")
    return _finish(buffer, canvas)


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


def page_style(page: bytes) -> StaticStampStyle:
    """A pyHanko stamp style that shows ``page`` (a one-page PDF) as the field's appearance."""
    return StaticStampStyle(background=_PdfPageContent(page), background_opacity=1.0, border_width=0)


def stamp_style(
    identity: Identity,
    when: dt.datetime,
    width: float,
    height: float,
    *,
    picture: bytes | None = None,
    left: float = 0.0,
) -> StaticStampStyle:
    return page_style(stamp_pdf(identity, when, width, height, picture=picture, left=left))
