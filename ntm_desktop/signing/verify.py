"""Check a signed report: is it unchanged since signing, who signed and when, is the data the same?"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ntm_desktop.core.errors import SignatureInvalid
from ntm_desktop.core.i18n import tr
from ntm_desktop.export.pdf.attachment import read_data
from ntm_desktop.signing.certificate import normalise_fingerprint
from ntm_desktop.signing.signers import Identity

log = logging.getLogger(__name__)

Trusted = Iterable[str | x509.Certificate]
"""Trusted signers: SHA-256 fingerprints (hex, colons allowed) or certificates."""


@dataclass(frozen=True)
class VerifyResult:
    """What a check of a PDF found. The signature fields describe the last (outermost) signature."""

    signature_count: int = 0
    signer_name: str = ""
    signer_title: str = ""
    signer_organisation: str = ""
    signer_fingerprint: str = ""
    signing_time: dt.datetime | None = None
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_document: bool = False
    data_sha256: str = ""
    data_matches: bool = False

    @property
    def signed(self) -> bool:
        return self.signature_count > 0

    @property
    def ok(self) -> bool:
        """Signed, unchanged, and the data is what the pages say; whether the signer is trusted is apart."""
        return self.signed and self.intact and self.valid and self.covers_whole_document and self.data_matches

    def problems(self) -> list[str]:
        """What is wrong, one sentence each, for the officer."""
        found = []
        if not self.signed:
            found.append(tr("The document is not signed."))
        elif not (self.intact and self.valid):
            found.append(tr("The document was changed after it was signed, or the signature is damaged."))
        elif not self.covers_whole_document:
            found.append(tr("Something was added to the document after it was signed."))
        if self.signed and not self.trusted:
            found.append(tr("The signer's certificate is not among the trusted ones."))
        if not self.data_sha256:
            found.append(tr("The document carries no attached data."))
        elif not self.data_matches:
            found.append(tr("The attached data does not match the fingerprint printed on the pages."))
        return found


def _trust(trusted: Trusted) -> tuple[set[str], list[asn1_x509.Certificate]]:
    fingerprints: set[str] = set()
    certs: list[asn1_x509.Certificate] = []
    for item in trusted:
        if isinstance(item, str):
            fingerprints.add(normalise_fingerprint(item))
        else:
            certs.append(asn1_x509.Certificate.load(item.public_bytes(Encoding.DER)))
    return fingerprints, certs


@contextlib.contextmanager
def _quiet_path_building() -> Iterator[None]:
    """pyHanko logs a traceback when it finds no trusted root; for a self-signed key that is expected."""
    logger = logging.getLogger("pyhanko.sign.validation.generic_cms")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _reader(path: Path) -> PdfFileReader:
    try:
        return PdfFileReader(BytesIO(path.read_bytes()), strict=False)
    except OSError as exc:
        raise SignatureInvalid(
            tr("Could not open {path}: {reason}", path=str(path), reason=exc.strerror or exc),
            details=repr(exc),
        ) from exc
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SignatureInvalid(
            tr("{name} is not a PDF file that can be read.", name=path.name), details=repr(exc)
        ) from exc


def verify_pdf(path: Path | str, trusted: Trusted = ()) -> VerifyResult:
    """Check the last signature of ``path`` and its attached data. Works offline (no revocation lookups).

    Raises :class:`SignatureInvalid` only if the file cannot be read as a PDF at all.
    """
    path = Path(path)
    reader = _reader(path)
    data = read_data(reader)
    result = VerifyResult(
        data_sha256=data.declared_sha256 if data else "", data_matches=data.matches if data else False
    )
    signatures = reader.embedded_signatures
    if not signatures:
        return result
    sig = signatures[-1]
    identity = Identity.of(sig.signer_cert)
    result = dataclasses.replace(
        result,
        signature_count=len(signatures),
        signer_name=identity.name,
        signer_title=identity.title,
        signer_organisation=identity.organisation,
        signer_fingerprint=identity.fingerprint,
    )
    fingerprints, roots = _trust(trusted)
    if identity.fingerprint in fingerprints:
        roots.append(sig.signer_cert)
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        with _quiet_path_building():
            status = validate_pdf_signature(sig, signer_validation_context=context)
    except (PdfError, ValueError, KeyError) as exc:  # a signature too damaged to check is not intact
        log.info("signature of %s could not be validated: %r", path, exc)
        return result
    return dataclasses.replace(
        result,
        signing_time=status.signer_reported_dt,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        covers_whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )
