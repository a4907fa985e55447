"""Assessments: a commune's standing on one indicator (or a criterion judged as a whole) in one year.

One judging function (:func:`judge`) turns what was typed or read into the value and Đạt kept; one store
checks, writes and reads assessments for ``ws.progress``, records-v1 files and bundles alike. A record is
matched by its ``id``; failing that, by what it assesses (year, criteria set, criterion, indicator), so a
file never adds a second live result for the same indicator and year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import (
    LONG_TEXT,
    SHORT_TEXT,
    clean,
    is_ascii_digits,
    not_allowed_in,
    text_problem,
)
from ntm_desktop.criteria.loading import default_set_id_for_year
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.assessment_draft import (
    MAX_YEAR,
    MIN_YEAR,
    ROW_COLUMNS,
    AssessmentDraft,
    field_under,
    target_of,
)
from ntm_desktop.services.kinds.assessment_once import Once
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fields import Fields, changed, put
from ntm_desktop.services.kinds.judging import judge
from ntm_desktop.services.kinds.store import Children, Columns, Doc, Span, Store, one_row
from ntm_desktop.services.ledger.values import Saved
from ntm_desktop.services.progress_values import to_json_value


@dataclass(frozen=True, kw_only=True)
class AssessmentView(AssessmentDraft, Saved):
    set_id: str
    evidence: int = 0
    """How many evidence files are attached."""


_COLUMNS = ROW_COLUMNS


class AssessmentStore(Store[AssessmentDraft, AssessmentView]):
    list_name, entity, kind, model = "assessments", "assessment", Kind.PROGRESS, m.Assessment
    evidence_owner = "assessment"
    correctable = True
    fields = frozenset(
        {"id", "year", "indicator", "criterion", "value", "met", "note", "assessed_on", "assessed_by"}
    )
    required = frozenset({"id", "year"})
    header_fields = frozenset({"criteria_set"})

    def label(self) -> str:
        return tr("Assessments")

    def read(self, o: Fields) -> AssessmentDraft:
        year = o.whole("year")
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            o.fail("year", tr("The year must be between 2010 and 2100"))
        indicator, criterion = o.text("indicator"), o.text("criterion")
        if bool(indicator) == bool(criterion):
            o.fail("indicator", tr("give either an indicator or a criterion"))
        value = o.d.get("value")
        if value is not None and not isinstance(value, bool | int | float | Decimal | str):
            o.fail("value", tr("must be a number, true/false or text"))
            value = None
        met = o.d.get("met")
        if met is not None and not isinstance(met, bool):
            o.fail("met", tr("must be true, false or null"))
            met = None
        return AssessmentDraft(
            year=year or 0,
            indicator=indicator or None,
            criterion=criterion,
            value=value,
            met=met,
            met_given="met" in o.d,
            note=o.text("note"),
            assessed_on=o.day("assessed_on"),
            assessed_by=o.text("assessed_by"),
        )

    def doc(self, draft: AssessmentDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {"year": draft.year}
        doc["indicator" if draft.indicator else "criterion"] = draft.indicator or draft.criterion
        put(doc, "value", draft.value)
        doc["met"] = draft.met
        put(doc, "note", draft.note)
        put(doc, "assessed_on", draft.assessed_on)
        put(doc, "assessed_by", draft.assessed_by)
        return doc

    def extras(self, draft: AssessmentDraft) -> Doc:
        return {"criteria_set": draft.set_id}

    def bundle_extras(self, draft: AssessmentDraft) -> Doc:
        default = default_set_id_for_year(draft.year)
        return {} if draft.set_id == default else {"_criteria_set": draft.set_id}

    def with_extras(self, draft: AssessmentDraft, extras: Mapping[str, Any]) -> AssessmentDraft:
        named = extras.get("criteria_set")
        return changed(draft, set_id=named) if draft.set_id is None and isinstance(named, str) else draft

    def header(self, views: Sequence[AssessmentView]) -> Doc:
        """``criteria_set`` when the assessments were not each judged under their own year's set."""
        sets = {v.set_id for v in views}
        if all(v.set_id == default_set_id_for_year(v.year) for v in views):
            return {}
        if len(sets) == 1:
            return {"criteria_set": next(iter(sets))}
        raise InvalidInput(
            tr(
                "The assessments were judged under several criteria sets ({sets}), and one records file "
                "names only one. Export them from a data file that uses one set.",
                sets=", ".join(sorted(sets)),
            ),
            field="criteria_set",
        )

    def check(
        self, draft: AssessmentDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[AssessmentDraft, list[Problem]]:
        assert context is not None, "assessments are judged against a criteria set"
        texts = _text_problems(draft, at)
        if texts:
            return draft, texts
        try:
            return self._judged(draft, at, context), []
        except InvalidInput as exc:
            return draft, list(exc.problems)

    def check_each(
        self, drafts: Sequence[tuple[str, AssessmentDraft]], context: CheckContext | None
    ) -> list[tuple[AssessmentDraft, list[Problem]]]:
        """As :meth:`check` for each draft, what a list repeats worked out once (:mod:`.assessment_once`);
        a draft with any problem is checked on its own by :meth:`check`, which names it."""
        assert context is not None, "assessments are judged against a criteria set"
        if not _plain_texts(drafts):
            return super().check_each(drafts, context)
        once = Once(context)
        out: list[tuple[AssessmentDraft, list[Problem]]] = []
        for at, d in drafts:
            judged = once.judged(d)
            out.append(self.check(d, at, context) if judged is None else (judged, []))
        return out

    def _judged(self, d: AssessmentDraft, at: str, context: CheckContext) -> AssessmentDraft:
        if not isinstance(d.year, int) or not MIN_YEAR <= d.year <= MAX_YEAR:
            raise InvalidInput(tr("The year must be between 2010 and 2100"), field=field_under(at, "year"))
        if bool(d.indicator) == bool(d.criterion):
            raise InvalidInput(
                tr("Give either an indicator or a criterion"), field=field_under(at, "indicator")
            )
        cs = context.criteria_set(d.set_id, d.year, at)
        criterion, indicator = target_of(cs, clean(d.indicator or ""), clean(d.criterion), at)
        try:
            group = context.group_for(d.year)
            j = judge(indicator, d.value, d.met, d.met_given, context.region, group, memo=context.judged)
        except InvalidInput as exc:
            raise InvalidInput(exc.problems[0].message, field=field_under(at, "value")) from None
        value = to_json_value(j.value) if indicator is not None else j.value
        return changed(
            d,
            indicator=indicator.code if indicator is not None else None,
            criterion=criterion,
            value=value,
            met=j.met,
            met_given=True,
            met_auto=j.met_auto,
            basis=j.basis,
            note=clean(d.note),
            assessed_by=clean(d.assessed_by),
            set_id=cs.id,
            set_revision=cs.revision,
        )

    def natural_key(self, draft: AssessmentDraft) -> tuple[Any, ...]:
        return (draft.year, draft.set_id, draft.criterion, draft.indicator or "")

    def natural_keys(self, columns: Columns) -> list[tuple[Any, ...]]:
        """:meth:`natural_key` of each row of :meth:`column_lists` (a bundle's hundreds, by column)."""
        indicators = [code or "" for code in columns["indicator"]]
        return list(zip(columns["year"], columns["set_id"], columns["criterion"], indicators, strict=True))

    def live_row(self, s: Session, code: str, draft: AssessmentDraft) -> m.Assessment | None:
        """The commune's live assessment of what the checked ``draft`` assesses, if there is one."""
        a = m.Assessment
        query = select(a).where(
            a.unit_code == code,
            a.year == draft.year,
            a.set_id == draft.set_id,
            a.criterion == draft.criterion,
            a.deleted_at.is_(None),
            a.indicator == draft.indicator if draft.indicator else a.indicator.is_(None),
        )
        return s.scalar(query)

    def columns(self, draft: AssessmentDraft) -> Doc:
        """The assessment row's columns: what :meth:`write` puts on a row and a bulk insert takes as is."""
        return one_row(self.column_lists([draft])[0])

    def column_lists(self, drafts: Sequence[AssessmentDraft]) -> tuple[Columns, Children]:
        """Each draft's fields read in one pass over the drafts (a bundle's hundreds), then by column."""
        if not drafts:
            return {name: [] for name in _COLUMNS}, {}
        rows = map(attrgetter(*_COLUMNS), drafts)
        return dict(zip(_COLUMNS, map(list, zip(*rows, strict=True)), strict=True)), {}

    def write(self, s: Session, row: Any, draft: AssessmentDraft) -> None:
        for name, value in self.columns(draft).items():
            setattr(row, name, value)

    def views(self, s: Session, rows: Sequence[Any]) -> list[AssessmentView]:
        counts = evidence_counts(s, [r.uid for r in rows])
        return [
            AssessmentView(
                uid=r.uid,
                record_id=r.record_id,
                version=r.version,
                year=r.year,
                indicator=r.indicator,
                criterion=r.criterion,
                value=r.value,
                met=r.met,
                met_given=True,
                note=r.note,
                assessed_on=r.assessed_on,
                assessed_by=r.assessed_by,
                set_id=r.set_id,
                set_revision=r.set_revision,
                met_auto=r.met_auto,
                basis=r.basis,
                evidence=counts.get(r.uid, 0),
            )
            for r in rows
        ]

    def sort_key(self, view: AssessmentView) -> tuple[Any, ...]:
        return (view.year, _code_key(view.criterion), _code_key(view.indicator or ""), view.record_id)

    def title(self, view: AssessmentView) -> str:
        if view.indicator:
            return tr("{year} · indicator {code}", year=view.year, code=view.indicator)
        return tr("{year} · criterion {code}", year=view.year, code=view.criterion)

    def span(self, record: Any) -> Span | None:
        return (record.year, record.year)


def evidence_counts(s: Session, uids: list[str]) -> dict[str, int]:
    if not uids:
        return {}
    rows = s.execute(
        select(m.EvidenceLink.owner_uid, func.count())
        .where(m.EvidenceLink.owner_uid.in_(uids), m.EvidenceLink.deleted_at.is_(None))
        .group_by(m.EvidenceLink.owner_uid)
    ).all()
    return {uid: int(n) for uid, n in rows}


def _plain_texts(drafts: Sequence[tuple[str, AssessmentDraft]]) -> bool:
    """No draft's texts give :func:`_text_problems` anything to say (judged on all of them joined)."""
    texts: list[str] = []
    for _, d in drafts:
        note, by, value = d.note, d.assessed_by, d.value
        if type(note) is not str or type(by) is not str or len(note) > LONG_TEXT or len(by) > SHORT_TEXT:
            return False
        if isinstance(value, str):
            if len(value) > LONG_TEXT:
                return False
            texts.append(value)
        texts += (note, by)
    return not not_allowed_in("\n".join(texts))


def _text_problems(d: AssessmentDraft, at: str) -> list[Problem]:
    """The note, who assessed and a value given as text: not too long, no control characters."""
    texts = [("note", d.note, LONG_TEXT), ("assessed_by", d.assessed_by, SHORT_TEXT)]
    if isinstance(d.value, str):
        texts.append(("value", d.value, LONG_TEXT))
    found = [(name, text_problem(text, limit)) for name, text, limit in texts if isinstance(text, str)]
    return [Problem(field_under(at, name), problem) for name, problem in found if problem]


def _code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if is_ascii_digits(part) else (1, part) for part in code.split("."))


ASSESSMENTS = AssessmentStore()
