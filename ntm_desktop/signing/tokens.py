"""Which USB tokens are plugged in, and which certificates they hold: ``token list`` and the signing window.

The drivers (PKCS#11 modules) of the Vietnamese CAs' tokens are data (``resources/signing/
pkcs11-modules.json``, with what each entry rests on); one the officer picks is looked at too. Listing
needs no PIN: certificates are public objects on a token. The keys themselves are reached after login
(:mod:`ntm_desktop.signing.token`).
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.resources import resource
from ntm_desktop.signing.certinfo import CertInfo
from ntm_desktop.signing.errors import SigningError

_SYSTEMS = {"Windows": "windows", "Darwin": "macos", "Linux": "linux"}


@dataclass(frozen=True)
class KnownModule:
    ca: str
    path: Path
    verified: bool


def _search_folders(system: str) -> list[Path]:
    if system == "windows":
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return [Path(root) / "System32"]
    if system == "macos":
        return [Path("/usr/local/lib"), Path("/usr/lib")]
    return [Path("/usr/lib"), Path("/usr/local/lib")]


def known_modules(system: str | None = None) -> list[KnownModule]:
    """Every driver path the data names for this operating system, whether installed or not."""
    system = system or _SYSTEMS.get(platform.system(), "linux")
    data = json.loads(resource("signing", "pkcs11-modules.json").read_text(encoding="utf-8"))
    found: list[KnownModule] = []
    for entry in data["modules"]:
        for name in entry.get(system, []):
            given = Path(name)
            paths = (
                [given]
                if given.is_absolute() or "\\" in name
                else [f / name for f in _search_folders(system)]
            )
            found += [KnownModule(entry["ca"], p, bool(entry["verified"])) for p in paths]
    return found


def _as_chosen(known: KnownModule | None, path: Path) -> KnownModule:
    """The path as the officer gave it (a driver is loaded once, by one name), named as the data names it."""
    return KnownModule(known.ca, path, known.verified) if known else KnownModule("", path, False)


def installed_modules(extra: Iterable[str] = ()) -> list[KnownModule]:
    """The known drivers present on this computer, then any the officer chose (``extra``); one entry per
    file, however many paths lead to it (a driver can be loaded only once)."""
    known = [m for m in known_modules() if m.path.is_file()]
    names = {os.path.realpath(m.path): m for m in known}
    chosen = [_as_chosen(names.get(os.path.realpath(p)), Path(p)) for p in extra if p]
    seen: set[str] = set()
    found: list[KnownModule] = []
    for module in [*chosen, *known]:
        real = os.path.realpath(module.path)
        if real not in seen and module.path.is_file():
            seen.add(real)
            found.append(module)
    return found


@dataclass(frozen=True)
class TokenCertificate:
    label: str
    key_id: str
    info: CertInfo
    is_ca: bool


@dataclass(frozen=True)
class FoundToken:
    module: str
    ca: str
    label: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    certificates: tuple[TokenCertificate, ...] = field(default=())
    error: str = ""


def certificate_objects(session: Any) -> list[TokenCertificate]:
    """The certificates on a token, with the id that pairs each with its private key."""
    import pkcs11

    found = []
    for obj in session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE}):
        try:
            cert = asn1_x509.Certificate.load(bytes(obj[pkcs11.Attribute.VALUE]))
            info = CertInfo.of(cert)
        except (ValueError, TypeError, KeyError, pkcs11.exceptions.PKCS11Error):
            continue
        key_id = _attribute(obj, pkcs11.Attribute.ID)
        label = _attribute(obj, pkcs11.Attribute.LABEL)
        found.append(TokenCertificate(str(label or ""), bytes(key_id or b"").hex(), info, bool(cert.ca)))
    return found


def _attribute(obj: Any, name: Any) -> Any:
    import pkcs11

    try:
        return obj[name]
    except (pkcs11.exceptions.PKCS11Error, KeyError):
        return None


def _tokens_of(module: KnownModule) -> list[FoundToken]:
    import pkcs11

    where = str(module.path)
    try:
        slots = pkcs11.lib(where).get_slots(token_present=True)
    except (OSError, RuntimeError, pkcs11.exceptions.PKCS11Error) as exc:
        return [FoundToken(where, module.ca, error=str(exc) or type(exc).__name__)]
    found = []
    for slot in slots:
        token = slot.get_token()
        if not token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED:
            continue  # an empty slot of a software token, or a blank card: nothing to sign with
        try:
            with token.open() as session:
                certs = tuple(certificate_objects(session))
            error = ""
        except pkcs11.exceptions.PKCS11Error as exc:
            certs, error = (), type(exc).__name__
        serial = token.serial.decode("ascii", "replace") if isinstance(token.serial, bytes) else token.serial
        found.append(
            FoundToken(
                where,
                module.ca,
                token.label,
                token.manufacturer_id,
                token.model,
                str(serial).strip(),
                certs,
                error,
            )
        )
    return found


def list_tokens(extra: Iterable[str] = ()) -> list[FoundToken]:
    """Every token plugged in behind a known driver or one of ``extra``, with its certificates."""
    python_pkcs11()  # a clear message when python-pkcs11 is missing
    return [t for module in installed_modules(extra) for t in _tokens_of(module)]


def python_pkcs11() -> Any:
    try:
        import pkcs11
    except ImportError as exc:
        raise SigningError(
            tr("Signing with a USB token needs the python-pkcs11 package, which is not installed."),
            details=str(exc),
        ) from exc
    return pkcs11
