"""Check a signed report: every signature, what changed after each, who signed and when, is the data the same?

A PDF is signed revision by revision: each signature covers the file as it was when it was made, and
anything appended later is outside it. So each signature is checked on its own (its bytes, its
certificate) and pyHanko's difference analysis says what the later revisions changed. Filling in the
reserved seal field, or adding another signature, is a change a signature allows; painting over a page
and signing again is not, however genuine the new signature is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import SignatureInvalid
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.export.pdf.attachment import read_data
from ntm_desktop.signing.certificate import format_fingerprint, normalise_fingerprint
from ntm_desktop.signing.certinfo import CertInfo

log = logging.getLogger(__name__)

Trusted = Iterable[str | x509.Certificate]
"""Trusted signers: SHA-256 fingerprints (hex, colons allowed) or certificates (roots, intermediates)."""


class Later(enum.Enum):
    """What the revisions after a signature changed (pyHanko's modification level, in our words)."""

    NOTHING = "none"  # the signature covers the whole file
    SIGNING = "signing"  # signatures, the seal, form fields and their upkeep only
    ANNOTATIONS = "annotations"  # also comments or markup on the pages
    OTHER = "other"  # anything else: the content itself may have been changed
    UNKNOWN = "unknown"  # the analysis could not be made


_LEVELS = {
    ModificationLevel.NONE: Later.NOTHING,
    ModificationLevel.LTA_UPDATES: Later.SIGNING,
    ModificationLevel.FORM_FILLING: Later.SIGNING,
    ModificationLevel.ANNOTATIONS: Later.ANNOTATIONS,
    ModificationLevel.OTHER: Later.OTHER,
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature: whose, when, and whether what it signed is still what the file shows."""

    field: str
    certificate: CertInfo
    signing_time: dt.datetime | None = None
    signed_bytes_ok: bool = False
    """The bytes it covers are unchanged and the signature over them is mathematically valid."""
    covers_whole_file: bool = False
    later: Later = Later.UNKNOWN
    changes_allowed: bool = False
    """Every later revision made only changes this signature permits (its DocMDP rules, or signing)."""
    trusted: bool = False
    certified: bool = False

    @property
    def intact(self) -> bool:
        """What this signer signed is what the file still shows (only permitted changes came after)."""
        return self.signed_bytes_ok and self.changes_allowed

    @property
    def signer(self) -> str:
        return self.certificate.name


@dataclass(frozen=True)
class VerifyResult:
    """A check of a PDF: each signature in the order they were made, and the attached data."""

    signatures: tuple[SignatureCheck, ...] = ()
    data_sha256: str = ""
    data_matches: bool = False
    file_name: str = ""
    unreadable: tuple[str, ...] = field(default=())
    """Fields whose signature was too damaged to check at all (they count as broken)."""

    @property
    def signed(self) -> bool:
        return bool(self.signatures) or bool(self.unreadable)

    @property
    def last(self) -> SignatureCheck | None:
        return self.signatures[-1] if self.signatures else None

    @property
    def intact(self) -> bool:
        return self.signed and not self.unreadable and all(s.intact for s in self.signatures)

    @property
    def trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def appended_after_last(self) -> bool:
        """Something was added after the last signature (allowed or not: it is not signed by anyone)."""
        last = self.last
        return last is not None and not last.covers_whole_file

    @property
    def ok(self) -> bool:
        """Signed, nothing any signature forbids was changed, the data is what the pages say. Trust apart."""
        return self.intact and self.data_matches

    def namesakes(self) -> list[tuple[SignatureCheck, SignatureCheck]]:
        """Pairs of signatures that carry the same name under different certificates."""
        pairs = []
        for i, a in enumerate(self.signatures):
            for b in self.signatures[i + 1 :]:
                same = a.certificate.name.casefold() == b.certificate.name.casefold()
                if same and a.certificate.fingerprint != b.certificate.fingerprint:
                    pairs.append((a, b))
        return pairs

    def problems(self) -> list[str]:
        """What is wrong, one sentence each, for the officer."""
        return problems(self)


# ---- what is wrong, in words (the rest of the verdict is in :mod:`ntm_desktop.signing.verdict`) ----


def _who(n: int, s: SignatureCheck) -> str:
    return tr("Signature {n} ({name})", n=n, name=s.signer or s.field)


def _signature_problems(n: int, s: SignatureCheck) -> list[str]:
    who = _who(n, s)
    found = []
    if not s.signed_bytes_ok:
        found.append(tr("{who}: the signed content was changed, or the signature is damaged.", who=who))
    elif not s.changes_allowed:
        found.append(
            tr(
                "{who}: a later revision changed the document in a way this signature does not allow.",
                who=who,
            )
        )
    if not s.trusted:
        found.append(tr("{who}: the certificate does not lead to a trusted certificate.", who=who))
    return found


def problems(result: VerifyResult) -> list[str]:
    """What is wrong, one sentence each, for the officer."""
    if not result.signed:
        found = [tr("The document is not signed.")]
    else:
        found = [
            tr("The signature in the field {field} is damaged and cannot be checked.", field=name)
            for name in result.unreadable
        ]
        for n, s in enumerate(result.signatures, 1):
            found += _signature_problems(n, s)
        if result.appended_after_last and result.intact:
            found.append(tr("Something was added after the last signature, and nobody signed it."))
        for a, b in result.namesakes():
            found.append(
                tr(
                    "Two signatures carry the name {name} but come from different certificates ({a}, {b}).",
                    name=a.signer,
                    a=format_fingerprint(a.certificate.fingerprint)[:23],
                    b=format_fingerprint(b.certificate.fingerprint)[:23],
                )
            )
    if not result.data_sha256:
        found.append(tr("The document carries no attached data."))
    elif not result.data_matches:
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
def _quiet_validation() -> Iterator[None]:
    """pyHanko logs tracebacks for an untrusted root and for changes it cannot explain; we report them."""
    loggers = [
        logging.getLogger(name)
        for name in (
            "pyhanko.sign.validation.generic_cms",
            "pyhanko.sign.validation.pdf_embedded",
            "pyhanko.sign.diff_analysis",
        )
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _reader(path: Path) -> PdfFileReader:
    try:
        return PdfFileReader(BytesIO(path.read_bytes()), strict=False)
    except OSError as exc:
        raise SignatureInvalid(
            tr("Could not open {path}: {reason}", path=str(path), reason=os_reason(exc)),
            details=repr(exc),
        ) from exc
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SignatureInvalid(
            tr("{name} is not a PDF file that can be read.", name=path.name), details=repr(exc)
        ) from exc


def _check(sig: EmbeddedPdfSignature, status: PdfSignatureStatus) -> SignatureCheck:
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    later = Later.NOTHING if whole else _LEVELS.get(level, Later.UNKNOWN) if level else Later.UNKNOWN
    when = status.signer_reported_dt
    return SignatureCheck(
        field=sig.field_name,
        certificate=CertInfo.of(sig.signer_cert),
        signing_time=vntime.to_vn(when) if when else None,
        signed_bytes_ok=bool(status.intact and status.valid),
        covers_whole_file=whole,
        later=later,
        changes_allowed=status.docmdp_ok is True,
        trusted=bool(status.trusted),
        certified=sig.docmdp_level is not None,
    )


def _validate(
    sig: EmbeddedPdfSignature, fingerprints: set[str], roots: list[asn1_x509.Certificate]
) -> SignatureCheck | None:
    """Check one signature; ``None`` when it is too damaged to check at all."""
    try:
        cert = sig.signer_cert
        anchors = [*roots, cert] if cert.sha256.hex() in fingerprints else roots
        context = ValidationContext(trust_roots=anchors, allow_fetching=False, revocation_mode="soft-fail")
        with _quiet_validation():
            status = validate_pdf_signature(sig, signer_validation_context=context)
        return _check(sig, status)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.info("signature %s could not be validated: %r", sig.field_name, exc)
        return None


def verify_pdf(path: Path | str, trusted: Trusted = ()) -> VerifyResult:
    """Check every signature of ``path``, what changed after each, and its attached data. Offline.

    ``trusted`` holds fingerprints of signers trusted as they are, and certificates of roots or
    intermediates (a CA's) that signers' certificates may chain to. Raises :class:`SignatureInvalid`
    only if the file cannot be read as a PDF at all.
    """
    path = Path(path)
    reader = _reader(path)
    data = read_data(reader)
    fingerprints, roots = _trust(trusted)
    checks: list[SignatureCheck] = []
    broken: list[str] = []
    for sig in reader.embedded_signatures:
        check = _validate(sig, fingerprints, roots)
        if check is None:
            broken.append(str(sig.field_name))
        else:
            checks.append(check)
    return VerifyResult(
        signatures=tuple(checks),
        data_sha256=data.declared_sha256 if data else "",
        data_matches=data.matches if data else False,
        file_name=path.name,
        unreadable=tuple(broken),
    )
