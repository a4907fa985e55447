"""Plausibility: values that are allowed but unlikely in a commune's records, so the officer is warned
(not refused) — a date in the future, a name longer than a name, an amount or a quantity far beyond
what a commune receives.

These bounds are not legal thresholds; they only catch typing slips (an extra zero, a wrong year).
One module holds them so the CLI, the GUI forms, file imports and bundles warn alike.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.numbers import format_money, format_quantity

VIETNAM = timedelta(hours=7)
NAME_MAX = 200
"""Characters: a title, a name or a document number longer than this is very likely pasted by mistake."""
MONEY_MAX = 100_000_000_000
"""100 tỷ đồng in one record: more than a commune's whole programme budget for several years."""
QUANTITY_MAX = Decimal(1_000_000)
"""One item line of a million units (tonnes, days of work, packages…) is far beyond a commune's scale."""
PEOPLE_MAX = 100_000
"""Households, persons or participants: more than live in any commune."""

_TEXT_FIELDS = ("name", "title", "document", "issuer", "position", "parent", "village")
_PEOPLE_FIELDS = ("households", "persons", "participants")


def today_in_vietnam() -> date:
    return (datetime.now(UTC) + VIETNAM).date()


def check_date(value: date | None, field: str, today: date | None = None) -> list[str]:
    if value is None or value <= (today or today_in_vietnam()):
        return []
    return [tr("{field}: {date} is in the future. Check the year.", field=field, date=f"{value:%d/%m/%Y}")]


def check_text(value: str | None, field: str) -> list[str]:
    if not value or len(value) <= NAME_MAX:
        return []
    return [
        tr(
            "{field} is {count} characters long (more than {limit}). Check nothing was pasted by mistake.",
            field=field,
            count=len(value),
            limit=NAME_MAX,
        )
    ]


def check_money(value: int | None, field: str) -> list[str]:
    if value is None or value <= MONEY_MAX:
        return []
    return [tr("{field}: {value} is far more than a commune receives. Check the zeros.", field=field,
               value=format_money(value))]  # fmt: skip


def check_quantity(value: Decimal | int | None, field: str) -> list[str]:
    if value is None or Decimal(value) <= QUANTITY_MAX:
        return []
    return [tr("{field}: {value} is an unusually large quantity. Check the zeros.", field=field,
               value=format_quantity(value))]  # fmt: skip


def check_people(value: int | None, field: str) -> list[str]:
    if value is None or value <= PEOPLE_MAX:
        return []
    return [tr("{field}: {value} is more people than a commune has. Check the number.", field=field,
               value=value)]  # fmt: skip


def warnings(record: Any, within: str = "", at: str = "") -> tuple[str, ...]:
    """Every plausibility warning for a record (a frozen dataclass, items included), each naming its field
    as the record's form does ("Ngày nhận", "Dòng 1 · Số lượng", not ``date``): ``within`` is the list
    the record belongs to (``help``, ``events`` …, see :func:`~ntm_desktop.core.fieldlabels.field_name`).
    A field is named only when it has something to say (an import asks this of thousands of records)."""
    found: list[str] = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        path = f"{at}{f.name}"
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for i, item in enumerate(value):
                found += warnings(item, within, f"{path}[{i}].")
        elif _field_warnings(record, f.name, value, ""):
            found += _field_warnings(record, f.name, value, label(path, within=within))
    return tuple(found)


def _field_warnings(record: Any, name: str, value: Any, where: str) -> list[str]:
    if isinstance(value, date):
        return check_date(value, where)
    if isinstance(value, str) and name in _TEXT_FIELDS:
        return check_text(value, where)
    if name == "value_vnd":
        return check_money(value, where)
    if name == "quantity":
        cash = getattr(record, "kind", "") == "cash"
        return check_money(int(value), where) if cash else check_quantity(value, where)
    if name in _PEOPLE_FIELDS:
        return check_people(value, where)
    return []
