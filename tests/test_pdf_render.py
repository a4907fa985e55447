"""Official reports as PDF: what an officer reads on the page, and what a checker reads in the file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.files import WriteFailed
from ntm_desktop.export.pdf import (
    ATTACHMENT_NAME,
    Authority,
    FontFamily,
    FontNotFound,
    OfficialDocument,
    Paragraph,
    RenderResult,
    Signature,
    Table,
    find_font_family,
    missing_chars,
    render,
    snapshot_bytes,
)
from ntm_desktop.export.pdf.body import format_cell
from ntm_desktop.export.pdf.sample import sample_report


@pytest.fixture(scope="module")
def family() -> FontFamily:
    try:
        return find_font_family()
    except FontNotFound as exc:  # pragma: no cover - CI installs fonts-liberation2
        pytest.skip(f"no Vietnamese font installed: {exc}")


@pytest.fixture
def report(family: FontFamily) -> OfficialDocument:
    doc = sample_report(family)
    money = Table(
        header=[("TT", "Nội dung", "Giá trị")],
        rows=[(1, "Tổng giá trị quy ra tiền", Decimal("16493.82"))],
        widths=(1, 6, 2),
        unit="ĐVT: triệu đồng",
    )
    return dataclasses.replace(doc, body=(*doc.body, money))


@pytest.fixture
def rendered(report: OfficialDocument, tmp_path: Path) -> RenderResult:
    return render(report, tmp_path / "bao-cao.pdf")


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_the_officer_reads_the_decree_header_and_the_signer(rendered: RenderResult) -> None:
    text = " ".join(page_texts(rendered.path))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ BẰNG THÀNH",
        "Số: 05/BC-UBND",
        "Bằng Thành, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Kính gửi:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Thắng",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "16.493,82",
        "1.315",
    ):
        assert expected in text, expected


def test_page_numbers_start_on_page_two(rendered: RenderResult) -> None:
    pages = [page.extract_text().splitlines() for page in PdfReader(rendered.path).pages]
    assert rendered.pages == len(pages) >= 2
    assert not any(line.strip() == "1" for line in pages[0])
    for number, lines in enumerate(pages[1:], start=2):
        assert str(number) in [line.strip() for line in lines[:3]]


def test_every_page_prints_the_data_fingerprint_and_the_data_is_attached(
    report: OfficialDocument, rendered: RenderResult
) -> None:
    data = PdfReader(rendered.path).attachments[ATTACHMENT_NAME][0]
    assert data == snapshot_bytes(report.data_snapshot)
    assert json.loads(data)["unit"]["name"] == "Xã Bằng Thành"
    assert rendered.data_sha256 == hashlib.sha256(data).hexdigest()
    for text in page_texts(rendered.path):
        assert f"Mã dữ liệu (SHA-256): {rendered.data_sha256}" in text


def _to_unicode(font: object) -> set[str]:
    cmap = font["/ToUnicode"].get_data().decode("latin-1")  # type: ignore[index]
    chars = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for _code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.add(bytes.fromhex(uni).decode("utf-16-be"))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, start in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(start, 16)
            chars |= {chr(first + i) for i in range(int(hi, 16) - int(lo, 16) + 1)}
    return chars


def test_every_character_written_has_a_glyph_in_its_embedded_font(
    rendered: RenderResult, family: FontFamily
) -> None:
    faces = {
        family.face_name(b, i).removeprefix("NTM-"): (b, i) for b in (False, True) for i in (False, True)
    }
    for page in PdfReader(rendered.path).pages:
        written = set(page.extract_text()) - set(" \n")
        mapped: set[str] = set()
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], f"{font['/BaseFont']} is not embedded"
            base = str(font["/BaseFont"]).split("+", 1)[-1]
            assert base in faces, f"unexpected font {base}"
            used = _to_unicode(font) & written
            assert not missing_chars("".join(used), family, bold=faces[base][0], italic=faces[base][1])
            mapped |= used
        assert written - mapped == set()
        assert {"ằ", "Đ", "ư", "ơ"} & written


def test_the_signature_box_is_on_the_last_page_in_the_right_column(rendered: RenderResult) -> None:
    box = rendered.signature_box
    assert box.page == rendered.pages - 1
    width, height = box.x2 - box.x1, box.y2 - box.y1
    assert 150 < width < 240 and 80 < height < 100  # points: about 80 × 31 mm
    assert box.x1 > 595 / 2 - 20 and box.x2 < 595 - 15 * 72 / 25.4 + 1


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pages_render_to_png(rendered: RenderResult, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(rendered.path), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == rendered.pages
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2000 for p in pngs)


@pytest.mark.parametrize(
    ("day", "number", "date_line", "number_line"),
    [
        (dt.date(2026, 1, 5), 5, "Bằng Thành, ngày 05 tháng 01 năm 2026", "Số: 05/BC-UBND"),
        (dt.date(2026, 2, 28), 15, "Bằng Thành, ngày 28 tháng 02 năm 2026", "Số: 15/BC-UBND"),
        (dt.date(2025, 3, 9), 120, "Bằng Thành, ngày 09 tháng 3 năm 2025", "Số: 120/BC-UBND"),
        (
            dt.date(2025, 12, 31),
            None,
            "Bằng Thành, ngày 31 tháng 12 năm 2025",
            "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND",
        ),
    ],
)
def test_number_and_date_follow_the_decree(
    report: OfficialDocument, day: dt.date, number: int | None, date_line: str, number_line: str
) -> None:
    doc = dataclasses.replace(report, date=day, number=number)
    assert doc.date_line() == date_line
    assert doc.number_line() == number_line
    assert dataclasses.replace(doc, type_code="").number_line().endswith("/UBND")


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert format_cell(Decimal("16493.82")) == "16.493,82"
    assert format_cell(Decimal("0.00")) == "0,00"
    assert format_cell(1315) == "1.315"
    assert format_cell(40000000) == "40.000.000"
    assert format_cell("2025") == "2025"


def test_signature_lines_for_a_deputy_signing_for_the_committee() -> None:
    sig = Signature(
        title="Phó Chủ tịch",
        name="Lý Thị Hoa",
        authority=Authority.TM,
        on_behalf_of="Ủy ban nhân dân",
        deputy_for="Chủ tịch",
    )
    assert sig.authority_lines() == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert Signature(title="Chủ tịch", name="A").authority_lines() == ("CHỦ TỊCH",)


def test_a_document_with_a_parent_agency_and_one_recipient(report: OfficialDocument, tmp_path: Path) -> None:
    doc = dataclasses.replace(
        report,
        parent_agency="Ủy ban nhân dân tỉnh Thái Nguyên",
        agency=("Sở Nông nghiệp và Môi trường",),
        recipients=("Ủy ban nhân dân tỉnh Thái Nguyên",),
        body=(Paragraph("Nội dung ngắn."),),
    )
    result = render(doc, tmp_path / "so.pdf")
    text = " ".join(page_texts(result.path))
    assert "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên" in text
    assert result.pages == 1 and result.signature_box.page == 0


def test_wrong_input_is_refused_with_every_problem_and_no_file(
    report: OfficialDocument, tmp_path: Path
) -> None:
    bad_table = Table(header=[("A", "B")], rows=[("x", 1)], widths=(1, 2, 3), total_rows=2)
    doc = dataclasses.replace(
        report,
        signature=dataclasses.replace(report.signature, name=" "),
        number=0,
        body=(bad_table, Paragraph("Có ký tự lạ \U0001f600")),
    )
    target = tmp_path / "bad.pdf"
    with pytest.raises(InvalidInput) as caught:
        render(doc, target)
    paths = {p.path for p in caught.value.problems}
    assert {"signature.name", "number", "body[0].widths", "body[0].total_rows", ""} <= paths
    assert "\U0001f600" in str(caught.value)
    assert "Mục này không được để trống" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_render_leaves_the_old_file_untouched(report: OfficialDocument, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old report")
    with pytest.raises(InvalidInput):
        render(dataclasses.replace(report, doc_type=""), target)
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_a_full_disk_leaves_no_partial_file(
    report: OfficialDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("ntm_desktop.core.files.os.replace", disk_full)
    with pytest.raises(WriteFailed) as caught:
        render(report, tmp_path / "bao-cao.pdf")
    assert "Không ghi được tệp" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_no_vietnamese_font_names_the_package_to_install(tmp_path: Path) -> None:
    with pytest.raises(FontNotFound) as caught:
        find_font_family([tmp_path], use_fontconfig=False)
    assert "fonts-liberation2" in str(caught.value)
    assert "tiếng Việt" in str(caught.value)


def test_missing_chars_names_what_a_font_cannot_write(family: FontFamily) -> None:
    assert missing_chars("Nguyễn Thị Ánh Tuyết – Đắk Lắk\n", family) == set()
    assert missing_chars("a\U0001f600b", family, bold=True) == {"\U0001f600"}
