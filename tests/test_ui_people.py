"""Seconded cadres and events: listed, found without accents, added and corrected through their forms."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from ntm_desktop.services.ledger import CadreDraft, EventDraft
from ntm_desktop.services.ledger.choices import load_choices
from ntm_desktop.ui.pages.help.section import CADRES_TAB, EVENTS_TAB
from ntm_desktop.ui.pages.people import records_tab
from ntm_desktop.ui.pages.people.cadres import CadreDialog, CadresTab
from ntm_desktop.ui.pages.people.events import EventDialog, EventsTab
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_tab, settle, ui, when_modal

__all__ = ["ui"]  # the fixture


def rows(tab) -> list[list[str]]:
    p = tab.proxy
    return [[p.index(r, c).data() for c in range(p.columnCount())] for r in range(p.rowCount())]


def test_cadres_are_listed_found_and_added(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.cadres.add(
        CadreDraft("Hà Văn Hòa", "Phó trưởng phòng", noi_vu, date(2016, 3, 1), date(2016, 12, 31))
    )
    tab = open_help_tab(qtbot, ctx, CADRES_TAB)
    assert isinstance(tab, CadresTab)
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    assert rows(tab) == [["Hà Văn Hòa", "Phó trưởng phòng", SO_NOI_VU, "01/03/2016", "31/12/2016", ""]]
    assert tab.count.text() == "1 bản ghi"
    monkeypatch.setattr(
        CadreDialog,
        "ask",
        classmethod(lambda cls, parent, supporters, existing=None: CadreDraft("Đinh Thị Lan")),
    )
    tab.add_button.click()
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 2)
    tab.search.insert("dinh thi")
    assert [r[0] for r in rows(tab)] == ["Đinh Thị Lan"]
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    monkeypatch.setattr(
        records_tab.RemoveRecord, "ask", staticmethod(lambda parent, what: what == "Đinh Thị Lan")
    )
    tab.remove_button.click()
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 1)
    assert not errors


def test_the_cadre_form_checks_the_period(qtbot, ui) -> None:
    ctx, _ = ui
    form = CadreDialog(tuple(ctx.ws.supporters.list()))
    qtbot.addWidget(form)
    form.name.setText("Lục Văn Thắng")
    form.start.set_value(date(2025, 9, 1))
    form.end.set_value(date(2025, 1, 1))
    form.save_button.click()
    assert form.messages.texts() == {"end": "Sớm hơn ngày bắt đầu"}
    form.end.set_value(None)
    form.save_button.click()
    assert form.result() == CadreDialog.DialogCode.Accepted
    assert form.draft() == CadreDraft("Lục Văn Thắng", start=date(2025, 9, 1))


def test_events_are_listed_newest_first_and_edited(qtbot, ui, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, errors = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.events.add(
        EventDraft(date(2023, 6, 30), "Hội nghị tuyên truyền", "Nà Phầy", (noi_vu,), 80, ("18",))
    )
    ctx.ws.events.add(EventDraft(date(2019, 3, 15), "Tổ công tác hướng dẫn", participants=25))
    tab = open_help_tab(qtbot, ctx, EVENTS_TAB)
    assert isinstance(tab, EventsTab)
    settle(qtbot, ctx, lambda: tab.model.rowCount() == 2)
    assert rows(tab) == [
        ["30/06/2023", "Hội nghị tuyên truyền", "Nà Phầy", SO_NOI_VU, "80", "18"],
        ["15/03/2019", "Tổ công tác hướng dẫn", "", "", "25", ""],
    ]
    tab.table.setCurrentIndex(tab.proxy.index(1, 0))
    monkeypatch.setattr(
        EventDialog,
        "ask",
        classmethod(
            lambda cls, parent, choices, existing=None: EventDraft(
                existing.date, existing.title, participants=30
            )
        ),
    )
    tab.edit_button.click()
    settle(qtbot, ctx, lambda: rows(tab)[1][4] == "30")
    assert not errors


def test_the_event_form_reads_its_fields(qtbot, ui) -> None:
    ctx, _ = ui
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    form = EventDialog(load_choices(ctx.ws, 2023))
    qtbot.addWidget(form)
    form.participants.setText("-5")
    form.save_button.click()
    assert form.messages.texts() == {
        "title": "Bắt buộc phải có",
        "participants": "“-5” là số âm. Hãy nhập số từ 0 trở lên",
    }
    form.title_edit.setText("Ra quân tổng vệ sinh")
    form.participants.setText("1.200")
    form.supporters.tick(SO_NOI_VU)
    form.criteria.tick("17")
    form.save_button.click()
    assert form.result() == EventDialog.DialogCode.Accepted
    draft = form.draft()
    assert (draft.title, draft.participants, draft.supporters, draft.criteria) == (
        "Ra quân tổng vệ sinh",
        1200,
        (noi_vu,),
        ("17",),
    )


def test_a_wrong_number_of_participants_says_what_was_typed_and_nothing_is_saved(qtbot, ui) -> None:
    ctx, errors = ui
    tab = open_help_tab(qtbot, ctx, EVENTS_TAB)
    assert isinstance(tab, EventsTab)
    said: list[str] = []

    def type_counts(form: QDialog) -> None:
        assert isinstance(form, EventDialog)
        form.title_edit.setText("Hội nghị tuyên truyền")
        for typed in ("tám mươi", "99999999999"):
            form.participants.setText(typed)
            form.save_button.click()
            said.append(form.messages.texts()["participants"])
        form.reject()

    when_modal(type_counts)
    tab.add_button.click()
    qtbot.waitUntil(lambda: len(said) == 2)
    assert said == [
        "“tám mươi” không phải là số. Hãy viết bằng chữ số, ví dụ 12 hoặc 1.500",
        "Quá lớn: nhiều nhất 1.000.000.000",
    ]
    settle(qtbot, ctx)
    assert ctx.ws.events.list() == [] and not errors
