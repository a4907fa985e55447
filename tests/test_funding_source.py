"""Funding sources (nguồn vốn) of help records: the form's rules, the command line, the totals by source,
and ``help totals --json`` keeping its records-v1 keys byte for byte."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ntm_desktop.cli.main import main
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.records_example import example_file

FIXTURE = Path(__file__).parent / "fixtures" / "help-totals-v1.txt"
"""``help totals --json`` and ``help totals --year 2019 --json`` as printed before funding sources existed
(same records as :func:`_ledger`, made by the app at commit 61ad412)."""


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _ledger(capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str) -> Path:
    db = tmp_path / "cli.sqlite"
    assert run(capsys, db, "records", "import", str(example_file(tmp_path)))[0] == 0
    code, _, err = run(
        capsys,
        db,
        "help",
        "add",
        "--date",
        "2023-10-20",
        "--supporter",
        "so-noi-vu",
        "--title",
        "Tặng quà học sinh",
        "--item",
        "quà;Suất quà;10;suất;5 triệu",
        "--item",
        "tiền mặt;;1,5 triệu",
        "--item",
        "vật liệu;Cát vàng;2,5;m³;1.250.000",
        "--item",
        "khác;Đất hiến làm đường;120;m²",
        *extra,
    )
    assert code == 0, err
    return db


def test_totals_json_keeps_its_keys_byte_for_byte(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = _ledger(capsys, tmp_path, "--funding-source", "Cộng đồng dân cư")
    before_all, before_2019, _ = FIXTURE.read_text(encoding="utf-8").split("\n}\n")
    for argv, before in ((["--json"], before_all), (["--year", "2019", "--json"], before_2019)):
        code, out, _ = run(capsys, db, "help", "totals", *argv)
        assert code == 0
        old, new = out[: len(before)], out[len(before) :]
        assert old == before  # every character the old version printed, in the same order
        assert new.startswith(',\n  "by_funding_source": {')
        assert json.loads(out)["records"] == json.loads(before + "\n}")["records"]
    by_source = json.loads(run(capsys, db, "help", "totals", "--json")[1])["by_funding_source"]
    assert by_source == {
        "community": {"records": 1, "value_vnd": 7_750_000, "cash_vnd": 1_500_000},
        "unspecified": {"records": 1, "value_vnd": 40_000_000, "cash_vnd": 40_000_000},
    }


def test_funding_source_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = _ledger(capsys, tmp_path, "--funding-source", "ngân sách xã")
    code, out, _ = run(capsys, db, "help", "list", "--year", "2023", "--json")
    assert [h["funding_source"] for h in json.loads(out)] == ["commune_budget"]
    code, out, _ = run(capsys, db, "help", "totals")
    assert code == 0 and "Ngân sách xã" in out and "Chưa xác định nguồn" in out
    code, out, _ = run(capsys, db, "help", "totals", "--by", "funding_source", "--json")
    assert [(r["key"], r["value_vnd"]) for r in json.loads(out)] == [
        ("commune_budget", 7_750_000),
        ("unspecified", 40_000_000),
    ]
    base = ["help", "add", "--supporter", "so-noi-vu", "--title", "Xi măng", "--item", "cash;;1000000"]
    code, _, err = run(capsys, db, *base, "--date", "2024-01-02", "--funding-source", "ngân hàng thế giới")
    assert code == 3 and "ngân hàng thế giới" in err and "central_budget" in err
    code, _, err = run(capsys, db, *base, "--date", "2025-07-01", "--funding-source", "district_budget")
    assert code == 3 and "01/7/2025" in err
    code, _, err = run(capsys, db, *base, "--date", "2025-06-30", "--funding-source", "ngân sách huyện")
    assert code == 0, err
    assert json.loads(run(capsys, db, "help", "totals", "--json")[1])["records"] == 3


@pytest.fixture
def sources(ws: Workspace) -> list[str]:
    sup = ws.supporters.add(SupporterDraft("Công ty Điện lực Bắc Kạn", kind="company")).ids[0]
    plan = [
        ("enterprise", [ItemDraft("works", Decimal(2), "công trình", "Đèn chiếu sáng", 349_000_000)]),
        ("community", [ItemDraft("other", Decimal(350), "m²", "Đất hiến làm đường")]),
        (
            "community",
            [ItemDraft("labour", Decimal(120), name="Ngày công"), ItemDraft("cash", Decimal(3_000_000))],
        ),
        ("commune_budget", [ItemDraft("material", Decimal("12.5"), "tấn", "Xi măng", 21_250_000)]),
        ("", [ItemDraft("gift", Decimal(10), "suất", "Suất quà", 5_000_000)]),
    ]
    for n, (source, items) in enumerate(plan):
        ws.help.add(HelpDraft(date(2024, 3, n + 1), f"Lượt {n}", (sup,), tuple(items), funding_source=source))
    return [s for s, _ in plan]


def test_totals_by_source_add_up_the_records(ws: Workspace, sources: list[str]) -> None:
    records = ws.help.list(HelpFilter(2024))
    totals = ws.help.totals(HelpFilter(2024))
    expected: dict[str, tuple[int, int]] = {}
    for h in records:
        key = h.funding_source or "unspecified"
        count, value = expected.get(key, (0, 0))
        expected[key] = (count + 1, value + h.value_vnd)
    assert {g.key: (g.records, g.value_vnd) for g in totals.by_funding_source} == expected
    assert sum(g.value_vnd for g in totals.by_funding_source) == totals.value_vnd
    order = [g.key for g in totals.by_funding_source]
    assert order == ["commune_budget", "enterprise", "community", "unspecified"]
    [land] = [i for i in totals.items if i.unit == "m²"]
    assert land.quantity == 350 and land.value_vnd == 0


def test_the_services_refuse_a_wrong_source(ws: Workspace, sources: list[str]) -> None:
    [first, *_] = ws.help.list()
    for source, day in (("world_bank", first.date), ("district_budget", date(2025, 12, 1))):
        with pytest.raises(InvalidInput) as refused:
            ws.help.update(
                first.uid, HelpDraft(day, first.title, first.supporters, first.items, funding_source=source)
            )
        assert [p.path for p in refused.value.problems] == ["funding_source"]
    assert ws.help.get(first.uid).funding_source == "enterprise"  # nothing changed
    assert set(FUNDING_SOURCES) >= {"central_budget", "province_budget", "commune_budget", "other"}
