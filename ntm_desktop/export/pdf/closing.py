"""The end of an official document: "Nơi nhận" on the left, the signature block on the right.

The signature block leaves room between the signer's title and name; where that room lands on the page
is recorded while the page is drawn, so signing can put the visible signature field exactly there.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

from ntm_desktop.export.pdf.header import para, plain_table, punctuate
from ntm_desktop.export.pdf.model import OfficialDocument
from ntm_desktop.export.pdf.styles import CLOSING_LEFT_SHARE, FRAME_WIDTH, SIGNATURE_SPACE, Styles

DISTRIBUTION_LABEL = "Nơi nhận:"
STAMP_MAX_WIDTH = 80 * mm


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: a 0-based page index and a rectangle in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (self.x1, self.y1, self.x2, self.y2)


class SignatureSpace(Flowable):  # type: ignore[misc]
    """Blank room for the signature; notes its place on the page when drawn."""

    def __init__(self, height: float, sink: list[SignatureBox]) -> None:
        super().__init__()
        self.height = height
        self._sink = sink
        self._avail = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        width = min(self._avail, STAMP_MAX_WIDTH)
        left = (self._avail - width) / 2
        gap = 1.5 * mm
        x1, y1 = self.canv.absolutePosition(left, gap)
        x2, y2 = self.canv.absolutePosition(left + width, self.height - gap)
        page = self.canv.getPageNumber() - 1
        self._sink.append(SignatureBox(page, round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2)))


def closing(doc: OfficialDocument, styles: Styles, sink: list[SignatureBox]) -> Flowable:
    """The closing table; "Nơi nhận:" stands level with the first line of the signature block."""
    signer: list[Flowable] = [para(line, styles.signer) for line in doc.signature.authority_lines()]
    signer.append(SignatureSpace(SIGNATURE_SPACE, sink))
    signer.append(para(doc.signature.name, styles.signer))
    left: list[Flowable] = []
    if doc.distribution:
        left.append(para(DISTRIBUTION_LABEL, styles.distribution_label))
        left += [para(f"- {item}", styles.distribution) for item in punctuate(doc.distribution)]
    left_width = FRAME_WIDTH * CLOSING_LEFT_SHARE
    table = RLTable([[left, signer]], colWidths=[left_width, FRAME_WIDTH - left_width])
    table.setStyle(
        TableStyle(
            [
                *plain_table(styles),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (0, 0), 3),
            ]
        )
    )
    table.spaceBefore = 12
    return table
