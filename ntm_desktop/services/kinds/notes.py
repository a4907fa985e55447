"""What saving a record tells the officer besides "saved": the one list of a save's warnings, whatever
the record is entered by — a form, a command, a records file, the Excel sheet.

Warnings, never refusals: an odd value (:mod:`ntm_desktop.core.plausible`), a criterion the year's set
lacks (:mod:`ntm_desktop.services.ledger.criteria_notes`), a supporter named as another already is. The
services note them on the :class:`~ntm_desktop.core.changes.Changes` a save returns; the records import
lists them, each under its record's path, in its result (the Excel preview places them in their cells).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ntm_desktop.core import plausible
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import clean
from ntm_desktop.services.kinds.store import Store
from ntm_desktop.services.ledger.criteria_notes import YearSets, unknown_criteria


def record_notes(store: Store[Any, Any], draft: Any, sets: YearSets | None) -> list[tuple[str, str]]:
    """(field, warning) for a checked draft: the field a warning belongs in ("criteria") or "" for one
    that names its own field in its words (the plausibility warnings). ``sets``: None where no criteria
    sets are at hand (the criteria are then not compared)."""
    found = [("", w) for w in plausible.warnings(draft, store.list_name)]
    if sets is not None:
        day, codes = store.criteria_named(draft)
        found += [("criteria", w) for w in unknown_criteria(sets, day, codes)]
    return found


def save_notes(store: Store[Any, Any], draft: Any, sets: YearSets | None) -> tuple[str, ...]:
    """:func:`record_notes` as a form's save says them."""
    return tuple(w for _, w in record_notes(store, draft, sets))


def same_name_notes(name: str, others: Iterable[tuple[str, str]]) -> list[str]:
    """The warning for a supporter called ``name`` when ``others`` — (name, record id) of the commune's
    other supporters — has one of the same name: two of one name cannot be told apart in the help form's
    list, and ``help add --supporter NAME`` no longer finds either alone."""
    key = clean(name).casefold()
    return [
        tr(
            "There is already a supporter named {name} (id {id}): if it is the same body, use that one "
            "and remove this entry; if it is another, write its name in full (e.g. with its province).",
            name=other,
            id=record_id,
        )
        for other, record_id in others
        if key and clean(other).casefold() == key
    ]
