"""PKCS#11 details for :func:`load_pkcs11`, kept apart because python-pkcs11 is an optional import."""

from __future__ import annotations

from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.signing.errors import SigningError


def _pkcs11() -> Any:
    try:
        import pkcs11
    except ImportError as exc:
        raise SigningError(
            tr("Signing with a USB token needs the python-pkcs11 package, which is not installed."),
            details=str(exc),
        ) from exc
    return pkcs11


def open_session(lib_path: str, token_label: str, pin: str) -> Any:
    pkcs11 = _pkcs11()
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session

    errors = pkcs11.exceptions
    try:
        return open_pkcs11_session(lib_path, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except errors.PinIncorrect as exc:
        raise SigningError(
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
        raise SigningError(
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
    pkcs11 = _pkcs11()
    return list(session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY}))


def _attribute(obj: Any, name: str) -> Any:
    pkcs11 = _pkcs11()
    try:
        return obj[getattr(pkcs11.Attribute, name)]
    except (pkcs11.exceptions.PKCS11Error, KeyError):
        return None


def signer_for(session: Any, key_label: str | None) -> Any:
    """A pyHanko signer for the key labelled ``key_label``, or for the token's only key."""
    from pyhanko.sign.pkcs11 import PKCS11Signer

    pkcs11 = _pkcs11()
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
    key_id, label = _attribute(keys[0], "ID"), _attribute(keys[0], "LABEL")
    signer = (
        PKCS11Signer(session, key_id=key_id, cert_id=key_id)
        if key_id
        else PKCS11Signer(session, key_label=label)
    )
    try:
        signer.signing_cert  # noqa: B018 - loads the key and certificate now, not half-way through signing
    except (pkcs11.exceptions.PKCS11Error, ValueError) as exc:
        raise SigningError(
            tr("The token has no certificate for the key {label}.", label=label), details=repr(exc)
        ) from exc
    return signer
