"""Tables and figures numbered in the order they appear: "Bảng 1. …", "Biểu đồ 1. …", with no gaps.

Report builders ask :class:`Captions` for a caption before they know whether the table will be printed
(an empty list becomes a sentence instead), so :func:`renumbered` numbers the captions again, in the order
the document prints them, once the body is complete.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ntm_desktop.export.pdf import Block, Figure, Table

_TABLE = re.compile(r"^Bảng [0-9]+\. ")
_FIGURE = re.compile(r"^Biểu đồ [0-9]+\. ")


class Captions:
    def __init__(self) -> None:
        self._tables = 0
        self._figures = 0

    def table(self, text: str) -> str:
        self._tables += 1
        return f"Bảng {self._tables}. {text}"

    def figure(self, text: str) -> str:
        self._figures += 1
        return f"Biểu đồ {self._figures}. {text}"


def renumbered(body: Sequence[Block]) -> list[Block]:
    """``body`` with its table and figure captions numbered 1, 2, 3… in the order they are printed."""
    tables = figures = 0
    out: list[Block] = []
    for block in body:
        if isinstance(block, Table) and _TABLE.match(block.caption):
            tables += 1
            block = dataclasses.replace(block, caption=_TABLE.sub(f"Bảng {tables}. ", block.caption))
        elif isinstance(block, Figure) and _FIGURE.match(block.caption):
            figures += 1
            block = dataclasses.replace(block, caption=_FIGURE.sub(f"Biểu đồ {figures}. ", block.caption))
        out.append(block)
    return out
