"""USB tokens as a CA hands them out: two people's keys, an expired certificate and its renewal, the CA's
intermediate certificate on the token. Against SoftHSM2 (tests/helpers/softhsm)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.export.pdf import find_font_family, render
from ntm_desktop.export.pdf.sample import sample_report
from ntm_desktop.signing import load_pkcs11, sign_pdf, verify_pdf
from ntm_desktop.signing.certificate import fingerprint
from ntm_desktop.signing.token import needs_raw_signing
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune
from tests.helpers.softhsm import PIN, TWO_PEOPLE, SoftHSM

pkcs11 = pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed")


@pytest.fixture
def db(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    fill_small_commune(ws)  # the printed signer is Nguyễn Văn A
    monkeypatch.setenv("TOKEN_PIN", PIN)
    return ws.path


def _sign(db: Path, softhsm: SoftHSM, out: Path) -> int:
    token = ["--pkcs11-lib", softhsm.library, "--token-label", TWO_PEOPLE, "--pin-env", "TOKEN_PIN"]
    return main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out), "--sign", *token])


def test_token_list_shows_the_tokens_and_their_certificates(
    softhsm: SoftHSM, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "list", "--pkcs11-lib", softhsm.library, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert os.path.realpath(softhsm.library) in [os.path.realpath(d) for d in listed["drivers"]]
    token = next(t for t in listed["tokens"] if t["label"] == TWO_PEOPLE)
    people = sorted((c["name"], c["valid_now"]) for c in token["certificates"] if not c["is_ca"])
    assert people == [("Lê Thị Bích", True), ("Nguyễn Văn A", False), ("Nguyễn Văn A", True)]
    assert [c["name"] for c in token["certificates"] if c["is_ca"]] == ["NTM Test Root CA - Sub CA"]
    assert main(["token", "list", "--pkcs11-lib", softhsm.library]) == 0
    said = capsys.readouterr().out
    assert f"Token {TWO_PEOPLE}" in said and "hết hạn" in said


def test_the_printed_signers_valid_key_is_chosen_and_its_chain_embedded(
    db: Path, softhsm: SoftHSM, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bc.pdf"
    assert _sign(db, softhsm, out) == 0
    office = ("--data-dir", str(tmp_path / "tinh"))
    assert main([*office, "certificate", "trust", str(softhsm.root)]) == 0  # the root only
    capsys.readouterr()
    assert main([*office, "verify", str(out), "--json"]) == 0
    (signature,) = json.loads(capsys.readouterr().out)["signatures"]
    assert signature["signer"] == "Nguyễn Văn A" and signature["intact"]
    assert signature["certificate"]["fingerprint"] == fingerprint(softhsm.renewed)  # not the expired one
    assert signature["trusted"]  # the token's intermediate went into the signature


def test_a_deputy_signs_with_her_ec_key_on_the_same_token(
    db: Path, softhsm: SoftHSM, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "unit", "--signer", "Lê Thị Bích", "--signer-title", "Phó Chủ tịch",
                 "--signs-as", "KT"]) == 0  # fmt: skip
    out = tmp_path / "kt.pdf"
    assert _sign(db, softhsm, out) == 0
    check = verify_pdf(out)
    assert check.ok and check.signatures[0].certificate.name == "Lê Thị Bích"


def test_a_signer_with_no_key_on_the_token_is_refused(
    db: Path, softhsm: SoftHSM, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "unit", "--signer", "Trần Văn Bình"]) == 0
    out = tmp_path / "bc.pdf"
    assert _sign(db, softhsm, out) == 3 and not out.exists()
    err = capsys.readouterr().err
    assert "Trần Văn Bình" in err and "Lê Thị Bích" in err and "Nguyễn Văn A" in err


def test_a_token_that_cannot_hash_gets_the_digest_to_sign(softhsm: SoftHSM, tmp_path: Path) -> None:
    m, kinds = pkcs11.Mechanism, pkcs11.KeyType
    assert needs_raw_signing({m.RSA_PKCS}, kinds.RSA)
    assert not needs_raw_signing({m.RSA_PKCS, m.SHA256_RSA_PKCS}, kinds.RSA)
    assert needs_raw_signing({m.ECDSA}, kinds.EC) and not needs_raw_signing(
        {m.ECDSA, m.ECDSA_SHA256}, kinds.EC
    )
    report = render(sample_report(find_font_family()), tmp_path / "bc.pdf")
    with load_pkcs11(softhsm.library, TWO_PEOPLE, PIN, subject="NGUYEN VAN A", raw=True) as signer:
        signed = sign_pdf(report.path, tmp_path / "ky.pdf", signer, report.signature_box).path
    check = verify_pdf(signed)
    assert check.ok and check.signatures[0].certificate.fingerprint == fingerprint(softhsm.renewed)
