"""Help totals: the records-v1 "Totals" object, checked against figures added up by hand."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from ntm_desktop.core.i18n import set_language
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.services.ledger.wording import totals_sentence
from ntm_desktop.workspace import Workspace


@pytest.fixture
def filled(ws: Workspace) -> dict[str, str]:
    a = ws.supporters.add(SupporterDraft("Công ty Điện lực", kind="company")).ids[0]
    b = ws.supporters.add(SupporterDraft("Ban Nội chính Tỉnh ủy", kind="party_body")).ids[0]

    def add(day: date, title: str, sups: tuple[str, ...], *items: ItemDraft, **kw: object) -> None:
        ws.help.add(HelpDraft(day, title, sups, items, **kw))  # type: ignore[arg-type]

    add(
        date(2022, 3, 1),
        "Xi măng làm nhà",
        (a,),
        ItemDraft("material", Decimal(20), "tấn", "Xi măng", 34_000_000),
        ItemDraft("cash", Decimal(5_000_000)),
        village="Pác Châm",
        criteria=("9",),
        funding_source="enterprise",
    )
    add(
        date(2022, 7, 9),
        "Xi măng đợt 2",
        (a, b),
        ItemDraft("material", Decimal("2.5"), " tấn ", unicodedata.normalize("NFD", "  xi MĂNG "), None),
        ItemDraft("labour", Decimal(40), name="Ngày công"),
        criteria=("9", "2"),
        funding_source="community",
    )
    add(
        date(2023, 10, 20),
        "Thắp sáng đường quê",
        (a, b),
        ItemDraft("works", Decimal(2), "công trình", "Đèn chiếu sáng", 349_000_000),
        ItemDraft("gift", Decimal(10), "suất", "Suất quà", 5_000_000),
        village="Nà Loạn",
    )
    return {"company": a, "party": b}


def test_totals_json_equals_the_hand_computed_object(ws: Workspace, filled: dict[str, str]) -> None:
    assert ws.help.totals().to_json() == {
        "records": 3,
        "value_vnd": 34_000_000 + 5_000_000 + 349_000_000 + 5_000_000,
        "by_kind": {
            "cash": {"value_vnd": 5_000_000, "quantities": {"đồng": 5_000_000}},
            "labour": {"value_vnd": 0, "quantities": {"ngày công": 40}},
            "material": {"value_vnd": 34_000_000, "quantities": {"tấn": 22.5}},
            "gift": {"value_vnd": 5_000_000, "quantities": {"suất": 10}},
            "works": {"value_vnd": 349_000_000, "quantities": {"công trình": 2}},
        },
        "items": [
            {
                "kind": "cash",
                "name": "Tiền mặt",
                "unit": "đồng",
                "quantity": 5_000_000,
                "value_vnd": 5_000_000,
            },
            {"kind": "labour", "name": "Ngày công", "unit": "ngày công", "quantity": 40, "value_vnd": 0},
            {"kind": "material", "name": "Xi măng", "unit": "tấn", "quantity": 22.5, "value_vnd": 34_000_000},
            {"kind": "gift", "name": "Suất quà", "unit": "suất", "quantity": 10, "value_vnd": 5_000_000},
            {
                "kind": "works",
                "name": "Đèn chiếu sáng",
                "unit": "công trình",
                "quantity": 2,
                "value_vnd": 349_000_000,
            },
        ],
        "by_funding_source": {
            "enterprise": {"records": 1, "value_vnd": 39_000_000, "cash_vnd": 5_000_000},
            "community": {"records": 1, "value_vnd": 0, "cash_vnd": 0},
            "unspecified": {"records": 1, "value_vnd": 354_000_000, "cash_vnd": 0},
        },
    }


def test_whole_quantities_are_json_integers(ws: Workspace, filled: dict[str, str]) -> None:
    items = ws.help.totals().to_json()["items"]
    assert all(type(i["quantity"]) is int for i in items if i["kind"] != "material")
    assert type(ws.help.totals(HelpFilter(2023)).to_json()["value_vnd"]) is int


def test_decimal_quantities_add_up_exactly(ws: Workspace, filled: dict[str, str]) -> None:
    sup = filled["company"]
    for q in ("0.1", "0.2", "0.000000000001"):
        ws.help.add(
            HelpDraft(date(2024, 1, 1), f"Cát {q}", (sup,), (ItemDraft("material", Decimal(q), "m³", "Cát"),))
        )
    [sand] = [i for i in ws.help.totals(HelpFilter(2024)).items if i.name == "Cát"]
    assert sand.quantity == Decimal("0.300000000001") and sand.lines == 3


def test_filters(ws: Workspace, filled: dict[str, str]) -> None:
    assert ws.help.totals(HelpFilter(2022)).records == 2
    assert ws.help.totals(HelpFilter(2022)).value_vnd == 39_000_000
    assert ws.help.totals(HelpFilter(supporter=filled["party"])).records == 2
    assert (
        ws.help.totals(HelpFilter(criterion="9")).records == 2
        and ws.help.totals(HelpFilter(criterion="2")).records == 1
    )
    assert ws.help.totals(HelpFilter(village="Nà Loạn")).value_vnd == 354_000_000
    assert ws.help.totals(HelpFilter(start=date(2022, 7, 1), end=date(2023, 12, 31))).records == 2
    assert ws.help.totals(HelpFilter(2030)).to_json() == {
        "records": 0,
        "value_vnd": 0,
        "by_kind": {},
        "items": [],
        "by_funding_source": {},
    }
    assert [h.title for h in ws.help.list(HelpFilter(2022, criterion="2"))] == ["Xi măng đợt 2"]
    assert ws.help.years() == [2022, 2023]


def test_breakdowns(ws: Workspace, filled: dict[str, str]) -> None:
    by_supporter = {g.label: (g.records, g.value_vnd, g.cash_vnd) for g in ws.help.breakdown("supporter")}
    assert by_supporter == {
        "Công ty Điện lực": (3, 393_000_000, 5_000_000),
        "Ban Nội chính Tỉnh ủy": (2, 354_000_000, 0),
    }
    by_criterion = {g.key: g.records for g in ws.help.breakdown("criterion")}
    assert by_criterion == {"9": 2, "2": 1}
    by_village = {g.key: g.value_vnd for g in ws.help.breakdown("village")}
    assert by_village == {"Nà Loạn": 354_000_000, "Pác Châm": 39_000_000, "": 0}
    assert [(g.key, g.records) for g in ws.help.breakdown("year")] == [("2022", 2), ("2023", 1)]
    assert [g.key for g in ws.help.breakdown("month", HelpFilter(2022))] == ["2022-03", "2022-07"]
    by_source = [(g.key, g.label, g.value_vnd) for g in ws.help.breakdown("funding_source")]
    assert by_source == [
        ("enterprise", "Doanh nghiệp", 39_000_000),
        ("community", "Cộng đồng dân cư", 0),
        ("unspecified", "Chưa xác định nguồn", 354_000_000),
    ]


def test_removed_help_does_not_count(ws: Workspace, filled: dict[str, str]) -> None:
    [lighting] = ws.help.list(HelpFilter(2023))
    ws.help.remove(lighting.uid)
    assert ws.help.totals().records == 2 and ws.help.totals().value_vnd == 39_000_000


def test_totals_in_words(ws: Workspace, filled: dict[str, str]) -> None:
    assert totals_sentence(ws.help.totals(HelpFilter(2023))) == (
        "1 lượt hỗ trợ, tổng giá trị quy ra tiền 354,00 triệu đồng; 10 suất quà; 2 công trình đèn chiếu sáng."
    )


def test_totals_in_words_in_english_say_million_dong(ws: Workspace, filled: dict[str, str]) -> None:
    """The English window's sentences said "354,00 triệu đồng" among English words (its charts already
    said "million đồng"); the figures stay written the Vietnamese way."""
    set_language("en")
    try:
        sentence = totals_sentence(ws.help.totals(HelpFilter(2023)))
    finally:
        set_language("vi")
    assert sentence.startswith("1 help record, total value 354,00 million đồng; "), sentence
    assert "triệu" not in sentence
