"""Reading item lines as an officer types them: Vietnamese numbers, kind names in Vietnamese.

    parse_item("tiền mặt;;40 triệu")               -> cash 40.000.000 đồng
    parse_item("material;Xi măng;343;tấn;1.200.000.000")

Used by the command line (``help add --item``) and the Excel import, so both read numbers alike.
"""

from __future__ import annotations

from decimal import Decimal

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import parse_decimal, parse_money
from ntm_desktop.core.text import clean
from ntm_desktop.services.ledger.kinds import CASH_UNIT, find_item_kind, item_kind_choices
from ntm_desktop.services.ledger.values import ItemDraft

ITEM_FORMAT = "kind;name;quantity;unit;value"


def parse_kind(text: str, field: str, problems: list[Problem]) -> str:
    kind = find_item_kind(text) if clean(text) else None
    if kind is None:
        problems.append(
            Problem(
                field,
                tr(
                    "unknown kind “{kind}”; use one of: {kinds}",
                    kind=clean(text),
                    kinds=item_kind_choices(),
                ),
            )
        )
        return "other"
    return kind


def parse_quantity(kind: str, unit: str, text: str, field: str, problems: list[Problem]) -> Decimal:
    """A quantity: money words ("40 triệu") are understood for cash and for amounts in đồng."""
    try:
        if kind == "cash" or clean(unit) == CASH_UNIT:
            return Decimal(parse_money(text, field=field))
        return parse_decimal(text, field=field)
    except InvalidInput as exc:
        problems += [Problem(field, p.message) for p in exc.problems]
        return Decimal(0)


def parse_value(text: str, field: str, problems: list[Problem]) -> int | None:
    """A value in đồng ("40.000.000", "40 triệu", "1,2 tỷ"); empty means not known."""
    if not clean(text):
        return None
    try:
        return parse_money(text, field=field)
    except InvalidInput as exc:
        problems += [Problem(field, p.message) for p in exc.problems]
        return None


def parse_item(text: str, field: str = "item") -> tuple[ItemDraft | None, list[Problem]]:
    """One ``kind;name;quantity;unit;value`` line (name, unit and value may be left empty)."""
    problems: list[Problem] = []
    parts = [clean(p) for p in text.split(";")]
    if len(parts) < 3 or len(parts) > 5:
        message = tr(
            "write the item as {format}, e.g. “material;Xi măng;343;tấn;1.200.000.000”", format=ITEM_FORMAT
        )
        return None, [Problem(field, message)]
    parts += [""] * (5 - len(parts))
    kind = parse_kind(parts[0], f"{field}.kind", problems)
    quantity = parse_quantity(kind, parts[3], parts[2], f"{field}.quantity", problems)
    value = parse_value(parts[4], f"{field}.value_vnd", problems)
    return ItemDraft(kind=kind, quantity=quantity, unit=parts[3], name=parts[1], value_vnd=value), problems
