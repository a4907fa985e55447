"""The organisation's signature (the seal), added by the văn thư after the signer has signed.

NĐ 30/2020 (Phụ lục I): an electronic document carries the competent person's signature and then the
organisation's, with the seal picture, the organisation's name and the time. The signer's signature
reserved an empty field for it and certified the document for form filling and signing only, so filling
that field is a change the first signature allows: both verify afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.signing.errors import SigningError
from ntm_desktop.signing.names import require_organisation
from ntm_desktop.signing.sign import (
    SEAL_FIELD,
    SignResult,
    TimedPdfSigner,
    pdf_writer,
    read_input,
    run_signer,
)
from ntm_desktop.signing.signers import KeySigner
from ntm_desktop.signing.stamp import page_style, seal_stamp_pdf

SEAL_REASON = "Ký số của cơ quan, tổ chức"


def _seal_field(writer: IncrementalPdfFileWriter, name: str) -> Any:
    """The reserved, still empty seal field, or a clear refusal naming the file."""
    found = {str(n): (filled, ref) for n, filled, ref in fields.enumerate_sig_fields(writer.prev)}
    if SEAL_FIELD not in found:
        raise InvalidInput(
            tr("{name} has no place kept for the seal. Sign the report in NTM Desktop first.", name=name),
            field="file",
        )
    filled, ref = found[SEAL_FIELD]
    if filled is not None:
        raise InvalidInput(
            tr("{name} already carries the organisation's signature.", name=name), field="file"
        )
    return ref.get_object()


def _rect(field: Any) -> tuple[float, float]:
    widget = field["/Kids"][0].get_object() if "/Kids" in field else field
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    return abs(x2 - x1), abs(y2 - y1)


def issuer_of(writer: IncrementalPdfFileWriter) -> str:
    """The issuing body the document names (its metadata author, as the report writer sets it)."""
    try:
        return str(writer.prev.trailer["/Info"]["/Author"])
    except (KeyError, TypeError):
        return ""


def issuer_of_file(path: Path) -> str:
    """The issuing body a report file names ("" if it cannot be read: sealing will say why)."""
    try:
        return issuer_of(pdf_writer(read_input(path), path.name))
    except SigningError:
        return ""


def seal_pdf(
    in_path: Path | str,
    out_path: Path | str,
    signer: KeySigner,
    picture: bytes | None = None,
    location: str = "",
) -> SignResult:
    """Add the organisation's signature to a signed report, in the field kept for it.

    The certificate must be the organisation's own (its holder the body that issued the document),
    else :class:`InvalidInput` naming both; nothing is written if anything fails.
    """
    in_path, out_path = Path(in_path), Path(out_path)
    writer = pdf_writer(read_input(in_path), in_path.name)
    field = _seal_field(writer, in_path.name)
    require_organisation([signer.identity.name], issuer_of(writer))
    when = vntime.now()
    width, height = _rect(field)
    style = page_style(seal_stamp_pdf(signer.identity.name, when, width, height, picture))
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        reason=SEAL_REASON,
        location=location or None,
        name=signer.identity.name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = TimedPdfSigner(meta, signer=signer.signer, stamp_style=style, signing_time=when)
    write_bytes_atomic(out_path, run_signer(pdf_signer, writer))
    return SignResult(out_path, when, signer.identity.name, signer.identity.fingerprint)
