"""Two signatures on one report, as for an electronic administrative document (NĐ 30/2020), checked by the
province: the chairman signs with his signature picture, the văn thư adds the commune's seal, and the
province, having trusted the CA's root, sees both as intact and trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
from tests.helpers.ca import TrialCA
from tests.helpers.pdf_attacks import add_unsigned_note
from tests.helpers.pictures import seal_png, signature_png
from tests.helpers.poppler import poppler_text
from tests.helpers.reports import fill_small_commune

PASSPHRASE = "mat-khau-2026"
ORGANISATION = "Ủy ban nhân dân xã Bằng Thành"


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrialCA, Path, Path, Path]:
    """The CA, its root as a file, the chairman's key and the commune's (organisation) key."""
    folder = tmp_path_factory.mktemp("ca")
    authority = TrialCA.make()
    person, _, _ = authority.issue_p12(folder / "chu-tich.p12", "NGUYEN VAN A", PASSPHRASE, ORGANISATION)
    organisation, _, _ = authority.issue_p12(folder / "ubnd.p12", "UBND XÃ BẰNG THÀNH", PASSPHRASE)
    return authority, authority.root_pem(folder / "root.cer"), person, organisation


@pytest.fixture
def db(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    fill_small_commune(ws)
    monkeypatch.setenv("KEY_PASS", PASSPHRASE)
    return ws.path


def _run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def signed(db: Path, ca: tuple[TrialCA, Path, Path, Path], tmp_path: Path) -> Path:
    _, _, person, _ = ca
    pictures = tmp_path / "pictures"
    assert _run("--db", str(db), "unit", "--signature-image", str(signature_png(pictures / "chu-ky.png")),
                "--seal-image", str(seal_png(pictures / "con-dau.png"))) == 0  # fmt: skip
    out = tmp_path / "bc.pdf"
    assert _run("--db", str(db), "report", "commune", "--year", "2023", "--out", str(out),
                "--sign", "--key", str(person), "--passphrase-env", "KEY_PASS") == 0  # fmt: skip
    return out


@pytest.fixture
def sealed(db: Path, ca: tuple[TrialCA, Path, Path, Path], signed: Path, tmp_path: Path) -> Path:
    out = tmp_path / "bc-dong-dau.pdf"
    assert _run("--db", str(db), "report", "seal", str(signed), "--out", str(out),
                "--key", str(ca[3]), "--passphrase-env", "KEY_PASS") == 0  # fmt: skip
    return out


def _verify(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = _run(*extra, "verify", str(path), "--json")
    return code, json.loads(capsys.readouterr().out)


def test_signature_and_seal_both_verify_as_intact_and_trusted(
    sealed: Path, ca: tuple[TrialCA, Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = ("--data-dir", str(tmp_path / "tinh"))
    code, check = _verify(capsys, sealed, *province)
    assert code == 0 and [s["trusted"] for s in check["signatures"]] == [False, False]  # not yet trusted

    assert _run(*province, "certificate", "trust", str(ca[1])) == 0
    assert "NTM Test Root CA" in capsys.readouterr().out
    code, check = _verify(capsys, sealed, *province)
    person, organisation = check["signatures"]
    assert code == 0 and check["ok"] and check["data_matches"]
    assert (person["signer"], organisation["signer"]) == ("NGUYEN VAN A", "UBND XÃ BẰNG THÀNH")
    assert person["intact"] and person["trusted"] and not person["covers_whole_file"]
    assert person["changes_after"] == "signing" and person["certified"]
    assert organisation["intact"] and organisation["trusted"] and organisation["covers_whole_file"]
    assert person["time"].endswith("+07:00") and organisation["time"].endswith("+07:00")
    assert not check["appended_after_last_signature"]


def test_the_stamps_read_in_the_pdf(sealed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, check = _verify(capsys, sealed)
    assert code == 0
    text = poppler_text(sealed)
    assert "Ký bởi: NGUYEN VAN A" in text and "Thời gian ký:" in text
    assert "UBND XÃ BẰNG THÀNH" in text and check["signatures"][1]["time"] in text  # ISO, +07:00


def test_a_personal_certificate_cannot_seal(
    db: Path, signed: Path, ca: tuple[TrialCA, Path, Path, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "sai.pdf"
    assert _run("--db", str(db), "report", "seal", str(signed), "--out", str(out),
                "--key", str(ca[2]), "--passphrase-env", "KEY_PASS") == 3  # fmt: skip
    err = capsys.readouterr().err
    assert not out.exists()
    assert (  # "xã" lower-case mid-sentence, as running text names the commune
        "Chứng thư số là của NGUYEN VAN A, nhưng văn bản do Ủy ban nhân dân xã Bằng Thành ban hành. "
        "Hãy ký số cơ quan bằng chứng thư số của chính Ủy ban nhân dân xã Bằng Thành."
    ) in err


def test_the_demo_report_seals_with_a_certificate_made_the_default_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's way: the sample commune's report (issued by "… Xã Bằng Thành (dữ liệu mẫu)") is sealed
    with `certificate new --name "Ủy ban nhân dân xã Bằng Thành"`: the sample marker is not part of it."""
    monkeypatch.setenv("KEY_PASS", PASSPHRASE)
    db = ("--db", str(tmp_path / "ntm.sqlite"))
    made = {
        "chu-tich.p12": ("Hoàng Văn Minh", "Chủ tịch UBND xã"),
        "ubnd-xa.p12": ("Ủy ban nhân dân xã Bằng Thành", "Văn thư"),
    }
    assert _run(*db, "demo", "--no-gui") == 0
    for file, (name, title) in made.items():
        assert _run(*db, "certificate", "new", "--name", name, "--title", title,
                    "--out", str(tmp_path / file), "--passphrase-env", "KEY_PASS") == 0  # fmt: skip
    report, sealed = tmp_path / "bc.pdf", tmp_path / "bc-dong-dau.pdf"
    assert _run(*db, "report", "commune", "--year", "2025", "--out", str(report), "--sign",
                "--key", str(tmp_path / "chu-tich.p12"), "--passphrase-env", "KEY_PASS") == 0  # fmt: skip
    capsys.readouterr()
    assert _run(*db, "report", "seal", str(report), "--out", str(sealed),
                "--key", str(tmp_path / "ubnd-xa.p12"), "--passphrase-env", "KEY_PASS") == 0  # fmt: skip
    assert sealed.exists() and "Ủy ban nhân dân xã Bằng Thành" in capsys.readouterr().out


def test_a_report_cannot_be_sealed_twice_or_unsigned(
    db: Path, sealed: Path, ca: tuple[TrialCA, Path, Path, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "lan-2.pdf"
    assert _run("--db", str(db), "report", "seal", str(sealed), "--out", str(out),
                "--key", str(ca[3]), "--passphrase-env", "KEY_PASS") == 3  # fmt: skip
    assert "bc-dong-dau.pdf" in capsys.readouterr().err and not out.exists()
    draft = tmp_path / "nhap.pdf"
    assert _run("--db", str(db), "report", "commune", "--year", "2023", "--out", str(draft)) == 0
    assert _run("--db", str(db), "report", "seal", str(draft), "--out", str(out),
                "--key", str(ca[3]), "--passphrase-env", "KEY_PASS") == 3  # fmt: skip
    assert "nhap.pdf" in capsys.readouterr().err and not out.exists()


def test_an_update_appended_after_the_seal_is_reported(
    sealed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = add_unsigned_note(sealed, tmp_path / "them.pdf")
    code, check = _verify(capsys, changed)
    assert code == 5 and check["appended_after_last_signature"]
    assert [s["covers_whole_file"] for s in check["signatures"]] == [False, False]
    assert [s["intact"] for s in check["signatures"]] == [False, False]
    assert "them.pdf" in check["verdict"]
