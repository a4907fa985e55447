"""An :class:`OfficialDocument` as a Word file in the NĐ 30/2020 layout: A4, margins 20/20/30/15 mm, Times
New Roman; the header (agency | quốc hiệu, tiêu ngữ; number | place and date), the type and title, "Kính
gửi", the body, then "Nơi nhận" beside the signature block. Written to a temp name, fsynced, renamed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.export.docx.blocks import FRAME_MM, PARAGRAPH_GAP, body
from ntm_desktop.export.docx.style import FONT, centred, first, no_borders, page_field, rule, spacing, text
from ntm_desktop.export.pdf.closing import DISTRIBUTION_LABEL
from ntm_desktop.export.pdf.header import COUNTRY, MOTTO, RECIPIENT_LABEL, punctuate
from ntm_desktop.export.pdf.model import OfficialDocument

LEFT_MM = 70.0
"""The header's agency column (the motto takes the rest)."""
SIGNATURE_ROOM_MM = 30.0
"""Blank room under the signer's title for the hand signature and the seal."""


def write_docx(doc: OfficialDocument, out: Path | str) -> Path:
    """Write ``doc`` to ``out`` (.docx) atomically; a failure leaves no file and an old one untouched."""
    out = Path(out)
    d = docx.Document()
    _page(d)
    _header(d, doc)
    _title(d, doc)
    _recipients(d, doc)
    body(d, doc.body)
    _closing(d, doc)
    d.core_properties.title = f"{doc.doc_type} {doc.title}".strip()
    d.core_properties.author = " ".join(doc.agency)
    buffer = io.BytesIO()
    d.save(buffer)
    write_bytes_atomic(out, buffer.getvalue())
    return out


def _page(d: DocxDocument) -> None:
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # NĐ 30/2020: the page number centred in the top margin, size 13–14, from page 2 on (none on page 1)
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    section.first_page_header.is_linked_to_previous = False  # page 1's own header, empty
    centred(page_field(section.header.paragraphs[0], 14))
    normal = d.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)


def _header(d: DocxDocument, doc: OfficialDocument) -> None:
    t = d.add_table(rows=2, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(t)
    left, right = t.cell(0, 0), t.cell(0, 1)
    p = first(left)
    if doc.parent_agency:
        centred(text(p, doc.parent_agency.upper(), 13))
        p = left.add_paragraph()
    lines = [line.upper() for line in doc.agency]
    centred(text(p, lines[0] if lines else "", 13, bold=True))
    for line in lines[1:]:
        centred(text(left.add_paragraph(), line, 13, bold=True))
    longest = max((len(line) for line in lines), default=10)
    rule(left.add_paragraph(), min(longest * 2.6, LEFT_MM) * 0.4, LEFT_MM)
    centred(text(first(right), COUNTRY, 12, bold=True))
    centred(text(right.add_paragraph(), MOTTO, 13, bold=True))
    rule(right.add_paragraph(), len(MOTTO) * 2.15, FRAME_MM - LEFT_MM)
    centred(text(first(t.cell(1, 0)), doc.number_line(), 13))
    centred(text(first(t.cell(1, 1)), doc.date_line(), 14, italic=True))
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Mm(LEFT_MM), Mm(FRAME_MM - LEFT_MM)
    for cell in (t.cell(1, 0), t.cell(1, 1)):
        spacing(first(cell), 6, 0)


def _title(d: DocxDocument, doc: OfficialDocument) -> None:
    p = centred(text(d.add_paragraph(), doc.doc_type.upper(), 14, bold=True))
    spacing(p, 18, 0)
    if doc.title:
        spacing(centred(text(d.add_paragraph(), doc.title, 14, bold=True)), 0, 0)
        width = max(min(len(doc.title) * 2.3, FRAME_MM * 0.9) * 0.4, 20)
        rule(d.add_paragraph(), width, FRAME_MM)


def _recipients(d: DocxDocument, doc: OfficialDocument) -> None:
    if not doc.recipients:
        return
    if len(doc.recipients) == 1:
        words = f"{RECIPIENT_LABEL} {doc.recipients[0].strip().rstrip(';')}"
        spacing(centred(text(d.add_paragraph(), words)), PARAGRAPH_GAP * 2, PARAGRAPH_GAP)
        return
    p = d.add_paragraph()
    p.paragraph_format.left_indent = Mm(30)
    spacing(text(p, RECIPIENT_LABEL), PARAGRAPH_GAP * 2, 0)
    for item in punctuate(doc.recipients):
        line = text(d.add_paragraph(), f"- {item}")
        line.paragraph_format.left_indent = Mm(55)
        spacing(line, 0, 0)
    spacing(d.add_paragraph(), 0, PARAGRAPH_GAP)


def _closing(d: DocxDocument, doc: OfficialDocument) -> None:
    """ "Nơi nhận" on the left, level with the signer's first line; the signature block on the right."""
    t = d.add_table(rows=1, cols=2)
    no_borders(t)
    left, right = t.cell(0, 0), t.cell(0, 1)
    if doc.distribution:
        text(first(left), DISTRIBUTION_LABEL, 12, bold=True, italic=True)
        for item in punctuate(doc.distribution):
            spacing(text(left.add_paragraph(), f"- {item}", 11), 0, 0)
    lines = doc.signature.authority_lines()
    centred(text(first(right), lines[0], 14, bold=True))
    for line in lines[1:]:
        centred(text(right.add_paragraph(), line, 14, bold=True))
    room = right.add_paragraph()
    room.paragraph_format.space_after = Mm(SIGNATURE_ROOM_MM)
    centred(text(right.add_paragraph(), doc.signature.name, 14, bold=True))
    for cell, width in ((left, FRAME_MM * 0.45), (right, FRAME_MM * 0.55)):
        cell.width = Mm(width)
    for p in (*left.paragraphs, *right.paragraphs):
        p.paragraph_format.keep_with_next = True
    _keep_last_paragraph_with(t)


def _keep_last_paragraph_with(t: DocxTable) -> None:
    """The signature never stands alone on a page: the paragraphs before it, up to the last one with
    text, keep with it."""
    previous = t._tbl.getprevious()
    while previous is not None and previous.tag == qn("w:p"):
        p = DocxParagraph(previous, t._parent)
        p.paragraph_format.keep_with_next = True
        if p.text.strip():
            break
        previous = previous.getprevious()
