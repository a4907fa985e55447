"""What a certificate says about its holder, in the terms a reader compares: who, issued by whom, which one.

Two certificates can carry the same name (anyone can make a self-signed one "Nguyễn Văn A"); the issuer,
the serial number and above all the SHA-256 fingerprint tell them apart, so every check shows all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509

from ntm_desktop.core import vntime

_SHORT = {
    "common_name": "CN",
    "title": "T",
    "organizational_unit_name": "OU",
    "organization_name": "O",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "country_name": "C",
    "email_address": "E",
    "user_id": "UID",
    "serial_number": "SERIALNUMBER",
}


def distinguished_name(name: asn1_x509.Name) -> str:
    """``CN=Nguyễn Văn A, T=Chủ tịch, O=UBND xã Bằng Thành, C=VN``, in the certificate's own order."""
    parts = []
    for rdn in name.chosen:
        for attribute in rdn:
            kind = attribute["type"].native
            label = _SHORT.get(kind, str(kind))
            parts.append(f"{label}={attribute['value'].native}")
    return ", ".join(parts)


def _first(value: object) -> str:
    """A name attribute's text; a repeated attribute (two OUs) gives its first value."""
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return str(value) if value is not None else ""


@dataclass(frozen=True)
class CertInfo:
    name: str
    title: str
    organisation: str
    subject: str
    issuer: str
    serial: str
    fingerprint: str
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool

    @classmethod
    def of(cls, cert: asn1_x509.Certificate) -> CertInfo:
        subject = cert.subject.native
        validity = cert["tbs_certificate"]["validity"]
        return cls(
            name=_first(subject.get("common_name")),
            title=_first(subject.get("title")),
            organisation=_first(subject.get("organization_name"))
            or _first(subject.get("organizational_unit_name")),
            subject=distinguished_name(cert.subject),
            issuer=distinguished_name(cert.issuer),
            serial=format(cert.serial_number, "X"),
            fingerprint=cert.sha256.hex(),
            not_before=vntime.to_vn(validity["not_before"].native),
            not_after=vntime.to_vn(validity["not_after"].native),
            self_signed=cert.self_signed != "no",
        )

    def valid_at(self, moment: dt.datetime) -> bool:
        return self.not_before <= moment <= self.not_after

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation,
            "subject": self.subject,
            "issuer": self.issuer,
            "serial": self.serial,
            "fingerprint": self.fingerprint,
            "not_before": vntime.iso_vn(self.not_before),
            "not_after": vntime.iso_vn(self.not_after),
            "self_signed": self.self_signed,
        }
