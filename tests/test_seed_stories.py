"""The help stories of the seed articles (shared/seeds), recorded as an officer would, with the totals
each article states."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.services.ledger import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.seed_002 import check_totals


def cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "seed.sqlite"
    code, _, _ = cli(
        capsys,
        path,
        "init",
        "--unit-code",
        "01234",
        "--unit-name",
        "Xã Bằng Thành",
        "--province-code",
        "19",
        "--region",
        "TDMNPB",
        "--village",
        "Bằng Thành II",
    )
    assert code == 0
    return path


def test_000_so_noi_vu_road_of_40_million(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    """Sở Nội vụ: 40.000.000đ and labour to concrete a road of more than 60 m to the primary school."""
    assert (
        cli(
            capsys,
            db,
            "supporters",
            "add",
            "--name",
            "Sở Nội vụ tỉnh Bắc Kạn",
            "--kind",
            "cơ quan",
            "--parent",
            "UBND tỉnh Bắc Kạn",
        )[0]
        == 0
    )
    code, out, err = cli(
        capsys,
        db,
        "help",
        "add",
        "--date",
        "10/12/2019",
        "--supporter",
        "Sở Nội vụ",
        "--title",
        "Bê tông hóa đoạn đường hơn 60m vào trường Tiểu học Bằng Thành II",
        "--item",
        "tiền mặt;Kinh phí hỗ trợ;40.000.000đ",
        "--item",
        "ngày công;Ngày công đổ bê tông;30",
        "--item",
        "công trình;Đường bê tông;60;m",
        "--village",
        "Bằng Thành II",
        "--criterion",
        "2",
    )
    assert code == 0, err
    assert "40.000.000 đồng" in out
    code, out, _ = cli(capsys, db, "help", "totals", "--year", "2019", "--json")
    totals = json.loads(out)
    assert totals["records"] == 1 and totals["value_vnd"] == 40_000_000
    assert totals["by_kind"]["cash"] == {"value_vnd": 40_000_000, "quantities": {"đồng": 40_000_000}}
    assert totals["by_kind"]["works"]["quantities"] == {"m": 60}
    code, out, _ = cli(capsys, db, "help", "totals", "--year", "2019")
    assert "40,00 triệu đồng" in out and "60 m đường bê tông" in out


def test_001_party_bodies_gate_meeting_lighting_and_gifts(ws: Workspace) -> None:
    """Ban Dân vận: a village gate in Pác Châm and a meeting of more than 80; Ban Nội chính with the power
    company: 2 village-road lighting works and 10 gift packages, together over 354 million đồng."""
    dan_van = ws.supporters.add(SupporterDraft("Ban Dân vận Tỉnh ủy", kind="party_body")).ids[0]
    noi_chinh = ws.supporters.add(SupporterDraft("Ban Nội chính Tỉnh ủy", kind="party_body")).ids[0]
    power = ws.supporters.add(SupporterDraft("Công ty Điện lực Bắc Kạn", kind="company")).ids[0]
    ws.help.add(
        HelpDraft(
            date(2023, 6, 30),
            "Xây dựng cổng chào thôn Pác Châm",
            (dan_van,),
            (ItemDraft("works", Decimal(1), "công trình", "Cổng chào"),),
            village="Pác Châm",
        )
    )
    ws.events.add(
        EventDraft(
            date(2023, 6, 30),
            "Hội nghị tuyên truyền về xây dựng nông thôn mới",
            "Pác Châm",
            (dan_van,),
            participants=80,
        )
    )
    ws.help.add(
        HelpDraft(
            date(2023, 10, 20),
            "Thắp sáng đường quê thôn 1A Nà Loạn và thôn 2 Khau Cưởm",
            (noi_chinh, power),
            (ItemDraft("works", Decimal(2), "công trình", "Thắp sáng đường quê", 349_000_000),),
        )
    )
    ws.help.add(
        HelpDraft(
            date(2023, 10, 20),
            "Tặng quà học sinh có hoàn cảnh khó khăn",
            (noi_chinh, power),
            (ItemDraft("gift", Decimal(10), "suất", "Suất quà", 5_000_000),),
        )
    )
    totals = ws.help.totals(HelpFilter(2023, supporter=power))
    assert totals.records == 2 and totals.value_vnd == 354_000_000
    assert totals.to_json()["by_kind"]["gift"]["quantities"] == {"suất": 10}
    assert totals.to_json()["by_kind"]["works"]["quantities"] == {"công trình": 2}
    assert ws.help.totals(HelpFilter(2023)).to_json()["by_kind"]["works"]["quantities"] == {"công trình": 3}
    [meeting] = ws.events.list()
    assert meeting.participants == 80 and meeting.supporter_names == ("Ban Dân vận Tỉnh ủy",)


LAO_CAI_2022 = [
    "cash;Tiền mặt;643.730.000",
    "labour;Ngày công;2.000;ngày công",
    "material;Xi măng;343;tấn;1.200.000.000",
    "service;Khám chữa bệnh, cấp thuốc miễn phí;700;lượt người",
    "gift;Suất quà;3.285;suất;1.642.500.000",
    "equipment;Bộ bàn ghế;180;bộ;360.000.000",
    "goods;Sách, vở, dụng cụ học tập;1.980;cuốn;39.600.000",
    "goods;Bộ quần áo, chăn;2.687;bộ;268.700.000",
    "equipment;Bộ máy tính;34;bộ;340.000.000",
    "material;Vật liệu sửa và làm nhà;1;lô;11.999.290.000",
]


def test_002_lao_cai_2022_totals(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    """Lào Cai 2022: 16.493,82 triệu đồng in all, 643,73 triệu đồng in cash, 2.000 labour days, 343 t cement,
    700 people examined, 3.285 gift packages, 180 desk sets, 1.980 books, 2.687 sets of clothes and
    blankets, 34 computers."""
    assert (
        cli(capsys, db, "supporters", "add", "--name", "Các cơ quan, đơn vị được phân công giúp đỡ xã")[0]
        == 0
    )
    argv = [
        "help",
        "add",
        "--date",
        "2022-12-31",
        "--supporter",
        "được phân công",
        "--title",
        "Tổng hợp hỗ trợ các xã năm 2022",
    ]
    for item in LAO_CAI_2022:
        argv += ["--item", item]
    code, _, err = cli(capsys, db, *argv)
    assert code == 0, err
    code, out, _ = cli(capsys, db, "help", "totals", "--year", "2022", "--json")
    totals = json.loads(out)
    check_totals(totals)
    assert totals["by_kind"]["equipment"]["quantities"] == {"bộ": 214}
    code, out, _ = cli(capsys, db, "help", "totals", "--year", "2022")
    assert "16.493,82 triệu đồng" in out and "trong đó 643,73 triệu đồng tiền mặt" in out
    assert "2.000 ngày công" in out and "343 tấn xi măng" in out and "3.285 suất quà" in out


def test_003_assignment_by_decision_2523(ws: Workspace) -> None:
    """UBND tỉnh assigns agencies, the armed forces and companies to help communes (2523/QĐ-UBND,
    28/10/2013), and reviews the work at a conference on 8/5/2017."""
    army = ws.supporters.add(SupporterDraft("Bộ Chỉ huy Quân sự tỉnh", kind="armed_forces")).ids[0]
    ws.assignments.add(
        AssignmentDraft(army, "2523/QĐ-UBND", date(2013, 10, 28), "UBND tỉnh", start=date(2013, 10, 28))
    )
    ws.events.add(
        EventDraft(
            date(2017, 5, 8), "Hội nghị sơ kết công tác giúp đỡ xã đặc biệt khó khăn", supporters=(army,)
        )
    )
    [assignment] = ws.assignments.list()
    assert (assignment.document, assignment.supporter_name) == ("2523/QĐ-UBND", "Bộ Chỉ huy Quân sự tỉnh")
    doc = ws.records.export()
    assert doc["assignments"][0]["document_date"] == "2013-10-28"
    assert doc["events"][0]["supporters"] == [doc["supporters"][0]["id"]]


def test_004_seconded_cadres(ws: Workspace) -> None:
    """Cadres seconded from provincial bodies to communes (7 in 2014, 6 in 2016, 7 in 2017)."""
    office = ws.supporters.add(SupporterDraft("Văn phòng UBND tỉnh")).ids[0]
    ws.cadres.add(
        CadreDraft(
            "Nguyễn Văn Hòa",
            "Phó trưởng Phòng Kinh tế công, nông, lâm nghiệp",
            office,
            date(2016, 1, 1),
            date(2016, 12, 31),
        )
    )
    ws.cadres.add(CadreDraft("Cán bộ Sở Nông nghiệp và PTNT", start=date(2017, 1, 1)))
    cadres = ws.cadres.list()
    assert [c.name for c in cadres] == ["Nguyễn Văn Hòa", "Cán bộ Sở Nông nghiệp và PTNT"]
    assert cadres[0].supporter_name == "Văn phòng UBND tỉnh"
