"""Signing with a key on a token (PKCS#11), against a SoftHSM2 token the test makes for itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from ntm_desktop.export.pdf import FontNotFound, find_font_family, render
from ntm_desktop.export.pdf.sample import sample_report
from ntm_desktop.signing import SigningError, create_certificate, load_pkcs11, sign_pdf, verify_pdf

pkcs11 = pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed")

TOKEN = "ntm-test"
PIN = "123456"
LIBRARIES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


def _library() -> str | None:
    return next((lib for lib in LIBRARIES if Path(lib).exists()), None)


def _import_key(lib: str, p12: Path, passphrase: str) -> None:
    """Put the key and certificate of a .p12 file on the token, as an issuer would."""
    from pkcs11 import Attribute
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    key, cert, _ = pkcs12.load_key_and_certificates(p12.read_bytes(), passphrase.encode())
    assert key is not None and cert is not None
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    token = pkcs11.lib(lib).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        private = decode_rsa_private_key(key_der)
        private.update({Attribute.TOKEN: True, Attribute.LABEL: "chu-tich", Attribute.ID: b"\x01"})
        private.update({Attribute.PRIVATE: True, Attribute.SENSITIVE: True})
        session.create_object(private)
        certificate = decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER))
        certificate.update({Attribute.TOKEN: True, Attribute.LABEL: "chu-tich", Attribute.ID: b"\x01"})
        session.create_object(certificate)


@pytest.fixture(scope="module")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh SoftHSM2 token holding one RSA key and its certificate; yields the driver's path."""
    lib, util = _library(), shutil.which("softhsm2-util")
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
        subprocess.run(
            [util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "12345678"],
            check=True,
            capture_output=True,
        )
        p12 = folder / "key.p12"
        create_certificate(
            "Hoàng Văn Thắng", "Chủ tịch UBND xã", "UBND xã Bằng Thành", p12, "tam-thoi-123", key_type="rsa"
        )
        _import_key(lib, p12, "tam-thoi-123")
        p12.unlink()
        yield lib
    finally:
        if old is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old


@pytest.fixture
def report_path(tmp_path: Path) -> tuple[Path, object]:
    try:
        family = find_font_family()
    except FontNotFound as exc:  # pragma: no cover - CI installs fonts-liberation2
        pytest.skip(f"no Vietnamese font installed: {exc}")
    result = render(sample_report(family), tmp_path / "bao-cao.pdf")
    return result.path, result.signature_box


def test_signing_with_a_token_verifies(
    softhsm: str, report_path: tuple[Path, object], tmp_path: Path
) -> None:
    path, box = report_path
    with load_pkcs11(softhsm, TOKEN, PIN) as signer:
        assert signer.identity.name == "Hoàng Văn Thắng"
        result = sign_pdf(path, tmp_path / "da-ky.pdf", signer, box, "Phê duyệt", "Bằng Thành")  # type: ignore[arg-type]
    check = verify_pdf(result.path, trusted=[result.fingerprint])
    assert check.ok and check.trusted, check.problems()
    assert check.signatures[0].certificate.name == "Hoàng Văn Thắng"


def test_a_key_can_be_chosen_by_label(softhsm: str) -> None:
    with load_pkcs11(softhsm, TOKEN, PIN, key_label="chu-tich") as signer:
        assert signer.identity.title == "Chủ tịch UBND xã"
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm, TOKEN, PIN, key_label="pho-chu-tich")
    assert "chu-tich" in str(caught.value)


def test_a_wrong_pin_is_refused_and_writes_nothing(
    softhsm: str, report_path: tuple[Path, object], tmp_path: Path
) -> None:
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm, TOKEN, "000000")
    assert str(caught.value) == f"Sai mã PIN của token {TOKEN}."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_a_missing_token_or_driver_is_named(softhsm: str, tmp_path: Path) -> None:
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm, "khong-co", PIN)
    assert "khong-co" in str(caught.value)
    with pytest.raises(SigningError):
        load_pkcs11(str(tmp_path / "no-driver.so"), TOKEN, PIN)
