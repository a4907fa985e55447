"""The python-pkcs11 package, or a clear message when it is missing (token.py and tokens.py both need it)."""

from __future__ import annotations

from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.signing.errors import SigningError


def python_pkcs11() -> Any:
    try:
        import pkcs11
    except ImportError as exc:
        raise SigningError(
            tr("Signing with a USB token needs the python-pkcs11 package, which is not installed."),
            details=str(exc),
        ) from exc
    return pkcs11
