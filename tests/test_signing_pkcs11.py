"""Signing with a key on a token (PKCS#11), against SoftHSM2 tokens the tests make (tests/helpers/softhsm)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.signing import SigningError, load_pkcs11, sign_pdf, verify_pdf
from tests.helpers.reports import sample_pdf
from tests.helpers.softhsm import ONE_KEY, PIN, SoftHSM


@pytest.fixture
def report_path(tmp_path: Path) -> tuple[Path, object]:
    result = sample_pdf(tmp_path)
    return result.path, result.signature_box


def test_signing_with_a_token_verifies(
    softhsm: SoftHSM, report_path: tuple[Path, object], tmp_path: Path
) -> None:
    path, box = report_path
    with load_pkcs11(softhsm.library, ONE_KEY, PIN) as signer:
        assert signer.identity.name == "Hoàng Văn Thắng"
        result = sign_pdf(path, tmp_path / "da-ky.pdf", signer, box, "Phê duyệt", "Bằng Thành")  # type: ignore[arg-type]
    check = verify_pdf(result.path, trusted=[result.fingerprint])
    assert check.ok and check.trusted, check.problems()
    assert check.signatures[0].certificate.name == "Hoàng Văn Thắng"


def test_a_key_can_be_chosen_by_label(softhsm: SoftHSM) -> None:
    with load_pkcs11(softhsm.library, ONE_KEY, PIN, key_label="chu-tich") as signer:
        assert signer.identity.title == "Chủ tịch UBND xã"
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm.library, ONE_KEY, PIN, key_label="pho-chu-tich")
    assert "chu-tich" in str(caught.value)


def test_a_wrong_pin_is_refused_and_writes_nothing(
    softhsm: SoftHSM, report_path: tuple[Path, object], tmp_path: Path
) -> None:
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm.library, ONE_KEY, "000000")
    assert str(caught.value) == f"Sai mã PIN của token {ONE_KEY}."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_a_missing_token_or_driver_is_named(softhsm: SoftHSM, tmp_path: Path) -> None:
    with pytest.raises(SigningError) as caught:
        load_pkcs11(softhsm.library, "khong-co", PIN)
    assert "khong-co" in str(caught.value)
    with pytest.raises(SigningError):
        load_pkcs11(str(tmp_path / "no-driver.so"), ONE_KEY, PIN)
