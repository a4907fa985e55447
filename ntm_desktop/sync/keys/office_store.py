"""Where an office keeps its office key and the certificates it issued: rows of the ``settings`` table.

* ``office.key``: the office key — its unit, public key and fingerprint, and the private key as PKCS#8 PEM
  **encrypted with the head of office's passphrase** (``BestAvailableEncryption``); it never sits in the
  shared database in plain text, and no clerk can certify or revoke without the passphrase;
* ``office.cert.<device fingerprint>``: the certificate issued for one clerk's computer (DER, base64),
  with the clerk, device id, serial, validity and, once revoked, when;
* ``office.revocations``: the office's latest revocation list (DER, base64) and its number.

Every clerk's workspace reads its own certificate and the latest list from here when it signs a bundle
(:func:`proof_for`). A commune keeps the latest list it received from each office key it trusts in
``office.revocations.<office fingerprint>``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.db import models as m
from ntm_desktop.services.db import Database
from ntm_desktop.sync.keys.certificates import OfficeProof, RevocationList, read_revocations

KEY = "office.key"
REVOCATIONS = "office.revocations"
CERT_PREFIX = "office.cert."


@dataclass(frozen=True)
class OfficeKeyInfo:
    unit_code: str
    unit_name: str
    fingerprint: str
    public_key: bytes
    created_at: str
    created_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "fingerprint": self.fingerprint,
            "created_at": vntime.json_vn_stamp(self.created_at),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class ClerkCertificate:
    """One certificate the office issued, as the office's lists show it."""

    clerk: str
    device_id: str
    fingerprint: str
    serial: int
    valid_from: str
    valid_until: str
    issued_by: str
    revoked_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "clerk": self.clerk,
            "device": self.device_id,
            "fingerprint": self.fingerprint,
            "serial": format(self.serial, "x"),
            "valid_from": vntime.json_vn_stamp(self.valid_from),
            "valid_until": vntime.json_vn_stamp(self.valid_until),
            "issued_by": self.issued_by,
            "revoked_at": vntime.json_vn_stamp(self.revoked_at),
        }


def office_key_row(s: Session) -> dict[str, Any] | None:
    row = s.get(m.Setting, KEY)
    return None if row is None or not isinstance(row.value, dict) else dict(row.value)


def office_key_info(value: dict[str, Any]) -> OfficeKeyInfo:
    return OfficeKeyInfo(
        value["unit_code"],
        value["unit_name"],
        value["fingerprint"],
        base64.b64decode(value["public_key"]),
        value["created_at"],
        value["created_by"],
    )


def certificate_rows(s: Session) -> dict[str, dict[str, Any]]:
    """Device fingerprint → the stored certificate row."""
    query = select(m.Setting).where(m.Setting.key.startswith(CERT_PREFIX, autoescape=True))
    return {row.key[len(CERT_PREFIX) :]: dict(row.value) for row in s.scalars(query)}


def certificate_view(value: dict[str, Any]) -> ClerkCertificate:
    return ClerkCertificate(
        value["clerk"],
        value["device_id"],
        value["fingerprint"],
        int(value["serial"], 16),
        value["valid_from"],
        value["valid_until"],
        value["issued_by"],
        value.get("revoked_at"),
    )


def forget_office(s: Session, db: Database, old_fingerprint: str) -> None:
    """Before a replaced office key: its certificates and revocation list go (the audit keeps them)."""
    query = select(m.Setting).where(
        m.Setting.key.startswith(CERT_PREFIX, autoescape=True) | (m.Setting.key == REVOCATIONS)
    )
    for row in list(s.scalars(query)):
        before = dict(row.value) if isinstance(row.value, dict) else None
        db.audit(s, "sync.office.replace", "office_certificate", row.key, before, None, note=old_fingerprint)
        s.delete(row)
    s.flush()


def put(s: Session, key: str, value: dict[str, Any]) -> dict[str, Any] | None:
    """Set a settings row (inside the caller's transaction); its value before, for the audit row."""
    row = s.get(m.Setting, key)
    if row is None:
        s.add(m.Setting(key=key, value=value))
        return None
    before = dict(row.value) if isinstance(row.value, dict) else None
    row.value = value
    return before


def revocations_row(s: Session, key: str = REVOCATIONS) -> RevocationList | None:
    row = s.get(m.Setting, key)
    if row is None or not isinstance(row.value, dict):
        return None
    return read_revocations(base64.b64decode(row.value["der"]))


def kept_revocations_key(office_fingerprint: str) -> str:
    """Where a commune keeps the latest revocation list of an office key it trusts."""
    return f"{REVOCATIONS}.{office_fingerprint}"


def proof_for(s: Session, device_fingerprint: str) -> OfficeProof | None:
    """What this clerk's bundles carry: their computer's certificate and the office's latest revocation
    list; None when the office certified no key of this computer (a commune, a one-laptop receiver)."""
    row = s.get(m.Setting, CERT_PREFIX + device_fingerprint)
    if row is None or not isinstance(row.value, dict):
        return None
    office = office_key_row(s)
    if office is None:
        return None
    lists = s.get(m.Setting, REVOCATIONS)
    der = (
        base64.b64decode(lists.value["der"]) if lists is not None and isinstance(lists.value, dict) else None
    )
    return OfficeProof(base64.b64decode(row.value["der"]), base64.b64decode(office["public_key"]), der)
