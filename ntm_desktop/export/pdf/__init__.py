"""Official documents as PDF (Nghị định 30/2020/NĐ-CP layout), with the data they came from attached.

Build an :class:`OfficialDocument`, then ``render(doc, path)``; sign the result with
:mod:`ntm_desktop.signing` at ``RenderResult.signature_box``.
"""

from ntm_desktop.export.pdf.attachment import ATTACHMENT_NAME, snapshot_bytes
from ntm_desktop.export.pdf.chart import criteria_chart
from ntm_desktop.export.pdf.closing import SignatureBox
from ntm_desktop.export.pdf.document import RenderResult, render
from ntm_desktop.export.pdf.fonts import FontFamily, FontNotFound, find_font_family, missing_chars
from ntm_desktop.export.pdf.model import (
    Authority,
    Block,
    Cell,
    Figure,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signature,
    Table,
)

__all__ = [
    "ATTACHMENT_NAME",
    "Authority",
    "Block",
    "Cell",
    "Figure",
    "FontFamily",
    "FontNotFound",
    "Heading",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "RenderResult",
    "Signature",
    "SignatureBox",
    "Table",
    "criteria_chart",
    "find_font_family",
    "missing_chars",
    "render",
    "snapshot_bytes",
]
