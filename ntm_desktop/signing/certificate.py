"""A self-signed signing certificate and key in a passphrase-protected PKCS#12 (.p12) file.

For a commune without a token from a licensed CA (chữ ký số công cộng), the app can make its own
certificate: the signature then proves the file was not changed since signing, and whoever holds the
certificate's fingerprint (read out on the phone, printed on paper) can check who signed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean

MIN_PASSPHRASE = 8
KeyType = Literal["rsa", "ec"]


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate (DER), as 64 lowercase hex digits."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def format_fingerprint(value: str) -> str:
    """``AB:CD:…`` in groups of two, the way certificate viewers show it."""
    hexdigits = normalise_fingerprint(value).upper()
    return ":".join(hexdigits[i : i + 2] for i in range(0, len(hexdigits), 2))


def normalise_fingerprint(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch in "0123456789abcdef")


def _subject(name: str, title: str, organisation: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, title))
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"))
    return x509.Name(attributes)


def _check(name: str, passphrase: str, valid_days: int, out_path: Path, overwrite: bool) -> None:
    problems = []
    if not name:
        problems.append(Problem("name", tr("The signer's name is required")))
    if len(passphrase) < MIN_PASSPHRASE:
        problems.append(
            Problem("passphrase", tr("The passphrase must have at least {n} characters", n=MIN_PASSPHRASE))
        )
    if not 1 <= valid_days <= 3650:
        problems.append(Problem("valid_days", tr("A certificate is valid for 1 to 3650 days")))
    if out_path.exists() and not overwrite:
        problems.append(Problem("out_path", tr("The file {path} already exists", path=str(out_path))))
    if problems:
        raise InvalidInput(problems)


def _self_signed(
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey, subject: x509.Name, valid_days: int
) -> x509.Certificate:
    """An end-entity certificate for signing documents (digital signature + non-repudiation)."""
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def create_certificate(
    name: str,
    title: str,
    organisation: str,
    out_path: Path | str,
    passphrase: str,
    valid_days: int = 3 * 365,
    *,
    key_type: KeyType = "ec",
    overwrite: bool = False,
) -> str:
    """Make a key and a self-signed certificate for ``name`` and save both in ``out_path`` (.p12).

    Returns the certificate's SHA-256 fingerprint. The file is written atomically and never replaces an
    existing one unless ``overwrite`` is true.
    """
    out_path = Path(out_path)
    name, title, organisation = clean(name), clean(title), clean(organisation)
    _check(name, passphrase, valid_days, out_path, overwrite)
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    key = (
        ec.generate_private_key(ec.SECP256R1()) if key_type == "ec" else rsa.generate_private_key(65537, 3072)
    )
    cert = _self_signed(key, _subject(name, title, organisation), valid_days)
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"),
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    write_bytes_atomic(out_path, data)
    return fingerprint(cert)
