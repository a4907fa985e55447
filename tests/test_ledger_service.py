"""The ledger services: every change one transaction with an audit row and a version; clear problems."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import Conflict, InvalidInput, NotFound
from ntm_desktop.core.i18n import set_language
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import (
    AssignmentDraft,
    CadreDraft,
    EventDraft,
    HelpDraft,
    ItemDraft,
    SupporterDraft,
)
from ntm_desktop.workspace import Workspace


def audit_rows(ws: Workspace, action: str) -> list[m.AuditEntry]:
    with ws.db.read() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def count(ws: Workspace, model: type) -> int:
    with ws.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def sup(ws: Workspace) -> str:
    return ws.supporters.add(SupporterDraft("  Sở Nội vụ tỉnh Bắc Kạn ", parent="UBND tỉnh Bắc Kạn")).ids[0]


def road(supporter: str, **changes: object) -> HelpDraft:
    draft = HelpDraft(
        date=date(2019, 12, 10),
        title="Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II",
        supporters=(supporter,),
        items=(
            ItemDraft("cash", Decimal(40_000_000)),
            ItemDraft("labour", Decimal(30), name="Ngày công đổ bê tông"),
            ItemDraft("works", Decimal(60), "m", "Đường bê tông"),
        ),
    )
    return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def test_add_supporter_cleans_text_audits_and_versions(ws: Workspace, sup: str) -> None:
    s = ws.supporters.get(sup)
    assert s.name == "Sở Nội vụ tỉnh Bắc Kạn" and s.kind == "agency" and s.record_id == s.uid
    assert s.version
    [entry] = audit_rows(ws, "supporter.add")
    assert entry.entity_uid == sup and entry.before is None
    assert entry.after == {
        "id": sup,
        "name": "Sở Nội vụ tỉnh Bắc Kạn",
        "kind": "agency",
        "parent": "UBND tỉnh Bắc Kạn",
    }


def test_help_add_fills_cash_value_and_default_names(ws: Workspace, sup: str) -> None:
    changes = ws.help.add(road(sup))
    assert changes.touches(Kind.HELP) and changes.action == "help.add"
    h = ws.help.get(changes.ids[0])
    cash, labour, works = h.items
    assert (cash.name, cash.unit, cash.value_vnd) == ("Tiền mặt", "đồng", 40_000_000)
    assert (labour.unit, labour.value_vnd) == ("ngày công", None)
    assert works.quantity == Decimal(60) and h.value_vnd == 40_000_000
    assert h.supporter_names == ("Sở Nội vụ tỉnh Bắc Kạn",)
    [entry] = audit_rows(ws, "help.add")
    assert entry.after is not None and entry.after["items"][0]["value_vnd"] == 40_000_000


def test_update_writes_new_version_and_before_after(ws: Workspace, sup: str) -> None:
    uid = ws.help.add(road(sup)).ids[0]
    first = ws.help.get(uid)
    assert ws.help.update(uid, first).kinds == frozenset()  # nothing differs: nothing written
    changes = ws.help.update(uid, dataclasses.replace(first, village="Bằng Thành II"))
    assert changes.action == "help.update"
    second = ws.help.get(uid)
    assert second.version > first.version and second.village == "Bằng Thành II"
    [entry] = audit_rows(ws, "help.update")
    assert entry.before is not None and entry.after is not None
    assert "village" not in entry.before and entry.after["village"] == "Bằng Thành II"


def test_remove_is_soft(ws: Workspace, sup: str) -> None:
    uid = ws.help.add(road(sup)).ids[0]
    ws.help.remove(uid)
    assert ws.help.list() == [] and count(ws, m.Help) == 1
    with pytest.raises(NotFound):
        ws.help.get(uid)
    [entry] = audit_rows(ws, "help.remove")
    assert entry.after is None and entry.before is not None


def test_every_problem_is_listed_with_its_field(ws: Workspace) -> None:
    set_language("en")
    bad = HelpDraft(
        date=None,  # type: ignore[arg-type]
        title="  ",
        supporters=("nobody",),
        items=(
            ItemDraft("cash", Decimal(-5)),
            ItemDraft("gift", Decimal(10), "suất", value_vnd=Decimal("2.5")),  # type: ignore[arg-type]
            ItemDraft("rocket", Decimal(1), "chiếc"),
            ItemDraft("material", Decimal(3), ""),
        ),
    )
    with pytest.raises(InvalidInput) as caught:
        ws.help.add(bad)
    messages = {p.path: p.message for p in caught.value.problems}
    assert messages == {
        "date": "is required: a date like 2023-12-31",
        "title": "is required",
        "items[0].quantity": "must be a number ≥ 0",
        "items[1].value_vnd": "must be a whole number of đồng ≥ 0, or empty",
        "items[2].kind": messages["items[2].kind"],
        "items[3].unit": "is required, e.g. tấn, suất, ngày công",
        "supporters[0]": "unknown supporter id “nobody”",
    }
    assert messages["items[2].kind"].startswith("unknown kind “rocket”")
    assert count(ws, m.Help) == 0 and audit_rows(ws, "help.add") == []


def test_empty_items_and_cash_rules(ws: Workspace, sup: str) -> None:
    set_language("en")
    with pytest.raises(InvalidInput) as caught:
        ws.help.add(road(sup, items=()))
    assert [p.technical for p in caught.value.problems] == ["items: needs at least one item"]
    cases = {
        ItemDraft("cash", Decimal("1.5")): "items[0].quantity: must be a whole number of đồng",
        ItemDraft(
            "cash", Decimal(10), "triệu đồng"
        ): "items[0].unit: cash is counted in đồng (write 40 triệu as 40000000)",
        ItemDraft(
            "cash", Decimal(10), value_vnd=11
        ): "items[0].value_vnd: for cash, the value must equal the quantity",
    }
    for item, message in cases.items():
        with pytest.raises(InvalidInput) as caught:
            ws.help.add(road(sup, items=(item,)))
        assert [p.technical for p in caught.value.problems] == [message]


def test_check_is_what_a_form_calls_before_saving(ws: Workspace, sup: str) -> None:
    assert ws.help.check(road(sup)) == []
    assert [p.path for p in ws.help.check(road(sup, title=""))] == ["title"]


def test_probable_duplicates(ws: Workspace, sup: str) -> None:
    uid = ws.help.add(road(sup)).ids[0]
    other = ws.supporters.add(SupporterDraft("Ban Dân vận Tỉnh ủy", kind="party_body")).ids[0]
    twin = road(sup, title="  bê tông hoá đoạn đường hơn 60 m vào trường tiểu học Bằng Thành II ")
    assert [h.uid for h in ws.help.probable_duplicates(twin)] == [uid]
    assert [h.uid for h in ws.help.probable_duplicates(road(other, supporters=(other, sup)))] == [uid]
    assert ws.help.probable_duplicates(road(other, supporters=(other,))) == []
    assert ws.help.probable_duplicates(road(sup, date=date(2019, 12, 11))) == []
    assert ws.help.probable_duplicates(twin, exclude=uid) == []


def test_supporter_in_use_cannot_be_removed(ws: Workspace, sup: str) -> None:
    uid = ws.help.add(road(sup)).ids[0]
    with pytest.raises(Conflict):
        ws.supporters.remove(sup)
    ws.help.remove(uid)
    event = ws.events.add(EventDraft(date(2023, 6, 30), "Hội nghị", supporters=(sup,))).ids[0]
    with pytest.raises(Conflict, match="1"):
        ws.supporters.remove(sup)
    ws.events.remove(event)
    ws.supporters.remove(sup)  # nothing names it any more
    assert ws.supporters.list() == []


def test_find_supporter_by_id_or_name(ws: Workspace, sup: str) -> None:
    assert [s.uid for s in ws.supporters.find("so noi vu tinh bac kan")] == [sup]
    assert [s.uid for s in ws.supporters.find("Nội vụ")] == [sup]
    assert [s.uid for s in ws.supporters.find(sup)] == [sup]
    assert ws.supporters.find("Sở Tài chính") == []


def test_assignments_cadres_events(ws: Workspace, sup: str) -> None:
    a = ws.assignments.add(
        AssignmentDraft(sup, "2523/QĐ-UBND", date(2013, 10, 28), "UBND tỉnh", criteria=("19",))
    )
    assert ws.assignments.get(a.ids[0]).supporter_name == "Sở Nội vụ tỉnh Bắc Kạn"
    c = ws.cadres.add(
        CadreDraft("Nguyễn Văn Hòa", "Phó trưởng phòng", sup, date(2016, 1, 1), date(2016, 12, 31))
    )
    assert ws.cadres.get(c.ids[0]).supporter_name == "Sở Nội vụ tỉnh Bắc Kạn"
    e = ws.events.add(EventDraft(date(2023, 6, 30), "Hội nghị tuyên truyền", "Pác Châm", (sup,), 80))
    assert ws.events.get(e.ids[0]).participants == 80
    set_language("en")
    with pytest.raises(InvalidInput) as caught:
        ws.cadres.add(CadreDraft("", start=date(2017, 1, 1), end=date(2016, 1, 1), supporter="ghost"))
    assert {p.path for p in caught.value.problems} == {"name", "end", "supporter"}
    with pytest.raises(InvalidInput) as caught:
        ws.events.add(EventDraft(date(2023, 1, 1), "Hội nghị", participants=-1))
    assert [p.technical for p in caught.value.problems] == ["participants: must be a whole number ≥ 0"]
    assert (ws.assignments.count(), ws.cadres.count(), ws.events.count()) == (1, 1, 1)


def test_no_commune_yet(blank_ws: Workspace) -> None:
    assert blank_ws.help.list() == [] and blank_ws.help.totals().records == 0
    with pytest.raises(NotFound):
        blank_ws.supporters.add(SupporterDraft("Sở Nội vụ"))
