"""Help given with no cash at all (a lit road, valued in đồng) is summed up without "trong đó tiền mặt
0,00 triệu đồng": the overview, the ledger's totals and a supporter's line leave the cash clause out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.ui.pages.dashboard.page import DashboardTab
from ntm_desktop.ui.pages.help.section import OVERVIEW_TAB, SUPPORTERS_TAB
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_page, road_draft, settle, ui

__all__ = ["ui"]  # the fixture

LIGHTS = ItemDraft("works", Decimal(2), "công trình", "Thắp sáng đường quê", 349_000_000)


def add_lights(ctx) -> str:
    (noi_vu,) = add_supporters(ctx.ws, SO_NOI_VU)
    ctx.ws.help.add(HelpDraft(date(2023, 10, 20), "Thắp sáng đường quê", (noi_vu,), (LIGHTS,)))
    return noi_vu


def test_help_without_cash_is_summed_up_without_a_cash_clause(qtbot, ui) -> None:
    ctx, errors = ui
    add_lights(ctx)
    page = open_help_page(qtbot, ctx, 2023)
    assert page.ledger.totals.money.toolTip() == "Tổng giá trị 349,00 triệu đồng"
    page.tabs.setCurrentIndex(OVERVIEW_TAB)
    overview = page.tab(OVERVIEW_TAB)
    assert isinstance(overview, DashboardTab)
    settle(qtbot, ctx, lambda: overview.overview is not None)
    assert overview.help_value.text() == "Giá trị quy ra tiền 349,00 triệu đồng"
    page.tabs.setCurrentIndex(SUPPORTERS_TAB)
    supporters = page.tab(SUPPORTERS_TAB)
    settle(qtbot, ctx, lambda: supporters.proxy.rowCount() == 1)
    supporters.table.setCurrentIndex(supporters.proxy.index(0, 0))
    settle(qtbot, ctx, lambda: supporters.details.given.rowCount() == 1)
    assert supporters.details.given_line.text() == "1 lượt hỗ trợ, trị giá 349.000.000 đ"
    assert not errors


def test_cash_given_is_still_said(qtbot, ui) -> None:
    ctx, errors = ui
    noi_vu = add_lights(ctx)
    ctx.ws.help.add(road_draft(noi_vu, date(2023, 12, 10)))  # 40 triệu in cash
    page = open_help_page(qtbot, ctx, 2023)
    assert (
        page.ledger.totals.money.toolTip()
        == "Tổng giá trị 389,00 triệu đồng, trong đó 40,00 triệu đồng tiền mặt"
    )
    page.tabs.setCurrentIndex(OVERVIEW_TAB)
    overview = page.tab(OVERVIEW_TAB)
    settle(qtbot, ctx, lambda: overview.overview is not None)
    assert overview.help_value.text() == (
        "Giá trị quy ra tiền 389,00 triệu đồng, trong đó tiền mặt 40,00 triệu đồng"
    )
    assert not errors
