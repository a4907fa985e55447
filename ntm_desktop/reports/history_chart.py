"""The chart of criteria met year by year, for the years judged by one criteria set: 19 criteria of
2021–2025 and 10 of 2026–2030 are different yardsticks, and bars side by side on one axis would read as
a fall from 19 to 4."""

from __future__ import annotations

from collections.abc import Sequence

from ntm_desktop.core.units import years_text
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.export.pdf import Figure, Table, criteria_chart
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.services.rollup import YearSummary


def history_figure(cs: CriteriaSet, history: Sequence[YearSummary], captions: Captions) -> Figure | None:
    """The years of ``history`` judged by ``cs`` as bars "17/19", the caption naming the set; ``None``
    (and no figure number taken) when fewer than two years were judged by it."""
    rows = [(h.year, h.met, h.total) for h in history if h.set_id == cs.id]
    if len(rows) < 2:
        return None
    table = Table(
        header=[("Năm", "Số tiêu chí đạt", "Tổng số tiêu chí")],
        rows=[(str(y), met, total) for y, met, total in rows],
        widths=(1, 1, 1),
        centred=(0, 1, 2),
    )
    period = years_text(cs.period_from, cs.period_to)
    caption = captions.figure(f"Số tiêu chí đạt qua các năm theo Bộ tiêu chí giai đoạn {period}")
    return Figure(criteria_chart(rows), caption, table=table)
