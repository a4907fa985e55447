"""The detailed criteria-progress report: every criterion and indicator with its values across the years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import years_text
from ntm_desktop.criteria.model import CriteriaSet, Criterion, Indicator
from ntm_desktop.export.pdf import (
    Block,
    Cell,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.criteria_table import Judged, RowsOf, grouped_tables
from ntm_desktop.reports.heading import Header, header_for
from ntm_desktop.reports.history_chart import history_figure
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.requests import ProgressReport
from ntm_desktop.services.rollup import YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

KIND = "criteria-progress"
LEGEND = "Ghi chú: (Đ) đạt; (CĐ) chưa đạt; ô trống: chưa có số liệu."


@dataclass(frozen=True)
class Period:
    """The years judged under one criteria set, with each year's summary and assessments."""

    cs: CriteriaSet
    years: tuple[YearSummary, ...]
    judged: tuple[Judged, ...]


@dataclass(frozen=True)
class ProgressFacts:
    header: Header
    history: tuple[YearSummary, ...]
    periods: tuple[Period, ...]

    @property
    def first(self) -> int:
        return self.history[0].year

    @property
    def last(self) -> int:
        return self.history[-1].year


def gather(ws: Workspace, request: ProgressReport) -> ProgressFacts:
    lo, hi = request.first_year, request.last_year
    if lo is not None and hi is not None and lo > hi:
        raise InvalidInput(tr("The first year is after the last year."), field="first_year")
    history = tuple(
        h for h in ws.progress.history() if (lo is None or h.year >= lo) and (hi is None or h.year <= hi)
    )
    if not history:
        raise InvalidInput(tr("No year in that range has results yet."), field="year")
    periods: list[Period] = []
    for set_id in dict.fromkeys(h.set_id for h in history):
        years = tuple(h for h in history if h.set_id == set_id)
        cs = ws.criteria.get(set_id, years[-1].set_revision)
        judged = tuple(Judged.of(ws.progress.assessments(h.year)) for h in years)
        periods.append(Period(cs, years, judged))
    return ProgressFacts(header_for(ws.unit.home(), request), history, tuple(periods))


def _unit(indicator: Indicator) -> str:
    """What the indicator's figures count ("%", "triệu đồng/người/năm"), or "" for Có/Không and text."""
    if indicator.kind == "percent":
        return "%"
    return indicator.unit.strip() if indicator.kind == "number" else ""


def _label(indicator: Indicator, name: str) -> str:
    """The row's name with its unit once: the year columns have no room for "triệu đồng/người/năm"."""
    unit = _unit(indicator)
    return f"{name} ({unit})" if unit else name


def _bare(indicator: Indicator, text: str) -> str:
    """A value or threshold without the unit the row's name already gives: "≥ 45", "30,5"."""
    unit = _unit(indicator)
    return text.removesuffix(unit).rstrip() if unit else text


def _cell(indicator: Indicator, judged: Judged) -> str:
    a = judged.indicator(indicator.code)
    if a is None or a.value is None:
        return "" if a is None or a.met is None else f"({w.SHORT[a.met]})"
    mark = f" ({w.SHORT[a.met]})" if a.met is not None else ""
    return _bare(indicator, w.value_text(indicator, a.value)) + mark


def _criterion_cells(c: Criterion, p: Period) -> list[str]:
    cells = []
    for summary in p.years:
        status = summary.status_of(c.code) or "unknown"
        cells.append(w.status_label(status) if status != "unknown" else "")
    return cells


def _rows_of(p: Period, region: str | None, group: int | None) -> RowsOf:
    def rows(c: Criterion) -> list[tuple[Cell, ...]]:
        name = f"Tiêu chí số {c.code}: {c.name_vi}"
        if len(c.indicators) == 1 and c.indicators[0].code == c.code:
            ind = c.indicators[0]
            req = _bare(ind, w.requirement_text(ind, region, group))
            return [(c.code, _label(ind, name), req, *(_cell(ind, j) for j in p.judged))]
        req = "Đạt tất cả các chỉ tiêu" if c.indicators else w.criterion_requirement(c, region, group)
        out: list[tuple[Cell, ...]] = [(c.code, name, req, *_criterion_cells(c, p))]
        for ind in c.indicators:
            req = _bare(ind, w.requirement_text(ind, region, group))
            label = _label(ind, f"{ind.code}. {ind.name_vi}")
            out.append((ind.code, label, req, *(_cell(ind, j) for j in p.judged)))
        return out

    return rows


def _period_tables(p: Period, f: ProgressFacts, caption: str) -> list[Table]:
    unit = f.header.unit
    years = [str(s.year) for s in p.years]
    columns = ("TT", "Tiêu chí, chỉ tiêu", "Yêu cầu", *years)
    # room for "17.10", for "QĐ 1491/QĐ-BGDĐT" on one line and for "Có (Đ)" in each of five years
    widths = (1.15, 4.0, 3.6, *([1.45] * len(years)))
    centred = (0, *range(3, len(columns)))
    group = unit.group_for(p.years[-1].year) if p.years else unit.group  # the period's own group
    # the years keep equal widths: the room the Yêu cầu column needs comes from the names, and
    # "Có (Đ)" never wraps in the one year column that has the shortest words
    rows = _rows_of(p, unit.region, group)
    return grouped_tables(p.cs, columns, rows, caption, widths, centred, kept=range(3, len(columns)))


def _overview_table(f: ProgressFacts, caption: str) -> Table:
    sets = {p.cs.id: p.cs for p in f.periods}
    rows: list[tuple[Cell, ...]] = []
    for h in f.history:
        rate = (Decimal(h.met * 100) / Decimal(h.total)).quantize(Decimal("0.1")) if h.total else Decimal(0)
        cs = sets[h.set_id]
        rows.append((str(h.year), years_text(cs.period_from, cs.period_to), f"{h.met}/{h.total}", rate))
    return Table(
        header=[("Năm", "Bộ tiêu chí giai đoạn", "Số tiêu chí đạt", "Tỷ lệ đạt (%)")],
        rows=rows,
        widths=(1, 2, 2, 2),
        centred=(0, 1, 2),
        caption=caption,
    )


def document(f: ProgressFacts) -> OfficialDocument:
    captions = Captions()
    span = f"năm {f.first}" if f.first == f.last else f"giai đoạn {years_text(f.first, f.last)}"
    body: list[Block] = [
        Heading("I. TỔNG HỢP KẾT QUẢ QUA CÁC NĂM"),
        Paragraph(f"Kết quả thực hiện các tiêu chí xã nông thôn mới của {f.header.commune} {span} như sau:"),
        _overview_table(f, captions.table("Số tiêu chí đạt qua các năm")),
    ]
    # one chart per criteria set: the years of different sets are not on one scale
    figures = (history_figure(p.cs, p.years, captions) for p in f.periods)
    body += [figure for figure in figures if figure is not None]
    body.append(Heading("II. KẾT QUẢ TỪNG TIÊU CHÍ, CHỈ TIÊU"))
    for p in f.periods:
        basis = f"Quyết định số {p.cs.legal_basis.document}"
        body += _period_tables(p, f, captions.table(f"Kết quả từng chỉ tiêu theo {p.cs.name_vi} ({basis})"))
    body.append(Paragraph(LEGEND, italic=True))
    body.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện các tiêu chí nông thôn mới {span} của "
            f"Ủy ban nhân dân {f.header.commune}./."
        )
    )
    title = f"Kết quả thực hiện các tiêu chí xã nông thôn mới {span}"
    receiving = f.header.unit.receiving_unit_name
    # addressed like the yearly report: "Kính gửi" names whom "Nơi nhận" sends it to
    return f.header.document(title, body, snapshot(f), recipients=(receiving,), distribution=(receiving,))


def snapshot(f: ProgressFacts) -> dict[str, Any]:
    periods = []
    for p in f.periods:
        years = []
        for s, j in zip(p.years, p.judged, strict=True):
            values = {code: {"value": a.value, "met": a.met} for code, a in sorted(j.indicators.items())}
            whole = {code: {"value": a.value, "met": a.met} for code, a in sorted(j.whole.items())}
            statuses = {c.code: c.status for c in s.criteria}
            years.append({"year": s.year, "met": s.met, "total": s.total, "criteria": statuses,
                          "indicators": values, "whole": whole})  # fmt: skip
        periods.append({"criteria_set": {"id": p.cs.id, "revision": p.cs.revision}, "years": years})
    return {**f.header.snapshot_head(KIND), "first_year": f.first, "last_year": f.last, "periods": periods}


def build(ws: Workspace, request: ProgressReport) -> OfficialDocument:
    return document(gather(ws, request))
