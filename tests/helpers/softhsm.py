"""SoftHSM2 tokens for the token tests, made once per test run (a pytest plugin: see tests/conftest.py).

The PKCS#11 driver reads its configuration when first loaded in a process, so every token the tests use
is made up front in one configuration:

- ``ntm-test``: one RSA key with a self-signed certificate, "Hoàng Văn Thắng" (label ``chu-tich``);
- ``ntm-two``: the keys of two people issued by a test CA, as a CA's token would hold them: "Nguyễn Văn
  A" twice (an expired certificate and its renewal, RSA) and "Lê Thị Bích" (EC), plus the CA's
  intermediate certificate. The CA's root is in ``root.cer`` beside the configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from ntm_desktop.signing import create_certificate
from tests.helpers.ca import Key, TrialCA

PIN = "123456"
ONE_KEY = "ntm-test"
TWO_PEOPLE = "ntm-two"
LIBRARIES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


@dataclass(frozen=True)
class SoftHSM:
    library: str
    root: Path
    """The test CA's root certificate, for ``certificate trust``."""
    expired: x509.Certificate
    renewed: x509.Certificate


def library() -> str | None:
    return next((lib for lib in LIBRARIES if Path(lib).exists()), None)


def _private_template(key: Key) -> dict[object, object]:
    from pkcs11.util.ec import decode_ec_private_key
    from pkcs11.util.rsa import decode_rsa_private_key

    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return dict(decode_ec_private_key(der))
    return dict(decode_rsa_private_key(der))


def put(
    lib: str, token_label: str, label: str, key_id: bytes, cert: x509.Certificate, key: Key | None
) -> None:
    """Store a certificate (and its private key, if given) on the token under ``label`` and ``key_id``."""
    import pkcs11
    from pkcs11 import Attribute
    from pkcs11.util.x509 import decode_x509_certificate

    token = pkcs11.lib(lib).get_token(token_label=token_label)
    with token.open(rw=True, user_pin=PIN) as session:
        if key is not None:
            private = _private_template(key)
            private.update({Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id})
            private.update({Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.SIGN: True})
            session.create_object(private)
        certificate = decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER))
        certificate.update({Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id})
        session.create_object(certificate)


def _init(util: str, label: str) -> None:
    subprocess.run(
        [util, "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", "12345678"],
        check=True,
        capture_output=True,
    )


def _self_signed(folder: Path) -> tuple[x509.Certificate, Key]:
    p12 = folder / "key.p12"
    create_certificate(
        "Hoàng Văn Thắng", "Chủ tịch UBND xã", "UBND xã Bằng Thành", p12, "tam-thoi-123", key_type="rsa"
    )
    key, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), b"tam-thoi-123")
    p12.unlink()
    assert cert is not None and isinstance(key, Key)
    return cert, key


@pytest.fixture(scope="session")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SoftHSM]:
    pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed")
    lib, util = library(), shutil.which("softhsm2-util")
    if lib is None or util is None:
        pytest.skip("SoftHSM2 is not installed (Debian package softhsm2)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read when the driver is first loaded in this process
    try:
        _init(util, ONE_KEY)
        _init(util, TWO_PEOPLE)
        put(lib, ONE_KEY, "chu-tich", b"\x01", *_self_signed(folder))
        ca = TrialCA.make()
        expired, old_key = ca.issue("Nguyễn Văn A", rsa_key=True, expired=True)
        renewed, new_key = ca.issue("Nguyễn Văn A", rsa_key=True)
        deputy, deputy_key = ca.issue("Lê Thị Bích")
        put(lib, TWO_PEOPLE, "nva-2024", b"\x11", expired, old_key)
        put(lib, TWO_PEOPLE, "nva-2025", b"\x12", renewed, new_key)
        put(lib, TWO_PEOPLE, "ltb", b"\x21", deputy, deputy_key)
        put(lib, TWO_PEOPLE, "sub-ca", b"\x99", ca.intermediate, None)
        yield SoftHSM(lib, ca.root_pem(folder / "root.cer"), expired, renewed)
    finally:
        if old is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old
