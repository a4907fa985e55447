"""What an official document says, as plain frozen values: the input of :func:`render`.

The model follows the parts of a "văn bản có tên loại" in Nghị định 30/2020/NĐ-CP (Phụ lục I): header,
number and date, type and title, optional "Kính gửi", body, signature and "Nơi nhận". It holds text only;
fonts, sizes and rules are the renderer's business. Sequences given as lists are stored as tuples.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.graphics.shapes import Drawing

Cell = str | int | Decimal
"""A table cell: text as given, or a number printed the Vietnamese way (``16.493,82``)."""


def _freeze(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


class Authority(enum.Enum):
    """How the signer signs (NĐ 30/2020, Phụ lục I, II.7.b)."""

    NONE = ""
    TM = "TM."  # on behalf of a collective body: TM. ỦY BAN NHÂN DÂN
    KT = "KT."  # a deputy for the head: KT. CHỦ TỊCH
    Q = "Q."  # acting head
    TL = "TL."  # by order
    TUQ = "TUQ."  # by authorisation


@dataclass(frozen=True)
class Heading:
    """A section heading with its numbering in the text: ``I. KẾT QUẢ THỰC HIỆN``, ``1. Tiêu chí Giao thông``.

    Level 1 is bold, level 2 bold, level 3 bold italic; all start at the paragraph indent.
    """

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first line indented 1 cm. ``italic`` is for "Căn cứ" lines and notes."""

    text: str
    italic: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A ruled table. Numbers (``int``/``Decimal`` cells) and ``numeric`` columns are right-aligned,
    ``centred`` columns (e.g. "TT") centred.
    ``section_rows`` are the indexes of body rows that head a block of rows ("I. QUY HOẠCH"): written
    in bold across the whole width and never left alone at the foot of a page. Several blocks in one
    table keep one header per page (the header rows repeat only on a new page). ``unbroken`` columns
    never split a word across lines (a decision's number, "1491/QĐ-BGDĐT"; a non-breaking space keeps
    "QĐ 318/QĐ-TTg" whole): each is widened to its longest word, taken from columns with room to spare.

    ``widths`` are relative weights (``(1, 6, 2)``); empty means equal columns. ``header_spans`` merges
    header cells: ``(first_col, first_row, last_col, last_row)``, rows counted within the header.
    The last ``total_rows`` rows (e.g. "Tổng cộng") are bold. ``unit`` ("ĐVT: triệu đồng") is printed in
    italic at the right above the table, ``caption`` in bold centred above that.
    """

    header: Sequence[Sequence[str]]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] = ()
    numeric: Sequence[int] = ()
    centred: Sequence[int] = ()
    header_spans: Sequence[tuple[int, int, int, int]] = ()
    total_rows: int = 0
    unit: str = ""
    caption: str = ""
    section_rows: Sequence[int] = ()
    unbroken: Sequence[int] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "header", tuple(tuple(r) for r in self.header))
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))
        _freeze(self, "widths", "numeric", "centred", "header_spans", "section_rows", "unbroken")

    @property
    def column_count(self) -> int:
        rows = [*self.header, *self.rows]
        return max((len(r) for r in rows), default=0)


@dataclass(frozen=True)
class Figure:
    """A chart or picture as a reportlab ``Drawing`` (see :func:`criteria_chart`), centred, shrunk to fit.

    ``table`` holds the chart's figures for a copy that cannot draw it: the Word copy prints the table
    under the same caption (a figure without one is left out of that copy, its caption kept)."""

    drawing: Drawing
    caption: str = ""
    table: Table | None = None


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block = Heading | Paragraph | Table | Figure | PageBreak


@dataclass(frozen=True)
class Signature:
    """The signer's block, e.g. TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / (signature) / Nguyễn Văn A.

    ``on_behalf_of`` follows the authority prefix ("Ủy ban nhân dân" after TM., "Chủ tịch" after KT.).
    ``deputy_for`` adds a KT. line under a TM. line: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
    Lines are printed in capitals whatever the case given.
    """

    title: str
    name: str
    authority: Authority = Authority.NONE
    on_behalf_of: str = ""
    deputy_for: str = ""

    def authority_lines(self) -> tuple[str, ...]:
        lines = []
        if self.authority is not Authority.NONE:
            lines.append(f"{self.authority.value} {self.on_behalf_of}".strip())
        if self.deputy_for:
            lines.append(f"{Authority.KT.value} {self.deputy_for}")
        lines.append(self.title)
        return tuple(line.upper() for line in lines)


@dataclass(frozen=True)
class OfficialDocument:
    """One official document (a report, a submission…) and the data it was made from.

    ``agency`` is the issuing body, one line each (``("Ủy ban nhân dân", "Xã Bằng Thành")``);
    ``parent_agency`` the body above it, if printed (a commune UBND has none). ``number`` is the văn thư's
    yearly sequence, or ``None`` for a draft (the number is then left blank to be written in).
    ``type_code`` ("BC") and ``issuer_code`` ("UBND") make the symbol ``Số: 15/BC-UBND``; a công văn has no
    type code. ``data_snapshot`` is embedded in the PDF as ``ntm-data.json`` and its SHA-256 is printed on
    every page, so a reader can check the figures against the data they came from.
    """

    agency: Sequence[str]
    number: int | None
    type_code: str
    issuer_code: str
    place: str
    date: dt.date
    doc_type: str
    title: str
    signature: Signature
    body: Sequence[Block] = ()
    parent_agency: str = ""
    recipients: Sequence[str] = ()
    distribution: Sequence[str] = ()
    data_snapshot: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _freeze(self, "agency", "body", "recipients", "distribution")

    @property
    def symbol(self) -> str:
        """The ký hiệu: ``BC-UBND``, or ``UBND`` alone for a công văn."""
        return "-".join(part for part in (self.type_code.strip(), self.issuer_code.strip()) if part)

    def number_line(self) -> str:
        """``Số: 05/BC-UBND``: numbers under 10 take a leading zero; a draft leaves room for the number."""
        number = f"{self.number:02d}" if self.number is not None else "\u00a0" * 6
        return f"Số: {number}/{self.symbol}"

    def date_line(self) -> str:
        """``Bằng Thành, ngày 05 tháng 01 năm 2026``: day < 10 and months 1–2 take a leading zero."""
        d = self.date
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        return f"{self.place}, ngày {d.day:02d} tháng {month} năm {d.year}"

    def all_text(self) -> str:
        """Every string the document prints, for checking the font covers it."""
        parts: list[str] = [*self.agency, self.parent_agency, self.number_line(), self.date_line()]
        parts += [self.doc_type, self.title, *self.recipients, *self.distribution]
        parts += [*self.signature.authority_lines(), self.signature.name]
        for block in self.body:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts += [block.unit, block.caption]
                parts += [str(c) for row in (*block.header, *block.rows) for c in row]
            elif isinstance(block, Figure):
                parts.append(block.caption)
        return "\n".join(parts)
