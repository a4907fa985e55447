"""``ntm-desktop demo``: a realistic sample commune, the same after running twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import Conflict
from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db.base import Base
from ntm_desktop.demo import CODE, fill_demo
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import EXAMPLE


def live_rows(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as s:
        counts = {}
        for table in Base.metadata.sorted_tables:
            query = select(func.count()).select_from(table)
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            counts[table.name] = int(s.scalar(query) or 0)
        return counts


def test_demo_twice_gives_the_same_counts(blank_ws: Workspace) -> None:
    first = fill_demo(blank_ws)
    counts = live_rows(blank_ws)
    second = fill_demo(blank_ws)
    assert live_rows(blank_ws) == counts
    assert "Dữ liệu mẫu đã có sẵn; lần này không thay đổi gì." in second
    assert first.splitlines()[:4] == second.splitlines()[:4]
    assert (
        counts["supporters"] >= 8 and counts["help"] >= 12 and counts["cadres"] >= 3 and counts["events"] >= 4
    )


def test_the_sample_commune(blank_ws: Workspace) -> None:
    summary = fill_demo(blank_ws)
    unit = blank_ws.unit.home()
    assert unit.code == CODE and "mẫu" in unit.name and unit.province_code == "19"
    assert (unit.region, unit.group) == ("TDMNPB", 3)
    assert [o.title for o in unit.officers if o.is_signer] == ["Chủ tịch UBND xã"]
    history = {h.year: (h.set_id, h.met, h.total) for h in blank_ws.progress.history()}
    assert (
        history[2022][0] == history[2025][0] == "vn-ntm-xa-2021-2025"
        and history[2026][0] == "vn-ntm-xa-2026-2030"
    )
    mets = [history[y][1] for y in (2022, 2023, 2024, 2025)]
    assert mets == sorted(mets) and mets[0] < mets[-1] and history[2022][2] == 19 and history[2026][2] == 10
    assert len(blank_ws.progress.assessments(2024)) == 57
    road = blank_ws.help.totals(HelpFilter(2019))
    assert road.value_vnd == 40_000_000 and road.to_json()["by_kind"]["works"]["quantities"] == {"m": 60}
    power = blank_ws.supporters.find("Công ty Điện lực Bắc Kạn")[0].uid
    assert blank_ws.help.totals(HelpFilter(2023, supporter=power)).value_vnd == 354_000_000
    gifts = [i for i in blank_ws.help.totals(HelpFilter(2023, supporter=power)).items if i.kind == "gift"]
    assert [(g.quantity, g.unit) for g in gifts] == [(10, "suất")]
    [meeting] = [e for e in blank_ws.events.list() if e.participants == 80]
    assert meeting.village == "Pác Châm"
    assert "Xã Bằng Thành" in summary and "triệu đồng" in summary


def test_the_sample_is_believable(blank_ws: Workspace) -> None:
    """Rates where less is better are low when met; after 1 July 2025 (Bắc Kạn merged into Thái Nguyên)
    no help, cadre or event is attributed to a Bắc Kạn body."""
    fill_demo(blank_ws)
    values = {
        (a.year, a.indicator): (a.value, a.met)
        for y in (2022, 2025)
        for a in blank_ws.progress.assessments(y)
    }
    assert values[(2025, "11")] == (9.7, True) and values[(2022, "11")][1] is False
    assert values[(2025, "15.3")][0] < 25 and values[(2022, "15.3")][0] > values[(2025, "15.3")][0]
    merged = date(2025, 7, 1)
    late_help = [h for h in blank_ws.help.list() if h.date >= merged]
    assert late_help and all("Bắc Kạn" not in n for h in late_help for n in h.supporter_names)
    late_cadres = [c for c in blank_ws.cadres.list() if c.start and c.start >= merged]
    assert late_cadres and all("Bắc Kạn" not in c.supporter_name for c in late_cadres)
    assert not [e for e in blank_ws.events.list() if "biên giới" in e.title]  # Bắc Kạn has no border


def test_the_example_file_changes_nothing_in_the_sample(blank_ws: Workspace) -> None:
    fill_demo(blank_ws)
    assert blank_ws.records.import_data(EXAMPLE).changed == 0


def test_demo_refuses_a_data_file_of_another_commune(blank_ws: Workspace) -> None:
    blank_ws.unit.setup(UnitProfile(code="05678", name="Xã Cao Tân", province_code="19"))
    before = live_rows(blank_ws)
    with pytest.raises(Conflict, match="05678"):
        fill_demo(blank_ws)
    assert live_rows(blank_ws) == before


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "demo.sqlite"), "demo", "--no-gui"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:6] == [
        "Đã tạo xong xã mẫu: Xã Bằng Thành (dữ liệu mẫu), mã 01234.",
        f"  Tệp dữ liệu: {tmp_path / 'demo.sqlite'}",  # where it went, as the receiver's sample says
        "  Hỗ trợ đã nhận: 12 lượt, trị giá 932 triệu đồng (trong đó tiền mặt 200 triệu đồng), "
        "từ 11 đơn vị hỗ trợ.",
        "  Cán bộ biệt phái, tăng cường: 3 người; hoạt động: 4.",
        "  Số tiêu chí đạt: 2022: 9/19 · 2023: 12/19 · 2024: 16/19 · 2025: 19/19 · "
        "2026: 4/10 (bộ tiêu chí 2026–2030).",
        "  Lần chạy này đã thêm hoặc cập nhật 271 bản ghi.",
    ]
    assert "bấm «Tạo khóa ký số mới…»" in lines[6]  # the button's own words
    assert main(["--db", str(tmp_path / "demo.sqlite"), "--lang", "en", "demo", "--no-gui"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again[0] == "Sample commune ready: Xã Bằng Thành (dữ liệu mẫu), code 01234."
    assert again[1] == f"  Data file: {tmp_path / 'demo.sqlite'}"
    assert again[5] == "  The sample was already there; nothing changed."
