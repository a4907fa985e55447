"""What the office key's actions say when done, in one place: the CLI (``keys office …``) and the Sync
page's office key tab print the same sentences."""

from __future__ import annotations

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office_store import ClerkCertificate, OfficeKeyInfo


def made_text(info: OfficeKeyInfo) -> str:
    return tr(
        "Made the office key of {name} ({code}): fingerprint {fingerprint}",
        name=info.unit_name,
        code=info.unit_code,
        fingerprint=info.fingerprint,
    )


def certified_text(cert: ClerkCertificate) -> str:
    return tr(
        "Certified computer {device} of clerk {clerk} (key {fingerprint}) until {date}",
        device=cert.device_id,
        clerk=cert.clerk,
        fingerprint=cert.fingerprint,
        date=vntime.stamp_day(cert.valid_until),
    )


def revoked_text(cert: ClerkCertificate) -> str:
    return tr(
        "Revoked the certificate of clerk {clerk} (computer {device}): communes refuse bundles signed by "
        "it once any bundle of the office has brought them the new revocation list",
        clerk=cert.clerk,
        device=cert.device_id,
    )


def restored_text(info: OfficeKeyInfo) -> str:
    return tr(
        "Restored the office key (fingerprint {fingerprint}): communes keep trusting it. Certify again any "
        "clerk's computer no longer listed.",
        fingerprint=info.fingerprint,
    )


def changed_text(info: OfficeKeyInfo) -> str:
    return tr(
        "Changed the office key's passphrase; the key (fingerprint {fingerprint}) is the same, so communes "
        "need not trust again and clerks' certificates stay valid.",
        fingerprint=info.fingerprint,
    )
