"""The body of an official document in Word: headings, paragraphs, ruled tables and figures (a chart is
printed as its table of figures: Word cannot draw a reportlab drawing)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm

from ntm_desktop.export.docx.style import centred, first, grid, repeat_header, spacing, text
from ntm_desktop.export.pdf.body import format_cell
from ntm_desktop.export.pdf.model import Block, Cell, Figure, Heading, PageBreak, Paragraph, Table

FRAME_MM = 165.0
"""A4 less the 30 mm left and 15 mm right margins."""
PARAGRAPH_GAP = 6
"""Points between paragraphs (NĐ 30: at least 6 pt)."""


def body(d: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _paragraph(d, block.text, bold=True, italic=block.level >= 3)
        elif isinstance(block, Paragraph):
            _paragraph(d, block.text, bold=block.bold, italic=block.italic)
        elif isinstance(block, Table):
            table(d, block)
        elif isinstance(block, Figure):
            _figure(d, block)
        elif isinstance(block, PageBreak):
            d.add_page_break()  # type: ignore[no-untyped-call]


def _paragraph(d: DocxDocument, words: str, bold: bool = False, italic: bool = False) -> None:
    p = text(d.add_paragraph(), words, bold=bold, italic=italic)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    spacing(p, 0, PARAGRAPH_GAP, 1.2)
    if bold:
        p.paragraph_format.keep_with_next = True


def _figure(d: DocxDocument, block: Figure) -> None:
    if block.table is not None:
        table(d, block.table, caption=block.caption)
    elif block.caption:
        spacing(centred(text(d.add_paragraph(), block.caption, 13, bold=True)), PARAGRAPH_GAP, PARAGRAPH_GAP)


def table(d: DocxDocument, block: Table, caption: str = "") -> None:
    """Caption (bold, centred), the unit (italic, right), then the ruled table; numbers right-aligned."""
    title = caption or block.caption
    if title:
        p = centred(text(d.add_paragraph(), title, 13, bold=True))
        spacing(p, PARAGRAPH_GAP, 0)
        p.paragraph_format.keep_with_next = True
    if block.unit:
        p = text(d.add_paragraph(), block.unit, 12, italic=True)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.keep_with_next = True
    columns = block.column_count
    t = d.add_table(rows=0, cols=columns)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid(t)
    widths = _widths(block, columns)
    for r, titles in enumerate(block.header):
        cells = t.add_row().cells
        for c, head in enumerate(_padded(titles, columns)):
            centred(text(first(cells[c]), format_cell(head), 12, bold=True))
        repeat_header(t.rows[r])
    total_from = len(block.rows) - block.total_rows
    for r, row in enumerate(block.rows):
        cells = t.add_row().cells
        for c, value in enumerate(_padded(row, columns)):
            section = r in block.section_rows
            p = text(first(cells[c]), format_cell(value), 12, bold=r >= total_from or section)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if section else _alignment(block, value, c)
            p.paragraph_format.keep_with_next = section
    for row in t.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths[c])
    _merge_header(t, block)
    _merge_sections(t, block, columns)
    spacing(d.add_paragraph(), 0, 0)


def _merge_sections(t: object, block: Table, columns: int) -> None:
    """A section's heading row ("I. QUY HOẠCH") as one cell across the table."""
    for r in block.section_rows:
        row = len(block.header) + r
        _merge(t, (row, 0), (row, columns - 1))


def _padded(row: Sequence[Cell], columns: int) -> list[Cell]:
    return [*row, *([""] * (columns - len(row)))]


def _widths(block: Table, columns: int) -> list[float]:
    weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
    total = sum(weights) or 1.0
    return [FRAME_MM * w / total for w in weights]


def _alignment(block: Table, value: Cell, column: int) -> WD_ALIGN_PARAGRAPH:
    if column in block.centred:
        return WD_ALIGN_PARAGRAPH.CENTER
    if column in block.numeric or isinstance(value, int | Decimal):
        return WD_ALIGN_PARAGRAPH.RIGHT
    return WD_ALIGN_PARAGRAPH.LEFT


def _merge_header(t: object, block: Table) -> None:
    """Merge the header cells ``header_spans`` names (the text of the first cell is kept)."""
    for c0, r0, c1, r1 in block.header_spans:
        _merge(t, (r0, c0), (r1, c1))


def _merge(t: object, first_cell: tuple[int, int], last_cell: tuple[int, int]) -> None:
    """One cell from ``first_cell`` to ``last_cell`` (row, column), with the first cell's text only."""
    top = t.cell(*first_cell)  # type: ignore[attr-defined]
    keep = top.text
    merged = top.merge(t.cell(*last_cell))  # type: ignore[attr-defined]
    for p in merged.paragraphs[1:]:
        p._element.getparent().remove(p._element)
    if merged.text != keep:  # pragma: no cover - python-docx keeps the first cell's text
        merged.paragraphs[0].text = keep
