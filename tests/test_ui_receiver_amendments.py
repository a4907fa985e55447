"""Amendment requests from the GUI: a change a commune sent for a year the province had approved waits
in the communes list (its own column and a button with the count); the clerk sees the record as approved
beside the commune's version, accepts it (the approved figures change) or rejects it with a reason that
goes back to the commune as a correction request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ntm_desktop.services.ledger import ItemDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.fit import cut_off
from ntm_desktop.ui.pages.receiver.amendments import AmendmentsDialog
from ntm_desktop.ui.pages.receiver.communes_model import AMENDMENTS
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.receiver.dialogs import ReasonDialog
from ntm_desktop.ui.pages.sync.conflicts import DIFFERENT
from tests.helpers.receiver import Province
from tests.helpers.ui_help import when_modal
from tests.helpers.ui_receiver import YEAR, Office, cell, office_with, open_communes
from tests.helpers.ui_sync import settle

HALL = "h-2025-nha-van-hoa"


def approve_then_change(p: Province) -> None:
    """Xã Bằng Thành's 2025 approved; then the commune changes indicator 2.1 and a help record's amount
    and sends its bundle: both wait as amendment requests."""
    o, c = p.office, p.communes[0]
    o.receiver.set_status("01234", YEAR, "reviewed")
    o.receiver.set_status("01234", YEAR, "approved")
    c.progress.record(YEAR, indicator="2.1", value="60", met=False)
    [hall] = [h for h in c.help.list(HelpFilter(YEAR)) if h.record_id == HALL]
    cash = ItemDraft("cash", Decimal(90_000_000), "đồng", "Tiền mặt", 90_000_000)
    c.help.update(hall.uid, replace(hall, items=(cash,)))
    [outcome] = o.sync.import_bundles([c.sync.export(p.usb).path]).outcomes
    assert outcome.status == "imported"


@pytest.fixture
def office(qapp: QApplication, tmp_path: Path) -> Iterator[Office]:
    yield from office_with(tmp_path, approve_then_change)


def waiting_cell(page: CommunesPage, code: str) -> str:
    return cell(page, code, AMENDMENTS)


def open_requests(qtbot, office: Office, page: CommunesPage) -> AmendmentsDialog:
    page.amendments_button.click()
    dialog = page.amendments
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, office.ctx, lambda: dialog.loaded)
    return dialog


def titles(dialog: AmendmentsDialog) -> list[str]:
    return [dialog.list.item(n).text() for n in range(dialog.list.count())]


def test_the_communes_list_says_which_commune_has_changes_waiting(qtbot, office: Office) -> None:
    page = open_communes(qtbot, office)
    assert page.model.headerData(AMENDMENTS, Qt.Orientation.Horizontal) == "Điều chỉnh"
    assert waiting_cell(page, "01234") == "2"
    assert waiting_cell(page, "01240") == ""
    assert page.amendments_button.text() == "Đề nghị điều chỉnh (2)…"
    assert page.amendments_button.isEnabled()
    assert not office.errors


def test_the_clerk_sees_what_changes_accepts_one_and_rejects_the_other_with_a_reason(
    qtbot, qtmodeltester, office: Office
) -> None:
    o, ctx = office.province.office, office.ctx
    page = open_communes(qtbot, office)
    assert page.select("01234")
    dialog = open_requests(qtbot, office, page)

    assert titles(dialog) == [
        "Chỉ tiêu 2.1\nXã Bằng Thành (01234) · 2025",
        "Hỗ trợ xây dựng nhà văn hóa thôn Nà Lần\nXã Bằng Thành (01234) · 2025",
    ]
    assert dialog.heading.text() == "Xã Bằng Thành (01234) · 2025 · Chỉ tiêu 2.1"
    when = r"\d\d/\d\d/\d{4} \d\d:\d\d"  # and no bundle id in hexadecimal to puzzle over
    assert re.fullmatch(f"Đánh giá tiêu chí, nhận lúc {when}", dialog.received.text()), dialog.received.text()
    dialog.list.setCurrentRow(0)
    assert dialog.summary.text() == "Thay đổi: Giá trị, Kết quả"
    assert cut_off(dialog) == []  # fits a commune laptop, nothing clipped
    shown = {row[0]: row[1:] for row in dialog.texts()}
    assert shown["Giá trị"] == ["85", "60"] and shown["Kết quả"] == [
        "Đạt",
        "Chưa đạt",
    ]  # the assessment form's words
    assert shown["Chỉ tiêu"] == ["2.1", "2.1"]
    shaded = {
        row[0]: dialog.table.proxy.index(n, 1).data(Qt.ItemDataRole.BackgroundRole)
        for n, row in enumerate(dialog.texts())
    }
    assert shaded["Giá trị"] == DIFFERENT and shaded["Chỉ tiêu"] is None  # what changed stands out
    qtmodeltester.check(dialog.table.proxy)

    dialog.list.setCurrentRow(1)
    shown = {row[0]: row[1:] for row in dialog.texts()}
    assert shown["Tiền, hiện vật, ngày công đã nhận"] == [
        "Tiền mặt 50.000.000 đồng",
        "Tiền mặt 90.000.000 đồng",
    ]
    assert shown["Ngày nhận"] == ["25/03/2025", "25/03/2025"]
    assert dialog.summary.text().startswith("Thay đổi: ")
    supporters = shown["Đơn vị hỗ trợ"]  # by name on both sides, as the history and the conflicts show them
    assert supporters[0] == supporters[1] and "Sở Nội vụ tỉnh Bắc Kạn" in supporters[0]
    ids = {s.record_id for s in office.province.communes[0].supporters.list()}
    assert ids and not any(i in text for row in dialog.texts() for text in row[1:] for i in ids)
    before = o.receiver.commune("01234").help_totals(YEAR).value_vnd
    dialog.accept_button.click()
    settle(qtbot, ctx, lambda: titles(dialog) == ["Chỉ tiêu 2.1\nXã Bằng Thành (01234) · 2025"])
    assert o.receiver.commune("01234").help_totals(YEAR).value_vnd == before + 40_000_000
    settle(qtbot, ctx, lambda: waiting_cell(page, "01234") == "1")
    assert page.amendments_button.text() == "Đề nghị điều chỉnh (1)…"

    def give_reason(form: QDialog) -> None:
        assert isinstance(form, ReasonDialog)
        form.ok.click()  # an empty reason is refused at the field, nothing decided
        assert form.message.message and form.isVisible()
        form.reason.setPlainText("Số liệu đã được thẩm định, giữ nguyên")
        form.ok.click()

    when_modal(give_reason)
    dialog.reject_button.click()
    settle(qtbot, ctx, lambda: titles(dialog) == [])
    assert dialog.empty.isVisible() and not dialog.split.isVisible()
    assert "Đã từ chối" in dialog.notice.text()
    [request] = o.sync.corrections("open")
    assert request.record_id == "a-2025-2.1" and "giữ nguyên" in request.reason
    assert next(a.met for a in o.receiver.commune("01234").assessments(YEAR) if a.indicator == "2.1")
    settle(qtbot, ctx, lambda: waiting_cell(page, "01234") == "")
    assert not page.amendments_button.isEnabled()
    assert not office.errors
