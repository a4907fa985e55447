"""Whether this workspace takes a sound bundle in at all, before its records are looked at (checks 2–4
of :mod:`ntm_desktop.sync.importing`): its kind, its address and its signer's key — and, once a bundle is
taken in, the key it was trusted by on first use remembered. A refusal says why in the officer's words
(:class:`Refused`, with its :class:`Refusal` for a program)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from sqlalchemy.orm import Session

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.context import Me, SyncContext
from ntm_desktop.sync.keys.office_trust import (
    OFFICE,
    keep_revocations,
    office_card,
    office_decision,
    office_first_use,
    office_mismatch,
    uncertified,
)
from ntm_desktop.sync.keys.pairs import normalize_fingerprint
from ntm_desktop.sync.keys.service import REVOKED, KeyRow, card_of, known_among, remember_unseen, unit_keys
from ntm_desktop.sync.keys.trust import TrustDecision, TrustStatus, check_trust
from ntm_desktop.sync.labels import Act, origin_name, refused_text, unit_label


class Refusal(StrEnum):
    WRONG_KIND = "wrong-kind"
    UNKNOWN_KEY = "unknown-key"
    KEY_MISMATCH = "key-mismatch"
    REVOKED_KEY = "revoked-key"
    WRONG_RECEIVER = "wrong-receiver"
    WRONG_UNIT = "wrong-unit"
    INVALID_RECORDS = "invalid-records"


class Refused(BundleRejected):
    """The sync service refuses a sound bundle (untrusted, not for us, records that fail the checks)."""

    def __init__(self, reason: Refusal, message: str, details: str = "") -> None:
        super().__init__(message, details)
        self.reason = reason


KEY_REFUSALS = (Refusal.UNKNOWN_KEY, Refusal.KEY_MISMATCH, Refusal.REVOKED_KEY)
"""Refusals for the key alone: the records are still checked, so a preview says what importing would do."""

FROM_RECEIVER = (BundleKind.REVERSE, BundleKind.RECOVERY)
"""Bundles a receiver writes for one commune: its versions of the commune's records."""


def trust_of(
    s: Session, bundle: VerifiedBundle, trust_on_first_use: bool, keys: Sequence[KeyRow] | None = None
) -> TrustDecision:
    """Whether the bundle's signer is trusted; ``keys``: the unit's key rows, when the caller read them in
    this transaction (:func:`~ntm_desktop.sync.arrival.arrival`), else they are read here."""
    manifest = bundle.manifest
    unit = manifest.origin_unit_code
    if keys is None:
        keys = unit_keys(s, unit)  # one query; revoked, office and trusted keys are told apart below
    gone = {k.fingerprint for k in keys if k.how == REVOKED}
    if bundle.fingerprint in gone:
        return TrustDecision(
            TrustStatus.REVOKED, unit, bundle.fingerprint, None, False, _revoked_text(bundle)
        )
    offices = [k for k in keys if k.how == OFFICE]
    by_office = office_decision(s, bundle, offices)
    if by_office is not None:
        return by_office
    known = known_among(keys, unit, bundle.fingerprint)
    if offices and not known:  # no clerk's certificate (office_decision), and no key of its own trusted
        return uncertified(bundle, offices)
    # After a revocation, a unit's next key is trusted from its key file (read over the phone) only; a unit
    # with an office key signs through its clerks' certificates, never with a key trusted on first use.
    first_use = trust_on_first_use and not gone and not offices
    by_office = office_first_use(bundle, first_use) if not (known or gone) else None
    by_office = by_office or office_mismatch(bundle, known.get(unit), gone)
    return by_office or check_trust(bundle, known, first_use)


def _revoked_text(bundle: VerifiedBundle) -> str:
    """Why a revoked key is refused, and what to do: the unit's new computer is trusted by its key file."""
    return tr(
        "This bundle is signed with the key {fingerprint}, which was revoked for {unit} because its "
        "computer was lost or replaced: bundles signed with it are refused. If {unit} works on a new "
        "computer, confirm the new key's fingerprint with it by phone and trust its new key file.",
        fingerprint=bundle.fingerprint,
        unit=unit_label(bundle.manifest.origin_unit_code, origin_name(bundle)),
    )


def trust_refusal(decision: TrustDecision) -> Refusal:
    """The refusal a key that is not trusted meets: revoked, another than the one known, or unknown."""
    if decision.status is TrustStatus.REVOKED:
        return Refusal.REVOKED_KEY
    return Refusal.KEY_MISMATCH if decision.known_fingerprint else Refusal.UNKNOWN_KEY


def refusal(
    ctx: SyncContext, me: Me, bundle: VerifiedBundle, decision: TrustDecision, act: Act
) -> Refused | None:
    """Why this workspace refuses the bundle before looking at its records, or None; said as the
    caller's ``act`` turned out (imported nothing, or would be refused: :func:`refused_text`)."""
    found = _why_refused(me, bundle, decision)
    if found is not None and found[0] is Refusal.UNKNOWN_KEY and _made_here(ctx, me, bundle):
        found = Refusal.UNKNOWN_KEY, _made_here_text(bundle)
    return None if found is None else Refused(found[0], refused_text(found[1], act))


def _made_here(ctx: SyncContext, me: Me, bundle: VerifiedBundle) -> bool:
    """A commune's own bundle, signed on this computer, opened here again (its key is not trusted here:
    the officer was told to phone the commune, that is, itself)."""
    manifest = bundle.manifest
    if me.receiver or manifest.kind is not BundleKind.RECORDS or manifest.origin_unit_code != me.code:
        return False
    return normalize_fingerprint(ctx.identity.fingerprint()) == normalize_fingerprint(bundle.fingerprint)


def _made_here_text(bundle: VerifiedBundle) -> str:
    code = bundle.manifest.receiver.code if bundle.manifest.receiver else ""
    return tr(
        "This bundle was made on this computer, for {receiver}: take this file to the receiving unit, "
        "which imports it. There is nothing to import here.",
        receiver=unit_label(code) if code else tr("the receiving unit"),
    )


def _why_refused(me: Me, bundle: VerifiedBundle, decision: TrustDecision) -> tuple[Refusal, str] | None:
    manifest = bundle.manifest
    if manifest.kind is BundleKind.RECEIPT:
        return Refusal.WRONG_KIND, tr(
            "This file is a receipt: import it with “receipt import”, not as a bundle."
        )
    if manifest.kind in FROM_RECEIVER and me.receiver:
        return (
            Refusal.WRONG_KIND,
            tr("This is a bundle from a receiver to a commune; this workspace is a receiving workspace."),
        )
    # a bundle for another unit is refused as such whatever its key: trusting the key would not let it in
    return _address(me, bundle) or (
        (trust_refusal(decision), decision.message) if not decision.accepted else None
    )


def _address(me: Me, bundle: VerifiedBundle) -> tuple[Refusal, str] | None:
    manifest = bundle.manifest
    code = manifest.receiver.code if manifest.receiver else ""
    if manifest.kind is BundleKind.RECORDS and not me.receiver:
        if manifest.origin_unit_code == me.code:
            return None  # from another computer of this commune
        return (
            Refusal.WRONG_UNIT,
            tr(
                "This bundle holds the records of {origin}; this data file holds {unit}.",
                origin=unit_label(manifest.origin_unit_code, origin_name(bundle)),
                unit=unit_label(me.code, me.name),
            ),
        )
    addressed = code == me.code if manifest.kind in FROM_RECEIVER else code in ("", me.code)
    return None if addressed else _not_for_us(me, code, manifest.receiver.name if manifest.receiver else "")


def _not_for_us(me: Me, code: str, receiver_name: str) -> tuple[Refusal, str]:
    return (
        Refusal.WRONG_RECEIVER,
        tr(
            "This bundle is addressed to {receiver}, not to this workspace — {unit}.",
            receiver=unit_label(code, receiver_name) if code else tr("no one"),
            unit=unit_label(me.code, me.name),
        ),
    )


def remember_first_use(s: Session, ctx: SyncContext, bundle: VerifiedBundle, decision: TrustDecision) -> None:
    if decision.first_use:
        name = (
            bundle.head.get("unit", {}).get("name", "") if isinstance(bundle.head.get("unit"), dict) else ""
        )
        office = office_card(bundle, str(name))  # a certified clerk's: the office key is remembered
        card, how = (office, OFFICE) if office else (card_of(bundle, str(name)), "first-use")
        remember_unseen(s, ctx, card, how)  # trust_of found no key row of the unit: a first use
    keep_revocations(s, bundle)  # an accepted bundle's newer revocation list from its office
