"""The body blocks of an official document turned into reportlab flowables."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, TableStyle
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Spacer

from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.export.pdf.fonts import FontFamily
from ntm_desktop.export.pdf.header import para
from ntm_desktop.export.pdf.model import Block, Cell, Figure, Heading, PageBreak, Paragraph, Table
from ntm_desktop.export.pdf.styles import FRAME_WIDTH, PARAGRAPH_GAP, Styles

START_ROWS = 1
"""A table starts on a page only if its caption, header rows and this many body rows fit there; the rest
splits row by row onto the next pages under the repeated header rows."""
_TALL = 100 * cm
CELL_PADDING = 6
"""Points left and right of a cell's text together."""


def format_cell(value: Cell) -> str:
    """Numbers the Vietnamese way: ``1.234`` and ``16.493,82`` (a ``Decimal`` keeps its decimals)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return format_decimal(value)
    exponent = value.as_tuple().exponent
    return format_decimal(value, places=-exponent if isinstance(exponent, int) and exponent < 0 else 0)


def blocks(body: Sequence[Block], styles: Styles, family: FontFamily) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in body:
        if isinstance(block, Heading):
            flowables.append(_heading(block, styles, family))
        elif isinstance(block, Paragraph):
            flowables.append(_paragraph(block, styles, family))
        elif isinstance(block, Table):
            _start_table(flowables, *_table(block, styles, family))
        elif isinstance(block, Figure):
            flowables.append(_figure(block, styles))
        elif isinstance(block, PageBreak):
            flowables.append(RLPageBreak())
    return flowables


def _heading(block: Heading, styles: Styles, family: FontFamily) -> Flowable:
    style = styles.heading.clone(
        f"heading{block.level}",
        fontName=family.face_name(bold=True, italic=block.level >= 3),
        keepWithNext=1,
    )
    return para(block.text, style)


def _paragraph(block: Paragraph, styles: Styles, family: FontFamily) -> Flowable:
    style = styles.body
    if block.bold or block.italic:
        style = style.clone("body_emphasis", fontName=family.face_name(block.bold, block.italic))
    return para(block.text, style)


def _table(block: Table, styles: Styles, family: FontFamily) -> tuple[list[Flowable], float]:
    """The caption, unit line and table, and the height of the table's start: its header rows and
    first ``START_ROWS`` rows, as they will be laid out."""
    columns = block.column_count
    cell = styles.table_cell
    col_widths = _column_widths(block, cell.fontName, cell.fontSize)
    head_style = cell.clone("table_head", fontName=family.face_name(bold=True), alignment=TA_CENTER)
    total_style = cell.clone("table_total", fontName=family.face_name(bold=True))
    first_total = len(block.rows) - block.total_rows

    def body_cell(value: Cell, col: int, row: int) -> Flowable:
        if row in block.section_rows:
            return para(format_cell(value), head_style)
        numeric = col in block.numeric or not isinstance(value, str)
        align = TA_CENTER if col in block.centred else TA_RIGHT if numeric else TA_LEFT
        base = total_style if row >= first_total else cell
        return para(format_cell(value), base.clone("cell", alignment=align))

    data: list[list[Flowable | str]] = []
    for header_row in block.header:
        data.append([para(str(text), head_style) for text in _pad(header_row, columns, "")])
    for r, row in enumerate(block.rows):
        data.append([body_cell(v, c, r) for c, v in enumerate(_pad(row, columns, ""))])
    table = RLTable(data, colWidths=col_widths, repeatRows=len(block.header), hAlign="CENTER")
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in block.header_spans]
    commands += _section_commands(block)
    table.setStyle(TableStyle(commands))
    first_rows = START_ROWS + (1 if 0 in block.section_rows else 0)  # a section's heading and its first row
    start = RLTable(data[: len(block.header) + first_rows], colWidths=col_widths)
    start.setStyle(TableStyle(commands))
    above: list[Flowable] = []
    if block.caption:
        above.append(para(block.caption, styles.caption))
    if block.unit:
        above.append(para(block.unit, styles.table_unit))
    if not above:
        above.append(Spacer(1, PARAGRAPH_GAP))
    return [*above, table], float(start.wrap(FRAME_WIDTH, _TALL)[1])


def _column_widths(block: Table, font: str, size: float) -> list[float]:
    """The widths the weights give, each ``unbroken`` column widened to its longest word: the room is
    taken from the other columns in proportion to what they have beyond their own longest word."""
    columns = block.column_count
    weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
    total = sum(weights) or 1.0
    widths = [FRAME_WIDTH * w / total for w in weights]
    if not block.unbroken:
        return widths
    longest = [_longest_word(block, c, font, size) for c in range(columns)]
    for c in block.unbroken:
        spare = {
            o: widths[o] - longest[o]
            for o in range(columns)
            if o not in block.unbroken and widths[o] > longest[o]
        }
        room = sum(spare.values())
        take = min(longest[c] - widths[c], room)
        if take > 0:
            for o, more in spare.items():
                widths[o] -= take * more / room
            widths[c] += take
    return widths


def _longest_word(block: Table, column: int, font: str, size: float) -> float:
    """The widest word of a column's body cells, with the cell's padding (a no-break space joins words).
    A column narrower than its widest word (a unit, "đồng/người/năm") has no room to spare."""
    words = [
        word
        for r, row in enumerate(block.rows)
        if column < len(row) and r not in block.section_rows
        for word in format_cell(row[column]).split(" ")
    ]
    return max((stringWidth(w, font, size) for w in words), default=0.0) + CELL_PADDING


def _section_commands(block: Table) -> list[tuple[object, ...]]:
    """A section's heading row spans the table and stays on the page of the row after it."""
    commands: list[tuple[object, ...]] = []
    for r in block.section_rows:
        row = len(block.header) + r
        commands.append(("SPAN", (0, row), (-1, row)))
        if r + 1 < len(block.rows):
            commands.append(("NOSPLIT", (0, row), (-1, row + 1)))
    return commands


def _start_table(flowables: list[Flowable], parts: list[Flowable], table_start: float) -> None:
    """Add a table (``parts``: its caption, unit line and table) where the page is, so no page is left
    half blank: it moves to the next page only when its start (the headings just before it, the caption,
    the header rows and the first row) does not fit. Never a whole table kept together."""
    headings = 0
    while headings < len(flowables) and flowables[-1 - headings].getKeepWithNext():
        headings += 1
    kept = [*flowables[len(flowables) - headings :], *parts[:-1]]
    need = sum(_height(f) for f in kept) + table_start
    flowables.insert(len(flowables) - headings, CondPageBreak(need))
    flowables += parts


def _height(flowable: Flowable) -> float:
    _, height = flowable.wrap(FRAME_WIDTH, _TALL)
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _pad(row: Sequence[Cell], columns: int, filler: Cell) -> list[Cell]:
    return [*row, *([filler] * (columns - len(row)))]


def _figure(block: Figure, styles: Styles) -> Flowable:
    drawing = block.drawing
    if drawing.width > FRAME_WIDTH:
        # Shrink a copy: the caller's drawing stays as it was given.
        factor = FRAME_WIDTH / drawing.width
        scaled = Drawing(drawing.width * factor, drawing.height * factor)
        scaled.add(Group(drawing, transform=(factor, 0, 0, factor, 0, 0)))
        drawing = scaled
    else:
        drawing = Drawing(drawing.width, drawing.height, drawing)
    drawing.hAlign = "CENTER"
    drawing.initialFontName = styles.body.fontName  # else reportlab starts every drawing in Helvetica
    parts: list[Flowable] = [Spacer(1, PARAGRAPH_GAP), drawing]
    if block.caption:
        caption = styles.caption.clone("figure_caption", fontName=styles.table_unit.fontName)
        parts.append(para(block.caption, caption))
    return KeepTogether(parts)
