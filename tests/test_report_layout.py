"""Layout rules a reader notices (#13): the signature never alone on a page, tables numbered without gaps,
help in kind with no money value never printed as "0,00", and a past year's report addressed to the
receiving unit of that time (the district before 1 July 2025)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from ntm_desktop.cli.main import main
from ntm_desktop.core.units import district_committee
from ntm_desktop.demo import fill_demo
from ntm_desktop.export.pdf import Authority, Heading, OfficialDocument, Paragraph, Signature, Table, render
from ntm_desktop.reports import CommuneReport, ProgressReport, make_report
from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.workspace import Workspace
from tests.helpers.poppler import poppler_lines
from tests.helpers.reports import fill_small_commune, pdf_text
from tests.helpers.units import SAMPLE_UNIT

LAST = "Trên đây là báo cáo của Ủy ban nhân dân xã Bằng Thành./."
LINE = "Xã tiếp tục huy động các nguồn lực, tập trung hoàn thành các tiêu chí còn lại trong năm tới. "


def _document(paragraphs: int) -> OfficialDocument:
    body = [Heading("I. KẾT QUẢ")] + [Paragraph(LINE * 3) for _ in range(paragraphs)] + [Paragraph(LAST)]
    return OfficialDocument(
        agency=("Ủy ban nhân dân", "Xã Bằng Thành"),
        number=5,
        type_code="BC",
        issuer_code="UBND",
        place="Bằng Thành",
        date=dt.date(2026, 1, 5),
        doc_type="Báo cáo",
        title="Kết quả thực hiện năm 2025",
        body=body,
        signature=Signature("Chủ tịch", "Nguyễn Văn A", Authority.TM, "Ủy ban nhân dân"),
        distribution=("Như trên", "Lưu: VT, VP"),
    )


def test_the_signature_block_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    """Bodies of 8 to 30 paragraphs make the page break fall everywhere around the closing."""
    for n in range(8, 31):
        out = render(_document(n), tmp_path / f"bc-{n}.pdf").path
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out)).pages]
        signed = next(i for i, text in enumerate(pages) if "Nguyễn Văn A" in text)
        assert "Trên đây là báo cáo" in pages[signed], f"{n} paragraphs: the signature is alone on its page"


@pytest.fixture
def ws_history(ws: Workspace) -> Workspace:
    ws.unit.setup(replace(SAMPLE_UNIT, district_name="Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)"))
    fill_small_commune(ws)
    return ws


def test_tables_are_numbered_without_gaps(ws_history: Workspace, tmp_path: Path) -> None:
    # 2023 has no cadres and no events: their tables are sentences, and the numbers close up
    text = pdf_text(make_report(ws_history, CommuneReport(year=2023), tmp_path / "bc.pdf").path)
    numbers = [int(n) for n in re.findall(r"Bảng (\d+)\.", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 4


def test_help_in_kind_with_no_value_is_not_printed_as_zero(ws_history: Workspace, tmp_path: Path) -> None:
    uid = ws_history.supporters.list()[0].uid
    ws_history.help.add(
        HelpDraft(
            dt.date(2023, 11, 2),
            "Tặng xi măng làm đường",
            (uid,),
            (ItemDraft("material", Decimal(20), "tấn", "Xi măng"),),
        )
    )
    text = pdf_text(make_report(ws_history, CommuneReport(year=2023), tmp_path / "bc.pdf").path)
    assert "Xi măng 20 tấn chưa quy đổi" in text
    assert not re.search(r"(?<![0-9.])0,00", text)


def test_a_past_years_report_goes_to_the_district_of_that_time(
    ws_history: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        district_committee("Huyện Pác Nặm (tỉnh Bắc Kạn, trước 01/7/2025)") == "Ủy ban nhân dân huyện Pác Nặm"
    )
    old = pdf_text(make_report(ws_history, CommuneReport(year=2019), tmp_path / "2019.pdf").path)
    assert "Kính gửi: Ủy ban nhân dân huyện Pác Nặm" in old
    new = pdf_text(make_report(ws_history, CommuneReport(year=2025), tmp_path / "2025.pdf").path)
    assert "Kính gửi: Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên" in new and "Pác Nặm" not in new
    name = "Ủy ban nhân dân huyện Ba Bể"
    assert main(["--db", str(ws_history.path), "unit", "--former-receiving-unit", name]) == 0
    assert ws_history.unit.home().former_receiving_unit == name
    again = pdf_text(make_report(ws_history, CommuneReport(year=2019), tmp_path / "2019b.pdf").path)
    assert f"Kính gửi: {name}" in again


def test_a_requirement_cites_its_decision_without_breaking_a_word(
    blank_ws: Workspace, tmp_path: Path
) -> None:
    """The Yêu cầu column is wide enough for "QĐ 1491/QĐ-BGDĐT" (criterion 5 and 14.1): never "QĐ-BG DĐT"."""
    fill_demo(blank_ws)
    out = tmp_path / "bc-2025.pdf"
    make_report(blank_ws, CommuneReport(year=2025), out)
    text = pdf_text(out)
    assert "Theo yêu cầu tại QĐ 1491/QĐ-BGDĐT" in text
    assert "QĐ-BG DĐT" not in text


def test_a_decision_reference_is_never_split_across_lines(blank_ws: Workspace, tmp_path: Path) -> None:
    """QA: the progress report's narrow Yêu cầu column broke "QĐ 318/QĐ" / "-TTg)" and "1491/QĐ-B" /
    "GDĐT". A reference stays on one line, "QĐ" with its number, in both reports' criteria tables."""
    fill_demo(blank_ws)
    for report in (ProgressReport(), CommuneReport(year=2025)):
        path = make_report(blank_ws, report, tmp_path / "bc.pdf").path
        lines = [
            line for page in PdfReader(str(path)).pages for line in (page.extract_text() or "").splitlines()
        ]
        cited = [" ".join(line.split()) for line in lines if "318/" in line or "1491/" in line]
        assert len(cited) > 20, cited
        whole = re.compile(r"(QĐ|Quyết định số) (318/QĐ-TTg|1491/QĐ-BGDĐT)")
        assert [line for line in cited if not whole.search(line)] == [], report


def _page_texts(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages]


def test_the_criteria_table_starts_on_page_one_under_its_caption(blank_ws: Workspace, tmp_path: Path) -> None:
    """QA: page 1 was 40 % blank, the first group (3 rows) kept whole moved to page 2. It starts under its
    caption on page 1, and the next page repeats the column titles over its rows."""
    fill_demo(blank_ws)
    pages = _page_texts(make_report(blank_ws, CommuneReport(year=2025), tmp_path / "bc.pdf").path)
    assert "Bảng 1. Kết quả thực hiện các tiêu chí năm 2025" in pages[0]
    assert "I. QUY HOẠCH" in pages[0] and "Tiêu chí số 1: Quy hoạch" in pages[0]
    rest = pages[0].split("Bảng 1.")[1]
    assert "1.1. Có quy hoạch chung" in rest
    assert "Tiêu chí, chỉ tiêu" in pages[1] and "1.2. Ban hành quy định" in pages[1]


def test_the_criteria_table_has_one_header_per_page(blank_ws: Workspace, tmp_path: Path) -> None:
    """QA: each group of criteria (I. QUY HOẠCH, II. HẠ TẦNG…) was a table of its own, so the column
    titles stood again above every group on the same page. Now once at the top of each page, the groups'
    names as rows of the one table, each once."""
    fill_demo(blank_ws)
    pages = _page_texts(make_report(blank_ws, CommuneReport(year=2025), tmp_path / "bc.pdf").path)
    with_table = [text for text in pages if "Tiêu chí số" in text]
    assert len(with_table) >= 4
    assert [text.count("Tiêu chí, chỉ tiêu Yêu cầu") for text in with_table] == [1] * len(with_table)
    text = " ".join(pages)
    for group in ("I. QUY HOẠCH", "II. HẠ TẦNG KINH TẾ – XÃ HỘI", "III. KINH TẾ VÀ TỔ CHỨC SẢN XUẤT"):
        assert text.count(group) == 1, group


def test_a_tables_caption_never_stands_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    """Whatever the text before it, a caption is on the page of the table's header and first row."""
    rows = [(str(n), f"Dòng {n}") for n in range(1, 6)]
    table = Table(header=[("TT", "Nội dung")], rows=rows, caption="Bảng 1. Bảng thử")
    for n in range(6, 16):
        document = replace(_document(n), body=[*_document(n).body[:-1], table, Paragraph(LAST)])
        pages = _page_texts(render(document, tmp_path / f"bc-{n}.pdf").path)
        at = next(i for i, text in enumerate(pages) if "Bảng 1. Bảng thử" in text)
        assert "Dòng 1" in pages[at], f"{n} paragraphs: the caption is alone on page {at + 1}"
        assert all("Nội dung" in text for text in pages[at:] if "Dòng" in text)


def test_the_chart_compares_only_years_judged_by_the_same_criteria_set(
    blank_ws: Workspace, tmp_path: Path
) -> None:
    """QA: the 2026 report drew 2022–2025 (out of 19 criteria) and 2026 (out of 10) on one axis. The chart
    holds the years of the report year's set only, and its caption names that set."""
    fill_demo(blank_ws)
    old = pdf_text(make_report(blank_ws, CommuneReport(year=2025), tmp_path / "2025.pdf").path)
    assert "Biểu đồ 1. Số tiêu chí đạt qua các năm theo Bộ tiêu chí giai đoạn 2021–2025" in old
    assert "9/19 12/19 16/19 19/19" in old
    first = pdf_text(make_report(blank_ws, CommuneReport(year=2026), tmp_path / "2026.pdf").path)
    assert "Biểu đồ" not in first and "19/19" not in first  # one year of the new set: nothing to compare
    blank_ws.progress.record(2027, criterion="1", met=True)
    later = pdf_text(make_report(blank_ws, CommuneReport(year=2027), tmp_path / "2027.pdf").path)
    assert "Biểu đồ 1. Số tiêu chí đạt qua các năm theo Bộ tiêu chí giai đoạn 2026–2030" in later
    assert "4/10" in later and "1/10" in later and "/19" not in later


def test_the_progress_report_charts_each_criteria_set_on_its_own(blank_ws: Workspace, tmp_path: Path) -> None:
    """The progress report drew 2022–2025 (out of 19) and 2026–2027 (out of 10) as one row of bars."""
    fill_demo(blank_ws)
    blank_ws.progress.record(2027, criterion="1", met=True)
    text = pdf_text(make_report(blank_ws, ProgressReport(), tmp_path / "tien-do.pdf").path)
    assert "Biểu đồ 1. Số tiêu chí đạt qua các năm theo Bộ tiêu chí giai đoạn 2021–2025" in text
    assert "Biểu đồ 2. Số tiêu chí đạt qua các năm theo Bộ tiêu chí giai đoạn 2026–2030" in text
    chart = text.split("2027 2026–2030 1/10 10,0")[1].split("Biểu đồ 1.")[0]  # after the overview table
    assert "9/19 12/19 16/19 19/19" in chart and "/10" not in chart


def test_the_year_columns_hold_figures_and_the_row_its_unit_once(blank_ws: Workspace, tmp_path: Path) -> None:
    """QA: with five year columns the progress report broke "triệu đồng/người/năm" inside a word
    ("đồng/ngư" / "ời/năm") in every year's cell. The row names the unit once; a year's cell is its
    figure and mark, and no unit is split across lines."""
    fill_demo(blank_ws)
    blank_ws.criteria_years.use("vn-ntm-xa-2021-2025", [2021])  # a fifth year column
    blank_ws.progress.record(2021, indicator="10", value="28,4", met=False)
    path = make_report(blank_ws, ProgressReport(), tmp_path / "tien-do.pdf").path
    lines = poppler_lines(path)
    assert [line for line in lines if "/năm" in line and "đồng/người/năm" not in line] == []
    assert [line for line in lines if "đồng/ng" in line and "đồng/người/năm" not in line] == []
    assert " ".join(" ".join(lines).split()).count("người/năm") == 1  # the cells say only the figure
    # the five year columns are alike: "Có (Đ)" wrapped ("Có" / "(Đ)") in the year with the shortest words
    assert not [a for a, b in pairwise(lines) if a.strip() == "Có" and b.strip() == "(Đ)"]
    text = pdf_text(path)  # pypdf reads a table row's cells in order
    assert text.count("Tiêu chí số 10: Thu nhập (triệu đồng/người/năm)") == 1
    assert "28,4 (CĐ) 30,5 (CĐ) 34,2 (CĐ) 39,8 (CĐ) 45,1 (Đ)" in text
    assert "(%)" in text and "86 (Đ)" in text and "86% (Đ)" not in text  # a percent row likewise
