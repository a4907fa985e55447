"""The help form's plausibility warnings, by field (``core.plausible``'s bounds, the form's own labels)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ntm_desktop.core import plausible
from ntm_desktop.core.fieldlabels import field_name
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger import ItemDraft

HINTED = ("date", "title", "beneficiaries.households", "beneficiaries.persons", "items")


def item_warnings(items: Sequence[ItemDraft]) -> list[str]:
    found: list[str] = []
    for n, item in enumerate(items, start=1):
        where = tr("Line {n}", n=n)
        if item.kind == "cash":
            found += plausible.check_money(int(item.quantity), where)
            continue
        found += plausible.check_quantity(item.quantity, where)
        found += plausible.check_money(item.value_vnd, where)
        found += plausible.check_text(item.name, where)
    return found


def help_warnings(
    day: date, title: str, households: int | None, persons: int | None, items: Sequence[ItemDraft]
) -> dict[str, list[str]]:
    """Field path → what looks unlikely in it (empty lists for fields that look fine)."""
    return {
        "date": plausible.check_date(day, field_name("help", "date")),
        "title": plausible.check_text(title, field_name("help", "title")),
        "beneficiaries.households": plausible.check_people(households, field_name("help", "households")),
        "beneficiaries.persons": plausible.check_people(persons, field_name("help", "persons")),
        "items": item_warnings(items),
    }
