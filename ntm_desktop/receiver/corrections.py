"""What a returned year or a refused amendment asks the commune to correct: the record it names (an
assessment or a help record — the kinds that declare themselves ``correctable``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.assessments import ASSESSMENTS
from ntm_desktop.services.kinds.help import HELP
from ntm_desktop.services.kinds.registry import kind_named


def correctable_model(kind: str) -> Any:
    """The table of a kind a receiver may ask a correction of; None for other kinds."""
    found = kind_named(kind)
    return found.model if found is not None and found.correctable else None


def to_correct(
    s: Session, codes: Sequence[str], year: int, record: tuple[str, str] | None
) -> tuple[str, str, str]:
    """(unit, kind, record id) the correction request is about: the one named, else one of the year's
    assessments (or help records) — the commune's own before its predecessors'."""
    if record is not None:
        kind, record_id = record
        model = correctable_model(kind)
        if model is None:
            raise InvalidInput(tr("A correction can be asked for an assessment or a help record"), "kind")
        found = s.scalar(
            select(model.unit_code).where(model.unit_code.in_(codes), model.record_id == record_id)
        )
        if found is None:
            raise NotFound(tr("{unit} has no record {id} in this data file.", unit=codes[0], id=record_id))
        return found, kind, record_id
    a, h = m.Assessment, m.Help
    for code in codes:
        rid = s.scalar(
            select(func.min(a.record_id)).where(a.unit_code == code, a.year == year, a.deleted_at.is_(None))
        )
        if rid:
            return code, ASSESSMENTS.list_name, rid
        rid = s.scalar(
            select(func.min(h.record_id)).where(
                h.unit_code == code,
                h.date >= date(year, 1, 1),
                h.date <= date(year, 12, 31),
                h.deleted_at.is_(None),
            )
        )
        if rid:
            return code, HELP.list_name, rid
    raise NotFound(tr("{code} has not reported anything for {year} yet.", code=codes[0], year=year))
