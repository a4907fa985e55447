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
from ntm_desktop.signing.errors import SigningError
from ntm_desktop.signing.signers import Identity, KeySigner
from ntm_desktop.signing.stamp import stamp_style

FIELD_PREFIX = "ChuKySo"


@dataclass(frozen=True)
class SignResult:
    path: Path
    signing_time: dt.datetime
    signer_name: str
    fingerprint: str


class _TimedPdfSigner(signers.PdfSigner):
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


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(
            tr("Could not open {path}: {reason}", path=str(path), reason=os_reason(exc)),
            details=repr(exc),
        ) from exc


def _writer(data: bytes, name: str) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SigningError(
            tr("{name} is not a PDF file that can be signed.", name=name), details=repr(exc)
        ) from exc


def _field(
    name: str, box: SignatureBox | None, identity: Identity, when: dt.datetime
) -> tuple[fields.SigFieldSpec, StaticStampStyle | None]:
    """The new signature field, and its stamp when it is visible."""
    if box is None:
        return fields.SigFieldSpec(name), None
    x1, y1, x2, y2 = (round(v) for v in box.rect)
    spec = fields.SigFieldSpec(name, on_page=box.page, box=(x1, y1, x2, y2))
    return spec, stamp_style(identity, when, box.x2 - box.x1, box.y2 - box.y1)


def sign_pdf(
    in_path: Path | str,
    out_path: Path | str,
    signer: KeySigner,
    box: SignatureBox | None,
    reason: str = "",
    location: str = "",
) -> SignResult:
    """Sign ``in_path`` into ``out_path`` (they may be the same file); the signature covers every byte.

    ``box`` is where the stamp goes (``RenderResult.signature_box``); ``None`` signs invisibly. Nothing
    is written if anything fails.
    """
    in_path, out_path = Path(in_path), Path(out_path)
    writer = _writer(_read(in_path), in_path.name)
    when = vntime.now()
    field_name = f"{FIELD_PREFIX}{len(list(fields.enumerate_sig_fields(writer.prev))) + 1}"
    identity = signer.identity
    spec, style = _field(field_name, box, identity, when)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or None,
        location=location or None,
        name=identity.name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = _TimedPdfSigner(
        meta, signer=signer.signer, stamp_style=style, new_field_spec=spec, signing_time=when
    )
    try:
        output = pdf_signer.sign_pdf(writer)
    except _signing_failures() as exc:
        raise SigningError(
            tr("The document could not be signed: {reason}", reason=exc), details=repr(exc)
        ) from exc
    write_bytes_atomic(out_path, output.getvalue())
    return SignResult(out_path, when, identity.name, identity.fingerprint)
