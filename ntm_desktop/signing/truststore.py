"""Certificates this office trusts for signed reports: CA roots and intermediates, or a signer's own.

The Vietnamese CAs' root and intermediate certificates are files an office receives (.cer, .crt, .pem);
a commune using a self-signed key hands over its certificate the same way. Each one trusted is kept as
``<fingerprint>.pem`` in ``trusted-certificates/`` in the data folder, and ``verify`` reads them all.

These are for *report signatures* only. The keys that sign sync bundles are another thing
(``keys trust``), kept in the data file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.signing.certificate import fingerprint, normalise_fingerprint
from ntm_desktop.signing.certinfo import CertInfo

FOLDER = "trusted-certificates"
MAX_FILE_BYTES = 1024 * 1024


class CertKind(enum.Enum):
    ROOT = "root"  # a CA that signs itself
    INTERMEDIATE = "intermediate"  # a CA issued by another CA
    SIGNER = "signer"  # a person's or an organisation's own certificate, trusted as it is


def kind_of(cert: x509.Certificate) -> CertKind:
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        return CertKind.SIGNER
    return CertKind.ROOT if cert.issuer == cert.subject else CertKind.INTERMEDIATE


@dataclass(frozen=True)
class Trusted:
    info: CertInfo
    kind: CertKind


def describe(cert: x509.Certificate) -> Trusted:
    der = cert.public_bytes(Encoding.DER)
    return Trusted(CertInfo.of(asn1_x509.Certificate.load(der)), kind_of(cert))


def read_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM file (one or more) or a DER file; a clear refusal for anything else."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(tr("{name} is too large to be a certificate file.", name=path.name), "file")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            tr("Cannot read the file {name}: {reason}", name=str(path), reason=os_reason(exc)),
            field="file",
        ) from exc
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise InvalidInput(
            tr("{name} is not a certificate file (.cer, .crt or .pem).", name=path.name), field="file"
        ) from exc


class TrustStore:
    """The folder of trusted certificates. Reading never fails on a stray file; it is skipped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def in_data_folder(cls, data_folder: Path) -> TrustStore:
        return cls(data_folder / FOLDER)

    def certificates(self) -> list[x509.Certificate]:
        if not self.folder.is_dir():
            return []
        found: list[x509.Certificate] = []
        for path in sorted(self.folder.glob("*.pem")):
            try:
                found += x509.load_pem_x509_certificates(path.read_bytes())
            except (OSError, ValueError):
                continue
        return found

    def list(self) -> list[Trusted]:
        return [describe(c) for c in self.certificates()]

    def contains(self, cert: x509.Certificate) -> bool:
        return (self.folder / f"{fingerprint(cert)}.pem").exists()

    def add(self, cert: x509.Certificate) -> Trusted:
        target = self.folder / f"{fingerprint(cert)}.pem"
        write_bytes_atomic(target, cert.public_bytes(Encoding.PEM), make_folder=True)
        return describe(cert)

    def remove(self, value: str) -> Trusted:
        """Stop trusting the certificate with this fingerprint (hex, colons allowed)."""
        wanted = normalise_fingerprint(value)
        for cert in self.certificates():
            if fingerprint(cert) == wanted:
                (self.folder / f"{wanted}.pem").unlink()
                return describe(cert)
        raise InvalidInput(
            tr("No trusted certificate has the fingerprint {fp}.", fp=value), field="fingerprint"
        )
