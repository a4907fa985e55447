"""``ntm-desktop report …``, ``verify`` and ``certificate new``: files, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune, pdf_text

PASSPHRASE = "mat-khau-chu-tich"


@pytest.fixture
def db(ws: Workspace) -> Path:
    fill_small_commune(ws)
    return ws.path


@pytest.fixture
def key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("NTM_KEY_PASS", PASSPHRASE)
    path = tmp_path / "keys" / "chu-tich.p12"
    path.parent.mkdir()
    code = main(["certificate", "new", "--name", "Nguyễn Văn A", "--title", "Chủ tịch UBND xã",
                 "--out", str(path), "--passphrase-env", "NTM_KEY_PASS"])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "Dấu vân tay chứng thư số (SHA-256):" in out
    return path


def test_report_commune_writes_the_pdf(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bc.pdf"
    assert (
        main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out), "--number", "15"])
        == 0
    )
    said = capsys.readouterr().out
    assert "Đã lưu" in said and "Mã dữ liệu (SHA-256):" in said
    text = pdf_text(out)
    assert "Số: 15/BC-UBND" in text and "1/19" in text and "40.000.000" in text and "Nguyễn Văn A" in text


def test_a_year_no_criteria_set_covers_is_refused_in_one_sentence(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "… chỉ rõ bộ tiêu chí cần dùng.; ghi bằng tùy chọn --year": a full stop before the hint."""
    out = tmp_path / "bc.pdf"
    assert main(["--db", str(db), "report", "commune", "--year", "2031", "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "Chưa có bộ tiêu chí nào cho năm 2031" in err and ".;" not in err, err
    assert err.rstrip().endswith("cần dùng; ghi bằng tùy chọn --year") and not out.exists()


def test_the_officer_is_told_which_sections_print_as_not_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The paper went to the chairman with "(Chưa có nội dung.)" under I, IV and VII and nothing said so."""
    out = tmp_path / "bc.pdf"
    assert main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert (
        "Chưa viết nội dung các mục: Công tác chỉ đạo, điều hành, tuyên truyền (--section direction);" in said
    )
    assert "Nợ đọng xây dựng cơ bản (--section debt);" in said
    assert "Kiến nghị, đề xuất (--section proposals). Báo cáo in “(Chưa có nội dung.)”" in said
    assert pdf_text(out).count("(Chưa có nội dung.)") == said.count("--section ") - 1  # and KEY
    for key in ("direction", "debt", "proposals"):
        text = ["--text", "Không có."]
        assert main(["--db", str(db), "report", "narrative", "--year", "2023", "--section", key, *text]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out)]) == 0
    assert "Chưa viết" not in capsys.readouterr().out and "(Chưa có nội dung.)" not in pdf_text(out)


def test_signed_report_verifies_and_a_flipped_byte_is_caught(
    db: Path, key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "da-ky.pdf"
    args = ["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out)]
    assert main([*args, "--sign", "--key", str(key), "--passphrase-env", "NTM_KEY_PASS"]) == 0
    assert "Đã ký bởi Nguyễn Văn A" in capsys.readouterr().out

    assert main(["verify", str(out), "--json"]) == 0
    check = json.loads(capsys.readouterr().out)
    (signature,) = check["signatures"]
    assert signature["signer"] == "Nguyễn Văn A"
    assert signature["intact"] and signature["covers_whole_file"] and not signature["trusted"]
    assert check["data_matches"] and signature["time"].endswith("+07:00")
    assert main(["verify", str(out), "--trust", signature["certificate"]["fingerprint"]]) == 0
    assert "người ký đều được tin cậy" in capsys.readouterr().out

    data = bytearray(out.read_bytes())
    at = len(data) // 3  # inside the first revision: every byte of it is covered by the signature
    data[at] ^= 0x01
    out.write_bytes(bytes(data))
    assert main(["verify", str(out)]) == 5
    said = capsys.readouterr()
    assert "thay đổi" in said.out + said.err


def test_wrong_passphrase_says_so_and_writes_nothing(
    db: Path, key: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WRONG_PASS", "khong-dung-mat-khau")
    out = tmp_path / "khong-co.pdf"
    code = main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out),
                 "--sign", "--key", str(key), "--passphrase-env", "WRONG_PASS"])  # fmt: skip
    assert code == 3  # the officer typed it wrong: bad input (README), not 5, "a signature does not verify"
    err = capsys.readouterr().err
    assert "Sai mật khẩu của tệp chữ ký số " in err and "Hãy nhập lại; chưa có gì được ký." in err, err
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_mistyped_key_file_is_bad_input_not_a_broken_signature(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NTM_KEY_PASS", "mat-khau")
    out = tmp_path / "bc.pdf"
    code = main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(out), "--sign",
                 "--key", str(tmp_path / "chu-tich.p21"), "--passphrase-env", "NTM_KEY_PASS"])  # fmt: skip
    assert code == 3 and "chu-tich.p21" in capsys.readouterr().err
    assert not out.exists()


def test_an_unset_passphrase_variable_is_named(
    db: Path, key: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(db), "report", "commune", "--year", "2023", "--out", str(tmp_path / "x.pdf"),
                 "--sign", "--key", str(key), "--passphrase-env", "NO_SUCH_VAR"])  # fmt: skip
    assert code == 3
    assert "NO_SUCH_VAR" in capsys.readouterr().err


def test_an_unsigned_report_does_not_pass_verify(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bc.pdf"
    assert main(["--db", str(db), "report", "progress", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["verify", str(out)]) == 5
    assert "chưa được ký số" in capsys.readouterr().out


def test_report_supporter_by_id_and_period(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ho-tro.pdf"
    code = main(["--db", str(db), "report", "supporter", "--supporter", "Sở Nội vụ tỉnh Bắc Kạn",
                 "--from", "2023-01-01", "--to", "31/12/2023", "--out", str(out)])  # fmt: skip
    assert code == 0
    assert "40.000.000" in pdf_text(out)


def test_a_file_that_is_not_a_pdf_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "khong-phai.pdf"
    bogus.write_text("xin chào")
    assert main(["verify", str(bogus)]) == 5


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "commune", "--year", "2023", "--out", "{missing}/bao-cao.pdf"],
        ["report", "commune", "--year", "2023", "--format", "docx", "--out", "{missing}/bao-cao.docx"],
        ["report", "progress", "--out", "{missing}/tien-do.pdf"],
        ["help", "export-xlsx", "{missing}/so-ho-tro.xlsx"],
        ["help", "template", "{missing}/mau.xlsx"],
        ["records", "export", "{missing}/ho-so.json"],
        ["criteria", "export-xlsx", "{missing}/bo.xlsx", "--template"],
        ["keys", "export", "--out", "{missing}/xa.ntmkey"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_a_mistyped_output_folder_is_refused_naming_it_and_nothing_is_created(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    missing = tmp_path / "USB-typo"
    before = sorted(tmp_path.iterdir())
    code = main(["--db", str(db), *(a.replace("{missing}", str(missing / "2025")) for a in argv)])
    _, err = capsys.readouterr()
    assert code == 3, err
    assert f"Thư mục {missing} không tồn tại nên chưa ghi " in err and "không có gì thay đổi" in err
    assert not missing.exists() and sorted(tmp_path.iterdir()) == before


def test_a_mistyped_folder_for_a_new_key_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NTM_KEY_PASS", PASSPHRASE)
    target = tmp_path / "khoa" / "chu-tich.p12"
    code = main(["--lang", "en", "certificate", "new", "--name", "Nguyễn Văn A", "--title", "Chủ tịch",
                 "--out", str(target), "--passphrase-env", "NTM_KEY_PASS"])  # fmt: skip
    assert code == 3
    assert (
        f"The folder {target.parent} does not exist, so chu-tich.p12 was not written"
        in capsys.readouterr().err
    )
    assert list(tmp_path.iterdir()) == []
