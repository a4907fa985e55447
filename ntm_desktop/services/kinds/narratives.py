"""Narratives: the text of one section of one year's report, as the officer wrote or accepted it.

There is one record per commune, year and section: its id is made from them
(:func:`~ntm_desktop.services.narrative_values.record_id_for`), so two computers of a commune writing the
same section edit one record, and a records file naming another id is matched on (year, section).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fields import Fields
from ntm_desktop.services.kinds.store import Doc, Span, Store
from ntm_desktop.services.narrative_values import (
    MAX_YEAR,
    MIN_YEAR,
    SECTIONS,
    Narrative,
    NarrativeDraft,
    check_narrative,
)


class NarrativeStore(Store[NarrativeDraft, Narrative]):
    list_name, entity, kind, model = "narratives", "narrative", Kind.NARRATIVES, m.Narrative
    fields = frozenset({"id", "year", "section", "text"})
    required = frozenset({"id", "year", "section", "text"})
    since = FormatVersion(1, 1)

    def label(self) -> str:
        return tr("Report sections")

    def read(self, o: Fields) -> NarrativeDraft:
        year = o.whole("year")
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            o.fail("year", tr("The year must be between 2010 and 2100"))
        if "text" in o.d and not isinstance(o.d["text"], str):
            o.fail("text", tr("must be text"))
        return NarrativeDraft(year=year or 0, section=o.text("section"), text=o.text("text"))

    def check(
        self, draft: NarrativeDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[NarrativeDraft, list[Problem]]:
        return check_narrative(draft, at)

    def natural_key(self, draft: NarrativeDraft) -> tuple[Any, ...]:
        return (draft.year, draft.section)

    def write(self, s: Session, row: Any, draft: NarrativeDraft) -> None:
        row.year, row.section, row.text = draft.year, draft.section, draft.text

    def views(self, s: Session, rows: Sequence[Any]) -> list[Narrative]:
        return [
            Narrative(
                year=r.year,
                section=r.section,
                text=r.text,
                uid=r.uid,
                record_id=r.record_id,
                version=r.version,
            )
            for r in rows
        ]

    def doc(self, draft: NarrativeDraft, ids: Mapping[str, str]) -> Doc:
        return {"year": draft.year, "section": draft.section, "text": draft.text}

    def sort_key(self, view: Narrative) -> tuple[Any, ...]:
        order = list(SECTIONS)
        place = order.index(view.section) if view.section in order else len(order)
        return (view.year, place, view.record_id)

    def span(self, record: Any) -> Span | None:
        year = record.year
        return (year, year) if isinstance(year, int) and year else None


NARRATIVES = NarrativeStore()
