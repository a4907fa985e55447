"""A stored field's value as the officer reads it — the one formatter behind a record's history, the Sync
page's conflicts and a receiver's amendment requests, so the same change reads the same in all three.

    value_text("help", "date", "2025-03-08")                  # "08/03/2025"
    value_text("help", "items", [{"kind": "cash", …}])        # "Tiền mặt 40.000.000 đồng; Xi măng 20 tấn (…)"
    value_text("assessments", "met", False)                   # "Chưa đạt", as the assessment form says
    value_text("help", "supporters", ["so-noi-vu"], names)    # "Sở Nội vụ tỉnh Bắc Kạn"

Values are records-v1 (the audit's images, a bundle's documents): days day first, money as the help form
shows it ("30.000.000 đ"), quantities the Vietnamese way ("2,5"), codes by the words the forms offer
(supporter and item kinds, funding sources), supporters by name (``names``: record id → name), evidence by
file name, fields inside an object named as the form names them ("Số hộ được hưởng: 20"). Nothing is "—".
Pure: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money, format_quantity
from ntm_desktop.services.ledger.kinds import funding_source_label, item_kind_label, supporter_kind_label

NOTHING = "—"
SUPPORTER_FIELDS = ("supporters", "supporter")
"""Fields that hold supporters' record ids."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_NAMES: Mapping[str, str] = {}


def value_text(kind: str, key: str, value: Any, names: Mapping[str, str] | None = None) -> str:
    """The field ``key`` of a record of the list ``kind`` (``help``, ``assessments`` …) holding ``value``."""
    names = names or _NO_NAMES
    if value is None or (isinstance(value, str | list | dict) and not value):
        return NOTHING
    if isinstance(value, bool):
        return _yes_no(kind, key, value)
    if key in SUPPORTER_FIELDS:
        return ", ".join(names.get(str(i), str(i)) for i in (value if isinstance(value, list) else [value]))
    if key == "items" and isinstance(value, list):
        return "; ".join(item_text(i) for i in value if isinstance(i, dict))
    if key == "evidence" and isinstance(value, list):  # the files by name, not their checksums
        return ", ".join(str(f.get("name", "")) for f in value if isinstance(f, dict))
    if isinstance(value, str):
        return _word(kind, key, value)
    if isinstance(value, list):
        return ", ".join(value_text(kind, "", v, names) for v in value)
    if isinstance(value, dict):  # "Số hộ được hưởng: 20", not the data's own "households: 20"
        return ", ".join(
            f"{label(f'{key}.{k}', within=kind)}: {value_text(kind, k, v, names)}" for k, v in value.items()
        )
    if key == "value_vnd" and isinstance(value, int):
        return format_money(value)
    if key == "year":
        return str(value)
    return _number(value)


def item_text(item: Mapping[str, Any]) -> str:
    """One line of items given: "Xi măng 20 tấn (30.000.000 đ)", "Tiền mặt 40.000.000 đồng"."""
    name = str(item.get("name") or item_kind_label(str(item.get("kind", ""))))
    text = " ".join(p for p in (name, _number(item.get("quantity")), str(item.get("unit") or "")) if p)
    money = item.get("value_vnd")
    if isinstance(money, int) and not isinstance(money, bool) and item.get("kind") != "cash":
        text += f" ({format_money(money)})"
    return text


def _yes_no(kind: str, key: str, value: bool) -> str:
    if (kind, key) == ("assessments", "met"):  # the assessment form's words for its result
        return tr("Met") if value else tr("Not met")
    return tr("Yes") if value else tr("No")


def _word(kind: str, key: str, text: str) -> str:
    """A code by the words its form offers; a day as 08/03/2025; other text as written."""
    if key == "funding_source":
        return funding_source_label(text)
    if key == "kind" and kind == "supporters":
        return supporter_kind_label(text)
    if key == "kind" and kind == "items":
        return item_kind_label(text)
    if _DATE.fullmatch(text):
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text


def _number(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    try:
        return format_quantity(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
