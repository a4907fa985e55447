"""Errors of the sync layer, on top of the core's typed errors.

Every rejection of a bundle is a :class:`~ntm_desktop.core.errors.BundleRejected` (so one ``except``
catches them all), carrying a :class:`Reason` that code and tests can check without parsing the
translated message. A bad signature is also a :class:`~ntm_desktop.core.errors.SignatureInvalid`.
"""

from __future__ import annotations

from enum import StrEnum

from ntm_desktop.core.errors import BundleRejected, NtmError, SignatureInvalid


class Reason(StrEnum):
    NOT_A_BUNDLE = "not-a-bundle"  # not a zip, truncated, damaged archive structure, wrong format name
    TOO_LARGE = "too-large"  # file, member or total beyond the limits, or inflates past its declared size
    UNSAFE_NAME = "unsafe-name"  # a member name that could escape a folder (zip slip)
    DUPLICATE_MEMBER = "duplicate-member"
    UNLISTED_MEMBER = "unlisted-member"
    MISSING_MEMBER = "missing-member"
    MALFORMED_JSON = "malformed-json"
    BAD_MANIFEST = "bad-manifest"  # a manifest field missing, unknown or of the wrong type
    FUTURE_VERSION = "future-version"
    DAMAGED_MEMBER = "damaged-member"  # checksum, size, CRC or compression of one member is wrong
    BAD_KEY = "bad-key"  # the public key is not an Ed25519 key or does not match the fingerprint
    BAD_SIGNATURE = "bad-signature"
    BAD_PAYLOAD = "bad-payload"  # records.json has the wrong shape
    WRONG_KIND = "wrong-kind"  # e.g. a records bundle given where a receipt is expected


class InvalidBundle(BundleRejected):
    """A bundle refused as a whole; nothing from it may be used."""

    def __init__(self, reason: Reason, message: str, details: str = "") -> None:
        super().__init__(message, details)
        self.reason = reason


class BundleSignatureInvalid(InvalidBundle, SignatureInvalid):
    """The signature does not verify over the manifest with the bundle's public key."""


class KeyFileError(NtmError):
    """A device key or public key file cannot be read, or its passphrase is wrong."""

    exit_code = 3
