"""Render an :class:`OfficialDocument` to an A4 PDF laid out as Nghị định 30/2020/NĐ-CP asks.

``render(doc, path)`` checks the document, lays it out with reportlab in the system's Vietnamese-capable
serif font, attaches the data snapshot as ``ntm-data.json``, prints its SHA-256 on every page and writes
the file atomically. It returns where the visible signature goes, for :mod:`ntm_desktop.signing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus.doctemplate import LayoutError

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import nonfinite_path, shown
from ntm_desktop.export.pdf.attachment import embed_data, sha256_hex, snapshot_bytes
from ntm_desktop.export.pdf.body import blocks
from ntm_desktop.export.pdf.closing import SignatureBox, closing
from ntm_desktop.export.pdf.fonts import FontFamily, find_font_family, missing_chars, register
from ntm_desktop.export.pdf.header import header, recipients_block, title_block
from ntm_desktop.export.pdf.model import Authority, OfficialDocument, Table
from ntm_desktop.export.pdf.pages import fingerprint_line, page_hooks
from ntm_desktop.export.pdf.styles import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN,
    build_styles,
)

CREATOR = "NTM Desktop"


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int
    signature_box: SignatureBox
    data_sha256: str


def _table_problems(table: Table, where: str) -> list[Problem]:
    problems: list[Problem] = []
    columns = table.column_count
    if not table.header:
        problems.append(Problem(f"{where}.header", tr("A table needs a header row")))
    if table.widths and len(table.widths) != columns:
        problems.append(
            Problem(f"{where}.widths", tr("Give one width for each of the {n} columns", n=columns))
        )
    if any(not 0 <= c < columns for c in (*table.numeric, *table.centred)):
        problems.append(Problem(f"{where}.numeric", tr("A column number is outside the table")))
    if not 0 <= table.total_rows <= len(table.rows):
        problems.append(Problem(f"{where}.total_rows", tr("There are fewer rows than total rows")))
    return problems


def problems(doc: OfficialDocument, family: FontFamily) -> list[Problem]:
    """Everything that stops the document from being printed correctly, each naming its field."""
    found: list[Problem] = []
    required = {
        "agency": "".join(doc.agency),
        "doc_type": doc.doc_type,
        "place": doc.place,
        "issuer_code": doc.issuer_code,
        "signature.title": doc.signature.title,
        "signature.name": doc.signature.name,
    }
    found += [
        Problem(name, tr("This field is required")) for name, value in required.items() if not value.strip()
    ]
    if doc.number is not None and doc.number < 1:
        found.append(Problem("number", tr("The document number must be 1 or more")))
    if doc.signature.authority is not Authority.NONE and not doc.signature.on_behalf_of.strip():
        found.append(Problem("signature.on_behalf_of", tr("Say on whose behalf the signer signs")))
    for i, block in enumerate(doc.body):
        if isinstance(block, Table):
            found += _table_problems(block, f"body[{i}]")
    return found + _font_problems(doc, family)


def _font_problems(doc: OfficialDocument, family: FontFamily) -> list[Problem]:
    """Characters no face of the family can print (an emoji pasted into a note, say)."""
    text = doc.all_text()
    text += text.upper()
    lacking = set().union(
        *(missing_chars(text, family, bold=b, italic=i) for b in (False, True) for i in (False, True))
    )
    if not lacking:
        return []
    message = tr(
        "The font {font} cannot print these characters: {chars}. Remove them or install Times New Roman.",
        font=family.name,
        chars=" ".join(sorted(lacking)),
    )
    return [Problem("", message)]


def _story(doc: OfficialDocument, family: FontFamily, sink: list[SignatureBox]) -> list[Flowable]:
    styles = build_styles(family)
    body = blocks(doc.body, styles, family)
    # The signature block never stands alone on a page: it goes with the body's last block.
    last = body[-1:] if body and not isinstance(body[-1], RLPageBreak) else []
    ending = KeepTogether([*last, closing(doc, styles, sink)])
    return [
        header(doc, styles),
        *title_block(doc, styles),
        *recipients_block(doc, styles),
        *body[: len(body) - len(last)],
        ending,
    ]


def render(doc: OfficialDocument, path: Path | str, *, family: FontFamily | None = None) -> RenderResult:
    """Write ``doc`` as a PDF at ``path``; a failure leaves no file (and an old file untouched).

    Raises :class:`InvalidInput` listing every problem, :class:`FontNotFound`, or
    :class:`~ntm_desktop.core.files.WriteFailed` when the file cannot be saved.
    """
    path = Path(path)
    family = register(family or find_font_family())
    found = problems(doc, family)
    try:
        data = snapshot_bytes(doc.data_snapshot)
    except (TypeError, ValueError) as exc:
        where = nonfinite_path(doc.data_snapshot)
        reason = tr("{path} is not a finite number; correct that record", path=where) if where else exc
        found.append(Problem("data_snapshot", tr("The report data cannot be saved: {reason}", reason=reason)))
    if found:
        raise InvalidInput(found)
    data_sha256 = sha256_hex(data)
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{doc.doc_type} {doc.title}".strip(),
        author=" ".join(doc.agency),
        subject=fingerprint_line(data_sha256),
        creator=CREATOR,
        lang="vi-VN",
        initialFontName=family.face_name(),
        initialFontSize=BODY_SIZE,
    )
    sink: list[SignatureBox] = []
    first_page, later_pages = page_hooks(family, data_sha256)
    try:
        template.build(_story(doc, family, sink), onFirstPage=first_page, onLaterPages=later_pages)
    except LayoutError as exc:
        raise InvalidInput(
            tr(
                "The report cannot be laid out: a text in it is too long to fit on a page ({reason}). "
                "Shorten that text and try again.",
                reason=shown(str(exc).splitlines()[-1] if str(exc) else ""),
            )
        ) from exc
    pdf = embed_data(buffer.getvalue(), data, data_sha256)
    write_bytes_atomic(path, pdf)
    return RenderResult(path, template.page, sink[-1], data_sha256)
