"""Page geometry and type styles of Nghị định 30/2020/NĐ-CP, Phụ lục I, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm

from ntm_desktop.export.pdf.fonts import FontFamily

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 20 * mm  # 20–25 mm
BOTTOM_MARGIN = 20 * mm  # 20–25 mm
LEFT_MARGIN = 30 * mm  # 30–35 mm
RIGHT_MARGIN = 15 * mm  # 15–20 mm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

BODY_SIZE = 14  # 13–14
FIRST_LINE_INDENT = 1 * cm  # 1 cm or 1.27 cm
PARAGRAPH_GAP = 6  # at least 6 pt between paragraphs
LINE_HEIGHT = 1.2  # "single" line spacing; the decree allows up to 1.5

HEADER_LEFT_SHARE = 0.40  # the agency column; the national motto takes the rest
CLOSING_LEFT_SHARE = 0.45  # "Nơi nhận" column; the signature block takes the rest
SIGNATURE_SPACE = 34 * mm  # room for the signature picture with the seal over its left third, or the stamp
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one document, built on the chosen font family."""

    agency_parent: ParagraphStyle
    agency: ParagraphStyle
    motto_country: ParagraphStyle
    motto: ParagraphStyle
    number: ParagraphStyle
    date: ParagraphStyle
    doc_type: ParagraphStyle
    title: ParagraphStyle
    recipient_label: ParagraphStyle
    recipient: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    table_cell: ParagraphStyle
    table_unit: ParagraphStyle
    caption: ParagraphStyle
    signer: ParagraphStyle
    distribution_label: ParagraphStyle
    distribution: ParagraphStyle


def _style(name: str, font: str, size: float, align: int = TA_CENTER, **extra: float) -> ParagraphStyle:
    params = {"leading": size * LINE_HEIGHT, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, alignment=align, **params)


def build_styles(family: FontFamily) -> Styles:
    regular = family.face_name()
    bold = family.face_name(bold=True)
    italic = family.face_name(italic=True)
    bold_italic = family.face_name(bold=True, italic=True)
    body = _style(
        "body", regular, BODY_SIZE, TA_JUSTIFY, firstLineIndent=FIRST_LINE_INDENT, spaceBefore=PARAGRAPH_GAP
    )
    return Styles(
        agency_parent=_style("agency_parent", regular, 13),
        agency=_style("agency", bold, 13),
        motto_country=_style("motto_country", bold, 12),
        motto=_style("motto", bold, 13),
        number=_style("number", regular, 13, spaceBefore=4),
        date=_style("date", italic, 14, spaceBefore=4),
        doc_type=_style("doc_type", bold, 14, spaceBefore=18),
        title=_style("title", bold, 14),
        recipient_label=_style("recipient_label", regular, 14, TA_RIGHT),
        recipient=_style("recipient", regular, 14, TA_LEFT),
        body=body,
        heading=ParagraphStyle("heading", parent=body, fontName=bold, alignment=TA_LEFT),
        table_cell=_style("table_cell", regular, 12, TA_LEFT, leading=14),
        table_unit=_style("table_unit", italic, 12, TA_RIGHT, spaceBefore=PARAGRAPH_GAP, spaceAfter=2),
        caption=_style("caption", bold, 13, spaceBefore=PARAGRAPH_GAP, spaceAfter=2),
        signer=_style("signer", bold, 14),
        distribution_label=_style("distribution_label", bold_italic, 12, TA_LEFT),
        distribution=_style("distribution", regular, 11, TA_LEFT, leading=13),
    )
