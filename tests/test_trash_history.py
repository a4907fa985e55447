"""Thùng rác and a record's history (Qt-free): what was removed is listed with who removed it and comes back
as it was, in one audited transaction; what cannot come back says why and changes nothing; each record's
history says who changed which field from what to what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import Conflict, NotFound
from ntm_desktop.core.i18n import set_language
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.registry import KINDS
from ntm_desktop.services.ledger import CadreDraft, EventDraft, HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace

ROAD = "Bê tông hóa đường vào trường Tiểu học Bằng Thành II"


def road(supporter: str) -> HelpDraft:
    return HelpDraft(
        date(2019, 12, 10),
        ROAD,
        (supporter,),
        (ItemDraft("cash", Decimal(40_000_000)), ItemDraft("labour", Decimal(30), "ngày công")),
        village="Bằng Thành II",
    )


def audit(ws: Workspace, action: str) -> list[m.AuditEntry]:
    with ws.db.read() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_removed_records_of_every_kind_are_listed_newest_first_with_who_removed_them(ws: Workspace) -> None:
    noi_vu = ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn")).ids[0]
    other = ws.supporters.add(SupporterDraft("Đoàn Thanh niên xã")).ids[0]
    help_uid = ws.help.add(road(noi_vu)).ids[0]
    cadre = ws.cadres.add(CadreDraft("Hà Văn Hòa", "Phó trưởng phòng")).ids[0]
    event = ws.events.add(EventDraft(date(2023, 6, 30), "Hội nghị tuyên truyền")).ids[0]
    ws.progress.record(2023, indicator="3.1", value="85")
    (assessment,) = [a for a in ws.progress.assessments(2023) if a.indicator == "3.1"]
    assert ws.trash.list() == []
    ws.actor = "Lục Thị Mai"
    for remove in (
        lambda: ws.help.remove(help_uid),
        lambda: ws.supporters.remove(other),
        lambda: ws.cadres.remove(cadre),
        lambda: ws.events.remove(event),
        lambda: ws.progress.remove(assessment.uid),
    ):
        remove()
    listed = ws.trash.list()
    assert [(r.kind_label, r.title) for r in listed] == [
        ("Đánh giá tiêu chí", "2023 · chỉ tiêu 3.1"),
        ("Hoạt động, hội nghị", "30/06/2023 · Hội nghị tuyên truyền"),
        ("Cán bộ biệt phái, tăng cường", "Hà Văn Hòa · Phó trưởng phòng"),
        ("Đơn vị hỗ trợ", "Đoàn Thanh niên xã"),
        ("Hỗ trợ đã nhận", f"10/12/2019 · {ROAD}"),
    ]
    assert {r.removed_by for r in listed} == {"Lục Thị Mai"}
    assert {r.kind for r in listed} <= {k.list_name for k in KINDS}


def test_a_removed_help_record_comes_back_as_it_was_in_one_audited_change(ws: Workspace) -> None:
    noi_vu = ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn")).ids[0]
    uid = ws.help.add(road(noi_vu)).ids[0]
    before = ws.help.get(uid)
    ws.help.remove(uid)
    assert ws.help.count() == 0
    changes = ws.trash.restore(uid)
    assert changes.touches(Kind.HELP) and changes.ids == (uid,)
    back = ws.help.get(uid)
    assert (back.title, back.village, back.items, back.supporters) == (
        before.title,
        before.village,
        before.items,
        before.supporters,
    )
    assert back.version > before.version  # a new version: it travels in the next bundle
    assert ws.help.totals(HelpFilter(year=2019)).value_vnd == 40_000_000
    [entry] = audit(ws, "help.restore")
    assert entry.entity_uid == uid and entry.before is None and entry.after["title"] == ROAD
    assert ws.trash.list() == []
    with pytest.raises(Conflict):
        ws.trash.restore(uid)  # it is no longer in the trash


def test_a_record_whose_supporter_was_removed_waits_for_it(ws: Workspace) -> None:
    noi_vu = ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn")).ids[0]
    uid = ws.help.add(road(noi_vu)).ids[0]
    ws.help.remove(uid)
    ws.supporters.remove(noi_vu)
    with pytest.raises(Conflict) as refused:
        ws.trash.restore(uid)
    assert refused.value.message == (
        f"“10/12/2019 · {ROAD}” có đơn vị hỗ trợ đã bị xóa: Sở Nội vụ tỉnh Bắc Kạn. "
        "Hãy khôi phục đơn vị hỗ trợ đó trước."
    )
    assert ws.help.count() == 0 and audit(ws, "help.restore") == []
    ws.trash.restore(noi_vu)
    ws.trash.restore(uid)
    assert ws.help.count() == 1


def test_an_assessment_does_not_come_back_over_a_newer_result(ws: Workspace) -> None:
    ws.progress.record(2023, indicator="3.1", value="85")
    (old,) = ws.progress.assessments(2023)
    ws.progress.remove(old.uid)
    ws.progress.record(2023, indicator="3.1", value="90")
    with pytest.raises(Conflict):
        ws.trash.restore(old.uid)
    assert [a.value for a in ws.progress.assessments(2023)] == [90]


def test_restoring_something_unknown_says_so(ws: Workspace) -> None:
    with pytest.raises(NotFound):
        ws.trash.restore("00000000-0000-4000-8000-000000000000")


def test_a_receiving_office_has_no_trash_of_its_own(blank_ws: Workspace) -> None:
    blank_ws.settings.set_role("receiver")
    assert blank_ws.trash.list() == []


def test_the_history_says_who_changed_which_field_from_what_to_what(ws: Workspace) -> None:
    noi_vu = ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn")).ids[0]
    ws.actor = "Ma Văn Thắng"
    uid = ws.help.add(road(noi_vu)).ids[0]
    ws.actor = "Lục Thị Mai"
    draft = road(noi_vu)
    ws.help.update(
        uid,
        HelpDraft(
            draft.date,
            "Bê tông hóa 60 m đường vào trường",
            draft.supporters,
            (ItemDraft("cash", Decimal(45_000_000)), draft.items[1]),
            village=draft.village,
        ),
    )
    ws.help.remove(uid)
    ws.trash.restore(uid)
    steps = ws.history.of(uid)
    assert [(s.actor, s.what) for s in steps] == [
        ("Ma Văn Thắng", "Tạo mới"),
        ("Lục Thị Mai", "Sửa"),
        ("Lục Thị Mai", "Xóa"),
        ("Lục Thị Mai", "Khôi phục từ thùng rác"),
    ]
    created = {c.field: (c.before, c.after) for c in steps[0].changes}
    assert created["Đơn vị hỗ trợ"] == ("—", "Sở Nội vụ tỉnh Bắc Kạn")
    assert created["Ngày nhận"] == ("—", "10/12/2019")
    changed = [(c.field, c.before, c.after) for c in steps[1].changes]
    assert changed == [
        ("Nội dung hỗ trợ", ROAD, "Bê tông hóa 60 m đường vào trường"),
        (
            "Tiền, hiện vật, ngày công đã nhận",
            "Tiền mặt 40.000.000 đồng; Ngày công lao động 30 ngày công",
            "Tiền mặt 45.000.000 đồng; Ngày công lao động 30 ngày công",
        ),
    ]
    assert steps[0].at <= steps[-1].at


def test_history_speaks_english_when_asked(ws: Workspace) -> None:
    uid = ws.supporters.add(SupporterDraft("Sở Nội vụ tỉnh Bắc Kạn")).ids[0]
    set_language("en")
    [step] = ws.history.of(uid)
    assert step.what == "Created"
    assert ("Name", "—", "Sở Nội vụ tỉnh Bắc Kạn") in [(c.field, c.before, c.after) for c in step.changes]
