"""The yearly report's sections as communes file them, read back from the PDF with pdftotext: the text the
officer wrote for each section is printed under its heading; until they write, sentences drawn from the
data (never stored); the resources by funding source add up to the help records."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.db import models as m
from ntm_desktop.reports import CommuneReport, make_report
from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.services.narrative_values import SECTIONS
from ntm_desktop.workspace import Workspace
from tests.helpers.reports import fill_small_commune

WRITTEN = {
    "direction": "Ban Chỉ đạo xã ban hành Kế hoạch số 12/KH-BCĐ về xây dựng nông thôn mới năm 2023.",
    "criteria": "Các thôn hoàn thành bê tông hóa 2,5 km đường trục thôn.",
    "resources": "Nhân dân hiến 350 m² đất để mở rộng đường vào trường học.",
    "debt": "Đến ngày 31/12/2023, xã không có nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới.",
    "shortcomings": "Tiêu chí An ninh đạt chưa bền vững; nguyên nhân: lực lượng dân quân còn mỏng.",
    "next_year": "Tập trung hoàn thành tiêu chí số 19 trong năm 2024.",
    "proposals": "Đề nghị tỉnh hỗ trợ kinh phí xây dựng nhà văn hóa thôn Nà Phầy.",
}


def pdftotext(path: Path, layout: bool = False) -> str:
    """The PDF's words as pdftotext reads them: one space between words, or (``layout``) its lines as
    printed with the spaces between columns made single."""
    options = ["-layout"] if layout else []
    out = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    text = out.stdout.decode("utf-8")
    if layout:
        return "\n".join(" ".join(line.split()) for line in text.splitlines())
    return " ".join(text.split())


@pytest.fixture
def small(ws: Workspace) -> Workspace:
    fill_small_commune(ws)
    return ws


def _narrative_json(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["--db", str(ws.path), "report", "narrative", "--year", "2023", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _rows(ws: Workspace) -> int:
    with ws.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.Narrative)) or 0)


def test_sections_are_suggested_from_the_data_and_stored_only_when_written(
    small: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _narrative_json(small, capsys)
    assert shown["year"] == 2023
    sections = shown["sections"]
    assert isinstance(sections, list)
    assert [s["key"] for s in sections] == list(SECTIONS)
    assert all(set(s) == {"key", "title", "text", "edited"} and not s["edited"] for s in sections)
    resources = next(s for s in sections if s["key"] == "resources")
    assert "Tổng nguồn lực huy động năm 2023: 49,00 triệu đồng" in resources["text"]
    assert _rows(small) == 0  # a suggestion is not a record

    db = ["--db", str(small.path), "report", "narrative", "--year", "2023"]
    assert main([*db, "--section", "debt", "--text", WRITTEN["debt"]]) == 0
    assert main([*db, "--section", "resources", "--accept"]) == 0
    after = {s["key"]: s for s in _narrative_json(small, capsys)["sections"]}  # type: ignore[union-attr]
    assert after["debt"]["text"] == WRITTEN["debt"] and after["debt"]["edited"]
    assert after["resources"]["text"] == resources["text"] and after["resources"]["edited"]
    assert _rows(small) == 2
    with small.db.read() as s:
        actions = [a for a in s.scalars(select(m.AuditEntry.action)) if a.startswith("narrative.")]
    assert actions == ["narrative.add", "narrative.add"]

    assert main([*db, "--section", "resources", "--clear"]) == 0
    assert not {s["key"]: s for s in _narrative_json(small, capsys)["sections"]}["resources"]["edited"]  # type: ignore[union-attr]


def test_a_wrong_section_or_no_section_changes_nothing(
    small: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(small.path), "report", "narrative", "--year", "2023"]
    assert main([*db, "--section", "kien-nghi", "--text", "x"]) != 0
    assert "kien-nghi" in capsys.readouterr().err
    assert main([*db, "--text", "x"]) != 0
    assert "--section" in capsys.readouterr().err
    assert _rows(small) == 0


def test_each_section_s_text_is_in_the_pdf(small: Workspace, tmp_path: Path) -> None:
    for key, text in WRITTEN.items():
        small.narratives.write(2023, key, text)
    out = tmp_path / "bao-cao-2023.pdf"
    make_report(small, CommuneReport(year=2023, number=15, date=dt.date(2024, 1, 5)), out)
    text = pdftotext(out)
    headings = [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH, TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ",
        "III. HUY ĐỘNG NGUỒN LỰC",
        "IV. NỢ ĐỌNG XÂY DỰNG CƠ BẢN",
        "V. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
        "VII. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    places = [text.index(h) for h in headings]
    assert places == sorted(places)
    for n, key in enumerate(SECTIONS):
        at = text.index(WRITTEN[key])
        assert places[n] < at and (n + 1 == len(places) or at < places[n + 1]), key


def test_unwritten_sections_print_the_data_s_sentences(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "bc.pdf"
    make_report(small, CommuneReport(year=2023), out)
    text = pdftotext(out)
    assert "Tổng nguồn lực huy động năm 2023: 49,00 triệu đồng" in text
    assert "IV. NỢ ĐỌNG XÂY DỰNG CƠ BẢN (Chưa có nội dung.)" in text


SOURCES = [("province_budget", 120_000_000), ("community", 35_500_000), ("enterprise", 0), ("", 7_000_000)]


def test_resources_by_funding_source_add_up_to_the_help_records(small: Workspace, tmp_path: Path) -> None:
    uid = small.supporters.list()[0].uid
    for n, (source, value) in enumerate(SOURCES):
        item = (
            ItemDraft("cash", Decimal(value))
            if value
            else ItemDraft("material", Decimal(20), "tấn", "Xi măng")  # in kind, no money value
        )
        small.help.add(
            HelpDraft(dt.date(2023, 5, n + 1), f"Hỗ trợ {n}", (uid,), (item,), funding_source=source)
        )
    out = tmp_path / "bc.pdf"
    make_report(small, CommuneReport(year=2023), out)
    text = pdftotext(out, layout=True)
    table = text[text.index("Nguồn lực huy động theo nguồn vốn") : text.index("Hỗ trợ theo cơ quan, đơn vị")]
    records = [h for h in small.help.list() if h.date.year == 2023]
    total = sum(i.value_vnd or 0 for h in records for i in h.items)
    million = f"{Decimal(total) / 1_000_000:.2f}".replace(".", ",")  # under 1.000 triệu: no thousands dot
    lines = table.splitlines()
    assert f"Tổng cộng {len(records)} {million} 202,50" in lines  # 40 + 120 + 35,5 + 7 in cash
    assert "1 Ngân sách tỉnh 1 120,00 120,00" in lines and "3 Cộng đồng dân cư 1 35,50 35,50" in lines
    assert "2 Doanh nghiệp 1 chưa quy đổi" in lines  # help in kind with no money value: never "0,00"
    assert "4 Chưa xác định nguồn 2 56,00 47,00" in lines  # the earlier help recorded without a source
    assert not re.search(r"(?<![0-9.])0,00", text)
