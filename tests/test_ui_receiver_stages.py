"""The receiver's charts and communes list keep apart what the province confirmed: a commune's own figures
(self-assessed only), reviewed, approved, and recognised by a decision — each its own colour in the chart
of communes by criteria met, counted in the legend; the list's summary line counts the recognised."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from ntm_desktop.ui.pages.receiver.charts_page import ChartsPage
from ntm_desktop.ui.pages.receiver.communes_model import CODE, STATUS
from ntm_desktop.ui.pages.receiver.communes_page import CommunesPage
from ntm_desktop.ui.pages.registry import CHARTS_PAGE, COMMUNES_PAGE
from tests.helpers.sync import COMMUNE, OTHER
from tests.helpers.ui_sync import YEAR, Offices, offices, settle
from tests.test_ui_receiver import open_receiver_page, province_with

__all__ = ["offices"]  # the fixture


def test_the_chart_splits_each_bar_by_what_the_province_confirmed(
    qtbot, offices: Offices, tmp_path: Path
) -> None:
    province_with(offices, tmp_path)  # 01234: 17/19, 05678: 12/19, both only sent their figures
    r = offices.province.receiver
    r.set_status(COMMUNE.code, YEAR, "reviewed")
    r.set_status(COMMUNE.code, YEAR, "approved")
    r.recognise(COMMUNE.code, YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
    r.set_status(OTHER.code, YEAR, "reviewed")
    ctx = offices.province_ctx
    communes = open_receiver_page(qtbot, offices, COMMUNES_PAGE)
    assert isinstance(communes, CommunesPage)
    charts = communes.window().page(CHARTS_PAGE)
    assert isinstance(charts, ChartsPage)
    settle(qtbot, ctx, lambda: communes.loaded and charts.data is not None)

    chart = charts.distribution
    assert chart.stages["recognised"][17] == 1 and chart.stages["approved"][17] == 0
    assert chart.stages["reviewed"][12] == 1 and chart.stages["self_assessed"][12] == 0
    assert chart.counts[17] == 1 and chart.counts[12] == 1
    assert chart.legend_names == [
        "Chỉ tự đánh giá: 0", "Đã xem xét: 1", "Đã phê duyệt: 0", "Đã công nhận đạt chuẩn: 1"
    ]  # fmt: skip
    assert "mức tỉnh đã xác nhận" in charts.titles[0].text()
    assert communes.summary.text().endswith("· 1 xã đã có quyết định công nhận")
    statuses = {communes.proxy.index(r, CODE).data(): r for r in range(communes.proxy.rowCount())}
    cell = communes.proxy.index(statuses[COMMUNE.code], STATUS)
    assert cell.data() == "Đã phê duyệt · đã công nhận"
    assert (
        cell.data(Qt.ItemDataRole.ToolTipRole)
        == "Xã nông thôn mới: Quyết định số 123/QĐ-UBND ngày 20/12/2025"
    )
    communes.status_filter.setCurrentIndex(communes.status_filter.findText("Đã công nhận đạt chuẩn"))
    assert [communes.proxy.index(r, CODE).data() for r in range(communes.proxy.rowCount())] == [COMMUNE.code]
    communes.status_filter.setCurrentIndex(0)

    r.withdraw_recognition(COMMUNE.code, YEAR, "ntm", reason="Ghi nhầm")
    r.set_status(OTHER.code, YEAR, "returned", "Thiếu biên bản")
    charts.reload()
    settle(qtbot, ctx, lambda: charts.distribution.stages["approved"][17] == 1)
    assert chart.stages["recognised"] == [0] * 20
    assert chart.stages["self_assessed"][12] == 1  # returned: only the commune's own figures stand
    if os.environ.get("NTM_SCREENSHOTS"):
        r.recognise(COMMUNE.code, YEAR, decision="123/QĐ-UBND", decided_on=date(2025, 12, 20), level="ntm")
        charts.reload()
        settle(qtbot, ctx, lambda: charts.distribution.stages["recognised"][17] == 1)
        communes.window().go_to(CHARTS_PAGE)
        communes.window().grab().save(os.path.join(os.environ["NTM_SCREENSHOTS"], "receiver-charts.png"))
        communes.window().go_to(COMMUNES_PAGE)
        communes.reload()
        settle(qtbot, ctx, lambda: communes.loaded)
        communes.window().grab().save(os.path.join(os.environ["NTM_SCREENSHOTS"], "receiver-communes.png"))
    assert not offices.province_errors
