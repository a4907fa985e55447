"""The annual report's sentences drawn from the data: where the commune stands on the criteria, what is
left to do, and the table of criteria not yet met with their plans."""

from __future__ import annotations

import datetime as dt

from ntm_desktop.core.units import years_text
from ntm_desktop.export.pdf import Block, Cell, Paragraph, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.summary import LEVEL_VI
from ntm_desktop.reports.year_facts import YearFacts
from ntm_desktop.services.rollup import MET, CriterionStatus


def as_of(year: int, report_date: dt.date) -> str:
    """ "ngày 31/12/2025" once the year is over, else "thời điểm báo cáo"."""
    end = dt.date(year, 12, 31)
    return f"ngày {w.date_text(end)}" if report_date >= end else "thời điểm báo cáo"


def _change(f: YearFacts) -> str:
    s = f.summary
    if s.previous_year is None or s.previous_met is None or not s.recorded:  # nothing to compare yet
        return ""
    diff = s.met - s.previous_met
    before = f"năm {s.previous_year} ({s.previous_met}/{s.total} tiêu chí)"
    if diff > 0:
        return f", tăng {diff} tiêu chí so với {before}"
    if diff < 0:
        return f", giảm {-diff} tiêu chí so với {before}"
    return f", bằng {before}"


def named(rows: list[CriterionStatus]) -> str:
    return w.criteria_list((c.code, c.name_vi) for c in rows)


def legal_basis(f: YearFacts) -> str:
    basis = f.cs.legal_basis
    return f"Quyết định số {basis.document} ngày {w.date_text(basis.date)}"


def summary_lines(f: YearFacts, report_date: dt.date) -> list[str]:
    """ "Năm 2025, xã Bằng Thành tổ chức thực hiện …", "Đến ngày 31/12/2025, xã … đạt 17/19 tiêu chí…"."""
    s = f.summary
    first = f"Năm {f.year}, {f.commune} tổ chức thực hiện {f.cs.name_vi} ({legal_basis(f)})."
    standing = f"Đến {as_of(f.year, report_date)}, {f.commune} đạt {s.met}/{s.total} tiêu chí{_change(f)}."
    gained = [c for c in s.criteria if c.change == "gained"]
    lost = [c for c in s.criteria if c.change == "lost"]
    if gained:
        standing += f" Tiêu chí mới đạt trong năm: {named(gained)}."
    if lost:
        standing += f" Tiêu chí không còn đạt: {named(lost)}."
    details = []
    if f.cs.indicator_count:
        met = sum(c.indicators_met for c in s.criteria)
        details.append(f"Tổng số chỉ tiêu đạt: {met}/{f.cs.indicator_count} chỉ tiêu.")
    if s.recorded < s.total:
        details.append(f"Còn {s.total - s.recorded} tiêu chí chưa có kết quả đánh giá trong năm.")
    return [first, standing, " ".join(details)] if details else [first, standing]


def basis_sentence(f: YearFacts) -> str:
    """Which thresholds apply: the commune's region (2016–2025 sets) or its group in the set's period
    (2026–2030); requirements written in another document than the set's decision name it in the table."""
    unit = f.unit
    if f.cs.dimension == "group":
        group = unit.group_for(f.year)
        period = years_text(f.cs.period_from, f.cs.period_to)
        if group:
            who, applies = f"xã thuộc nhóm {group} (giai đoạn {period})", "nhóm xã này"
        else:
            who, applies = f"nhóm xã giai đoạn {period} chưa được xác định", "xã"
    elif unit.region:
        who, applies = f"xã thuộc vùng {w.region_vi(unit.region)}", "vùng này"
    else:
        who, applies = "vùng của xã chưa được xác định", "xã"
    return (
        f"Căn cứ đánh giá: {who}; cột Yêu cầu ghi mức áp dụng cho {applies} theo {legal_basis(f)} "
        f"(yêu cầu theo văn bản khác ghi rõ văn bản đó). Kết quả thực hiện từng tiêu chí, chỉ tiêu năm "
        f"{f.year} như sau:"
    )


def open_criteria(f: YearFacts) -> list[CriterionStatus]:
    return [c for c in f.summary.criteria if c.status != MET]


def targets_sentence(f: YearFacts) -> str:
    s = f.summary
    still = open_criteria(f)
    if not still:
        return f"Xã đã đạt đủ {s.total}/{s.total} tiêu chí."
    planned = sorted((c for c in still if c.target_year), key=lambda c: (c.target_year or 0, c.code))
    unplanned = [c for c in still if not c.target_year]
    parts = []
    if planned:
        items = [f"số {c.code} (năm {c.target_year})" for c in planned]
        parts.append(f"Xã phấn đấu hoàn thành tiêu chí {w.joined(items)}.")
    if unplanned:
        codes = w.joined(f"số {c.code}" for c in unplanned)
        parts.append(f"Chưa xác định năm phấn đấu đạt đối với tiêu chí {codes}.")
    return " ".join(parts)


def _standing(c: CriterionStatus) -> str:
    text = w.status_label(c.status)
    if c.indicators_total > 1:
        text += f" ({c.indicators_met}/{c.indicators_total} chỉ tiêu đạt)"
    return text


def targets_blocks(f: YearFacts, captions: Captions) -> list[Block]:
    still = open_criteria(f)
    if not still:
        return []
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            f"Tiêu chí số {c.code}: {c.name_vi}",
            _standing(c),
            str(c.target_year) if c.target_year else "Chưa xác định",
            f.plans.get(c.code, ""),
        )
        for n, c in enumerate(still, start=1)
    ]
    return [
        Paragraph(f"Các tiêu chí chưa đạt năm {f.year} và kế hoạch thực hiện:"),
        Table(
            header=[("TT", "Tiêu chí", "Hiện trạng", "Năm phấn đấu đạt", "Giải pháp, kế hoạch thực hiện")],
            rows=rows,
            widths=(0.7, 3.4, 2.2, 1.6, 4.0),
            centred=(0, 3),
            caption=captions.table("Các tiêu chí chưa đạt và kế hoạch thực hiện"),
        ),
    ]


def recognition_sentences(f: YearFacts) -> list[str]:
    """ "Xã Bằng Thành đã được công nhận đạt chuẩn nông thôn mới năm 2025 (Quyết định số 123/QĐ-UBND ngày
    20/12/2025)." for each decision the province sent back: its number and date as the province entered
    them, nothing the app would have to make up (who signed it)."""
    commune = f.commune[:1].upper() + f.commune[1:]
    return [
        f"{commune} đã được công nhận đạt chuẩn {LEVEL_VI.get(r.level, r.level).removeprefix('Xã ')} năm "
        f"{r.year} (Quyết định số {r.decision} ngày {r.decided_on:%d/%m/%Y})."
        for r in f.recognitions
    ]
