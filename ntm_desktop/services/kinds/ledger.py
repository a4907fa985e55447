"""The five ledger kinds: supporters, assignments, help (with item lines), cadres, events.

Each is declared once here: its table, audit entity, records-v1 shape (fields, reading, writing back),
checks (:mod:`ntm_desktop.services.ledger.checks`), row mapping and views.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import fold, name_key
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fields import NO_DATE, Fields, put
from ntm_desktop.services.kinds.store import Children, Columns, Doc, Span, Store, one_row, supporter_names
from ntm_desktop.services.ledger import checks
from ntm_desktop.services.ledger.values import (
    Assignment,
    AssignmentDraft,
    Cadre,
    CadreDraft,
    Event,
    EventDraft,
    Supporter,
    SupporterDraft,
)


def _keys(row: Any) -> dict[str, str]:
    return {"uid": row.uid, "record_id": row.record_id, "version": row.version}


class SupporterStore(Store[SupporterDraft, Supporter]):
    list_name, entity, kind, model = "supporters", "supporter", Kind.SUPPORTERS, m.Supporter
    fields = frozenset({"id", "name", "kind", "parent"})
    required = frozenset({"id", "name"})

    def label(self) -> str:
        return tr("Supporters")

    def read(self, o: Fields) -> SupporterDraft:
        return SupporterDraft(name=o.text("name"), kind=o.text("kind") or "agency", parent=o.text("parent"))

    def check(
        self, draft: SupporterDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[SupporterDraft, list[Problem]]:
        return checks.check_supporter(draft, at)

    def columns(self, draft: SupporterDraft) -> Doc:
        """The supporter row's columns: what :meth:`write` puts on a row and a bulk insert takes as is."""
        return one_row(self.column_lists([draft])[0])

    def column_lists(self, drafts: Sequence[SupporterDraft]) -> tuple[Columns, Children]:
        return {name: list(map(attrgetter(name), drafts)) for name in ("name", "kind", "parent")}, {}

    def write(self, s: Session, row: Any, draft: SupporterDraft) -> None:
        for name, value in self.columns(draft).items():
            setattr(row, name, value)

    def views(self, s: Session, rows: Sequence[Any]) -> list[Supporter]:
        return [Supporter(name=r.name, kind=r.kind, parent=r.parent, **_keys(r)) for r in rows]

    def doc(self, draft: SupporterDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"name": draft.name, "kind": draft.kind}
        put(doc, "parent", draft.parent)
        return doc

    def sort_key(self, view: Supporter) -> tuple[Any, ...]:
        return (fold(view.name), view.record_id)

    def title(self, view: Supporter) -> str:
        return view.name


class AssignmentStore(Store[AssignmentDraft, Assignment]):
    list_name, entity, kind, model = "assignments", "assignment", Kind.SUPPORTERS, m.Assignment
    fields = frozenset(
        {"id", "supporter", "document", "document_date", "issuer", "start", "end", "criteria", "note"}
    )
    required = frozenset({"id", "supporter", "document"})

    def label(self) -> str:
        return tr("Assignments")

    def read(self, o: Fields) -> AssignmentDraft:
        return AssignmentDraft(
            supporter=o.text("supporter"),
            document=o.text("document"),
            document_date=o.day("document_date"),
            issuer=o.text("issuer"),
            start=o.day("start"),
            end=o.day("end"),
            criteria=o.texts("criteria"),
            note=o.text("note"),
        )

    def check(
        self, draft: AssignmentDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[AssignmentDraft, list[Problem]]:
        return checks.check_assignment(draft, at)

    def refs(self, draft: AssignmentDraft) -> list[tuple[str, str]]:
        return [("supporter", draft.supporter)] if draft.supporter else []

    def criteria_named(self, draft: AssignmentDraft) -> tuple[object, Sequence[str]]:
        """Judged by the set of the year the assignment starts (or, without a start, is signed)."""
        return draft.start or draft.document_date, draft.criteria

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

    def title(self, view: Assignment) -> str:
        return f"{view.document} · {view.supporter_name}" if view.supporter_name else view.document


class CadreStore(Store[CadreDraft, Cadre]):
    list_name, entity, kind, model = "cadres", "cadre", Kind.CADRES, m.Cadre
    fields = frozenset({"id", "name", "position", "supporter", "start", "end", "note"})
    required = frozenset({"id", "name"})

    def label(self) -> str:
        return tr("Seconded cadres")

    def read(self, o: Fields) -> CadreDraft:
        return CadreDraft(
            name=o.text("name"),
            position=o.text("position"),
            supporter=o.text("supporter") or None,
            start=o.day("start"),
            end=o.day("end"),
            note=o.text("note"),
        )

    def check(
        self, draft: CadreDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[CadreDraft, list[Problem]]:
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

    def title(self, view: Cadre) -> str:
        return f"{view.name} · {view.position}" if view.position else view.name

    def span(self, record: Any) -> Span | None:
        start, end = record.start, record.end
        if not (start or end):
            return None
        return (start.year if start else None, end.year if end else None)


class EventStore(Store[EventDraft, Event]):
    list_name, entity, kind, model = "events", "event", Kind.EVENTS, m.Event
    fields = frozenset({"id", "date", "title", "village", "supporters", "participants", "criteria", "note"})
    required = frozenset({"id", "date", "title"})

    def label(self) -> str:
        return tr("Events")

    def read(self, o: Fields) -> EventDraft:
        return EventDraft(
            date=o.day("date") or NO_DATE,
            title=o.text("title"),
            village=o.text("village"),
            supporters=o.texts("supporters"),
            participants=o.whole("participants"),
            criteria=o.texts("criteria"),
            note=o.text("note"),
        )

    def check(
        self, draft: EventDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[EventDraft, list[Problem]]:
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

    def title(self, view: Event) -> str:
        return f"{view.date.strftime('%d/%m/%Y')} · {view.title}"

    def span(self, record: Any) -> Span | None:
        day = record.date
        return (day.year, day.year) if isinstance(day, date) and day != NO_DATE else None

    def criteria_named(self, draft: EventDraft) -> tuple[object, Sequence[str]]:
        return draft.date, draft.criteria


SUPPORTERS = SupporterStore()
ASSIGNMENTS = AssignmentStore()
CADRES = CadreStore()
EVENTS = EventStore()
