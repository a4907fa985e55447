"""What one supporter did for the commune over a period: assignments, help with items, cadres, events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.export.pdf import Block, Cell, Heading, OfficialDocument, Paragraph, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.heading import Header, header_for
from ntm_desktop.reports.help_section import (
    by_kind_table,
    cadres_blocks,
    cadres_snapshot,
    events_blocks,
    events_snapshot,
    help_list_table,
    totals_paragraph,
)
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.requests import SupporterReport
from ntm_desktop.services.ledger import Assignment, Cadre, Event, Help, HelpTotals, Supporter
from ntm_desktop.services.ledger.totals import HelpFilter

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

KIND = "supporter"


@dataclass(frozen=True)
class SupporterFacts:
    header: Header
    supporter: Supporter
    start: dt.date | None
    end: dt.date | None
    assignments: tuple[Assignment, ...]
    help: tuple[Help, ...]
    totals: HelpTotals
    cadres: tuple[Cadre, ...]
    events: tuple[Event, ...]

    @property
    def period(self) -> str:
        return w.period_text(self.start, self.end)


def find_supporter(ws: Workspace, text: str) -> Supporter:
    found = ws.supporters.find(text)
    if not found:
        raise NotFound(tr("No supporter matches “{text}”.", text=text))
    if len(found) > 1:
        names = "; ".join(f"{s.record_id}: {s.name}" for s in found[:8])
        raise InvalidInput(
            tr("“{text}” matches several supporters: {names}. Give the id.", text=text, names=names),
            field="supporter",
        )
    return found[0]


def gather(ws: Workspace, request: SupporterReport) -> SupporterFacts:
    start, end = request.start, request.end
    if start and end and start > end:
        raise InvalidInput(tr("The period starts after it ends."), field="start")
    who = find_supporter(ws, request.supporter)
    uid = who.uid
    return SupporterFacts(
        header=header_for(ws.unit.home(), request),
        supporter=who,
        start=start,
        end=end,
        assignments=tuple(
            a for a in ws.assignments.list() if a.supporter == uid and w.overlaps(a.start, a.end, start, end)
        ),
        help=tuple(ws.help.list(HelpFilter(start=start, end=end, supporter=uid))),
        totals=ws.help.totals(HelpFilter(start=start, end=end, supporter=uid)),
        cadres=tuple(
            c for c in ws.cadres.list() if c.supporter == uid and w.overlaps(c.start, c.end, start, end)
        ),
        events=tuple(
            e for e in ws.events.list() if uid in e.supporters and w.overlaps(e.date, e.date, start, end)
        ),
    )


def title(f: SupporterFacts) -> str:
    period = f" {f.period}" if f.period else ""
    return f"Kết quả giúp đỡ {f.header.commune} của {f.supporter.name}{period}"


def _assignments_blocks(f: SupporterFacts, captions: Captions) -> list[Block]:
    if not f.assignments:
        return [Paragraph("Chưa ghi nhận văn bản phân công giúp đỡ xã trong thời gian báo cáo.")]
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            a.document + (f" ngày {w.date_text(a.document_date)}" if a.document_date else ""),
            a.issuer,
            w.period_text(a.start, a.end),
            ", ".join(a.criteria),
            a.note,
        )
        for n, a in enumerate(f.assignments, start=1)
    ]
    return [
        Table(
            header=[("TT", "Văn bản", "Cơ quan ban hành", "Thời gian", "Tiêu chí", "Nội dung")],
            rows=rows,
            widths=(0.7, 2.4, 2.2, 2.2, 1.2, 3.4),
            centred=(0,),
            caption=captions.table("Văn bản phân công giúp đỡ xã"),
        )
    ]


def document(f: SupporterFacts) -> OfficialDocument:
    captions = Captions()
    when = f"Trong thời gian {f.period}" if f.period else "Đến nay"
    body: list[Block] = [Heading("I. NHIỆM VỤ ĐƯỢC PHÂN CÔNG"), *_assignments_blocks(f, captions)]
    body += [
        Heading("II. KẾT QUẢ HỖ TRỢ"),
        totals_paragraph(
            f.totals,
            f"{when}, xã nhận được từ {f.supporter.name}",
            f"{when}, chưa ghi nhận khoản hỗ trợ nào của {f.supporter.name}.",
        ),
    ]
    if f.help:
        body.append(help_list_table(f.help, captions.table("Các khoản hỗ trợ")))
        body.append(by_kind_table(f.totals, captions.table("Tổng hợp theo loại hỗ trợ")))
    body.append(Heading("III. CÁN BỘ BIỆT PHÁI, TĂNG CƯỜNG"))
    body += cadres_blocks(
        f.cadres,
        captions.table("Cán bộ biệt phái, tăng cường"),
        "Không có cán bộ biệt phái, tăng cường về xã.",
    )
    body.append(Heading("IV. CÁC HOẠT ĐỘNG PHỐI HỢP"))
    body += events_blocks(
        f.events, captions.table("Các hoạt động phối hợp"), "Chưa ghi nhận hoạt động phối hợp nào."
    )
    body.append(
        Paragraph(
            f"Ủy ban nhân dân {f.header.commune} trân trọng cảm ơn sự quan tâm, giúp đỡ của "
            f"{f.supporter.name} đối với địa phương./."
        )
    )
    return f.header.document(
        title(f),
        body,
        snapshot(f),
        recipients=(f.supporter.name,),
        distribution=(f.supporter.name, f.header.unit.receiving_unit_at(f.end or f.header.date)),
    )


def snapshot(f: SupporterFacts) -> dict[str, Any]:
    s = f.supporter
    return {
        **f.header.snapshot_head(KIND),
        "supporter": {"id": s.record_id, "name": s.name, "kind": s.kind, "parent": s.parent},
        "start": f.start,
        "end": f.end,
        "assignments": [
            {
                "id": a.record_id,
                "document": a.document,
                "issuer": a.issuer,
                "start": a.start,
                "end": a.end,
                "criteria": list(a.criteria),
            }
            for a in f.assignments
        ],
        "help": [h.to_json() for h in f.help],
        "totals": f.totals.to_json(),
        "cadres": cadres_snapshot(f.cadres),
        "events": events_snapshot(f.events),
    }


def build(ws: Workspace, request: SupporterReport) -> OfficialDocument:
    return document(gather(ws, request))
