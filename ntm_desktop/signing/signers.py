"""Open a signing key: from a PKCS#12 (.p12) file or from a USB token / smart card through PKCS#11.

Either way the result is a :class:`KeySigner`, which knows who the certificate names. Close it (or use it
in a ``with`` block) to log out of a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign.signers import Signer, SimpleSigner

from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.signing.errors import SigningError, SigningInputRefused


@dataclass(frozen=True)
class Identity:
    """Who a certificate names, for the visible stamp and the verification report."""

    name: str
    title: str
    organisation: str
    fingerprint: str

    @classmethod
    def of(cls, cert: asn1_x509.Certificate) -> Identity:
        subject = cert.subject.native
        return cls(
            name=str(subject.get("common_name", "")),
            title=str(subject.get("title", "")),
            organisation=str(subject.get("organization_name", "")),
            fingerprint=cert.sha256.hex(),
        )


class KeySigner:
    """A key that can sign, with its certificate; holds a token session open until closed."""

    def __init__(self, signer: Signer, session: Any = None) -> None:
        self.signer = signer
        self._session = session
        cert = signer.signing_cert
        if cert is None:
            raise SigningError(tr("The key has no certificate, so it cannot sign"))
        self.identity = Identity.of(cert)

    def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            session.close()

    def __enter__(self) -> KeySigner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def load_p12(path: Path | str, passphrase: str) -> KeySigner:
    """Open a .p12/.pfx key file; a wrong passphrase raises :class:`SigningInputRefused` (exit 3)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningInputRefused(  # a path the officer typed: bad input, exit 3
            tr("Could not open the key file {path}: {reason}", path=str(path), reason=os_reason(exc)),
            details=repr(exc),
        ) from exc
    secret = passphrase.encode("utf-8")
    try:
        pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        raise SigningInputRefused(
            tr(
                "Wrong passphrase for the digital signature file {name} (or it is not a .p12 key file). "
                "Type it again; nothing was signed.",
                name=path.name,
            ),
            details=str(exc),
        ) from exc
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
    except (ValueError, TypeError, NotImplementedError) as exc:
        raise SigningError(
            tr("The key file {name} holds a kind of key this app cannot use.", name=path.name),
            details=str(exc),
        ) from exc
    return KeySigner(signer)


def load_pkcs11(
    lib_path: str,
    token_label: str,
    pin: str,
    key_label: str | None = None,
    subject: str | None = None,
    raw: bool | None = None,
) -> KeySigner:
    """Log in to the token labelled ``token_label`` through the PKCS#11 driver at ``lib_path``.

    The key is the one labelled ``key_label``, else the one whose certificate names ``subject`` and is
    valid now (:class:`InvalidInput` if none), else the token's only key. ``raw`` forces signing a
    digest (``None``: only when the token cannot hash with SHA-256). A wrong PIN, a locked token, a
    missing token or driver raise :class:`SigningError`.
    """
    from ntm_desktop.signing import token

    session = token.open_session(lib_path, token_label, pin)
    try:
        signer = token.signer_for(session, key_label, subject, raw)
        return KeySigner(signer, session)
    except BaseException:
        session.close()
        raise
