"""Signing a report with a key file (.p12), and checking it afterwards, as a provincial checker would."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from pypdf import PdfReader

from ntm_desktop.core.errors import InvalidInput, SignatureInvalid
from ntm_desktop.export.pdf import RenderResult
from ntm_desktop.signing import (
    Identity,
    SigningError,
    create_certificate,
    format_fingerprint,
    load_p12,
    sign_pdf,
    verify_pdf,
)
from ntm_desktop.signing.stamp import stamp_pdf
from ntm_desktop.signing.verify import Later
from tests.helpers.pdf_attacks import add_unsigned_note
from tests.helpers.reports import sample_pdf

PASSPHRASE = "mat-khau-xa-2026"


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("keys") / "chu-tich.p12"
    fp = create_certificate(
        "Hoàng Văn Thắng",
        "Chủ tịch UBND xã",
        "Ủy ban nhân dân xã Bằng Thành",
        path,
        PASSPHRASE,
        valid_days=30,
    )
    return path, fp


@pytest.fixture
def report(tmp_path: Path) -> RenderResult:
    return sample_pdf(tmp_path)


@pytest.fixture
def signed(report: RenderResult, key_file: tuple[Path, str], tmp_path: Path) -> Path:
    with load_p12(key_file[0], PASSPHRASE) as signer:
        result = sign_pdf(
            report.path, tmp_path / "da-ky.pdf", signer, report.signature_box, "Phê duyệt", "Bằng Thành"
        )
    assert result.signer_name == "Hoàng Văn Thắng"
    return result.path


def test_the_key_file_holds_the_named_signer(key_file: tuple[Path, str]) -> None:
    path, fp = key_file
    _key, cert, _others = pkcs12.load_key_and_certificates(path.read_bytes(), PASSPHRASE.encode())
    assert cert is not None
    assert cert.subject.rfc4514_string().startswith("C=VN,O=Ủy ban nhân dân xã Bằng Thành")
    assert len(fp) == 64 and format_fingerprint(fp).count(":") == 31


def test_a_signed_report_verifies_and_names_signer_and_data(
    signed: Path, report: RenderResult, key_file: tuple[Path, str]
) -> None:
    result = verify_pdf(signed, trusted=[format_fingerprint(key_file[1])])
    assert result.ok and result.trusted, result.problems()
    (only,) = result.signatures
    assert only.certificate.name == "Hoàng Văn Thắng"
    assert only.certificate.title == "Chủ tịch UBND xã"
    assert only.certificate.fingerprint == key_file[1]
    assert only.signing_time is not None and only.covers_whole_file
    assert result.data_sha256 == report.data_sha256
    assert result.problems() == []


def test_the_visible_signature_sits_in_the_room_left_for_it(signed: Path, report: RenderResult) -> None:
    reader = PdfReader(signed)
    assert "ChuKySo1" in (reader.get_fields() or {})
    page = reader.pages[report.signature_box.page]
    widgets = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    rect = [float(v) for v in widgets[0]["/Rect"]]
    assert rect == pytest.approx(list(report.signature_box.rect), abs=0.5)


def test_the_stamp_names_the_signer_and_the_time_in_vietnamese() -> None:
    who = Identity("Hoàng Văn Thắng", "Chủ tịch UBND xã", "Ủy ban nhân dân xã Bằng Thành", "ab" * 32)
    when = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    text = PdfReader(io.BytesIO(stamp_pdf(who, when, 220, 80))).pages[0].extract_text()
    for line in (
        "Ký bởi: Hoàng Văn Thắng",
        "Chức vụ: Chủ tịch UBND xã",
        "Cơ quan: Ủy ban nhân dân xã Bằng Thành",
        "Thời gian ký:",
        "05/01/2026 09:30:00 +07:00",  # the time on a line of its own, never cut in two
    ):
        assert line in text.splitlines()


def test_an_unknown_signer_is_signed_but_not_trusted(signed: Path) -> None:
    result = verify_pdf(signed)
    assert result.ok and not result.trusted
    assert result.problems() == [
        "Chữ ký 1 (Hoàng Văn Thắng): chứng thư số không dẫn tới chứng thư nào được tin cậy."
    ]


def test_one_flipped_byte_breaks_the_signature(signed: Path, tmp_path: Path) -> None:
    data = bytearray(signed.read_bytes())
    # a byte inside a content stream of the first revision, which the signature covers
    start = re.compile(rb"(?<!end)stream\r?\n").search(data, len(data) // 4).end() + 20  # type: ignore[union-attr]
    data[start] ^= 0x01
    tampered = tmp_path / "sua.pdf"
    tampered.write_bytes(bytes(data))
    result = verify_pdf(tampered)
    assert not result.intact and not result.ok
    assert "bị thay đổi" in result.problems()[0]
    assert not result.signatures[0].signed_bytes_ok


def test_an_appended_change_is_reported_and_fails(signed: Path, tmp_path: Path) -> None:
    changed = add_unsigned_note(signed, tmp_path / "them.pdf")
    result = verify_pdf(changed)
    (only,) = result.signatures
    assert only.signed_bytes_ok and not only.covers_whole_file and result.appended_after_last
    assert only.later is Later.OTHER and not only.intact and not result.ok


def test_an_unsigned_report_says_so(report: RenderResult) -> None:
    result = verify_pdf(report.path)
    assert not result.signed and result.data_matches
    assert result.problems() == ["Văn bản chưa được ký số."]


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.pdf"
    path.write_text("không phải PDF")
    with pytest.raises(SignatureInvalid):
        verify_pdf(path)


def test_a_wrong_passphrase_is_refused_and_writes_nothing(
    report: RenderResult, key_file: tuple[Path, str], tmp_path: Path
) -> None:
    with pytest.raises(SigningError) as caught:
        load_p12(key_file[0], "sai-mat-khau")
    assert "Sai mật khẩu" in str(caught.value)
    assert not (tmp_path / "da-ky.pdf").exists()


def test_signing_over_the_input_replaces_it_whole(
    report: RenderResult, key_file: tuple[Path, str], tmp_path: Path
) -> None:
    with load_p12(key_file[0], PASSPHRASE) as signer:
        sign_pdf(report.path, report.path, signer, report.signature_box)
    assert verify_pdf(report.path).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]


def test_a_second_signature_gets_its_own_field(
    signed: Path, key_file: tuple[Path, str], tmp_path: Path
) -> None:
    with load_p12(key_file[0], PASSPHRASE) as signer:
        again = sign_pdf(signed, tmp_path / "ky-lan-2.pdf", signer, None).path
    result = verify_pdf(again)
    assert len(result.signatures) == 2 and result.ok
    first, second = result.signatures
    assert first.intact and not first.covers_whole_file and first.later is Later.SIGNING
    assert second.intact and second.covers_whole_file and not result.namesakes()


def test_a_certificate_needs_a_real_passphrase_and_never_overwrites(key_file: tuple[Path, str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_certificate("Hoàng Văn Thắng", "", "", key_file[0], "123")
    assert {p.path for p in caught.value.problems} == {"passphrase", "out_path"}
