"""What the office key's actions say when done, in one place: the CLI (``keys office …``) and the Sync
page's office key tab print the same sentences. So are the two sides of a computer the office key has
not certified: the sender's refusal to write (:func:`uncertified_here_text`, :func:`lapsed_here_text` for a
certificate revoked or expired) and the reader's refusal to take in what such a computer signed
(:func:`uncertified_bundle_text`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.certificates import utc_now
from ntm_desktop.sync.labels import short_device

if TYPE_CHECKING:  # the office's stored key and certificates are read where used, not by a bundle's import
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
        device=short_device(cert.device_id),
        clerk=cert.clerk,
        fingerprint=cert.fingerprint,
        date=vntime.stamp_day(cert.valid_until),
    )


def revoked_text(cert: ClerkCertificate) -> str:
    return tr(
        "Revoked the certificate of clerk {clerk} (computer {device}): communes refuse bundles signed by "
        "it once any bundle of the office has brought them the new revocation list",
        clerk=cert.clerk,
        device=short_device(cert.device_id),
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


def this_computer_text(cert: ClerkCertificate | None) -> str:
    """Whether the office key certified this computer (``cert``: its certificate, if any): ``keys office
    show`` and the Sync page's office key tab say it alike."""
    if cert is None:
        return tr(
            "This computer is not certified by the office key: communes that trust only the office key "
            "refuse its bundles"
        )
    if cert.revoked_at:
        return tr(
            "This computer's certificate (clerk {clerk}) was revoked on {date}",
            clerk=cert.clerk,
            date=vntime.stamp_day(cert.revoked_at),
        )
    if vntime.parse_stamp(cert.valid_until) < utc_now():  # nothing it writes would be taken in
        return tr(
            "This computer's certificate (clerk {clerk}) expired on {date}",
            clerk=cert.clerk,
            date=vntime.stamp_day(cert.valid_until),
        )
    return tr(
        "This computer is certified for clerk {clerk} until {date}",
        clerk=cert.clerk,
        date=vntime.stamp_day(cert.valid_until),
    )


def uncertified_bundle_text(device: str, fingerprint: str, unit: str) -> str:
    """The reader's refusal (``office_trust.uncertified``): a bundle signed by a computer the office key
    of its unit, trusted here, has not certified."""
    return tr(
        "This bundle is signed by computer {device} ({fingerprint}), which the office key of {unit} that "
        "this workspace trusts has not certified. At {unit}, certify that computer's key with the office "
        "key (ntm-desktop keys office certify), then send the bundle again.",
        device=short_device(device),
        fingerprint=fingerprint,
        unit=unit,
    )


def uncertified_here_text(device: str, fingerprint: str, unit: str) -> str:
    """The sender's refusal, before anything is written: this office has an office key, and it has not
    certified this computer, so whoever trusts that key (the national office, the communes) would refuse
    the file as :func:`uncertified_bundle_text` says."""
    return tr(
        "This computer ({device}, key {fingerprint}) is not certified by the office key of {unit}: the "
        "national office and the communes that trust that key would refuse what it signs, so nothing was "
        "written. Certify this computer with the office key first (ntm-desktop keys office certify --clerk "
        "NAME, or “Certify this computer…” on the Sync page's Office key tab), then send again.",
        device=short_device(device),
        fingerprint=fingerprint,
        unit=unit,
    )


def lapsed_here_text(device: str, fingerprint: str, unit: str, why: str, on: datetime) -> str:
    """The sender's refusal, before anything is written, when the office key revoked this computer's
    certificate (``why`` "revoked") or it expired ("expired") ``on`` that day: readers refuse it alike."""
    values = {"device": device, "fingerprint": fingerprint, "unit": unit, "date": vntime.day(on)}
    if why == "revoked":
        said = tr(
            "The office key of {unit} revoked this computer's certificate ({device}, key {fingerprint}) "
            "on {date}",
            **values,
        )
    else:
        said = tr(
            "This computer's certificate from the office key of {unit} ({device}, key {fingerprint}) "
            "expired on {date}",
            **values,
        )
    return tr(
        "{why}: the national office and the communes that trust that key would refuse what it signs, so "
        "nothing was written. Certify this computer again with the office key (ntm-desktop keys office "
        "certify --clerk NAME, or “Certify this computer…” on the Sync page's Office key tab), then send "
        "again.",
        why=said,
    )
