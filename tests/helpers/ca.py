"""A small certification authority for tests: a root, an intermediate, and the certificates they issue.

It stands in for a licensed Vietnamese CA: the office receives the root as a file (``certificate trust``)
and each person or organisation gets a .p12 holding their key, their certificate and the intermediate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

Key = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _name(common: str, organisation: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"))
    return x509.Name(parts)


def _usage(ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _issue(
    subject: x509.Name, key: Key, issuer: x509.Name, issuer_key: Key, ca: bool, days: int, ago: int = 0
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=ago)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
        .sign(issuer_key, hashes.SHA256())
    )


@dataclass
class TrialCA:
    root: x509.Certificate
    root_key: Key
    intermediate: x509.Certificate
    intermediate_key: Key

    @classmethod
    def make(cls, name: str = "NTM Test Root CA") -> TrialCA:
        root_key = ec.generate_private_key(ec.SECP256R1())
        root = _issue(_name(name), root_key, _name(name), root_key, True, 3650)
        sub_key = ec.generate_private_key(ec.SECP256R1())
        sub = _issue(_name(f"{name} - Sub CA"), sub_key, root.subject, root_key, True, 1825)
        return cls(root, root_key, sub, sub_key)

    def root_pem(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        return path

    def issue(
        self, common: str, organisation: str = "", *, rsa_key: bool = False, expired: bool = False
    ) -> tuple[x509.Certificate, Key]:
        """A new key and its certificate from the intermediate (``expired``: it ended a month ago)."""
        key: Key = (
            rsa.generate_private_key(65537, 2048) if rsa_key else ec.generate_private_key(ec.SECP256R1())
        )
        subject, issuer = _name(common, organisation), self.intermediate.subject
        cert = _issue(subject, key, issuer, self.intermediate_key, False, 365, ago=400 if expired else 0)
        return cert, key

    def issue_p12(
        self, path: Path, common: str, passphrase: str, organisation: str = "", *, rsa_key: bool = False
    ) -> tuple[Path, x509.Certificate, Key]:
        """A .p12 with a new key, its certificate from the intermediate, and the intermediate itself."""
        cert, key = self.issue(common, organisation, rsa_key=rsa_key)
        data = pkcs12.serialize_key_and_certificates(
            common.encode(),
            key,
            cert,
            [self.intermediate],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path, cert, key
