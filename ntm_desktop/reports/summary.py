"""The receiving unit's summary of a year: every commune's criteria and sign-off state, who has not
reported, the help all communes received (by kind, by commune, by supporter), seconded cadres and how
their communes did, and how many communes met how many criteria.

Issued by the receiving unit (e.g. VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH THÁI NGUYÊN under UBND TỈNH
THÁI NGUYÊN) in the NĐ 30/2020 layout. :func:`gather` reads the workspace once into
:class:`SummaryFacts`, which the PDF (:func:`document`) and the Excel file
(:mod:`ntm_desktop.reports.summary_xlsx`) both lay out, so the two show the same tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_change
from ntm_desktop.export.pdf import (
    Block,
    Cell,
    Figure,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    criteria_chart,
)
from ntm_desktop.receiver.summary import reached_standard, unit_json
from ntm_desktop.receiver.values import (
    APPROVED,
    NOT_REPORTED,
    RETURNED,
    REVIEWED,
    CadreOutcome,
    ReceiverInfo,
    SupporterTotal,
    UnitHelp,
    UnitRow,
)
from ntm_desktop.reports import wording as w
from ntm_desktop.reports.help_section import MONEY_UNIT, by_kind_table, totals_paragraph
from ntm_desktop.reports.numbering import Captions, renumbered
from ntm_desktop.reports.requests import SummaryReport
from ntm_desktop.services.ledger import HelpTotals
from ntm_desktop.services.ledger.kinds import SUPPORTER_KINDS

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

KIND = "receiver-summary"
STATUS_VI = {
    NOT_REPORTED: "Chưa báo cáo",
    "received": "Đã nhận",
    REVIEWED: "Đã xem xét",
    APPROVED: "Đã phê duyệt",
    RETURNED: "Trả lại để chỉnh sửa",
}
"""Sign-off states as the official paper prints them (Vietnamese whatever the screen language)."""
LEVEL_VI = {
    "ntm": "Xã nông thôn mới",
    "nang_cao": "Xã nông thôn mới nâng cao",
    "kieu_mau": "Xã nông thôn mới kiểu mẫu",
    "hien_dai": "Xã nông thôn mới hiện đại",
}
"""Recognition levels as the paper prints them."""
ISSUER_CODE = {"province": "VPĐP", "district": "UBND", "national": "VPĐP"}
_LINE = 26
"""Characters an agency line holds in the header's left column (capitals, bold)."""
_PLACE = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã)\s", re.IGNORECASE)


@dataclass(frozen=True)
class SummaryTables:
    """The year's figures, as both the PDF and the Excel file show them."""

    info: ReceiverInfo
    year: int
    rows: tuple[UnitRow, ...]
    totals: HelpTotals
    by_unit: tuple[UnitHelp, ...]
    by_supporter: tuple[SupporterTotal, ...]
    cadres: tuple[CadreOutcome, ...]
    distribution: dict[int, int]

    @property
    def reported(self) -> tuple[UnitRow, ...]:
        return tuple(r for r in self.rows if r.status != NOT_REPORTED)

    @property
    def missing(self) -> tuple[UnitRow, ...]:
        return tuple(r for r in self.rows if r.status == NOT_REPORTED)

    @property
    def criteria_total(self) -> int:
        return max((r.criteria_total or 0 for r in self.rows), default=0)

    @property
    def standard(self) -> dict[str, int]:
        """Self-assessed at the standard; of those reviewed and approved; recognised (receiver/summary)."""
        return reached_standard(self.rows)


@dataclass(frozen=True)
class SummaryFacts:
    tables: SummaryTables
    number: int | None
    date: dt.date
    signer: Signature


def tables(ws: Workspace, year: int) -> SummaryTables:
    r = ws.receiver
    rows = tuple(r.units(year))
    cadres = tuple(r.cadre_outcomes(year))
    return SummaryTables(
        info=r.info(),
        year=year,
        rows=rows,
        totals=r.help_totals(year),
        by_unit=tuple(r.by_unit(year)),
        by_supporter=tuple(r.by_supporter(year)),
        cadres=cadres,
        distribution=r.criteria_distribution(year),
    )


def gather(ws: Workspace, request: SummaryReport) -> SummaryFacts:
    if request.number is not None and request.number < 1:
        raise InvalidInput(tr("The document number must be 1 or more"), field="number")
    info = ws.receiver.info()
    name = request.signer or info.signer_name
    if not name:
        raise InvalidInput(
            tr(
                "Say who signs the summary: File › Office details… in the window, or "
                "ntm-desktop receiver edit --signer NAME --signer-title TITLE"
            ),
            field="signer",
        )
    signer = Signature(title=w.signer_title(info.signer_title) or "Chánh Văn phòng", name=name)
    return SummaryFacts(tables(ws, request.year), request.number, request.date or vntime.today(), signer)


def title(year: int) -> str:
    return (
        "Tổng hợp kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới "
        f"và công tác hỗ trợ, giúp đỡ các xã năm {year}"
    )


def _halves(text: str) -> tuple[str, ...]:
    words = text.split()
    if len(text) <= _LINE or len(words) < 2:
        return (text,)
    if text.casefold().startswith("văn phòng điều phối "):
        cut = 4
    else:
        cut = min(
            range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))
        )
    return (" ".join(words[:cut]), " ".join(words[cut:]))


def agency_lines(name: str) -> tuple[str, ...]:
    """The issuing body in short lines, the place on a line of its own: "Văn phòng Điều phối" /
    "nông thôn mới" / "tỉnh Thái Nguyên"."""
    if len(name) <= _LINE:
        return (name,)
    place = _PLACE.search(name)
    if place is None or place.start() == 0:
        return _halves(name)
    return (*_halves(name[: place.start()].strip()), name[place.start() :].strip())


def _count(rows: tuple[UnitRow, ...], status: str) -> int:
    return sum(1 for r in rows if r.status == status)


def reception_blocks(t: SummaryTables, captions: Captions, day: dt.date) -> list[Block]:
    rows, reported = t.rows, t.reported
    text = (
        f"Đến ngày {w.date_text(day)}, {t.info.name} đã nhận dữ liệu năm {t.year} của "
        f"{len(reported)}/{len(rows)} xã; đã phê duyệt {_count(rows, APPROVED)} xã, đã xem xét "
        f"{_count(rows, REVIEWED)} xã, trả lại để chỉnh sửa {_count(rows, RETURNED)} xã"
    )
    text += f"; còn {len(t.missing)} xã chưa gửi báo cáo." if t.missing else "; tất cả các xã đã gửi báo cáo."
    table_rows: list[tuple[Cell, ...]] = [
        (
            n,
            r.code,
            r.name + (f" (gồm {', '.join(r.predecessors)})" if r.predecessors else ""),
            f"{r.criteria_met}/{r.criteria_total}" if r.criteria_met is not None else "",
            format_change(r.change),
            STATUS_VI.get(r.status, r.status),
        )
        for n, r in enumerate(rows, start=1)
    ]
    blocks: list[Block] = [
        Heading("I. TÌNH HÌNH TIẾP NHẬN BÁO CÁO CỦA CÁC XÃ"),
        Paragraph(text),
        Table(
            header=[("TT", "Mã xã", "Tên xã", "Số tiêu chí đạt", "So với năm trước", "Tình trạng")],
            rows=table_rows,
            widths=(0.7, 1.2, 4.0, 1.6, 1.5, 2.4),
            centred=(0, 1, 3, 4),
            caption=captions.table(f"Kết quả thực hiện Bộ tiêu chí và tình trạng báo cáo năm {t.year}"),
        ),
    ]
    if t.missing:
        late: list[tuple[Cell, ...]] = [
            (
                n,
                r.code,
                r.name,
                w.date_text(vntime.to_vn(r.last_bundle_at).date())
                if r.last_bundle_at
                else "Chưa gửi lần nào",
            )
            for n, r in enumerate(t.missing, start=1)
        ]
        blocks.append(
            Table(
                header=[("TT", "Mã xã", "Tên xã", "Lần gửi dữ liệu gần nhất")],
                rows=late,
                widths=(0.7, 1.2, 5.0, 3.0),
                centred=(0, 1),
                caption=captions.table(f"Các xã chưa gửi báo cáo năm {t.year}"),
            )
        )
    return blocks


def criteria_blocks(t: SummaryTables, captions: Captions) -> list[Block]:
    blocks: list[Block] = [Heading("II. KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ")]
    judged = [r for r in t.rows if r.criteria_met is not None]
    if not judged:
        return [*blocks, Paragraph(f"Chưa có xã nào gửi kết quả thực hiện các tiêu chí năm {t.year}.")]
    total = t.criteria_total
    counts = t.standard
    mean = sum(r.criteria_met or 0 for r in judged) / len(judged)
    blocks.append(
        Paragraph(
            f"Trong {len(judged)} xã có kết quả năm {t.year}, {counts['self_assessed']} xã tự đánh giá đạt "
            f"đủ {total}/{total} tiêu chí, trong đó {counts['approved']} xã đã được phê duyệt kết quả, "
            f"{counts['reviewed'] - counts['approved']} xã đã được xem xét; bình quân đạt "
            f"{w.number(round(mean, 1))} tiêu chí/xã."
        )
    )
    dist = [(met, n) for met, n in sorted(t.distribution.items(), reverse=True)]
    rows: list[tuple[Cell, ...]] = [
        (f"{met}/{total}", n, f"{w.number(round(100 * n / len(judged), 1))}%") for met, n in dist
    ]
    rows.append(("Tổng cộng", len(judged), "100%"))
    blocks.append(
        Table(
            header=[("Số tiêu chí đạt", "Số xã", "Tỷ lệ")],
            rows=rows,
            widths=(2.0, 1.5, 1.5),
            numeric=(2,),
            centred=(0,),
            total_rows=1,
            caption=captions.table("Số xã theo số tiêu chí đạt"),
        )
    )
    low, high = min(t.distribution), max(t.distribution)
    bars = [(k, t.distribution.get(k, 0), len(judged)) for k in range(low, high + 1)]
    chart = criteria_chart(bars, axis_label="Số xã")
    blocks.append(Figure(chart, captions.figure("Số xã theo số tiêu chí đạt (trục ngang: số tiêu chí đạt)")))
    return blocks + recognition_blocks(t, captions)


def recognition_blocks(t: SummaryTables, captions: Captions) -> list[Block]:
    """The decisions recognising communes for the year: what counts as recognised, apart from a
    commune's own figures."""
    found = [(r, x) for r in t.rows for x in r.recognitions]
    if not found:
        return [Paragraph(f"Năm {t.year}, chưa có xã nào được công nhận đạt chuẩn theo quyết định.")]
    rows: list[tuple[Cell, ...]] = [
        (n, r.code, r.name, LEVEL_VI.get(x.level, x.level), x.decision, w.date_text(x.decided_on))
        for n, (r, x) in enumerate(found, start=1)
    ]
    communes = len({r.code for r, _ in found})
    return [
        Paragraph(f"Năm {t.year}, {communes} xã được công nhận đạt chuẩn theo quyết định:"),
        Table(
            header=[("TT", "Mã xã", "Tên xã", "Mức đạt chuẩn", "Quyết định", "Ngày")],
            rows=rows,
            widths=(0.7, 1.2, 2.8, 2.4, 2.5, 1.8),
            centred=(0, 1, 5),
            caption=captions.table(f"Các xã được công nhận đạt chuẩn năm {t.year}"),
        ),
    ]


def help_blocks(t: SummaryTables, captions: Captions) -> list[Block]:
    blocks: list[Block] = [
        Heading("III. KẾT QUẢ HỖ TRỢ, GIÚP ĐỠ CÁC XÃ"),
        totals_paragraph(
            t.totals,
            f"Trong năm {t.year}, các xã nhận được",
            f"Trong năm {t.year}, các xã chưa ghi nhận khoản hỗ trợ nào.",
            len(t.by_supporter),
        ),
    ]
    if not t.totals.records:
        return blocks
    blocks.append(by_kind_table(t.totals, captions.table("Hỗ trợ theo loại, hiện vật và ngày công")))
    unit_rows: list[tuple[Cell, ...]] = [
        (n, u.name, u.records, w.value_cell(u.value_vnd), w.cash_cell(u.cash_vnd))
        for n, u in enumerate((u for u in t.by_unit if u.records), start=1)
    ]
    unit_rows.append(
        ("", "Tổng cộng", t.totals.records, w.value_cell(t.totals.value_vnd), w.cash_cell(t.totals.cash_vnd))
    )
    blocks.append(
        Table(
            header=[("TT", "Xã", "Số lượt", "Giá trị quy ra tiền", "Trong đó tiền mặt")],
            rows=unit_rows,
            widths=(0.7, 5.2, 1.2, 2.0, 2.0),
            centred=(0,),
            total_rows=1,
            unit=MONEY_UNIT,
            caption=captions.table("Hỗ trợ theo xã"),
        )
    )
    supporter_rows: list[tuple[Cell, ...]] = [
        (
            n,
            s.name,
            SUPPORTER_KINDS.get(s.kind, (s.kind, s.kind))[0],
            len(s.communes),
            s.records,
            w.value_cell(s.value_vnd),
        )
        for n, s in enumerate(t.by_supporter, start=1)
    ]
    blocks.append(
        Table(
            header=[
                ("TT", "Cơ quan, đơn vị, cá nhân hỗ trợ", "Loại", "Số xã", "Số lượt", "Giá trị quy ra tiền")
            ],
            rows=supporter_rows,
            widths=(0.7, 4.4, 2.0, 1.0, 1.1, 1.9),
            centred=(0, 3),
            unit=MONEY_UNIT,
            caption=captions.table("Hỗ trợ theo cơ quan, đơn vị (cộng trên các xã được giúp đỡ)"),
        )
    )
    return blocks


def cadre_blocks(t: SummaryTables, captions: Captions) -> list[Block]:
    blocks: list[Block] = [Heading("IV. CÁN BỘ BIỆT PHÁI, TĂNG CƯỜNG VÀ KẾT QUẢ CỦA XÃ")]
    if not t.cadres:
        return [*blocks, Paragraph(f"Năm {t.year}, không có xã nào có cán bộ biệt phái, tăng cường.")]
    done = sum(1 for c in t.cadres if c.reached_standard)
    blocks.append(
        Paragraph(
            f"Năm {t.year}, {len(t.cadres)} xã có cán bộ biệt phái, tăng cường; {done} xã trong số đó "
            "đạt đủ các tiêu chí xã nông thôn mới."
        )
    )
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            c.name,
            "; ".join(c.cadres),
            f"{c.criteria_met}/{c.criteria_total}" if c.criteria_met is not None else "",
            "Đạt" if c.reached_standard else "Chưa đạt",
        )
        for n, c in enumerate(t.cadres, start=1)
    ]
    blocks.append(
        Table(
            header=[("TT", "Xã", "Cán bộ biệt phái, tăng cường", "Số tiêu chí đạt", "Đạt chuẩn")],
            rows=rows,
            widths=(0.7, 3.0, 4.4, 1.6, 1.5),
            centred=(0, 3, 4),
            caption=captions.table(f"Cán bộ biệt phái, tăng cường và kết quả của xã năm {t.year}"),
        )
    )
    return blocks


def document(f: SummaryFacts) -> OfficialDocument:
    t = f.tables
    captions = Captions()
    body: list[Block] = reception_blocks(t, captions, f.date)
    body += criteria_blocks(t, captions)
    body += help_blocks(t, captions)
    body += cadre_blocks(t, captions)
    body.append(Paragraph(f"Trên đây là báo cáo tổng hợp năm {t.year} của {t.info.name}./."))
    parent = t.info.parent
    return OfficialDocument(
        agency=agency_lines(t.info.name),
        parent_agency=parent,
        number=f.number,
        type_code="BC",
        issuer_code=ISSUER_CODE.get(t.info.level, "UBND"),
        place=t.info.place or t.info.name,
        date=f.date,
        doc_type="Báo cáo",
        title=title(t.year),
        recipients=(w.spelled_out(parent),) if parent else (),
        body=tuple(renumbered(body)),
        signature=f.signer,
        distribution=(*((f"{parent} (b/c)",) if parent else ()), "Các xã", "Lưu: VT"),
        data_snapshot=snapshot(f),
    )


def snapshot(f: SummaryFacts) -> dict[str, Any]:
    t = f.tables
    return {
        "report": KIND,
        "receiver": {
            "code": t.info.code,
            "name": t.info.name,
            "level": t.info.level,
            "parent": t.info.parent,
        },
        "number": f.number,
        "date": f.date,
        "signer": {"name": f.signer.name, "title": f.signer.title},
        "year": t.year,
        "units": [unit_json(r) | {"predecessors": list(r.predecessors)} for r in t.rows],
        "reached_standard": t.standard,
        "help": t.totals.to_json(),
        "help_by_unit": [u.__dict__ for u in t.by_unit],
        "help_by_supporter": [s.__dict__ | {"communes": list(s.communes)} for s in t.by_supporter],
        "cadres": [c.__dict__ | {"cadres": list(c.cadres)} for c in t.cadres],
        "criteria_distribution": {str(k): v for k, v in t.distribution.items()},
    }


def build(ws: Workspace, request: SummaryReport) -> OfficialDocument:
    return document(gather(ws, request))
