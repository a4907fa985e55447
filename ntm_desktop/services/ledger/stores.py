"""The five ledger lists: supporters, assignments, help (with item lines), cadres, events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.text import fold, name_key
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import checks
from ntm_desktop.services.ledger.store import Doc, Store, supporter_names
from ntm_desktop.services.ledger.values import (
    Assignment,
    AssignmentDraft,
    Cadre,
    CadreDraft,
    Event,
    EventDraft,
    Help,
    HelpDraft,
    Supporter,
    SupporterDraft,
)
from ntm_desktop.services.progress_values import to_json_value


def put(doc: Doc, key: str, value: Any) -> None:
    """Add an optional field only when it says something (records-v1 files stay short)."""
    if value is None or value == "" or value == [] or value == {}:
        return
    doc[key] = value.isoformat() if isinstance(value, date) else value


def _keys(row: Any) -> dict[str, str]:
    return {"uid": row.uid, "record_id": row.record_id, "version": row.version}


class SupporterStore(Store[SupporterDraft, Supporter]):
    list_name, entity, kind, model = "supporters", "supporter", Kind.SUPPORTERS, m.Supporter

    def check(self, draft: SupporterDraft, at: str = "") -> tuple[SupporterDraft, list[Problem]]:
        return checks.check_supporter(draft, at)

    def write(self, s: Session, row: Any, draft: SupporterDraft) -> None:
        row.name, row.kind, row.parent = draft.name, draft.kind, draft.parent

    def views(self, s: Session, rows: Sequence[Any]) -> list[Supporter]:
        return [Supporter(name=r.name, kind=r.kind, parent=r.parent, **_keys(r)) for r in rows]

    def doc(self, draft: SupporterDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"name": draft.name, "kind": draft.kind}
        put(doc, "parent", draft.parent)
        return doc

    def sort_key(self, view: Supporter) -> tuple[Any, ...]:
        return (fold(view.name), view.record_id)


class AssignmentStore(Store[AssignmentDraft, Assignment]):
    list_name, entity, kind, model = "assignments", "assignment", Kind.SUPPORTERS, m.Assignment

    def check(self, draft: AssignmentDraft, at: str = "") -> tuple[AssignmentDraft, list[Problem]]:
        return checks.check_assignment(draft, at)

    def refs(self, draft: AssignmentDraft) -> list[tuple[str, str]]:
        return [("supporter", draft.supporter)] if draft.supporter else []

    def relink(self, draft: AssignmentDraft, ids: Mapping[str, str]) -> AssignmentDraft:
        return replace(draft, supporter=ids.get(draft.supporter, draft.supporter))

    def write(self, s: Session, row: Any, draft: AssignmentDraft) -> None:
        row.supporter_uid, row.document, row.document_date = (
            draft.supporter,
            draft.document,
            draft.document_date,
        )
        row.issuer, row.start, row.end = draft.issuer, draft.start, draft.end
        row.criteria, row.note = list(draft.criteria), draft.note

    def views(self, s: Session, rows: Sequence[Any]) -> list[Assignment]:
        names = supporter_names(s, (r.supporter_uid for r in rows))
        return [
            Assignment(
                supporter=r.supporter_uid,
                document=r.document,
                document_date=r.document_date,
                issuer=r.issuer,
                start=r.start,
                end=r.end,
                criteria=tuple(r.criteria or ()),
                note=r.note,
                supporter_name=names.get(r.supporter_uid, ""),
                **_keys(r),
            )
            for r in rows
        ]

    def doc(self, draft: AssignmentDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"supporter": ids.get(draft.supporter, draft.supporter), "document": draft.document}
        for key in ("document_date", "issuer", "start", "end"):
            put(doc, key, getattr(draft, key))
        put(doc, "criteria", list(draft.criteria))
        put(doc, "note", draft.note)
        return doc

    def sort_key(self, view: Assignment) -> tuple[Any, ...]:
        return (view.document_date or view.start or date.min, view.record_id)


class HelpStore(Store[HelpDraft, Help]):
    list_name, entity, kind, model = "help", "help", Kind.HELP, m.Help

    def check(self, draft: HelpDraft, at: str = "") -> tuple[HelpDraft, list[Problem]]:
        return checks.check_help(draft, at)

    def refs(self, draft: HelpDraft) -> list[tuple[str, str]]:
        return [(f"supporters[{i}]", uid) for i, uid in enumerate(draft.supporters)]

    def relink(self, draft: HelpDraft, ids: Mapping[str, str]) -> HelpDraft:
        return replace(draft, supporters=tuple(ids.get(x, x) for x in draft.supporters))

    def write(self, s: Session, row: Any, draft: HelpDraft) -> None:
        row.date, row.title, row.description = draft.date, draft.title, draft.description
        row.village, row.criteria = draft.village, list(draft.criteria)
        row.households, row.persons = draft.households, draft.persons
        row.items = [
            m.HelpItem(
                position=i,
                kind=it.kind,
                name=it.name,
                quantity=it.quantity,
                unit=it.unit,
                value_vnd=it.value_vnd,
            )
            for i, it in enumerate(draft.items)
        ]
        self._link(row, draft.supporters)

    @staticmethod
    def _link(row: Any, uids: tuple[str, ...]) -> None:
        """Keep existing links (same primary key) and only add or drop the difference."""
        existing = {link.supporter_uid: link for link in row.supporter_links}
        links = []
        for position, uid in enumerate(uids):
            link = existing.get(uid) or m.HelpSupporter(supporter_uid=uid)
            link.position = position
            links.append(link)
        row.supporter_links = links

    def views(self, s: Session, rows: Sequence[Any]) -> list[Help]:
        from ntm_desktop.services.ledger.help_read import help_views_of

        return help_views_of(s, [r.uid for r in rows])

    def all_views(self, s: Session, code: str) -> list[Help]:
        from ntm_desktop.services.ledger.help_read import help_views

        return help_views(s, [m.Help.unit_code == code, m.Help.deleted_at.is_(None)])

    def doc(self, draft: HelpDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {
            "date": draft.date.isoformat(),
            "supporters": [ids.get(uid, uid) for uid in draft.supporters],
            "title": draft.title,
        }
        put(doc, "description", draft.description)
        put(doc, "village", draft.village)
        put(doc, "criteria", list(draft.criteria))
        beneficiaries: Doc = {}
        put(beneficiaries, "households", draft.households)
        put(beneficiaries, "persons", draft.persons)
        put(doc, "beneficiaries", beneficiaries)
        doc["items"] = [
            {
                "kind": i.kind,
                "name": i.name,
                "quantity": to_json_value(i.quantity),
                "unit": i.unit,
                "value_vnd": i.value_vnd,
            }
            for i in draft.items
        ]
        return doc

    def sort_key(self, view: Help) -> tuple[Any, ...]:
        return (view.date, name_key(view.title), view.record_id)


class CadreStore(Store[CadreDraft, Cadre]):
    list_name, entity, kind, model = "cadres", "cadre", Kind.CADRES, m.Cadre

    def check(self, draft: CadreDraft, at: str = "") -> tuple[CadreDraft, list[Problem]]:
        return checks.check_cadre(draft, at)

    def refs(self, draft: CadreDraft) -> list[tuple[str, str]]:
        return [("supporter", draft.supporter)] if draft.supporter else []

    def relink(self, draft: CadreDraft, ids: Mapping[str, str]) -> CadreDraft:
        return replace(
            draft, supporter=ids.get(draft.supporter, draft.supporter) if draft.supporter else None
        )

    def write(self, s: Session, row: Any, draft: CadreDraft) -> None:
        row.name, row.position, row.supporter_uid = draft.name, draft.position, draft.supporter
        row.start, row.end, row.note = draft.start, draft.end, draft.note

    def views(self, s: Session, rows: Sequence[Any]) -> list[Cadre]:
        names = supporter_names(s, (r.supporter_uid for r in rows if r.supporter_uid))
        return [
            Cadre(
                name=r.name,
                position=r.position,
                supporter=r.supporter_uid,
                start=r.start,
                end=r.end,
                note=r.note,
                supporter_name=names.get(r.supporter_uid or "", ""),
                **_keys(r),
            )
            for r in rows
        ]

    def doc(self, draft: CadreDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"name": draft.name}
        put(doc, "position", draft.position)
        put(doc, "supporter", ids.get(draft.supporter, draft.supporter) if draft.supporter else None)
        put(doc, "start", draft.start)
        put(doc, "end", draft.end)
        put(doc, "note", draft.note)
        return doc

    def sort_key(self, view: Cadre) -> tuple[Any, ...]:
        return (view.start or date.min, fold(view.name), view.record_id)


class EventStore(Store[EventDraft, Event]):
    list_name, entity, kind, model = "events", "event", Kind.EVENTS, m.Event

    def check(self, draft: EventDraft, at: str = "") -> tuple[EventDraft, list[Problem]]:
        return checks.check_event(draft, at)

    def refs(self, draft: EventDraft) -> list[tuple[str, str]]:
        return [(f"supporters[{i}]", uid) for i, uid in enumerate(draft.supporters)]

    def relink(self, draft: EventDraft, ids: Mapping[str, str]) -> EventDraft:
        return replace(draft, supporters=tuple(ids.get(x, x) for x in draft.supporters))

    def write(self, s: Session, row: Any, draft: EventDraft) -> None:
        row.date, row.title, row.village = draft.date, draft.title, draft.village
        row.supporter_uids, row.participants = list(draft.supporters), draft.participants
        row.criteria, row.note = list(draft.criteria), draft.note

    def views(self, s: Session, rows: Sequence[Any]) -> list[Event]:
        names = supporter_names(s, (u for r in rows for u in r.supporter_uids or ()))
        return [
            Event(
                date=r.date,
                title=r.title,
                village=r.village,
                supporters=tuple(r.supporter_uids or ()),
                participants=r.participants,
                criteria=tuple(r.criteria or ()),
                note=r.note,
                supporter_names=tuple(names.get(u, "") for u in r.supporter_uids or ()),
                **_keys(r),
            )
            for r in rows
        ]

    def doc(self, draft: EventDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"date": draft.date.isoformat(), "title": draft.title}
        put(doc, "village", draft.village)
        put(doc, "supporters", [ids.get(uid, uid) for uid in draft.supporters])
        put(doc, "participants", draft.participants)
        put(doc, "criteria", list(draft.criteria))
        put(doc, "note", draft.note)
        return doc

    def sort_key(self, view: Event) -> tuple[Any, ...]:
        return (view.date, name_key(view.title), view.record_id)


SUPPORTERS = SupporterStore()
ASSIGNMENTS = AssignmentStore()
HELP = HelpStore()
CADRES = CadreStore()
EVENTS = EventStore()
STORES: tuple[Store[Any, Any], ...] = (SUPPORTERS, ASSIGNMENTS, HELP, CADRES, EVENTS)
"""In records-v1 order: supporters first, since the other lists refer to them."""
