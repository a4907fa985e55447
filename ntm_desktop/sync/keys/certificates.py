"""An office key's statements about its clerks' device keys: X.509 certificates and revocation lists.

A province office on a database server has several clerks, each signing with the Ed25519 key of their own
computer. The office key (also Ed25519) certifies each clerk's device key once: an X.509 certificate
(RFC 5280, written and read by ``cryptography``) whose subject is the clerk, and whose issuer is the office:

* issuer: ``O=<office name>, serialNumber=<office unit code>``;
* subject: ``CN=<clerk's name>, O=<office name>, serialNumber=<office unit code>, UID=<device id>``;
* subject public key: the clerk's device key; validity: ``valid_from`` – ``valid_until`` (UTC);
* ``BasicConstraints(ca=False)``; signed with the office key (Ed25519, RFC 8410).

A revocation list (an X.509 CRL signed by the office key, with a ``CRLNumber`` that grows by one each time)
names the serial numbers of the certificates the office revoked. Bundles carry the clerk's certificate
and the office's latest list (:class:`OfficeProof`, the manifest's ``office`` field), so a commune that
trusts the office key learns of a revocation from whichever clerk's bundle comes next.

Pure functions, no database; ``ValueError`` for bytes that are not one of these documents.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID, SignatureAlgorithmOID

from ntm_desktop.sync.keys.pairs import fingerprint, public_key_from_raw, raw_public_key

MAX_CLERK_BYTES = 64
"""X.509 limits a common name (the clerk's name) to 64 bytes of UTF-8."""
MAX_DOCUMENT_BYTES = 64 * 1024
"""A certificate or revocation list larger than this is refused before it is parsed."""
_LIST_LIFETIME = timedelta(days=3650)
"""CRLs must state a next update; offline offices publish a new list only when they revoke, so the list
says "ten years" and readers keep the highest-numbered list they have seen."""


@dataclass(frozen=True)
class Office:
    code: str
    name: str

    def issuer(self) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.name),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, self.code),
            ]
        )


@dataclass(frozen=True)
class DeviceCertificate:
    """A clerk's device key, certified by an office key (read from DER; not yet checked against a key)."""

    der: bytes
    serial: int
    office_code: str
    office_name: str
    clerk: str
    device_id: str
    public_key: bytes  # raw 32 bytes
    valid_from: datetime
    valid_until: datetime

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def signed_by(self, office_key: bytes) -> bool:
        return _verifies(office_key, _certificate(self.der))

    def current(self, when: datetime) -> bool:
        return self.valid_from <= when <= self.valid_until


@dataclass(frozen=True)
class RevocationList:
    der: bytes
    number: int
    issued: datetime
    revoked: Mapping[int, datetime]
    """Serial number → when the office revoked it (UTC)."""

    def signed_by(self, office_key: bytes) -> bool:
        try:
            return x509.load_der_x509_crl(self.der).is_signature_valid(public_key_from_raw(office_key))
        except (ValueError, TypeError):
            return False


def issue_certificate(
    office_key: Ed25519PrivateKey,
    office: Office,
    *,
    clerk: str,
    device_id: str,
    device_key: bytes,
    valid_from: datetime,
    valid_until: datetime,
) -> bytes:
    """A DER certificate of ``device_key`` (raw 32 bytes) for ``clerk``'s computer ``device_id``."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, clerk),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office.name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, office.code),
            x509.NameAttribute(NameOID.USER_ID, device_id),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(office.issuer())
        .public_key(public_key_from_raw(device_key))
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    return builder.sign(office_key, None).public_bytes(Encoding.DER)


def read_certificate(der: bytes) -> DeviceCertificate:
    """The certificate's statements; ``ValueError`` if the bytes are not a device certificate."""
    try:
        return _device_certificate(der)
    except (TypeError, UnsupportedAlgorithm) as error:
        raise ValueError(repr(error)) from error


def _device_certificate(der: bytes) -> DeviceCertificate:
    cert = _certificate(der)
    if cert.signature_algorithm_oid != SignatureAlgorithmOID.ED25519:
        raise ValueError("not signed with Ed25519")
    key = cert.public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 device key")
    issuer, subject = cert.issuer, cert.subject
    return DeviceCertificate(
        der=der,
        serial=cert.serial_number,
        office_code=_one(issuer, NameOID.SERIAL_NUMBER),
        office_name=_one(issuer, NameOID.ORGANIZATION_NAME),
        clerk=_one(subject, NameOID.COMMON_NAME),
        device_id=_one(subject, NameOID.USER_ID),
        public_key=raw_public_key(key),
        valid_from=cert.not_valid_before_utc,
        valid_until=cert.not_valid_after_utc,
    )


def issue_revocations(
    office_key: Ed25519PrivateKey,
    office: Office,
    *,
    number: int,
    revoked: Mapping[int, datetime],
    issued: datetime,
) -> bytes:
    """A DER revocation list numbered ``number`` naming the ``revoked`` serials (→ when)."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(office.issuer())
        .last_update(issued)
        .next_update(issued + _LIST_LIFETIME)
        .add_extension(x509.CRLNumber(number), critical=False)
    )
    for serial, when in sorted(revoked.items()):
        entry = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(office_key, None).public_bytes(Encoding.DER)


def read_revocations(der: bytes) -> RevocationList:
    if len(der) > MAX_DOCUMENT_BYTES:
        raise ValueError("revocation list too large")
    crl = x509.load_der_x509_crl(der)
    try:
        number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound as error:
        raise ValueError("the revocation list has no number") from error
    revoked = {entry.serial_number: entry.revocation_date_utc for entry in crl}
    return RevocationList(der, number, crl.last_update_utc, revoked)


@dataclass(frozen=True)
class OfficeProof:
    """What a certified clerk's bundle carries in its manifest's ``office`` field."""

    certificate: bytes
    office_key: bytes
    """The office's public key (raw 32 bytes): what a reader remembers when it trusts the office on first
    use (a commune's new laptop taking in its recovery bundle). Otherwise the reader's own trusted office
    key decides, never this one."""
    revocations: bytes | None = None

    def lapse(self, when: datetime) -> tuple[str, datetime] | None:
        """Why a reader would refuse this proof at ``when``, though the office made it: ``("revoked", on)``
        when the list it carries names its certificate, ``("expired", valid_until)`` outside its validity;
        None while it holds."""
        cert = read_certificate(self.certificate)
        lists = None if self.revocations is None else read_revocations(self.revocations)
        if lists is not None and cert.serial in lists.revoked:
            return "revoked", lists.revoked[cert.serial]
        return None if cert.current(when) else ("expired", cert.valid_until)

    def to_json(self) -> dict[str, Any]:
        return {
            "certificate": _b64(self.certificate),
            "office_key": _b64(self.office_key),
            "revocations": None if self.revocations is None else _b64(self.revocations),
        }


def is_proof_json(value: object) -> bool:
    """The shape of the manifest's ``office`` field (the documents themselves are checked at trust time)."""
    if not isinstance(value, dict) or set(value) != {"certificate", "office_key", "revocations"}:
        return False
    lists = value["revocations"]
    return (
        _is_b64(value["certificate"]) and _is_key(value["office_key"]) and (lists is None or _is_b64(lists))
    )


def proof_from_json(value: dict[str, Any]) -> OfficeProof:
    lists = value["revocations"]
    return OfficeProof(
        base64.b64decode(value["certificate"]),
        base64.b64decode(value["office_key"]),
        None if lists is None else base64.b64decode(lists),
    )


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _certificate(der: bytes) -> x509.Certificate:
    if len(der) > MAX_DOCUMENT_BYTES:
        raise ValueError("certificate too large")
    return x509.load_der_x509_certificate(der)


def _verifies(office_key: bytes, cert: x509.Certificate) -> bool:
    try:
        public_key_from_raw(office_key).verify(cert.signature, cert.tbs_certificate_bytes)
    except (InvalidSignature, ValueError):
        return False
    return True


def _one(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    found = name.get_attributes_for_oid(oid)
    if len(found) != 1 or not isinstance(found[0].value, str) or not found[0].value:
        raise ValueError(f"the certificate's name has no single {oid._name}")
    return found[0].value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _is_key(value: object) -> bool:
    if not _is_b64(value):
        return False
    try:
        public_key_from_raw(base64.b64decode(str(value)))
    except ValueError:
        return False
    return True


def _is_b64(value: object) -> bool:
    if not isinstance(value, str) or not value or len(value) > MAX_DOCUMENT_BYTES * 2:
        return False
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True
