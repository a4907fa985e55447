"""The Word copy of the yearly report (``report commune --format docx``), read back with python-docx as
the officer's Word would open it: the same header, each section's text, the tables with their numbers,
the signature block, in an A4 page with the NĐ 30/2020 margins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune
from tests.test_report_narratives import WRITTEN


@pytest.fixture
def small(ws: Workspace) -> Workspace:
    fill_small_commune(ws)
    for key, text in WRITTEN.items():
        ws.narratives.write(2023, key, text)
    return ws


def _all_text(document: docx.document.Document) -> list[str]:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return lines


def test_the_word_copy_holds_what_the_pdf_prints(
    small: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bao-cao-2023.docx"
    db = ["--db", str(small.path), "report", "commune", "--year", "2023"]
    assert main([*db, "--format", "docx", "--number", "15", "--date", "2024-01-05", "--out", str(out)]) == 0
    assert "bản PDF đã ký số vẫn là bản chính thức" in capsys.readouterr().out
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # type: ignore[union-attr]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]  # type: ignore[union-attr]

    header = [cell.text for cell in document.tables[0].rows[0].cells + document.tables[0].rows[1].cells]
    assert header == [
        "ỦY BAN NHÂN DÂN\nXÃ BẰNG THÀNH\n",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "Số: 15/BC-UBND",
        "Bằng Thành, ngày 05 tháng 01 năm 2024",
    ]
    paragraphs = [p.text for p in document.paragraphs]
    assert "Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2023" in paragraphs
    assert "Kính gửi: Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên" in paragraphs
    headings = [p for p in paragraphs if p[:3].rstrip(". ") in ("I", "II", "III", "IV", "V", "VI", "VII")]
    assert [h.split(". ")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    for key, text in WRITTEN.items():  # each section's text, under its own heading
        at = paragraphs.index(text)
        n = list(WRITTEN).index(key)
        assert paragraphs.index(headings[n]) < at, key
        assert n + 1 == len(headings) or at < paragraphs.index(headings[n + 1]), key

    cells = _all_text(document)
    assert "Tổng cộng" in cells and "49,00" in cells and "40,00" in cells  # by funding source, triệu đồng
    assert "Chưa xác định nguồn" in cells  # help recorded without a source
    closing = [cell.text for cell in document.tables[-1].rows[0].cells]
    assert closing[0].startswith("Nơi nhận:\n- Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên;")
    assert closing[1].startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH") and closing[1].endswith("Nguyễn Văn A")


def test_a_word_copy_is_never_signed_and_a_refusal_writes_nothing(
    small: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bc.docx"
    argv = ["--db", str(small.path), "report", "commune", "--year", "2023", "--format", "docx"]
    assert main([*argv, "--sign", "--key", "k.p12", "--out", str(out)]) != 0
    assert "Bản Word không được ký số" in capsys.readouterr().err
    assert not out.exists()


def test_a_2019_word_copy_goes_to_the_district(ws: Workspace, tmp_path: Path) -> None:
    from dataclasses import replace

    from ntm_desktop.reports import CommuneReport, make_word_copy
    from tests.helpers.units import SAMPLE_UNIT

    ws.unit.setup(replace(SAMPLE_UNIT, district_name="Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)"))
    fill_small_commune(ws)
    made = make_word_copy(ws, CommuneReport(year=2019, date=dt.date(2020, 1, 10)), tmp_path / "2019.docx")
    paragraphs = [p.text for p in docx.Document(str(made)).paragraphs]
    assert "Kính gửi: Ủy ban nhân dân huyện Pác Nặm" in paragraphs


def test_the_word_copy_numbers_its_pages_from_page_two(small: Workspace, tmp_path: Path) -> None:
    """NĐ 30/2020 (Phụ lục I): the page number, centred in the top margin, size 13–14, not on page 1.
    The Word copy had no page numbers at all, where the PDF has them."""
    out = tmp_path / "bc.docx"
    argv = ["--db", str(small.path), "report", "commune", "--year", "2023", "--format", "docx"]
    assert main([*argv, "--out", str(out)]) == 0
    section = docx.Document(str(out)).sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    (number,) = section.header.paragraphs
    field = number._p.xml
    assert "<w:instrText" in field and " PAGE " in field and 'w:fldCharType="end"' in field
    assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert {run.font.size.pt for run in number.runs if run.font.size} == {14.0}
