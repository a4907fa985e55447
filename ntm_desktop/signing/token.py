"""PKCS#11 details for :func:`load_pkcs11`, kept apart because python-pkcs11 is an optional import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.signing.errors import SigningError, SigningInputRefused
from ntm_desktop.signing.tokens import certificate_objects, python_pkcs11


def open_session(lib_path: str, token_label: str, pin: str) -> Any:
    pkcs11 = python_pkcs11()
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session

    errors = pkcs11.exceptions
    try:
        return open_pkcs11_session(lib_path, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except errors.PinIncorrect as exc:
        raise SigningInputRefused(
            tr("Wrong PIN for the token {label}.", label=token_label), details=repr(exc)
        ) from exc
    except errors.PinLocked as exc:
        raise SigningError(
            tr(
                "The token {label} is locked after too many wrong PINs. Ask whoever issued it to unlock it.",
                label=token_label,
            ),
            details=repr(exc),
        ) from exc
    except (errors.PinLenRange, errors.ArgumentsBad) as exc:
        raise SigningInputRefused(
            tr("Wrong PIN for the token {label}.", label=token_label), details=repr(exc)
        ) from exc
    except errors.PKCS11Error as exc:
        raise SigningError(
            tr("No token named {label} was found. Plug it in and try again.", label=token_label),
            details=repr(exc),
        ) from exc
    except (OSError, RuntimeError) as exc:
        raise SigningError(
            tr("The token driver {path} could not be loaded.", path=lib_path), details=repr(exc)
        ) from exc


def _private_keys(session: Any) -> list[Any]:
    pkcs11 = python_pkcs11()
    return list(session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY}))


def _attribute(obj: Any, name: str) -> Any:
    pkcs11 = python_pkcs11()
    try:
        return obj[getattr(pkcs11.Attribute, name)]
    except (pkcs11.exceptions.PKCS11Error, KeyError):
        return None


@dataclass(frozen=True)
class KeyChoice:
    key_id: bytes | None
    label: str | None
    key_type: Any = None


def _by_label(session: Any, key_label: str | None) -> KeyChoice:
    """The key labelled ``key_label``, or the token's only key."""
    keys = [k for k in _private_keys(session) if key_label is None or _attribute(k, "LABEL") == key_label]
    if len(keys) != 1:
        labels = ", ".join(sorted(str(_attribute(k, "LABEL")) for k in _private_keys(session))) or "-"
        raise SigningError(
            tr("Choose one of the keys on the token: {labels}", labels=labels)
            if keys
            else tr(
                "The token holds no signing key matching {label}. Keys on it: {labels}",
                label=key_label or "-",
                labels=labels,
            )
        )
    key = keys[0]
    return KeyChoice(_attribute(key, "ID"), _attribute(key, "LABEL"), _attribute(key, "KEY_TYPE"))


def _by_subject(session: Any, subject: str) -> KeyChoice:
    """The key whose certificate names ``subject`` and is valid now; the longest-lived if several."""
    from ntm_desktop.core import vntime
    from ntm_desktop.signing.names import same_organisation

    keys = {bytes(_attribute(k, "ID") or b"").hex(): k for k in _private_keys(session)}
    paired = [c for c in certificate_objects(session) if c.key_id in keys and not c.is_ca]
    named = [c for c in paired if same_organisation([c.info.name], subject)]
    now = vntime.now()
    valid = sorted((c for c in named if c.info.valid_at(now)), key=lambda c: c.info.not_after)
    if not valid:
        holders = ", ".join(sorted({c.info.name for c in paired})) or "-"
        message = (
            tr(
                "The certificate of {name} on the token is not valid now (valid until {end}).",
                name=subject,
                end=vntime.format_vn(max(c.info.not_after for c in named), offset=False),
            )
            if named
            else tr(
                "The token holds no certificate of {name}. It holds: {holders}", name=subject, holders=holders
            )
        )
        raise InvalidInput(message, field="signer")
    key = keys[valid[-1].key_id]
    return KeyChoice(_attribute(key, "ID"), _attribute(key, "LABEL"), _attribute(key, "KEY_TYPE"))


def needs_raw_signing(mechanisms: set[Any], key_type: Any) -> bool:
    """True when the token cannot hash-and-sign with SHA-256 but can sign a digest: then pyHanko hashes
    and the token signs (RSA: CKM_RSA_PKCS over a DigestInfo; EC: CKM_ECDSA)."""
    pkcs11 = python_pkcs11()
    mech, kinds = pkcs11.Mechanism, pkcs11.KeyType
    if key_type == kinds.EC:
        return mech.ECDSA_SHA256 not in mechanisms and mech.ECDSA in mechanisms
    return mech.SHA256_RSA_PKCS not in mechanisms and mech.RSA_PKCS in mechanisms


def _mechanisms(session: Any) -> set[Any]:
    pkcs11 = python_pkcs11()
    try:
        return set(session.token.slot.get_mechanisms())
    except pkcs11.exceptions.PKCS11Error:
        return set()  # unknown: hash-and-sign, as most tokens can


def signer_for(
    session: Any, key_label: str | None, subject: str | None = None, raw: bool | None = None
) -> Any:
    """A pyHanko signer for the key labelled ``key_label``, else the one whose certificate names
    ``subject`` (and is valid now), else the token's only key. Every certificate on the token (the
    CA's intermediates) goes into the signature. ``raw`` forces (or forbids) signing a digest."""
    from pyhanko.sign.pkcs11 import PKCS11Signer

    pkcs11 = python_pkcs11()
    choice = _by_subject(session, subject) if subject and not key_label else _by_label(session, key_label)
    digest_only = needs_raw_signing(_mechanisms(session), choice.key_type) if raw is None else raw
    where = (
        {"key_id": choice.key_id, "cert_id": choice.key_id} if choice.key_id else {"key_label": choice.label}
    )
    signer = PKCS11Signer(session, other_certs_to_pull=None, use_raw_mechanism=digest_only, **where)
    try:
        signer.signing_cert  # noqa: B018 - loads the key and certificate now, not half-way through signing
    except (pkcs11.exceptions.PKCS11Error, ValueError) as exc:
        raise SigningError(
            tr("The token has no certificate for the key {label}.", label=choice.label), details=repr(exc)
        ) from exc
    return signer
