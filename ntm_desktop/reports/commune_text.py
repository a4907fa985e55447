"""The annual report's running text: section I (where the commune stands) and section IV (what is left)."""

from __future__ import annotations

import datetime as dt

from ntm_desktop.export.pdf import Block, Cell, Paragraph, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.commune_facts import CommuneFacts
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.services.rollup import MET, CriterionStatus


def _as_of(year: int, report_date: dt.date) -> str:
    end = dt.date(year, 12, 31)
    return f"ngày {w.date_text(end)}" if report_date >= end else "thời điểm báo cáo"


def _change(f: CommuneFacts) -> str:
    s = f.summary
    if s.previous_year is None or s.previous_met is None:
        return ""
    diff = s.met - s.previous_met
    before = f"năm {s.previous_year} ({s.previous_met}/{s.total} tiêu chí)"
    if diff > 0:
        return f", tăng {diff} tiêu chí so với {before}"
    if diff < 0:
        return f", giảm {-diff} tiêu chí so với {before}"
    return f", bằng {before}"


def _named(rows: list[CriterionStatus]) -> str:
    return w.criteria_list((c.code, c.name_vi) for c in rows)


def _legal_basis(f: CommuneFacts) -> str:
    basis = f.cs.legal_basis
    return f"Quyết định số {basis.document} ngày {w.date_text(basis.date)}"


def _standing_of(f: CommuneFacts) -> str:
    """ ", xã thuộc nhóm 2 (giai đoạn 2026–2030)" or ", vùng Trung du miền núi phía Bắc": what decides which
    thresholds apply; said only for the dimension the year's set uses."""
    u = f.header.unit
    if f.cs.dimension == "group":
        group = u.group_for(f.year)
        period = f"{f.cs.period_from}–{f.cs.period_to}"
        if group is None:
            return f"; nhóm xã giai đoạn {period} chưa được xác định"
        return f"; xã thuộc nhóm {group} (giai đoạn {period})"
    if u.region:
        return f"; xã thuộc vùng {w.region_vi(u.region)}"
    return ""


def summary_paragraphs(f: CommuneFacts) -> list[Block]:
    s = f.summary
    unit = f.header.commune
    first = f"Năm {f.year}, {unit} tổ chức thực hiện {f.cs.name_vi} ({_legal_basis(f)}){_standing_of(f)}."
    standing = f"Đến {_as_of(f.year, f.header.date)}, {unit} đạt {s.met}/{s.total} tiêu chí{_change(f)}."
    gained = [c for c in s.criteria if c.change == "gained"]
    lost = [c for c in s.criteria if c.change == "lost"]
    if gained:
        standing += f" Tiêu chí mới đạt trong năm: {_named(gained)}."
    if lost:
        standing += f" Tiêu chí không còn đạt: {_named(lost)}."
    blocks: list[Block] = [Paragraph(first), Paragraph(standing)]
    details = []
    if f.cs.indicator_count:
        met = sum(c.indicators_met for c in s.criteria)
        details.append(f"Tổng số chỉ tiêu đạt: {met}/{f.cs.indicator_count} chỉ tiêu.")
    if s.recorded < s.total:
        details.append(f"Còn {s.total - s.recorded} tiêu chí chưa có kết quả đánh giá trong năm.")
    details.append(_targets_sentence(f))
    blocks.append(Paragraph(" ".join(details)))
    return blocks


def _targets_sentence(f: CommuneFacts) -> str:
    s = f.summary
    open_ = [c for c in s.criteria if c.status != MET]
    if not open_:
        return f"Xã đã đạt đủ {s.total}/{s.total} tiêu chí."
    planned = sorted((c for c in open_ if c.target_year), key=lambda c: (c.target_year or 0, c.code))
    unplanned = [c for c in open_ if not c.target_year]
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


def targets_blocks(f: CommuneFacts, captions: Captions) -> list[Block]:
    open_ = [c for c in f.summary.criteria if c.status != MET]
    if not open_:
        return [
            Paragraph(
                f"{f.header.commune[:1].upper()}{f.header.commune[1:]} đã đạt đủ các tiêu chí; tiếp tục "
                "duy trì và nâng cao chất lượng các tiêu chí đã đạt."
            )
        ]
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            f"Tiêu chí số {c.code}: {c.name_vi}",
            _standing(c),
            str(c.target_year) if c.target_year else "Chưa xác định",
            f.plans.get(c.code, ""),
        )
        for n, c in enumerate(open_, start=1)
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
