"""Signing off a commune's year: the steps an officer may take, who took them and when; an approved year
is locked (later changes wait as amendment requests); a returned year goes back to the commune as a
correction request in the next reverse bundle, and comes back as received when the commune resends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace
from tests.helpers.receiver import Province, province

pytestmark = pytest.mark.usefixtures("engine")  # runs on SQLite and on PostgreSQL

__all__ = ["province"]  # fixture

YEAR = 2025


def row(office: Workspace, code: str, year: int = YEAR) -> object:
    return next(r for r in office.receiver.units(year) if r.code == code)


def status(office: Workspace, code: str, year: int = YEAR) -> str:
    return next(r.status for r in office.receiver.units(year) if r.code == code)


def test_the_steps_an_officer_may_take_and_their_history(province: Province) -> None:
    r = province.office.receiver
    with pytest.raises(Conflict):
        r.set_status("01267", YEAR, "reviewed")  # has not reported
    with pytest.raises(Conflict) as skipped:
        r.set_status("01234", YEAR, "approved")  # not reviewed yet
    assert str(skipped.value) == (  # says what to do, not only that it cannot
        "01234, năm 2025 đang ở trạng thái Đã nhận: hãy đánh dấu Đã xem xét trước rồi mới phê duyệt."
    )
    with pytest.raises(InvalidInput):
        r.set_status("01234", YEAR, "returned")  # a return says why
    with pytest.raises(InvalidInput):
        r.set_status("01234", YEAR, "received")

    changes = r.set_status("01234", YEAR, "reviewed")
    assert changes.action == "receiver.status" and changes.ids == ("01234/2025",)
    r.set_status("01234", YEAR, "approved")
    assert status(province.office, "01234") == "approved"
    assert status(province.office, "01234", 2024) == "received"  # other years are their own
    with pytest.raises(InvalidInput):
        r.set_status("01234", YEAR, "reviewed")  # reopening an approved year needs a reason
    r.set_status("01234", YEAR, "reviewed", reason="Kiểm tra lại tiêu chí 17")

    history = r.status_history("01234", YEAR)
    assert [(h.from_status, h.to_status) for h in history] == [
        ("received", "reviewed"),
        ("reviewed", "approved"),
        ("approved", "reviewed"),
    ]
    assert {h.actor for h in history} == {"Người kiểm thử"} and history[
        -1
    ].reason == "Kiểm tra lại tiêu chí 17"
    assert history[0].at <= history[1].at <= history[2].at
    with province.office.db.read() as s:
        audited = s.scalar(select(func.count()).where(m.AuditEntry.action == "receiver.status"))
    assert audited == 3
    with pytest.raises(Conflict):
        province.communes[0].receiver.set_status("01234", YEAR, "reviewed")  # a commune signs nothing off


def _indicator_met(office: Workspace, code: str, indicator: str) -> bool | None:
    return next(a.met for a in office.receiver.commune(code).assessments(YEAR) if a.indicator == indicator)


def test_an_approved_year_is_locked_and_later_changes_wait_as_amendments(province: Province) -> None:
    office, c = province.office, province.communes[0]
    office.receiver.set_status("01234", YEAR, "reviewed")
    office.receiver.set_status("01234", YEAR, "approved")
    view = office.receiver.commune("01234")
    before_2025 = (view.help_totals(YEAR).to_json(), view.progress_summary(YEAR))
    assert _indicator_met(office, "01234", "2.1") is True

    c.progress.record(YEAR, indicator="2.1", value="60", met=False)  # a change to the approved year
    [hall] = [h for h in c.help.list(HelpFilter(YEAR)) if h.record_id == "h-2025-nha-van-hoa"]
    c.help.update(
        hall.uid,
        replace(hall, items=(ItemDraft("cash", Decimal(90_000_000), "đồng", "Tiền mặt", 90_000_000),)),
    )
    supporter = hall.supporters[0]
    c.help.add(HelpDraft(date(2025, 11, 2), "Tặng sách cho thư viện xã", (supporter,),
                         (ItemDraft("goods", Decimal(200), "cuốn", "Sách", 10_000_000),)))  # fmt: skip
    [lamp] = c.help.list(HelpFilter(2026))
    c.help.update(lamp.uid, replace(lamp, title="Thay 40 đèn LED chiếu sáng công cộng"))  # not locked

    [outcome] = office.sync.import_bundles([c.sync.export(province.usb).path]).outcomes

    assert outcome.status == "imported" and "3" in outcome.message and "2025" in outcome.message
    view = office.receiver.commune("01234")
    assert (view.help_totals(YEAR).to_json(), view.progress_summary(YEAR)) == before_2025
    assert _indicator_met(office, "01234", "2.1") is True
    assert [h.title for h in view.help(2026)] == ["Thay 40 đèn LED chiếu sáng công cộng"]
    waiting = office.receiver.amendments()
    assert sorted((a.kind, a.year) for a in waiting) == [
        ("assessments", 2025),
        ("help", 2025),
        ("help", 2025),
    ]
    assert status(office, "01234") == "approved"
    assert row(office, "01234").open_amendments == 3  # type: ignore[attr-defined]

    books = next(a for a in waiting if a.content and a.content.get("title") == "Tặng sách cho thư viện xã")
    office.receiver.accept_amendment(books.id)
    assert office.receiver.commune("01234").help_totals(YEAR).records == before_2025[0]["records"] + 1
    with pytest.raises(Conflict):
        office.receiver.accept_amendment(books.id)
    change = next(a for a in waiting if a.kind == "assessments")
    with pytest.raises(InvalidInput):
        office.receiver.reject_amendment(change.id, "")
    office.receiver.reject_amendment(change.id, "Số liệu đã được thẩm định, giữ nguyên")
    assert _indicator_met(office, "01234", "2.1") is True
    [request] = office.sync.corrections("open")
    assert request.record_id == change.record_id and "giữ nguyên" in request.reason

    province.communes[0].sync.import_bundles([office.sync.export_reverse(province.usb, "01234").path])
    [received] = c.sync.corrections()
    assert received.record_id == change.record_id and "giữ nguyên" in received.reason


def test_a_returned_year_goes_back_to_the_commune_and_comes_back(province: Province) -> None:
    office, c = province.office, province.communes[1]
    office.receiver.set_status("01240", YEAR, "reviewed")
    office.receiver.set_status("01240", YEAR, "returned", reason="Thiếu minh chứng tiêu chí 2")
    assert status(office, "01240") == "returned"
    assert row(office, "01240").open_corrections == 1  # type: ignore[attr-defined]

    c.sync.import_bundles([office.sync.export_reverse(province.usb, "01240").path])

    [request] = c.sync.corrections()
    assert request.kind == "assessments" and request.status == "open"
    assert "2025" in request.reason and "Thiếu minh chứng tiêu chí 2" in request.reason
    assert any(a.record_id == request.record_id for a in c.progress.assessments(YEAR))

    c.progress.record(YEAR, indicator="2.1", value="92", note="Bổ sung biên bản nghiệm thu đường trục xã")
    c.sync.close_correction(request.id)
    [outcome] = office.sync.import_bundles([c.sync.export(province.usb).path]).outcomes
    assert outcome.status == "imported"
    assert status(office, "01240") == "received"
    last = office.receiver.status_history("01240", YEAR)[-1]
    assert (last.from_status, last.to_status) == ("returned", "received") and last.bundle_id

    office.receiver.set_status("01240", YEAR, "reviewed")
    assert row(office, "01240").open_corrections == 0  # type: ignore[attr-defined]
    office.receiver.set_status("01240", YEAR, "approved")
    assert status(office, "01240") == "approved"
