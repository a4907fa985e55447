"""The three reports, read back from the PDF as a provincial officer would read them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.units import Officer
from ntm_desktop.export.pdf import FontNotFound, find_font_family
from ntm_desktop.reports import CommuneReport, ProgressReport, SupporterReport, build_document, make_report
from ntm_desktop.reports import wording as w
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import attached, fill_small_commune, pdf_text
from tests.helpers.units import SAMPLE_UNIT


@pytest.fixture(autouse=True)
def _font() -> None:
    try:
        find_font_family()
    except FontNotFound as exc:  # pragma: no cover - CI installs fonts-liberation2
        pytest.skip(f"no Vietnamese font installed: {exc}")


@pytest.fixture
def small(ws: Workspace) -> Workspace:
    fill_small_commune(ws)
    return ws


def test_a_report_without_a_date_is_dated_today_in_vietnam_whatever_the_computers_zone(
    small: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 06:00 on 5 January in Hà Nội is still 4 January on a laptop set to UTC; the signature prints
    # Vietnam time, so the date under the national motto must be the Vietnamese day too.
    monkeypatch.setattr(vntime, "now", lambda: dt.datetime(2026, 1, 5, 6, 0, tzinfo=vntime.VN))
    out = tmp_path / "bao-cao.pdf"
    make_report(small, CommuneReport(year=2023), out)
    assert "Bằng Thành, ngày 05 tháng 01 năm 2026" in pdf_text(out)


def test_the_annual_report_says_what_an_officer_expects(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-2023.pdf"
    made = make_report(small, CommuneReport(year=2023, number=15, date=dt.date(2024, 1, 5)), out)
    text = pdf_text(out)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ BẰNG THÀNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 15/BC-UBND",
        "Bằng Thành, ngày 05 tháng 01 năm 2024",
        "BÁO CÁO",
        "Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2023",
        "Kính gửi: Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên",
        "xã Bằng Thành đạt 1/19 tiêu chí, tăng 1 tiêu chí so với năm 2022",
        "40.000.000 đồng",
        "49,00 triệu đồng",  # the value in money: 40 triệu cash + 9 triệu of labour
        "Sở Nội vụ tỉnh Bắc Kạn",
        "30 ngày công đổ bê tông",
        "Kiện toàn lực lượng dân quân thường trực",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
        "Nơi nhận:",
        "Lưu: VT, VP.",
        f"Mã dữ liệu (SHA-256): {made.data_sha256}",
    ):
        assert expected in text, expected
    assert made.signed is None


def test_a_year_with_no_results_is_not_compared_with_the_year_before(
    small: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "bao-cao-2024.pdf"
    make_report(small, CommuneReport(year=2024, date=dt.date(2025, 1, 5)), out)  # 2024: nothing recorded
    text = " ".join(pdf_text(out).split())
    assert "xã Bằng Thành đạt 0/19 tiêu chí." in text  # not "giảm 1 tiêu chí so với năm 2023"
    assert "so với năm 2023" not in text
    assert "Còn 19 tiêu chí chưa có kết quả đánh giá trong năm." in text


def test_a_criterion_not_yet_judged_this_year_is_not_called_no_longer_met(
    small: Workspace, tmp_path: Path
) -> None:
    # Criterion 3 was met in 2023. In 2024 only 3.1 is recorded (met): 3.2 is not judged yet, and
    # nothing says the commune lost the criterion; criterion 19, judged not met both years, neither.
    small.progress.record(2024, indicator="3.1", value="86")
    out = tmp_path / "bao-cao-2024.pdf"
    make_report(small, CommuneReport(year=2024, date=dt.date(2025, 1, 5)), out)
    text = pdf_text(out)
    assert "không còn đạt" not in text.casefold()
    small.progress.record(2024, indicator="3.2", value="không")  # now it is lost: said in words and table
    make_report(small, CommuneReport(year=2024, date=dt.date(2025, 1, 5)), out)
    text = pdf_text(out)
    assert "Tiêu chí không còn đạt: tiêu chí số 3 (Thủy lợi và phòng, chống thiên tai)." in text
    assert "Chưa đạt Không còn đạt" in text


def test_a_figure_not_judged_yet_is_not_called_no_longer_met(small: Workspace, tmp_path: Path) -> None:
    # income met in 2023 (the officer's decision: no threshold entered); 2024's figure is typed, not judged
    small.progress.record(2023, indicator="10", value="34,2", met=True)
    small.progress.record(2024, indicator="10", value="36")
    out = tmp_path / "bao-cao-2024.pdf"
    make_report(small, CommuneReport(year=2024, date=dt.date(2025, 1, 5)), out)
    text = pdf_text(out)
    assert "36 triệu đồng/người/năm Chưa đánh giá" in text
    assert "không còn đạt" not in text.casefold()


def test_the_indicator_table_gives_threshold_value_and_change(small: Workspace, tmp_path: Path) -> None:
    make_report(small, CommuneReport(year=2023), tmp_path / "r.pdf")
    text = pdf_text(tmp_path / "r.pdf")
    assert "≥ 80% 85% Đạt Mới đạt" in text  # 3.1: threshold, value, Đạt, gained since 2022
    # 10: the national threshold (by region, Phụ lục I) is not entered — not "do tỉnh quy định"
    assert "Chưa nhập ngưỡng (Phụ lục I, QĐ 318/QĐ-TTg) 34,2 triệu đồng/người/năm" in text
    assert "tỉnh quy định" not in text.casefold()
    assert "Tiêu chí số 19: Quốc phòng và An ninh" in text


def test_the_attached_data_is_the_figures_and_its_hash_is_printed(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    made = make_report(small, CommuneReport(year=2023, number=15), out)
    data = attached(out)
    assert hashlib.sha256(data).hexdigest() == made.data_sha256
    figures = json.loads(data)
    assert figures["report"] == "commune-annual"
    assert figures["summary"]["met"] == 1 and figures["summary"]["total"] == 19
    assert figures["help"]["totals"]["by_kind"]["cash"]["value_vnd"] == 40_000_000
    assert figures["number"] == 15


def test_without_a_number_the_number_is_left_blank(small: Workspace) -> None:
    doc = build_document(small, CommuneReport(year=2023))
    assert doc.number_line().startswith("Số: ") and doc.number_line().endswith("/BC-UBND")
    assert doc.number is None


def test_a_deputy_signs_for_the_chair(ws: Workspace) -> None:
    from dataclasses import replace

    ws.unit.setup(replace(SAMPLE_UNIT, officers=(Officer("Lê Thị B", "Phó Chủ tịch UBND xã", "KT", True),)))
    ws.progress.record(2023, indicator="3.1", value="85")
    lines = build_document(ws, CommuneReport(year=2023)).signature.authority_lines()
    assert lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_commune_without_a_signer_is_told_what_to_do(ws: Workspace) -> None:
    from dataclasses import replace

    ws.unit.setup(replace(SAMPLE_UNIT, officers=(Officer("Trần C", "Công chức"),)))
    ws.progress.record(2023, indicator="3.1", value="85")
    with pytest.raises(InvalidInput, match="người ký"):
        build_document(ws, CommuneReport(year=2023))


def test_the_supporter_report_lists_the_help_and_totals(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "ho-tro.pdf"
    request = SupporterReport(supporter="Sở Nội vụ", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    make_report(small, request, out)
    text = pdf_text(out)
    assert "Kết quả giúp đỡ xã Bằng Thành của Sở Nội vụ tỉnh Bắc Kạn từ 01/01/2023 đến 31/12/2023" in text
    assert "Kính gửi: Sở Nội vụ tỉnh Bắc Kạn" in text
    assert "40.000.000 đồng" in text
    # the commune received the help: said once, not "đã hỗ trợ xã 1 lượt hỗ trợ"
    assert "01/01/2023 đến 31/12/2023, xã nhận được từ Sở Nội vụ tỉnh Bắc Kạn 1 lượt hỗ trợ" in text
    assert "đã hỗ trợ xã" not in text
    assert "10/12/2023" in text and "Bê tông hóa đoạn đường" in text


def test_an_unknown_supporter_is_named_in_the_message(small: Workspace) -> None:
    with pytest.raises(NotFound, match="Công ty Không Có"):
        build_document(small, SupporterReport(supporter="Công ty Không Có"))


def test_the_progress_report_shows_each_indicator_across_the_years(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "tien-do.pdf"
    make_report(small, ProgressReport(), out)
    text = pdf_text(out)
    # a period is written as in the commune report and the decisions: "2022–2023", en dash
    assert "Kết quả thực hiện các tiêu chí xã nông thôn mới giai đoạn 2022–2023" in text
    assert "2021–2025" in text and " - 2023" not in text and "2021 - 2025" not in text
    assert "75 (CĐ) 85 (Đ)" in text and "%)" in text  # indicator 3.1 in 2022, then 2023; its row says (%)
    assert "0/19" in text and "1/19" in text
    # addressed as the yearly report is, to whom "Nơi nhận" sends it (it had no "Kính gửi")
    assert "Kính gửi: Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên" in text
    with pytest.raises(InvalidInput):
        build_document(small, ProgressReport(first_year=2030))


@pytest.mark.parametrize(
    ("name", "place"),
    [("Xã Bằng Thành", "Bằng Thành"), ("Xã Bằng Thành (dữ liệu mẫu)", "Bằng Thành"), ("Nà Phặc", "Nà Phặc")],
)
def test_place_of_issue_has_no_unit_word(name: str, place: str) -> None:
    assert w.place_name(name) == place


def test_signer_titles_lose_the_body_they_sign_for() -> None:
    assert w.signer_title("Chủ tịch UBND xã") == "Chủ tịch"
    assert w.signer_title("Phó Chủ tịch Ủy ban nhân dân xã Bằng Thành") == "Phó Chủ tịch"
    assert w.signer_title("Chủ tịch") == "Chủ tịch"


def test_money_in_report_tables_is_in_millions_with_two_decimals() -> None:
    assert w.million(16_493_820_000) == Decimal("16493.82")
    assert w.million(40_000_000) == Decimal("40.00")
