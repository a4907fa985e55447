"""The funding source on the help page: chosen in the form, saved with the record, a filter of the ledger
and a line of its totals; a district budget after 1 July 2025 is refused at its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.ui.pages.help.dialog import HelpDialog
from ntm_desktop.ui.pages.help.table_model import TITLE
from tests.helpers.ui_help import (
    SO_NOI_VU,
    add_supporters,
    fill_road_help,
    open_help_page,
    road_draft,
    settle,
    ui,
    when_modal,
)

__all__ = ["ui"]  # the fixture


def choose(combo, text: str) -> None:
    found = combo.findText(text)
    assert found >= 0, text
    combo.setCurrentIndex(found)


def test_a_source_chosen_in_the_form_shows_in_the_totals_and_filters_the_ledger(qtbot, ui) -> None:
    ctx, errors = ui
    [noi_vu] = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(
        HelpDraft(
            date(2019, 5, 2),
            "Hiến đất mở rộng đường thôn",
            (noi_vu,),
            (ItemDraft("other", Decimal(350), "m²", "Đất hiến làm đường"),),
        )
    )
    page = open_help_page(qtbot, ctx)
    assert page.ledger.totals.sources.isHidden()  # no record says its source yet

    def fill_and_save(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpDialog)
        fill_road_help(dialog, qtbot)
        choose(dialog.source, "Ngân sách tỉnh")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill_and_save)
    page.ledger.add_button.click()
    settle(qtbot, ctx, lambda: page.ledger.model.rowCount() == 2)
    assert [h.funding_source for h in ctx.ws.help.list()] == ["", "province_budget"]
    assert page.ledger.totals.sources.text() == (
        "Theo nguồn vốn: Ngân sách tỉnh 40.000.000 đ · Chưa xác định nguồn 0 đ"
    )
    assert "350 m² đất hiến làm đường" in page.ledger.totals.items.text()
    filters = page.ledger.filters
    choose(filters.source, "Ngân sách tỉnh")
    model = page.ledger.model
    assert [model.index(r, TITLE).data() for r in range(model.rowCount())] == [ctx.ws.help.list()[1].title]
    assert page.ledger.totals.money.text().startswith(
        "1 lượt hỗ trợ · Tổng giá trị quy ra tiền: 40.000.000 đ"
    )
    choose(filters.source, "Chưa xác định nguồn")
    assert [model.index(r, TITLE).data() for r in range(model.rowCount())] == ["Hiến đất mở rộng đường thôn"]
    assert not errors


def test_the_form_refuses_a_district_budget_after_the_reform(qtbot, ui) -> None:
    ctx, errors = ui
    [noi_vu] = add_supporters(ctx.ws, SO_NOI_VU)
    saved = ctx.ws.help.get(ctx.ws.help.add(road_draft(noi_vu)).ids[0])
    page = open_help_page(qtbot, ctx)
    dialog = HelpDialog(ctx, page.ledger.choices, saved, parent=page)
    qtbot.addWidget(dialog)
    assert dialog.source.currentText() == "Chưa xác định"
    choose(dialog.source, "Ngân sách huyện")
    dialog.day.setDate(QDate(2025, 8, 1))
    dialog.save()
    assert "01/7/2025" in dialog.messages.texts()["funding_source"]
    dialog.day.setDate(QDate(2025, 6, 30))
    dialog.save()
    settle(qtbot, ctx, lambda: ctx.ws.help.get(saved.uid).funding_source == "district_budget")
    assert not errors
