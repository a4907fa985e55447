"""What the ledger services take and give: plain frozen values, never ORM objects.

A *draft* is what a form (or a records file) holds before saving. The matching *view* is the saved
record: the same fields plus its keys, so ``dataclasses.replace(view, title=…)`` is a draft again.
Supporters are referred to by their ``uid``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Saved:
    """The keys every saved record has (records-v1 ``id`` is ``record_id``)."""

    uid: str
    record_id: str
    version: str


@dataclass(frozen=True)
class SupporterDraft:
    name: str
    kind: str = "agency"
    parent: str = ""


@dataclass(frozen=True, kw_only=True)
class Supporter(SupporterDraft, Saved):
    pass


@dataclass(frozen=True)
class AssignmentDraft:
    supporter: str
    document: str
    document_date: date | None = None
    issuer: str = ""
    start: date | None = None
    end: date | None = None
    criteria: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Assignment(AssignmentDraft, Saved):
    supporter_name: str = ""


@dataclass(frozen=True)
class ItemDraft:
    """One line of what was given. ``name`` defaults to the kind's name; cash is counted in đồng."""

    kind: str
    quantity: Decimal
    unit: str = ""
    name: str = ""
    value_vnd: int | None = None


@dataclass(frozen=True)
class HelpDraft:
    date: date
    title: str
    supporters: tuple[str, ...]
    items: tuple[ItemDraft, ...]
    description: str = ""
    village: str = ""
    criteria: tuple[str, ...] = ()
    households: int | None = None
    persons: int | None = None
    funding_source: str = ""
    """A code of :data:`~ntm_desktop.services.ledger.kinds.FUNDING_SOURCES`; empty when not recorded."""


@dataclass(frozen=True, kw_only=True)
class Help(HelpDraft, Saved):
    supporter_names: tuple[str, ...] = ()

    @property
    def value_vnd(self) -> int:
        """The help's value in money: the sum of its items' values (an unknown value counts 0)."""
        return sum(i.value_vnd or 0 for i in self.items)

    def to_json(self) -> dict[str, Any]:
        """The record as ``help list --json`` prints it and a supporter report's data keeps it
        (dates and quantities as they are; the caller's JSON writer renders them)."""
        return {
            "id": self.record_id,
            "uid": self.uid,
            "date": self.date,
            "title": self.title,
            "supporters": list(self.supporter_names),
            "village": self.village,
            "criteria": list(self.criteria),
            "funding_source": self.funding_source,
            "value_vnd": self.value_vnd,
            "items": [
                {
                    "kind": i.kind,
                    "name": i.name,
                    "quantity": i.quantity,
                    "unit": i.unit,
                    "value_vnd": i.value_vnd,
                }
                for i in self.items
            ],
        }


@dataclass(frozen=True)
class CadreDraft:
    name: str
    position: str = ""
    supporter: str | None = None
    start: date | None = None
    end: date | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Cadre(CadreDraft, Saved):
    supporter_name: str = ""


@dataclass(frozen=True)
class EventDraft:
    date: date
    title: str
    village: str = ""
    supporters: tuple[str, ...] = ()
    participants: int | None = None
    criteria: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Event(EventDraft, Saved):
    supporter_names: tuple[str, ...] = ()
