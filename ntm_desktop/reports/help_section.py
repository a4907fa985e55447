"""Help received, as report blocks: the totals in words, per supporter, per kind, cadres and events."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ntm_desktop.core.numbers import format_million, format_money_words, format_quantity
from ntm_desktop.core.text import name_key
from ntm_desktop.export.pdf import Block, Cell, Paragraph, Table
from ntm_desktop.reports import wording as w
from ntm_desktop.services.ledger import Cadre, Event, GroupTotal, Help, HelpTotals, ItemTotal
from ntm_desktop.services.ledger.kinds import ITEM_KINDS
from ntm_desktop.services.ledger.values import ItemDraft

MONEY_UNIT = "ĐVT: triệu đồng"


def kind_label(kind: str) -> str:
    return ITEM_KINDS.get(kind, (kind, kind))[0]


def money_phrase(vnd: int) -> str:
    """ "16.493,82 triệu đồng (16.493.820.000 đồng)": the report's unit, then the exact amount."""
    return f"{format_million(vnd)} ({format_money_words(vnd)})"


def _phrase(quantity: Decimal, unit: str, name: str) -> str:
    """ "343 tấn xi măng", "3.285 suất quà" (the unit is not repeated when the name starts with it)."""
    lower = name[:1].lower() + name[1:]
    if unit and name_key(name).startswith(name_key(unit)):
        return f"{format_quantity(quantity)} {lower}"
    return f"{format_quantity(quantity)} {unit} {lower}".replace("  ", " ")


def totals_paragraph(t: HelpTotals, lead: str, empty: str, supporters: int | None = None) -> Paragraph:
    """ "<lead> 4 lượt hỗ trợ của 3 cơ quan, đơn vị, cá nhân, tổng giá trị quy ra tiền …, trong đó tiền mặt …;
    hiện vật, ngày công và công trình gồm: …" — or ``empty`` when nothing was received."""
    if not t.records:
        return Paragraph(empty)
    who = f" của {supporters} cơ quan, đơn vị, cá nhân" if supporters else ""
    value = f"tổng giá trị quy ra tiền {money_phrase(t.value_vnd)}" if t.value_vnd else "chưa quy đổi ra tiền"
    text = f"{lead} {t.records} lượt hỗ trợ{who}, {value}"
    if t.cash_vnd:
        text += f", trong đó tiền mặt {money_phrase(t.cash_vnd)}"
    in_kind = [_phrase(i.quantity, i.unit, i.name) for i in t.items if i.kind != "cash"]
    if in_kind:
        text += "; hiện vật, ngày công và công trình gồm: " + "; ".join(in_kind)
    return Paragraph(text + ".")


def by_supporter_table(groups: Sequence[GroupTotal], t: HelpTotals, caption: str) -> list[Block]:
    rows: list[tuple[Cell, ...]] = [
        (i, g.label, g.records, w.value_cell(g.value_vnd), w.cash_cell(g.cash_vnd))
        for i, g in enumerate(groups, start=1)
    ]
    rows.append(("", "Tổng cộng", t.records, w.value_cell(t.value_vnd), w.cash_cell(t.cash_vnd)))
    blocks: list[Block] = [
        Table(
            header=[
                (
                    "TT",
                    "Cơ quan, đơn vị, cá nhân hỗ trợ",
                    "Số lượt",
                    "Giá trị quy ra tiền",
                    "Trong đó tiền mặt",
                )
            ],
            rows=rows,
            widths=(0.7, 5.2, 1.2, 2.0, 2.0),
            centred=(0,),
            total_rows=1,
            unit=MONEY_UNIT,
            caption=caption,
        )
    ]
    if sum(g.records for g in groups) > t.records:
        blocks.append(
            Paragraph(
                "Ghi chú: khoản hỗ trợ do nhiều đơn vị cùng thực hiện được tính cho từng đơn vị, nên cộng "
                "các dòng có thể lớn hơn dòng Tổng cộng.",
                italic=True,
            )
        )
    return blocks


def _item_rows(items: Sequence[ItemTotal]) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    previous = ""
    for n, it in enumerate(items, start=1):
        label = kind_label(it.kind) if it.kind != previous else ""
        previous = it.kind
        rows.append((n, label, it.name, format_quantity(it.quantity), it.unit, w.value_cell(it.value_vnd)))
    return rows


def by_kind_table(t: HelpTotals, caption: str) -> Table:
    rows = _item_rows(t.items)
    rows.append(("", "Tổng cộng", "", "", "", w.value_cell(t.value_vnd)))
    return Table(
        header=[
            ("TT", "Loại hỗ trợ", "Nội dung", "Số lượng", "Đơn vị tính", "Giá trị quy ra tiền (triệu đồng)")
        ],
        rows=rows,
        widths=(0.7, 2.2, 3.4, 1.8, 1.5, 2.0),
        numeric=(3,),
        centred=(0, 4),
        total_rows=1,
        caption=caption,
    )


def help_list_table(records: Sequence[Help], caption: str) -> Table:
    """One row per help record (the supporter report)."""
    rows: list[tuple[Cell, ...]] = []
    for n, h in enumerate(records, start=1):
        things = "; ".join(_phrase(i.quantity, i.unit, i.name) for i in h.items if i.kind != "cash")
        rows.append(
            (n, w.date_text(h.date), h.title, things, w.cash_cell(_cash(h.items)), w.value_cell(h.value_vnd))
        )
    rows.append(
        (
            "",
            "Tổng cộng",
            "",
            "",
            w.cash_cell(sum(_cash(h.items) for h in records)),
            w.value_cell(sum(h.value_vnd for h in records)),
        )
    )
    return Table(
        header=[("TT", "Ngày", "Nội dung hỗ trợ", "Hiện vật, ngày công", "Tiền mặt", "Quy ra tiền")],
        rows=rows,
        widths=(0.7, 1.6, 3.8, 2.8, 1.4, 1.5),
        centred=(0, 1),
        total_rows=1,
        unit=MONEY_UNIT,
        caption=caption,
    )


def _cash(items: Sequence[ItemDraft]) -> int:
    return sum(i.value_vnd or 0 for i in items if i.kind == "cash")


def cadres_blocks(cadres: Sequence[Cadre], caption: str, none: str) -> list[Block]:
    if not cadres:
        return [Paragraph(none)]
    rows: list[tuple[Cell, ...]] = [
        (n, c.name, c.position, c.supporter_name, w.period_text(c.start, c.end))
        for n, c in enumerate(cadres, start=1)
    ]
    return [
        Table(
            header=[("TT", "Họ và tên", "Chức vụ", "Đơn vị cử", "Thời gian")],
            rows=rows,
            widths=(0.7, 2.4, 3.6, 2.8, 2.2),
            centred=(0,),
            caption=caption,
        )
    ]


def events_blocks(events: Sequence[Event], caption: str, none: str) -> list[Block]:
    if not events:
        return [Paragraph(none)]
    rows: list[tuple[Cell, ...]] = [
        (
            n,
            w.date_text(e.date),
            e.title + (f" ({e.village})" if e.village else ""),
            "; ".join(e.supporter_names),
            e.participants if e.participants is not None else "",
        )
        for n, e in enumerate(events, start=1)
    ]
    return [
        Table(
            header=[("TT", "Ngày", "Hoạt động", "Đơn vị phối hợp", "Số người tham dự")],
            rows=rows,
            widths=(0.7, 1.6, 4.6, 3.0, 1.5),
            centred=(0, 1),
            caption=caption,
        )
    ]


def cadres_snapshot(cadres: Sequence[Cadre]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.record_id,
            "name": c.name,
            "position": c.position,
            "supporter": c.supporter_name,
            "start": c.start,
            "end": c.end,
        }
        for c in cadres
    ]


def events_snapshot(events: Sequence[Event]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.record_id,
            "date": e.date,
            "title": e.title,
            "village": e.village,
            "supporters": list(e.supporter_names),
            "participants": e.participants,
        }
        for e in events
    ]


def groups_snapshot(groups: Sequence[GroupTotal]) -> list[dict[str, Any]]:
    return [
        {"supporter": g.label, "records": g.records, "value_vnd": g.value_vnd, "cash_vnd": g.cash_vnd}
        for g in groups
    ]
