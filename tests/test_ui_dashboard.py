"""The help overview: the year's totals, the criteria met, the charts' numbers and what is still not met."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ntm_desktop.services.ledger import HelpDraft, ItemDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.ui.pages.dashboard.charts import nice_scale
from ntm_desktop.ui.pages.dashboard.page import DashboardTab
from ntm_desktop.ui.pages.help.section import OVERVIEW_TAB
from tests.helpers.ui_help import SO_NOI_VU, add_supporters, open_help_tab, road_draft, settle, ui

__all__ = ["ui"]  # the fixture


def test_the_overview_sums_up_the_year(qtbot, ui) -> None:
    ctx, errors = ui
    noi_vu, dien_luc = add_supporters(ctx.ws, SO_NOI_VU, "Công ty Điện lực Bắc Kạn")
    ctx.ws.help.add(road_draft(noi_vu, date(2023, 12, 10)))
    ctx.ws.help.add(
        HelpDraft(date(2023, 10, 20), "Thắp sáng đường quê", (dien_luc,),
                  (ItemDraft("works", Decimal(2), "công trình", "Thắp sáng đường quê", 349_000_000),),
                  criteria=("4",))
    )  # fmt: skip
    ctx.ws.help.add(road_draft(noi_vu, date(2022, 5, 1)))
    ctx.ws.progress.record(2023, criterion="19", met=False)
    ctx.ws.progress.record(2023, criterion="4", met=False)
    tab = open_help_tab(qtbot, ctx, OVERVIEW_TAB, 2023)
    assert isinstance(tab, DashboardTab)
    settle(qtbot, ctx, lambda: tab.overview is not None)
    assert tab.help_title.text() == "Hỗ trợ đã nhận năm 2023"
    assert tab.help_count.text() == "2 lượt hỗ trợ"
    assert (
        tab.help_value.text() == "Giá trị quy ra tiền 389,00 triệu đồng, trong đó tiền mặt 40,00 triệu đồng"
    )
    assert tab.supporters_chart.categories == [SO_NOI_VU, "Công ty Điện lực Bắc Kạn"]
    assert tab.supporters_chart.values() == [40.0, 349.0]
    months = tab.months_chart.values()
    assert months[9] == 349.0 and months[11] == 40.0 and sum(months) == 389.0
    assert tab.months_chart.values(1)[11] == 40.0  # cash
    assert tab.years_chart.categories == ["2022", "2023"]
    assert tab.years_chart.values() == [40.0, 389.0]
    remaining = tab.remaining.text()
    assert "4. " in remaining and "hỗ trợ trong năm: 349.000.000 đ (1 lượt)" in remaining
    assert "19. " in remaining and "chưa có hỗ trợ nào cho tiêu chí này trong năm" in remaining
    gone = ctx.ws.help.list(HelpFilter(2023))[0].uid
    ctx.mutate(lambda ws: ws.help.remove(gone))  # as the ledger's Remove does: the tab hears of it
    settle(qtbot, ctx, lambda: tab.help_count.text() == "1 lượt hỗ trợ")
    assert not errors


def test_a_year_without_help_shows_nothing_given(qtbot, ui) -> None:
    ctx, errors = ui
    tab = open_help_tab(qtbot, ctx, OVERVIEW_TAB, 2016)
    assert isinstance(tab, DashboardTab)
    settle(qtbot, ctx, lambda: tab.overview is not None)
    assert tab.help_count.text() == "0 lượt hỗ trợ"
    for chart in (tab.supporters_chart, tab.months_chart):  # words, not an empty grid with ticks "0 0 1 1"
        assert chart.empty_text == "Chưa ghi nhận hỗ trợ nào trong năm 2016."
        assert chart.chart().axes() == [] and chart.chart().series() == []
    assert tab.years_chart.empty_text == "Chưa ghi nhận hỗ trợ nào."
    assert not errors


def test_without_results_the_criteria_card_says_so_under_its_title(qtbot, ui) -> None:
    # the card's title stood in the middle of the empty card, the sentence far below it
    ctx, errors = ui
    tab = open_help_tab(qtbot, ctx, OVERVIEW_TAB, 2016)
    assert isinstance(tab, DashboardTab)
    settle(qtbot, ctx, lambda: tab.overview is not None and tab.no_history.isVisible())
    title = tab.titles["history"]
    qtbot.waitUntil(lambda: title.parentWidget().height() > 150)  # laid out, with the chart's room
    for line in (title, tab.no_history):  # each as high as its text: it reads at the top
        assert line.height() < 2 * line.sizeHint().height(), line.text()
    assert tab.no_history.geometry().top() - title.geometry().bottom() < 30
    assert not errors


def test_a_year_without_results_sends_the_officer_where_they_are_recorded(qtbot, ui) -> None:
    # the card said "bấm «Ghi kết quả năm này»": that button is on the Tổng quan page, not on this tab
    ctx, errors = ui
    tab = open_help_tab(qtbot, ctx, OVERVIEW_TAB, 2016)
    assert isinstance(tab, DashboardTab)
    settle(qtbot, ctx, lambda: tab.overview is not None)
    said = tab.criteria_change.text()
    assert said.startswith("Chưa ghi kết quả nào của năm 2016: ghi ở trang Tiêu chí.")
    assert "Ghi kết quả năm này" not in said
    assert not errors


def test_value_axes_have_distinct_round_ticks_with_room_for_the_labels() -> None:
    for top in (0.4, 1, 2, 3, 7, 19, 40, 60, 349, 464, 1286):
        maximum, ticks, decimals = nice_scale(top)
        labels = [f"{maximum * i / (ticks - 1):.{decimals}f}" for i in range(ticks)]
        assert len(set(labels)) == ticks and 2 <= ticks <= 6, (top, labels)
        assert maximum >= top * 1.1, top  # the label above the highest bar fits
    for count in (1, 2, 3, 5, 17):
        maximum, ticks, decimals = nice_scale(count, whole=True)
        assert decimals == 0 and (maximum / (ticks - 1)).is_integer(), count
