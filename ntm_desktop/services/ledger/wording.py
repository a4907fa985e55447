"""Totals in words, the way reports and news articles sum help up:

"12 lượt hỗ trợ, tổng giá trị quy ra tiền 16.493,82 triệu đồng, trong đó 643,73 triệu đồng tiền mặt;
2.000 ngày công lao động; 343 tấn xi măng; 3.285 suất quà; …"
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal, format_million, format_quantity, million_text
from ntm_desktop.core.text import name_key
from ntm_desktop.services.ledger.totals import HelpTotals, ItemTotal


def valued(vnd: int, records: int, shown: Callable[[int], str]) -> str:
    """A total's value in money as ``shown`` writes it, or "chưa quy đổi" when it counts help
    (``records``) that nobody put a value on: goods or labour worth "0 đ" read as worthless (the Excel
    totals and the PDF say so too). With no help at all it is 0."""
    return shown(vnd) if vnd or not records else tr("not converted")


def item_phrase(item: ItemTotal) -> str:
    """ "343 tấn xi măng", "3.285 suất quà" (the unit is not repeated when the name starts with it)."""
    name = item.name[:1].lower() + item.name[1:]
    quantity = format_quantity(item.quantity)
    if name_key(item.name).startswith(name_key(item.unit)):
        return f"{quantity} {name}"
    return f"{quantity} {item.unit} {name}"


def totals_sentence(t: HelpTotals) -> str:
    if not t.records:
        return tr("No help recorded.")
    head = trn(
        "{n} help record, total value {value}",
        "{n} help records, total value {value}",
        t.records,
        value=million_text(t.value_vnd),
    )
    if not t.value_vnd:  # goods or labour nobody put a value on: not "total value 0,00 triệu đồng"
        head = trn(
            "{n} help record, not converted to money", "{n} help records, not converted to money", t.records
        )
    if t.cash_vnd:
        head += ", " + tr("of which {cash} in cash", cash=million_text(t.cash_vnd))
    rest = [item_phrase(i) for i in t.items if i.kind != "cash"]
    return "; ".join([head, *rest]) + "."


def totals_sentence_vi(t: HelpTotals) -> str:
    """:func:`totals_sentence` in Vietnamese whatever the app's language, for a document (the Excel ledger's
    'Tổng hợp' sheet is Vietnamese from its title to its last row)."""
    if not t.records:
        return "Chưa ghi nhận lượt hỗ trợ nào."
    records = format_decimal(t.records)
    if t.value_vnd:
        head = f"{records} lượt hỗ trợ, tổng giá trị quy ra tiền {format_million(t.value_vnd)}"
    else:
        head = f"{records} lượt hỗ trợ, chưa quy đổi ra tiền"
    if t.cash_vnd:
        head += f", trong đó {format_million(t.cash_vnd)} tiền mặt"
    rest = [item_phrase(i) for i in t.items if i.kind != "cash"]
    return "; ".join([head, *rest]) + "."
