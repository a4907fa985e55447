"""``verify`` against attacks on a signed report: every signature and every later revision is checked.

The re-signed altered PDF is the hole issue #9 found: an incremental update paints "ALTERED AFTER SIGNING"
over page 1, then someone signs it with a new self-signed certificate bearing the signer's name. The last
signature is genuine and covers the whole file; the first one does not allow what came after it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.export.pdf import RenderResult
from ntm_desktop.signing import create_certificate, load_p12, sign_pdf, verify_pdf
from ntm_desktop.signing.verify import Later
from tests.helpers.pdf_attacks import ALTERED, paint_over_page_one
from tests.helpers.poppler import poppler_text
from tests.helpers.reports import pdf_text, sample_pdf

PASSPHRASE = "mat-khau-xa-2026"
NAME = "Hoàng Văn Thắng"


@pytest.fixture
def utc_clock() -> Iterator[None]:
    """The computer's clock zone is UTC (a server, a laptop set up abroad)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The chairman's real key, and an attacker's self-signed key with the same name."""
    folder = tmp_path_factory.mktemp("keys")
    real, fake = folder / "chu-tich.p12", folder / "gia-mao.p12"
    create_certificate(NAME, "Chủ tịch UBND xã", "UBND xã Bằng Thành", real, PASSPHRASE, valid_days=30)
    create_certificate(NAME, "Chủ tịch UBND xã", "UBND xã Bằng Thành", fake, PASSPHRASE, valid_days=30)
    return real, fake


@pytest.fixture
def report(tmp_path: Path) -> RenderResult:
    return sample_pdf(tmp_path)


def _sign(source: Path, out: Path, key: Path, report: RenderResult | None = None) -> Path:
    with load_p12(key, PASSPHRASE) as signer:
        box = report.signature_box if report else None
        return sign_pdf(source, out, signer, box, "Phê duyệt", "Bằng Thành").path


@pytest.fixture
def resigned(report: RenderResult, keys: tuple[Path, Path], tmp_path: Path) -> Path:
    real, fake = keys
    signed = _sign(report.path, tmp_path / "da-ky.pdf", real, report)
    altered = paint_over_page_one(signed, tmp_path / "sua.pdf")
    return _sign(altered, tmp_path / "ky-lai.pdf", fake)


def test_the_attack_is_visible_on_the_page(resigned: Path) -> None:
    assert ALTERED in pdf_text(resigned)


def test_the_re_signed_altered_pdf_fails_on_its_first_signature(resigned: Path) -> None:
    result = verify_pdf(resigned)
    first, second = result.signatures
    assert first.signed_bytes_ok and first.later is Later.OTHER and not first.changes_allowed
    assert not first.intact
    assert second.intact and second.covers_whole_file  # the attacker's own signature is genuine
    assert not result.ok and result.data_matches
    assert first.certificate.fingerprint != second.certificate.fingerprint
    assert result.namesakes() == [(first, second)]


def test_verify_exits_5_naming_the_file_and_both_certificates(
    resigned: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(resigned)]) == 5
    out = capsys.readouterr().out
    assert "ky-lai.pdf: văn bản đã bị thay đổi sau khi ký" in out
    assert "Chữ ký 1 (ChuKySo1)" in out and "Chữ ký 2 (ChuKySo2)" in out
    assert "không được phép" in out  # the change after signature 1 is one it does not allow
    assert out.count("Dấu vân tay chứng thư số") == 2
    assert f"Hai chữ ký cùng mang tên {NAME} nhưng từ hai chứng thư số khác nhau" in out


def test_verify_json_lists_every_signature(resigned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(resigned), "--json"]) == 5
    check = json.loads(capsys.readouterr().out)
    first, second = check["signatures"]
    assert [first["intact"], second["intact"]] == [False, True]
    assert [first["covers_whole_file"], second["covers_whole_file"]] == [False, True]
    assert first["changes_after"] == "other" and not first["changes_allowed"]
    assert {first["signer"], second["signer"]} == {NAME}
    assert first["certificate"]["fingerprint"] != second["certificate"]["fingerprint"]
    assert check["data_matches"] is True and check["file"] == "ky-lai.pdf"


def test_signing_times_read_vietnam_time_on_a_utc_clock(
    utc_clock: None, report: RenderResult, keys: tuple[Path, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    signed = _sign(report.path, tmp_path / "da-ky.pdf", keys[0], report)
    check = verify_pdf(signed).signatures[0]
    assert check.signing_time is not None and check.signing_time.utcoffset() is not None
    assert check.signing_time.utcoffset().total_seconds() == 7 * 3600  # type: ignore[union-attr]
    vn_hour = check.signing_time.strftime("%d/%m/%Y %H:%M:%S")
    stamp = poppler_text(signed)
    assert f"Thời gian ký: {vn_hour} +07:00" in stamp
    assert main(["verify", str(signed), "--json"]) == 0
    time_field = json.loads(capsys.readouterr().out)["signatures"][0]["time"]
    assert time_field == check.signing_time.isoformat() and time_field.endswith("+07:00")
    assert main(["verify", str(signed)]) == 0
    assert f"{vn_hour} +07:00" in capsys.readouterr().out
