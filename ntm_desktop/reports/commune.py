"""The commune's yearly report: "Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm
YYYY", in the sections communes file (see docs/reports.md, "The yearly commune report"):

I. công tác chỉ đạo, điều hành, tuyên truyền; II. kết quả thực hiện các tiêu chí (the table, with the
commune's region or group and each requirement's basis); III. huy động nguồn lực, by funding source;
IV. nợ đọng xây dựng cơ bản; V. tồn tại, hạn chế, nguyên nhân; VI. phương hướng, nhiệm vụ năm sau;
VII. kiến nghị, đề xuất.

Each section opens with the officer's text, or the sentences drawn from the data until they write it
(:mod:`.narratives`); the tables follow. :func:`gather` reads the workspace once; :func:`document` lays the
facts out as one :class:`OfficialDocument`, which the PDF and the Word copy both print.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ntm_desktop.export.pdf import Block, OfficialDocument, Paragraph
from ntm_desktop.reports.commune_body import section_blocks
from ntm_desktop.reports.commune_facts import CommuneFacts
from ntm_desktop.reports.criteria_table import criteria_snapshot
from ntm_desktop.reports.heading import header_for
from ntm_desktop.reports.help_section import cadres_snapshot, events_snapshot, groups_snapshot
from ntm_desktop.reports.narratives import sections
from ntm_desktop.reports.numbering import Captions
from ntm_desktop.reports.requests import CommuneReport
from ntm_desktop.reports.year_facts import YearFacts, gather_year

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

KIND = "commune-annual"


def gather(ws: Workspace, request: CommuneReport) -> CommuneFacts:
    header = header_for(ws.unit.home(), request)
    facts = gather_year(ws, request.year)
    unit = facts.unit
    return CommuneFacts(
        header=header,
        facts=facts,
        sections=tuple(sections(facts, header.date)),
        recipient=unit.receiving_unit_at(dt.date(request.year, 12, 31)) if request.recipient else "",
    )


def title(year: int) -> str:
    return f"Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}"


def document(f: CommuneFacts) -> OfficialDocument:
    body: list[Block] = section_blocks(f.facts, f.sections, Captions())
    body.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
            f"năm {f.year} của Ủy ban nhân dân {f.header.commune}./."
        )
    )
    return f.header.document(
        title(f.year),
        body,
        snapshot(f),
        recipients=(f.recipient,),
        distribution=(f.recipient or f.header.unit.receiving_unit_at(dt.date(f.year, 12, 31)),),
    )


def snapshot(f: CommuneFacts) -> dict[str, Any]:
    y = f.facts
    s = y.summary
    return {
        **f.header.snapshot_head(KIND),
        "year": f.year,
        "criteria_set": {"id": y.cs.id, "revision": y.cs.revision, "name": y.cs.name_vi},
        "summary": {
            "met": s.met,
            "total": s.total,
            "recorded": s.recorded,
            "previous_year": s.previous_year,
            "previous_met": s.previous_met,
        },
        "criteria": criteria_snapshot(y.context, s),
        "history": [{"year": h.year, "set": h.set_id, "met": h.met, "total": h.total} for h in y.history],
        "help": {
            "totals": y.totals.to_json(),
            "by_supporter": groups_snapshot(y.supporters),
            "cadres": cadres_snapshot(y.cadres),
            "events": events_snapshot(y.events),
        },
        "plans": [
            {"criterion": c.code, "target_year": c.target_year, "plan": y.plans.get(c.code, "")}
            for c in s.criteria
            if c.status != "met"
        ],
        "sections": [section.to_json() for section in f.sections],
    } | _recognitions(y)


def _recognitions(y: YearFacts) -> dict[str, Any]:
    """The province's decisions recognising the year, when there is one (older reports are unchanged)."""
    if not y.recognitions:
        return {}
    return {"recognitions": [{"level": r.level, "decision": r.decision, "date": r.decided_on.isoformat(),
                              "decided_by": r.decided_by} for r in y.recognitions]}  # fmt: skip


def build(ws: Workspace, request: CommuneReport) -> OfficialDocument:
    return document(gather(ws, request))
