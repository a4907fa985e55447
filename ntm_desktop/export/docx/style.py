"""Word formatting helpers: fonts, rules and borders python-docx has no call for (set in the XML)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

FONT = "Times New Roman"
"""NĐ 30/2020: Times New Roman, Unicode (Word falls back to a serif that has the Vietnamese letters)."""


def text(
    p: DocxParagraph,
    words: str,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
) -> DocxParagraph:
    """Add ``words`` to ``p`` in the document's font."""
    run = p.add_run(words)
    run.font.name, run.font.size = FONT, Pt(size)
    run.font.bold, run.font.italic = bold, italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return p


def spacing(p: DocxParagraph, before: float = 0, after: float = 0, line: float | None = None) -> None:
    f = p.paragraph_format
    f.space_before, f.space_after = Pt(before), Pt(after)
    if line is not None:
        f.line_spacing = line


def centred(p: DocxParagraph) -> DocxParagraph:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def rule(p: DocxParagraph, width_mm: float, room_mm: float) -> None:
    """Make ``p`` a solid line ``width_mm`` long, centred in ``room_mm`` (a bottom border, indented)."""
    side = max((room_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    spacing(p, 0, 0, 0.5)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p._p.get_or_add_pPr().append(borders)


def no_borders(table: DocxTable) -> None:
    """A layout table: no lines (the header, the closing)."""
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    props.append(borders)


def grid(table: DocxTable) -> None:
    """A ruled table: single lines everywhere (without relying on a named style)."""
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    props.append(borders)


def first(cell: _Cell) -> DocxParagraph:
    """The cell's first paragraph (a new cell has one, empty)."""
    found: DocxParagraph = cell.paragraphs[0]
    return found


def repeat_header(row: object) -> None:
    """Repeat a table's header row on each page it runs onto."""
    props = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def page_field(p: DocxParagraph, size: float = 14) -> DocxParagraph:
    """Add Word's PAGE field to ``p``: each page's own number, filled in as Word lays the pages out."""
    parts = [("w:fldChar", "begin"), ("w:instrText", " PAGE "), ("w:fldChar", "separate"), ("w:t", "2")]
    for tag, value in [*parts, ("w:fldChar", "end")]:
        run = text(p, "", size)._p.r_lst[-1]
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run.append(element)
    return p
