"""The top of an official document: agency and national motto, number and date, type and title, Kính gửi."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from ntm_desktop.export.pdf.model import OfficialDocument
from ntm_desktop.export.pdf.styles import (
    FRAME_WIDTH,
    HEADER_LEFT_SHARE,
    PARAGRAPH_GAP,
    RULE_WIDTH,
    Styles,
)

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENT_LABEL = "Kính gửi:"

_NO_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def plain_table(styles: Styles) -> list[tuple[object, ...]]:
    """Borderless, unpadded table commands; the cell font is ours so no built-in font is ever named."""
    return [*_NO_PADDING, ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName)]


def para(text: str, style: object) -> RLParagraph:
    """A paragraph of plain text: markup characters are escaped, so user text prints as typed."""
    return RLParagraph(escape(text), style)


def text_width(text: str, style: object) -> float:
    font = getattr(style, "fontName", "")
    size = float(getattr(style, "fontSize", 12))
    return float(stringWidth(text, font, size))


class Rule(Flowable):  # type: ignore[misc]
    """A solid line ``width`` points long, centred in whatever width it is given (a page or a cell)."""

    def __init__(self, width: float, space_before: float = 3, space_after: float = 0) -> None:
        super().__init__()
        self.rule_width = width
        self.space_before = space_before
        self.space_after = space_after
        self._avail = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.space_before + RULE_WIDTH + self.space_after

    def draw(self) -> None:
        left = (self._avail - self.rule_width) / 2
        y = self.space_after + RULE_WIDTH / 2
        self.canv.setLineWidth(RULE_WIDTH)
        self.canv.line(left, y, left + self.rule_width, y)


def rule(width: float, space_before: float = 3, space_after: float = 0) -> Rule:
    return Rule(width, space_before, space_after)


def punctuate(items: Sequence[str]) -> list[str]:
    """Recipient lists end every line with ";" and the last with "." (NĐ 30/2020, ô số 9)."""
    clean = [item.strip().rstrip(";.,").rstrip() for item in items]
    return [item + ("." if i == len(clean) - 1 else ";") for i, item in enumerate(clean)]


def _column_widths(doc: OfficialDocument, styles: Styles) -> tuple[float, float]:
    needed = max(
        text_width(COUNTRY, styles.motto_country),
        text_width(doc.date_line(), styles.date),
    )
    right = min(max(needed + 6, FRAME_WIDTH * (1 - HEADER_LEFT_SHARE)), FRAME_WIDTH * 0.66)
    return FRAME_WIDTH - right, right


def header(doc: OfficialDocument, styles: Styles) -> Flowable:
    """The borderless two-column header: agency on the left, the national motto on the right."""
    left_width, right_width = _column_widths(doc, styles)
    agency_lines = [line.upper() for line in doc.agency]
    agency_width = max(text_width(line, styles.agency) for line in agency_lines)
    left: list[Flowable] = []
    if doc.parent_agency:
        left.append(para(doc.parent_agency.upper(), styles.agency_parent))
    left += [para(line, styles.agency) for line in agency_lines]
    left.append(rule(min(agency_width, left_width) * 0.4))
    right: list[Flowable] = [
        para(COUNTRY, styles.motto_country),
        para(MOTTO, styles.motto),
        rule(text_width(MOTTO, styles.motto)),
    ]
    table = RLTable(
        [[left, right], [para(doc.number_line(), styles.number), para(doc.date_line(), styles.date)]],
        colWidths=[left_width, right_width],
        hAlign="CENTER",
    )
    table.setStyle(TableStyle([*plain_table(styles), ("VALIGN", (0, 0), (-1, 0), "TOP")]))
    table.setStyle(TableStyle([("VALIGN", (0, 1), (-1, 1), "BOTTOM")]))
    return table


def title_block(doc: OfficialDocument, styles: Styles) -> list[Flowable]:
    """Tên loại and trích yếu, centred and bold, with a short rule under them."""
    lines = [para(doc.doc_type.upper(), styles.doc_type)]
    if doc.title:
        lines.append(para(doc.title, styles.title))
        width = min(text_width(doc.title, styles.title), FRAME_WIDTH * 0.9)
        lines.append(rule(max(width * 0.4, 20 * mm), space_before=7))
    return [KeepTogether(lines)]


def recipients_block(doc: OfficialDocument, styles: Styles) -> list[Flowable]:
    """ "Kính gửi:" with one recipient on the same line, or a list of "- …;" lines beside the colon."""
    if not doc.recipients:
        return []
    if len(doc.recipients) == 1:
        text = f"{RECIPIENT_LABEL} {doc.recipients[0].strip().rstrip(';')}"
        style = styles.recipient.clone("recipient_one", alignment=1, spaceBefore=PARAGRAPH_GAP * 2)
        return [para(text, style)]
    items = [f"- {item}" for item in punctuate(doc.recipients)]
    label_width = text_width(RECIPIENT_LABEL, styles.recipient_label) + 4 * mm
    item_width = min(
        max(text_width(item, styles.recipient) for item in items) + 2,
        FRAME_WIDTH * 0.85 - label_width,
    )
    table = RLTable(
        [[para(RECIPIENT_LABEL, styles.recipient_label), [para(i, styles.recipient) for i in items]]],
        colWidths=[label_width, item_width],
        hAlign="CENTER",
    )
    table.setStyle(
        TableStyle(
            [
                *plain_table(styles),
                ("RIGHTPADDING", (0, 0), (0, 0), 2 * mm),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), PARAGRAPH_GAP * 2),
            ]
        )
    )
    return [table]
