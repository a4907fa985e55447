"""The province's year: every commune listed (those that have not reported too), criteria as each commune
sees its own, help totals that are exactly the sum of the communes' own totals."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from tests.helpers.engines import location
from tests.helpers.receiver import (
    COMMUNES,
    NOT_REPORTING,
    Province,
    comparable,
    paired,
    province,
    summed,
)
from tests.helpers.seed_002 import check_totals
from tests.helpers.sync import commune, receiver

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["province"]  # fixture


def cli_json(capsys: pytest.CaptureFixture[str], db: Path | str, *argv: str) -> object:
    assert main(["--db", str(db), *argv]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("year", [2023, 2025, 2026])
def test_the_summary_is_what_the_communes_say_of_themselves(
    province: Province, capsys: pytest.CaptureFixture[str], year: int
) -> None:
    office = province.office
    own_totals = []
    own_met = {}
    for c in province.communes:
        code = c.unit.home_code()
        assert code is not None
        own_totals.append(cli_json(capsys, c.path, "help", "totals", "--year", str(year), "--json"))
        shown = cli_json(capsys, c.path, "progress", "show", "--year", str(year), "--json")
        assert isinstance(shown, dict)
        own_met[code] = (shown["criteria_met"], shown["criteria_total"])

    summary = office.receiver.summary(year)

    assert set(summary) == {"year", "units", "reached_standard", "provinces", "help"}
    assert summary["year"] == year
    assert comparable(summary["help"]) == summed(own_totals)  # type: ignore[arg-type]
    assert summary["help"] == office.receiver.help_totals(year).to_json()
    units = {u["code"]: u for u in summary["units"]}
    assert list(units) == sorted(units)
    for code, (met, total) in own_met.items():
        assert (units[code]["criteria_met"], units[code]["criteria_total"]) == (met, total)
        assert units[code]["status"] == "received"
        assert set(units[code]) == {
            "code", "name", "criteria_met", "criteria_total", "status", "recognitions"
        }  # fmt: skip
        assert units[code]["recognitions"] == []
        assert office.progress.summary(year, unit_code=code).met == met  # the commune's own roll-up
    full = sum(1 for met, total in own_met.values() if total and met == total)
    assert summary["reached_standard"] == {
        "self_assessed": full, "reviewed": 0, "approved": 0, "recognised": 0
    }  # fmt: skip
    # one province (this office's own), whose help is all of it
    [entry] = summary["provinces"]
    assert (entry["code"], entry["name"], entry["units"], entry["reported"]) == (
        "19", "Thái Nguyên", len(units), sum(1 for u in units.values() if u["status"] != "not_reported")
    )  # fmt: skip
    assert entry["help"] == summary["help"]
    assert cli_json(capsys, location(office), "summary", "--year", str(year), "--json") == json.loads(
        json.dumps(summary)
    )


def test_communes_that_have_not_reported_are_listed(province: Province) -> None:
    rows = {r.code: r for r in province.office.receiver.units(2025)}
    assert set(rows) == {p.code for p in COMMUNES} | {NOT_REPORTING[0]}
    late = rows[NOT_REPORTING[0]]
    assert (late.name, late.status, late.criteria_met, late.last_bundle_at) == (
        "Xã Cao Kỳ",
        "not_reported",
        None,
        None,
    )
    sent = rows["01240"]
    assert sent.last_bundle_seq == 1 and sent.last_bundle_at is not None and sent.has_cadre
    assert (sent.criteria_met, sent.criteria_total, sent.change) == (18, 19, 2)  # 16 in 2024
    assert province.office.receiver.criteria_distribution(2025) == {17: 1, 18: 1, 19: 1}
    assert [r.status for r in province.office.receiver.units(2027)] == ["not_reported"] * 4


def test_breakdowns_across_communes(province: Province) -> None:
    r = province.office.receiver
    power = next(t for t in r.by_supporter(2023) if t.name == "Công ty Điện lực Bắc Kạn")
    assert power.communes == ("01234", "01240", "01252") and power.kind == "company"
    assert power.records == 3 * 2 and power.value_vnd == 3 * 354_000_000
    assert sum(u.value_vnd for u in r.by_unit(2023)) == r.help_totals(2023).value_vnd
    [cash] = [k for k in r.by_kind(2023) if k.kind == "cash"]
    assert cash.value_vnd == (1 + 2 + 3) * 50_000_000
    assert {g.key for g in r.by_criterion(2023)} >= {"4", "6", "11", "14"}
    outcomes = {o.code: o for o in r.cadre_outcomes(2025)}
    assert set(outcomes) == {p.code for p in COMMUNES}
    assert outcomes["01234"].cadres == ("Lục Văn Thắng",) and outcomes["01234"].reached_standard
    assert not outcomes["01252"].reached_standard
    view = r.commune("01240")
    assert view.progress_summary(2025) is not None and view.years == (2022, 2023, 2024, 2025, 2026)
    assert view.help_totals(2023).to_json() == province.communes[1].help.totals(HelpFilter(2023)).to_json()
    assert [h.record_id for h in view.help(2023)] == [
        h.record_id for h in province.communes[1].help.list(HelpFilter(2023))
    ]


LAO_CAI_2022 = [  # (kind, name, quantity, unit, value in đồng) — seed 002, split over three communes
    ("cash", "Tiền mặt", 643_730_000, "đồng", 643_730_000),
    ("labour", "Ngày công", 2_000, "ngày công", 0),
    ("material", "Xi măng", 343, "tấn", 1_200_000_000),
    ("service", "Khám chữa bệnh, cấp thuốc miễn phí", 700, "lượt người", 0),
    ("gift", "Suất quà", 3_285, "suất", 1_642_500_000),
    ("equipment", "Bộ bàn ghế", 180, "bộ", 360_000_000),
    ("goods", "Sách, vở, dụng cụ học tập", 1_980, "cuốn", 39_600_000),
    ("goods", "Bộ quần áo, chăn", 2_687, "bộ", 268_700_000),
    ("equipment", "Bộ máy tính", 34, "bộ", 340_000_000),
    ("material", "Vật liệu sửa và làm nhà", 1, "lô", 11_999_290_000),
]


def _share(n: int, part: int) -> int:
    """Part ``part`` (0, 1, 2) of ``n`` split in three (the last takes what is left)."""
    return n // 3 if part < 2 else n - 2 * (n // 3)


def test_lao_cai_2022_adds_up_from_three_communes(tmp_path: Path) -> None:
    """Seed 002: the province's 2022 total is 16.493,82 triệu đồng, 643,73 triệu in cash, 2.000 labour
    days, 343 t of cement … — here recorded by three communes, each its share."""
    office = receiver(tmp_path, "office")
    usb = tmp_path / "usb"
    usb.mkdir()
    bundles = []
    for part, p in enumerate(COMMUNES):
        c = commune(tmp_path, p.code, p)
        paired(c, office)
        who = c.supporters.add(SupporterDraft("Các cơ quan, đơn vị được phân công giúp đỡ xã")).ids[0]
        items = tuple(
            ItemDraft(kind, Decimal(_share(q, part)), unit, name, _share(v, part) if v else None)
            for kind, name, q, unit, v in LAO_CAI_2022
        )
        c.help.add(HelpDraft(date(2022, 12, 31), "Tổng hợp hỗ trợ năm 2022", (who,), items))
        bundles.append(c.sync.export(usb).path)
    office.sync.import_bundles(bundles)

    totals = office.receiver.help_totals(2022).to_json()

    assert totals["records"] == 3
    check_totals(totals)
    [supporter] = office.receiver.by_supporter(2022)
    assert supporter.communes == tuple(p.code for p in COMMUNES) and supporter.records == 3
