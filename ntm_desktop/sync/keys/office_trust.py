"""Whether to believe a bundle signed by a clerk whose computer an office key certified.

A commune (or the national office) that trusts an office key once, by its fingerprint, accepts a bundle of
that office's unit signed by any clerk's device key the office certified: the certificate carried in the
manifest must be signed by the trusted office key, be for the very key and device that signed the bundle,
be current, and not be revoked by the newest revocation list the reader holds or the bundle carries.
Anything else refuses the bundle with a message naming the clerk and why; nothing is changed.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.keys.certificates import (
    DeviceCertificate,
    RevocationList,
    read_certificate,
    read_revocations,
    utc_now,
)
from ntm_desktop.sync.keys.office_wording import uncertified_bundle_text
from ntm_desktop.sync.keys.pairs import PublicKeyCard, fingerprint, normalize_fingerprint, raw_public_key
from ntm_desktop.sync.keys.trust import TrustDecision, TrustStatus
from ntm_desktop.sync.labels import unit_label

OFFICE = "office"
"""``sync_known_keys.how`` of an office key: it certifies its clerks' keys and signs no bundle itself."""


class TrustedKey(Protocol):
    """A unit's key as a trust decision reads it: its ORM row, or the columns an import reads
    (:class:`ntm_desktop.sync.keys.service.KeyRow`)."""

    @property
    def fingerprint(self) -> str: ...

    @property
    def public_key(self) -> str: ...

    @property
    def how(self) -> str: ...


def office_keys(s: Session, unit_code: str) -> list[m.SyncKnownKey]:
    """The office keys trusted (and not revoked) for ``unit_code``."""
    query = select(m.SyncKnownKey).where(m.SyncKnownKey.unit_code == unit_code, m.SyncKnownKey.how == OFFICE)
    return list(s.scalars(query.order_by(m.SyncKnownKey.trusted_at)))


def office_decision(
    s: Session, bundle: VerifiedBundle, offices: Sequence[TrustedKey] | None = None
) -> TrustDecision | None:
    """The decision for a bundle carrying a clerk's certificate from an office key this workspace trusts
    for the bundle's unit; None when it carries none, or its unit has no trusted office key. ``offices``:
    the unit's office keys, when the caller has read them."""
    manifest = bundle.manifest
    unit = manifest.origin_unit_code
    offices = office_keys(s, unit) if offices is None else offices
    if manifest.office is None or not offices:
        return None
    try:
        cert = read_certificate(manifest.office.certificate)
    except ValueError:
        why = tr("The clerk's certificate in this bundle cannot be read (damaged or altered).")
        return _refused(bundle, offices[0].fingerprint, why)
    signer = next((k for k in offices if cert.signed_by(_raw(k))), None)
    if signer is None:
        why = tr(
            "The certificate of clerk {clerk} (computer {device}) is not signed by the office key of {unit} "
            "that this workspace trusts: it was altered, or it comes from another office.",
            clerk=cert.clerk,
            device=cert.device_id,
            unit=unit_label(unit),
        )
        return _refused(bundle, offices[0].fingerprint, why)
    problem = _problem(bundle, cert) or _altered_list(bundle, signer)
    if problem:
        return _refused(bundle, signer.fingerprint, problem)
    revoked = _revoked(s, bundle, signer, cert)
    if revoked:
        return _refused(bundle, signer.fingerprint, revoked, TrustStatus.REVOKED)
    message = tr(
        "Signed by clerk {clerk} (computer {device}), whose key the office key of {unit} ({fingerprint}) "
        "certified",
        clerk=cert.clerk,
        device=cert.device_id,
        unit=unit_label(unit),
        fingerprint=signer.fingerprint,
    )
    return TrustDecision(TrustStatus.TRUSTED, unit, bundle.fingerprint, signer.fingerprint, False, message)


def uncertified(bundle: VerifiedBundle, offices: Sequence[TrustedKey]) -> TrustDecision:
    """The refusal of a bundle that carries no clerk's certificate, signed by a computer no key of its
    unit is trusted for, when this workspace trusts the unit's office key: that computer was never
    certified by it (a key of the unit is known: the office key)."""
    unit = unit_label(bundle.manifest.origin_unit_code)
    why = uncertified_bundle_text(bundle.manifest.device_id, bundle.fingerprint, unit)
    return _refused(bundle, offices[0].fingerprint, why)


def _sound_proof(bundle: VerifiedBundle) -> DeviceCertificate | None:
    """The clerk's certificate, when it is signed by the office key the bundle names, is for the key and
    device that signed the bundle, is current, and the list it carries does not revoke it."""
    proof = bundle.manifest.office
    if proof is None:
        return None
    try:
        cert = read_certificate(proof.certificate)
    except ValueError:
        return None
    carried = None if proof.revocations is None else _list(proof.revocations)
    if not cert.signed_by(proof.office_key) or _problem(bundle, cert):
        return None
    if carried is not None and (not carried.signed_by(proof.office_key) or cert.serial in carried.revoked):
        return None
    return cert


def office_first_use(bundle: VerifiedBundle, allowed: bool) -> TrustDecision | None:
    """When the reader knows no key of the bundle's unit: a sound certificate names the office key to
    confirm by phone (and, on first use, to remember, so that every clerk it certified is trusted, not
    only this one); None when the bundle carries no sound certificate."""
    cert = _sound_proof(bundle)
    if cert is None or bundle.manifest.office is None:
        return None
    unit, office_fp = bundle.manifest.origin_unit_code, fingerprint(bundle.manifest.office.office_key)
    if not allowed:
        message = tr(
            "No key is known for unit {unit}. This bundle is signed by clerk {clerk}, certified by the "
            "office key {fingerprint}: confirm this fingerprint with the office by phone and trust its "
            "office key file first.",
            unit=unit,
            clerk=cert.clerk,
            fingerprint=office_fp,
        )
        return TrustDecision(TrustStatus.UNKNOWN_KEY, unit, bundle.fingerprint, None, False, message)
    message = tr(
        "First bundle from unit {unit}: it is signed by clerk {clerk}, certified by the office key "
        "{fingerprint}, which will be remembered. Confirm this fingerprint with the office by phone.",
        unit=unit,
        clerk=cert.clerk,
        fingerprint=office_fp,
    )
    return TrustDecision(TrustStatus.TRUSTED, unit, bundle.fingerprint, None, True, message)


def office_mismatch(bundle: VerifiedBundle, known: str | None, revoked: set[str]) -> TrustDecision | None:
    """A certified clerk's bundle from a unit whose one known key is another computer's (the reader
    trusted one clerk's key file, not the office key): the refusal names the clerk and the office key to
    trust instead, so that every clerk the office certified is taken; None otherwise (and when the reader
    revoked that office key: it is not offered again)."""
    cert = _sound_proof(bundle)
    proof = bundle.manifest.office
    if known is None or cert is None or proof is None or normalize_fingerprint(known) == bundle.fingerprint:
        return None
    if fingerprint(proof.office_key) in revoked:
        return None
    unit = bundle.manifest.origin_unit_code
    message = tr(
        "Unit {unit} signed this bundle on another computer ({fingerprint}) than the one whose key is known "
        "here ({known}): clerk {clerk}'s, certified by the office key {office}. Confirm the office key's "
        "fingerprint with the office by phone and trust its office key file (keys office export there, keys "
        "trust here): then the bundles of every clerk it certified are taken.",
        unit=unit,
        fingerprint=bundle.fingerprint,
        known=normalize_fingerprint(known),
        clerk=cert.clerk,
        office=fingerprint(proof.office_key),
    )
    return TrustDecision(
        TrustStatus.KEY_MISMATCH, unit, bundle.fingerprint, normalize_fingerprint(known), False, message
    )


def office_card(bundle: VerifiedBundle, unit_name: str) -> PublicKeyCard | None:
    """The office key to remember for a bundle trusted on first use through its certificate."""
    proof = bundle.manifest.office
    if proof is None or _sound_proof(bundle) is None:
        return None
    return PublicKeyCard(bundle.manifest.origin_unit_code, unit_name, "", proof.office_key, office=True)


def signer_name(bundle: VerifiedBundle) -> str:
    """The clerk who signed a bundle, as the sound office certificate it carries names them (the bundle
    log keeps it); "" for a bundle without one (a commune's, signed by the commune's own key)."""
    cert = _sound_proof(bundle) if bundle.manifest.office is not None else None
    return cert.clerk.strip() if cert is not None else ""


def identity_fingerprint(bundle: VerifiedBundle) -> str:
    """The fingerprint an officer compares by phone: the office key's for a certified clerk's bundle,
    else the key that signed it."""
    proof = bundle.manifest.office
    if proof is not None and _sound_proof(bundle) is not None:
        return fingerprint(proof.office_key)
    return bundle.fingerprint


def keep_revocations(s: Session, bundle: VerifiedBundle) -> None:
    """Keep the revocation list an accepted bundle carries when it is newer than the one kept (inside the
    import's transaction): later bundles of a revoked clerk are refused even if they carry an older list."""
    proof = bundle.manifest.office
    if proof is None or proof.revocations is None:
        return
    from ntm_desktop.sync.keys import office_store as store  # an office's bundles only (few imports need it)

    for office in office_keys(s, bundle.manifest.origin_unit_code):
        carried = _list(proof.revocations)
        if carried is None or not carried.signed_by(_raw(office)):
            continue
        key = store.kept_revocations_key(office.fingerprint)
        kept = store.revocations_row(s, key)
        if kept is None or carried.number > kept.number:
            der = base64.b64encode(carried.der).decode("ascii")
            store.put(s, key, {"number": carried.number, "der": der})


def _problem(bundle: VerifiedBundle, cert: DeviceCertificate) -> str:
    manifest = bundle.manifest
    mine = cert.public_key == raw_public_key(bundle.public_key) and cert.device_id == manifest.device_id
    if not mine or cert.office_code != manifest.origin_unit_code:
        return tr(
            "The certificate of clerk {clerk} is for another computer or office, not for the key that signed "
            "this bundle.",
            clerk=cert.clerk,
        )
    now = utc_now()
    if now > cert.valid_until:
        return tr(
            "The certificate of clerk {clerk} (computer {device}) expired on {date}; the office must certify "
            "the clerk's computer again.",
            clerk=cert.clerk,
            device=cert.device_id,
            date=vntime.day(cert.valid_until),
        )
    if now < cert.valid_from:
        return tr(
            "The certificate of clerk {clerk} (computer {device}) is valid only from {date}.",
            clerk=cert.clerk,
            device=cert.device_id,
            date=vntime.day(cert.valid_from),
        )
    return ""


def _carried(bundle: VerifiedBundle) -> RevocationList | None:
    proof = bundle.manifest.office
    return None if proof is None or proof.revocations is None else _list(proof.revocations)


def _altered_list(bundle: VerifiedBundle, office: TrustedKey) -> str:
    """Why the revocation list the bundle carries cannot be believed, or ""."""
    proof = bundle.manifest.office
    if proof is None or proof.revocations is None:
        return ""
    carried = _carried(bundle)
    if carried is not None and carried.signed_by(_raw(office)):
        return ""
    return tr(
        "The revocation list in this bundle is not signed by the office key of {unit}: it was altered.",
        unit=unit_label(bundle.manifest.origin_unit_code),
    )


def _revoked(s: Session, bundle: VerifiedBundle, office: TrustedKey, cert: DeviceCertificate) -> str:
    """That the office revoked the clerk's certificate (by the list the bundle carries, or the newer one
    kept here), or ""."""
    from ntm_desktop.sync.keys import office_store as store  # an office's bundles only

    carried = _carried(bundle)
    kept = store.revocations_row(s, store.kept_revocations_key(office.fingerprint))
    for found in (carried, kept):
        if found is not None and cert.serial in found.revoked:
            return tr(
                "The office {unit} revoked the certificate of clerk {clerk} (computer {device}) on {date}: "
                "bundles made on that computer are refused. Ask the office to send its data again from a "
                "computer it has certified.",
                unit=unit_label(bundle.manifest.origin_unit_code),
                clerk=cert.clerk,
                device=cert.device_id,
                date=vntime.day(found.revoked[cert.serial]),
            )
    return ""


def _refused(
    bundle: VerifiedBundle, office_fp: str, why: str, status: TrustStatus = TrustStatus.KEY_MISMATCH
) -> TrustDecision:
    """A refusal no trust on first use can lift: the unit's office key is known, and it says no (why; the
    caller says what became of the bundle: ``labels.refused_text``). ``status`` is REVOKED when the office
    revoked the clerk's certificate."""
    unit = bundle.manifest.origin_unit_code
    return TrustDecision(status, unit, bundle.fingerprint, office_fp, False, why)


def _list(der: bytes) -> RevocationList | None:
    try:
        return read_revocations(der)
    except ValueError:
        return None


def _raw(row: TrustedKey) -> bytes:
    return base64.b64decode(row.public_key)
