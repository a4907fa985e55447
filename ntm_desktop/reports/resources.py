"""Resources mobilised, as the yearly report counts them: by funding source (nguồn vốn), in words and in
a table whose rows add up to the help records' total."""

from __future__ import annotations

from collections.abc import Sequence

from ntm_desktop.export.pdf import Cell, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.services.ledger import GroupTotal, HelpTotals
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES
from ntm_desktop.services.ledger.wording import item_phrase

UNSPECIFIED_TEXT = "Chưa xác định nguồn"


def source_name(code: str) -> str:
    """ "Ngân sách tỉnh", "Cộng đồng dân cư"…, or "Chưa xác định nguồn" (a document's words, Vietnamese)."""
    return FUNDING_SOURCES[code][0] if code in FUNDING_SOURCES else UNSPECIFIED_TEXT


def source_text(code: str) -> str:
    """The source as running text writes it: "ngân sách tỉnh", "nguồn khác", "chưa xác định nguồn"."""
    if code == "other":
        return "nguồn khác"
    name = source_name(code)
    return name[:1].lower() + name[1:]


def in_kind_phrases(t: HelpTotals) -> list[str]:
    """ "2.000 ngày công lao động", "343 tấn xi măng", "350 m² đất hiến làm đường"…"""
    return [item_phrase(i) for i in t.items if i.kind != "cash"]


def by_source_table(groups: Sequence[GroupTotal], t: HelpTotals, caption: str) -> Table:
    """One row per funding source, then the total (equal to the sum of the help records' values)."""
    rows: list[tuple[Cell, ...]] = [
        (n, source_name(g.key), g.records, w.value_cell(g.value_vnd), w.cash_cell(g.cash_vnd))
        for n, g in enumerate(groups, start=1)
    ]
    rows.append(("", "Tổng cộng", t.records, w.value_cell(t.value_vnd), w.cash_cell(t.cash_vnd)))
    return Table(
        header=[("TT", "Nguồn vốn", "Số lượt", "Giá trị quy ra tiền", "Trong đó tiền mặt")],
        rows=rows,
        widths=(0.7, 5.2, 1.2, 2.0, 2.0),
        numeric=(2, 3, 4),  # "chưa quy đổi" stands where the figure would
        centred=(0,),
        total_rows=1,
        unit="ĐVT: triệu đồng",
        caption=caption,
    )
