"""Whether to believe who signed a bundle: the caller's list of known keys decides, never the bundle.

A bundle proves only that it was signed by the key inside it. Whether that key is the commune's is
settled by comparing its fingerprint with the one remembered for the commune (read over the phone and
trusted with ``keys trust``, or remembered from the first bundle when trust on first use is on).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.keys.pairs import normalize_fingerprint
from ntm_desktop.sync.labels import origin_name, unit_label


class TrustStatus(StrEnum):
    TRUSTED = "trusted"
    UNKNOWN_KEY = "unknown-key"
    KEY_MISMATCH = "key-mismatch"
    REVOKED = "revoked-key"  # a key the receiver revoked for the unit (lost or replaced computer)


@dataclass(frozen=True)
class TrustDecision:
    status: TrustStatus
    unit_code: str
    fingerprint: str
    #: The fingerprint already known for the unit, if any.
    known_fingerprint: str | None
    #: True when the key is trusted only because this is the unit's first bundle: remember it now. The
    #: unit then has no key row at all (none trusted, revoked or an office's).
    first_use: bool
    message: str

    @property
    def accepted(self) -> bool:
        return self.status is TrustStatus.TRUSTED


def check_trust(
    bundle: VerifiedBundle, known_keys: Mapping[str, str], trust_on_first_use: bool
) -> TrustDecision:
    """Decide whether ``bundle``'s signer is its unit, given ``known_keys`` (unit code → fingerprint).

    * known unit, same key → trusted;
    * known unit, another key → refused with a warning (someone else, or a reinstalled computer whose new
      key must first be confirmed by phone and trusted);
    * unknown unit → trusted on first use if allowed (``first_use`` tells the caller to remember the
      key), otherwise refused until the unit's key is trusted.
    """
    unit = bundle.manifest.origin_unit_code
    named = unit_label(unit, origin_name(bundle))  # "xã Bằng Thành (01234)", "tỉnh Thái Nguyên (19)"
    actual = bundle.fingerprint
    known = known_keys.get(unit)
    if known is not None:
        known = normalize_fingerprint(known)
        if known == actual:
            message = tr("Signed with the known key of {unit}: {fingerprint}", unit=named, fingerprint=actual)
            return TrustDecision(TrustStatus.TRUSTED, unit, actual, known, False, message)
        message = tr(
            "Warning: {unit} signed this bundle with a different key ({fingerprint}) than the one known "
            "({known}). If the unit has a new computer, confirm its new fingerprint by phone and trust its "
            "new key file first.",
            unit=named,
            fingerprint=actual,
            known=known,
        )
        return TrustDecision(TrustStatus.KEY_MISMATCH, unit, actual, known, False, message)
    if trust_on_first_use:
        message = tr(
            "First bundle from {unit}: its key {fingerprint} will be remembered. "
            "Confirm this fingerprint with the unit by phone.",
            unit=named,
            fingerprint=actual,
        )
        return TrustDecision(TrustStatus.TRUSTED, unit, actual, None, True, message)
    message = tr(
        "No key is known for {unit}. This bundle is signed with the key {fingerprint}: confirm it "
        "with the unit by phone and trust its key file first.",
        unit=named,
        fingerprint=actual,
    )
    return TrustDecision(TrustStatus.UNKNOWN_KEY, unit, actual, None, False, message)
