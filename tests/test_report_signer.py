"""Only the person printed under the signature may sign the report, with their own certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.reports import CommuneReport, FileKey, make_report
from ntm_desktop.signing import create_certificate, verify_pdf
from ntm_desktop.signing.names import same_organisation, same_person
from ntm_desktop.workspace import Workspace
from tests.helpers.poppler import poppler_text
from tests.helpers.reports import fill_small_commune, pdf_text

PASSPHRASE = "mat-khau-chu-tich"


@pytest.fixture
def db(ws: Workspace) -> Path:
    fill_small_commune(ws)
    return ws.path


def _key(folder: Path, name: str, title: str = "Chủ tịch UBND xã") -> Path:
    path = folder / f"{name.replace(' ', '-')}.p12"
    folder.mkdir(parents=True, exist_ok=True)
    create_certificate(name, title, "Ủy ban nhân dân xã Bằng Thành", path, PASSPHRASE)
    return path


def _sign(db: Path, key: Path, out: Path, *extra: str) -> int:
    return main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out), *extra,
                 "--sign", "--key", str(key), "--passphrase-env", "NTM_KEY_PASS"])  # fmt: skip


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NTM_KEY_PASS", PASSPHRASE)


def test_names_match_without_case_or_diacritics() -> None:
    assert same_person("NGUYEN VAN A", "Nguyễn Văn A")
    assert same_person("nguyễn  văn a", "Nguyễn Văn A")
    assert not same_person("Nguyễn Văn An", "Nguyễn Văn A")
    assert not same_person("", "Nguyễn Văn A")
    assert same_organisation(["UBND XÃ BẰNG THÀNH"], "Ủy ban nhân dân Xã Bằng Thành")
    assert same_organisation(["", "Uỷ ban nhân dân xã Bằng Thành"], "Ủy ban nhân dân Xã Bằng Thành")
    assert not same_organisation(["UBND xã Cao Kỳ"], "Ủy ban nhân dân Xã Bằng Thành")


def test_another_persons_certificate_is_refused_and_nothing_is_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys"
    other = _key(keys, "Trần Văn Bình")
    folder = tmp_path / "out"
    folder.mkdir()
    assert _sign(db, other, folder / "bc.pdf") == 3
    err = capsys.readouterr().err
    assert "Trần Văn Bình" in err and "Nguyễn Văn A" in err
    assert list(folder.iterdir()) == []


def test_a_certificate_in_capitals_without_diacritics_signs(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(tmp_path / "keys", "NGUYEN VAN A")
    out = tmp_path / "bc.pdf"
    assert _sign(db, key, out) == 0
    check = verify_pdf(out)
    assert check.ok and check.signatures[0].certificate.name == "NGUYEN VAN A"
    assert "Ký bởi: NGUYEN VAN A" in poppler_text(out)


def test_a_deputy_signs_as_kt_under_her_own_name(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys"
    chairman, deputy = _key(keys, "Nguyễn Văn A"), _key(keys, "Lê Thị Bích", "Phó Chủ tịch UBND xã")
    assert main(["--db", str(db), "unit", "--signer", "Lê Thị Bích", "--signer-title", "Phó Chủ tịch",
                 "--signs-as", "KT"]) == 0  # fmt: skip
    refused = tmp_path / "chairman.pdf"
    assert _sign(db, chairman, refused) == 3 and not refused.exists()
    assert "Lê Thị Bích" in capsys.readouterr().err
    out = tmp_path / "kt.pdf"
    assert _sign(db, deputy, out) == 0
    text = pdf_text(out)
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Lê Thị Bích" in text
    assert verify_pdf(out).signatures[0].certificate.name == "Lê Thị Bích"


def test_the_core_call_refuses_before_laying_out(ws: Workspace, tmp_path: Path) -> None:
    fill_small_commune(ws)
    other = _key(tmp_path / "keys", "Trần Văn Bình")
    with pytest.raises(InvalidInput) as caught:
        make_report(ws, CommuneReport(year=2023), tmp_path / "bc.pdf", FileKey(other, PASSPHRASE))
    assert caught.value.exit_code == 3
    assert not (tmp_path / "bc.pdf").exists()


def test_a_note_is_left_out_of_the_documents_name_only_not_the_certificates() -> None:
    """The sample commune issues as "… (dữ liệu mẫu)" and a certificate for the commune seals it; a
    certificate whose own name carries a note names another organisation."""
    assert same_organisation(["UBND XA BANG THANH"], "Ủy ban nhân dân Xã Bằng Thành (dữ liệu mẫu)")
    assert not same_organisation(["Ủy ban nhân dân xã Bằng Thành (cũ)"], "Ủy ban nhân dân xã Bằng Thành")
