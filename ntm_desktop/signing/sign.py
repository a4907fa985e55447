"""Sign a PDF (PAdES baseline B-B) with a visible stamp where the document left room for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import StaticStampStyle

from ntm_desktop.core import vntime
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.export.pdf.closing import SignatureBox
from ntm_desktop.signing.errors import SigningError, SigningInputRefused
from ntm_desktop.signing.signers import Identity, KeySigner
from ntm_desktop.signing.stamp import seal_width, stamp_style

FIELD_PREFIX = "ChuKySo"
SEAL_FIELD = "DauCoQuan"
"""The organisation's signature (the seal), reserved empty when the signer signs."""


@dataclass(frozen=True)
class SignResult:
    path: Path
    signing_time: dt.datetime
    signer_name: str
    fingerprint: str


class TimedPdfSigner(signers.PdfSigner):
    """Signs with a signing time chosen beforehand, so the stamp shows the time in the signature."""

    def __init__(self, *args: Any, signing_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def _signing_failures() -> tuple[type[BaseException], ...]:
    """What pyHanko and a token driver raise when signing fails (a token pulled out, a bad key…)."""
    kinds: list[type[BaseException]] = [PdfError, ValueError, OSError]
    try:
        import pkcs11
    except ImportError:
        return tuple(kinds)
    return (*kinds, pkcs11.exceptions.PKCS11Error)


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningInputRefused(  # a file the officer named: bad input, exit 3
            tr("Could not open {path}: {reason}", path=str(path), reason=os_reason(exc)),
            details=repr(exc),
        ) from exc


def pdf_writer(data: bytes, name: str) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SigningInputRefused(
            tr("{name} is not a PDF file that can be signed.", name=name), details=repr(exc)
        ) from exc


def _field(
    name: str,
    box: SignatureBox | None,
    identity: Identity,
    when: dt.datetime,
    picture: bytes | None,
    seal: bool,
) -> tuple[fields.SigFieldSpec, StaticStampStyle | None]:
    """The new signature field, and its stamp when it is visible (clear of the seal's part when ``seal``)."""
    if box is None:
        return fields.SigFieldSpec(name), None
    x1, y1, x2, y2 = (round(v) for v in box.rect)
    spec = fields.SigFieldSpec(name, on_page=box.page, box=(x1, y1, x2, y2))
    width, height = x2 - x1, y2 - y1
    left = seal_width(width, height) if seal else 0.0
    return spec, stamp_style(identity, when, width, height, picture=picture, left=left)


def _seal_field(box: SignatureBox) -> fields.SigFieldSpec:
    """The empty field the organisation's signature (the seal) will fill, on the left of the signer's."""
    x1, y1, x2, y2 = (round(v) for v in box.rect)
    return fields.SigFieldSpec(
        SEAL_FIELD, on_page=box.page, box=(x1, y1, x1 + round(seal_width(x2 - x1, y2 - y1)), y2)
    )


def run_signer(pdf_signer: signers.PdfSigner, writer: IncrementalPdfFileWriter) -> bytes:
    try:
        return bytes(pdf_signer.sign_pdf(writer).getvalue())
    except _signing_failures() as exc:
        raise SigningError(
            tr("The document could not be signed: {reason}", reason=exc), details=repr(exc)
        ) from exc


def sign_pdf(
    in_path: Path | str,
    out_path: Path | str,
    signer: KeySigner,
    box: SignatureBox | None,
    reason: str = "",
    location: str = "",
    *,
    picture: bytes | None = None,
    reserve_seal: bool = False,
) -> SignResult:
    """Sign ``in_path`` into ``out_path`` (they may be the same file); the signature covers every byte.

    ``box`` is where the stamp goes (``RenderResult.signature_box``); ``None`` signs invisibly.
    ``picture`` is the signer's signature (PNG). With ``reserve_seal`` the same revision adds the empty
    field for the organisation's seal, and the signature *certifies* the document allowing only form
    filling and signing afterwards (DocMDP), so sealing is an allowed change and nothing else is.
    Nothing is written if anything fails.
    """
    in_path, out_path = Path(in_path), Path(out_path)
    writer = pdf_writer(read_input(in_path), in_path.name)
    when = vntime.now()
    existing = list(fields.enumerate_sig_fields(writer.prev))
    field_name = f"{FIELD_PREFIX}{len(existing) + 1}"
    identity = signer.identity
    seal = reserve_seal and box is not None and not existing
    spec, style = _field(field_name, box, identity, when, picture, seal)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or None,
        location=location or None,
        name=identity.name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        certify=seal,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
    )
    if seal and box is not None:
        fields.append_signature_field(writer, _seal_field(box))
    pdf_signer = TimedPdfSigner(
        meta, signer=signer.signer, stamp_style=style, new_field_spec=spec, signing_time=when
    )
    write_bytes_atomic(out_path, run_signer(pdf_signer, writer))
    return SignResult(out_path, when, identity.name, identity.fingerprint)
