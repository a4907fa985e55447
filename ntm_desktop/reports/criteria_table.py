"""Criterion by criterion, indicator by indicator: the requirement, the value, Đạt or not, the change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ntm_desktop.criteria.model import CriteriaSet, Criterion, Indicator
from ntm_desktop.export.pdf import Cell, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.services.progress import AssessmentView
from ntm_desktop.services.rollup import MET, CriterionStatus, YearSummary


@dataclass(frozen=True)
class Judged:
    """The assessments of one year, found by indicator code and by criterion code (whole judgements)."""

    indicators: dict[str, AssessmentView]
    whole: dict[str, AssessmentView]

    @classmethod
    def of(cls, views: Sequence[AssessmentView]) -> Judged:
        return cls(
            {a.indicator: a for a in views if a.indicator},
            {a.criterion: a for a in views if not a.indicator},
        )

    def indicator(self, code: str) -> AssessmentView | None:
        return self.indicators.get(code)


EMPTY = Judged({}, {})


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return Decimal(str(value))


def indicator_change(indicator: Indicator, now: AssessmentView | None, before: AssessmentView | None) -> str:
    """ "Mới đạt", "Không còn đạt", "Tăng 4,5 điểm %", "Duy trì"…; empty when there is nothing to compare."""
    if now is None or before is None:
        return ""
    if now.met is True and before.met is not True:
        return "Mới đạt"
    if now.met is False and before.met is True:  # a figure not judged yet has lost nothing
        return "Không còn đạt"
    a, b = _number(now.value), _number(before.value)
    if a is not None and b is not None and a != b:
        points = " điểm %" if indicator.kind == "percent" else ""
        return f"{'Tăng' if a > b else 'Giảm'} {w.number(abs(a - b))}{points}"
    if now.met is True:
        return "Duy trì"
    return "Không đổi" if a is not None and a == b else ""


def criterion_change(status: CriterionStatus) -> str:
    if status.change == "gained":
        return "Mới đạt"
    if status.change == "lost":
        return "Không còn đạt"
    return "Duy trì" if status.status == MET and status.previous_status == MET else ""


@dataclass(frozen=True)
class Context:
    cs: CriteriaSet
    region: str | None
    group: int | None
    now: Judged
    before: Judged


def _indicator_row(ctx: Context, ind: Indicator, label: str) -> tuple[Cell, ...]:
    a = ctx.now.indicator(ind.code)
    value = a.value if a else None
    return (
        ind.code,
        label,
        w.requirement_text(ind, ctx.region, ctx.group),
        w.value_text(ind, value),
        w.judgement(a.met if a else None, value is not None),
        indicator_change(ind, a, ctx.before.indicator(ind.code)),
    )


def _criterion_rows(ctx: Context, c: Criterion, status: CriterionStatus) -> list[tuple[Cell, ...]]:
    name = f"Tiêu chí số {c.code}: {c.name_vi}"
    if len(c.indicators) == 1 and c.indicators[0].code == c.code:  # the criterion is its one indicator
        code, label, requirement, value, _, change = _indicator_row(ctx, c.indicators[0], name)
        return [(code, label, requirement, value, w.status_label(status.status), change)]
    whole = ctx.now.whole.get(c.code)
    if c.indicators:
        result = f"{status.indicators_met}/{status.indicators_total} chỉ tiêu đạt"
        requirement = "Đạt tất cả các chỉ tiêu"
    else:
        result = w.value_text(None, whole.value) if whole else ""
        requirement = w.criterion_requirement(c, ctx.region, ctx.group)
    rows: list[tuple[Cell, ...]] = [
        (c.code, name, requirement, result, w.status_label(status.status), criterion_change(status))
    ]
    rows += [_indicator_row(ctx, ind, f"{ind.code}. {ind.name_vi}") for ind in c.indicators]
    return rows


WIDTHS = (0.9, 3.3, 2.6, 2.2, 1.4, 1.5)
"""TT, Tiêu chí, Yêu cầu, Kết quả, Đánh giá, So với; Yêu cầu holds "1491/QĐ-BGDĐT" unbroken."""

RowsOf = Callable[[Criterion], list[tuple[Cell, ...]]]


REQUIREMENT = 2
"""The Yêu cầu column of the criteria tables."""


def _glued(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """A no-break space after "QĐ": the Yêu cầu cell's reference "QĐ 318/QĐ-TTg" stays on one line."""
    text = row[REQUIREMENT]
    if not isinstance(text, str):
        return row
    return (*row[:REQUIREMENT], text.replace("QĐ ", "QĐ\u00a0"), *row[REQUIREMENT + 1 :])


def grouped_tables(
    cs: CriteriaSet,
    columns: Sequence[str],
    rows_of: RowsOf,
    caption: str,
    widths: Sequence[float],
    centred: Sequence[int] = (0,),
    kept: Sequence[int] = (),
) -> list[Table]:
    """The criteria in one table, each group of criteria (I. QUY HOẠCH, II. HẠ TẦNG…) under a heading row
    of its own, so the column titles stand once at the top of each page (one table per group printed
    them again above every group on the same page). A set without groups has no heading rows. ``kept``
    columns keep their own width when the Yêu cầu column widens (the progress report's years)."""
    groups = [(f"{g.code}. {g.name_vi.upper()}", cs.criteria_in(g.code)) for g in cs.groups]
    if not groups or sum(len(members) for _, members in groups) < len(cs.criteria):
        groups = [("", cs.criteria)]
    rows: list[Sequence[Cell]] = []
    sections: list[int] = []
    for name, members in groups:
        if name:
            sections.append(len(rows))
            rows.append((name, *([""] * (len(columns) - 1))))
        rows += [_glued(row) for c in members for row in rows_of(c)]
    return [
        Table(
            header=[tuple(columns)],
            rows=rows,
            widths=widths,
            centred=centred,
            caption=caption,
            section_rows=sections,
            unbroken=(REQUIREMENT, *kept),  # never "QĐ 318/QĐ" / "-TTg"
        )
    ]


def criteria_tables(ctx: Context, summary: YearSummary, caption: str) -> list[Table]:
    statuses = dict(zip((c.code for c in ctx.cs.criteria), summary.criteria, strict=True))
    before = f"So với năm {summary.previous_year}" if summary.previous_year else "So với năm trước"
    columns = ("TT", "Tiêu chí, chỉ tiêu", "Yêu cầu", f"Kết quả năm {summary.year}", "Đánh giá", before)
    return grouped_tables(
        ctx.cs, columns, lambda c: _criterion_rows(ctx, c, statuses[c.code]), caption, WIDTHS, (0, 4)
    )


def criteria_snapshot(ctx: Context, summary: YearSummary) -> list[dict[str, Any]]:
    """The figures behind the table, for the attached data."""
    out: list[dict[str, Any]] = []
    for c, status in zip(ctx.cs.criteria, summary.criteria, strict=True):
        whole = ctx.now.whole.get(c.code)
        indicators = []
        for ind in c.indicators:
            a = ctx.now.indicator(ind.code)
            indicators.append(
                {
                    "code": ind.code,
                    "requirement": w.requirement_text(ind, ctx.region, ctx.group),
                    "value": a.value if a else None,
                    "met": a.met if a else None,
                }
            )
        out.append(
            {
                "code": c.code,
                "name": c.name_vi,
                "status": status.status,
                "previous_status": status.previous_status,
                "indicators_met": status.indicators_met,
                "indicators_total": status.indicators_total,
                "target_year": status.target_year,
                "judged_whole": None if whole is None else {"value": whole.value, "met": whole.met},
                "indicators": indicators,
            }
        )
    return out
