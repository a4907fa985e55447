"""The commune's annual report: "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm YYYY".

:func:`gather` reads everything from the workspace into :class:`CommuneFacts` (plain values); :func:`document`
turns them into an :class:`OfficialDocument` without touching the workspace again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.export.pdf import Block, Figure, Heading, OfficialDocument, Paragraph, criteria_chart
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.commune_text import summary_paragraphs, targets_blocks
from ntm_desktop.reports.criteria_table import Context, Judged, criteria_snapshot, criteria_tables
from ntm_desktop.reports.heading import Header, header_for
from ntm_desktop.reports.help_section import (
    by_kind_table,
    by_supporter_table,
    cadres_blocks,
    cadres_snapshot,
    events_blocks,
    events_snapshot,
    groups_snapshot,
    totals_paragraph,
)
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.requests import CommuneReport
from ntm_desktop.services.ledger import Cadre, Event, GroupTotal, HelpTotals
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.services.rollup import YearSummary

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

KIND = "commune-annual"


@dataclass(frozen=True)
class CommuneFacts:
    header: Header
    year: int
    cs: CriteriaSet
    summary: YearSummary
    now: Judged
    before: Judged
    history: tuple[YearSummary, ...]
    plans: dict[str, str]
    totals: HelpTotals
    supporters: tuple[GroupTotal, ...]
    cadres: tuple[Cadre, ...]
    events: tuple[Event, ...]
    recipient: str

    @property
    def context(self) -> Context:
        unit = self.header.unit
        return Context(self.cs, unit.region, unit.group_for(self.year), self.now, self.before)


def gather(ws: Workspace, request: CommuneReport) -> CommuneFacts:
    unit = ws.unit.home()
    year = request.year
    summary = ws.progress.summary(year)
    cs = ws.criteria.get(summary.set_id, summary.set_revision)
    before = ws.progress.assessments(summary.previous_year) if summary.previous_year else []
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return CommuneFacts(
        header=header_for(unit, request),
        year=year,
        cs=cs,
        summary=summary,
        now=Judged.of(ws.progress.assessments(year)),
        before=Judged.of(before),
        history=tuple(h for h in ws.progress.history() if h.year <= year),
        plans=ws.progress.plans(cs.id, unit.code),
        totals=ws.help.totals(HelpFilter(year)),
        supporters=tuple(ws.help.breakdown("supporter", HelpFilter(year))),
        cadres=tuple(c for c in ws.cadres.list() if w.overlaps(c.start, c.end, first, last)),
        events=tuple(e for e in ws.events.list() if e.date.year == year),
        recipient=unit.receiving_unit_name if request.recipient else "",
    )


def title(year: int) -> str:
    return f"Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm {year}"


def _criteria_blocks(f: CommuneFacts, captions: Captions) -> list[Block]:
    blocks: list[Block] = [
        Heading("II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"),
        Paragraph(f"Kết quả thực hiện từng tiêu chí, chỉ tiêu năm {f.year} như sau:"),
        *criteria_tables(
            f.context, f.summary, captions.table(f"Kết quả thực hiện các tiêu chí năm {f.year}")
        ),
    ]
    if len(f.history) > 1:
        rows = [(h.year, h.met, h.total) for h in f.history]
        blocks.append(Figure(criteria_chart(rows), captions.figure("Số tiêu chí đạt qua các năm")))
    return blocks


def _help_blocks(f: CommuneFacts, captions: Captions) -> list[Block]:
    blocks: list[Block] = [
        Heading("III. NGUỒN LỰC, SỰ GIÚP ĐỠ ĐÃ NHẬN"),
        Heading("1. Kết quả hỗ trợ", level=2),
        totals_paragraph(
            f.totals,
            f"Trong năm {f.year}, xã nhận được",
            f"Trong năm {f.year}, xã chưa ghi nhận khoản hỗ trợ nào.",
            len(f.supporters),
        ),
    ]
    if f.totals.records:
        blocks += by_supporter_table(f.supporters, f.totals, captions.table("Hỗ trợ theo cơ quan, đơn vị"))
        blocks.append(by_kind_table(f.totals, captions.table("Hỗ trợ theo loại, hiện vật và ngày công")))
    blocks.append(Heading("2. Cán bộ biệt phái, tăng cường", level=2))
    blocks += cadres_blocks(
        f.cadres,
        captions.table(f"Cán bộ biệt phái, tăng cường về xã năm {f.year}"),
        f"Trong năm {f.year}, không có cán bộ biệt phái, tăng cường về xã.",
    )
    blocks.append(Heading("3. Các hoạt động phối hợp", level=2))
    blocks += events_blocks(
        f.events,
        captions.table(f"Các hoạt động phối hợp năm {f.year}"),
        f"Trong năm {f.year}, chưa ghi nhận hoạt động phối hợp nào.",
    )
    return blocks


def document(f: CommuneFacts) -> OfficialDocument:
    captions = Captions()
    body: list[Block] = [Heading("I. KẾT QUẢ CHUNG")]
    body += summary_paragraphs(f)
    body += _criteria_blocks(f, captions)
    body += _help_blocks(f, captions)
    body.append(Heading("IV. CÁC TIÊU CHÍ CHƯA ĐẠT VÀ KẾ HOẠCH THỰC HIỆN"))
    body += targets_blocks(f, captions)
    body.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm {f.year} "
            f"của Ủy ban nhân dân {f.header.commune}./."
        )
    )
    return f.header.document(
        title(f.year),
        body,
        snapshot(f),
        recipients=(f.recipient,),
        distribution=(f.recipient or f.header.unit.receiving_unit_name,),
    )


def snapshot(f: CommuneFacts) -> dict[str, Any]:
    s = f.summary
    return {
        **f.header.snapshot_head(KIND),
        "year": f.year,
        "criteria_set": {"id": f.cs.id, "revision": f.cs.revision, "name": f.cs.name_vi},
        "summary": {
            "met": s.met,
            "total": s.total,
            "recorded": s.recorded,
            "previous_year": s.previous_year,
            "previous_met": s.previous_met,
        },
        "criteria": criteria_snapshot(f.context, s),
        "history": [{"year": h.year, "set": h.set_id, "met": h.met, "total": h.total} for h in f.history],
        "help": {
            "totals": f.totals.to_json(),
            "by_supporter": groups_snapshot(f.supporters),
            "cadres": cadres_snapshot(f.cadres),
            "events": events_snapshot(f.events),
        },
        "plans": [
            {"criterion": c.code, "target_year": c.target_year, "plan": f.plans.get(c.code, "")}
            for c in s.criteria
            if c.status != "met"
        ],
    }


def build(ws: Workspace, request: CommuneReport) -> OfficialDocument:
    return document(gather(ws, request))
