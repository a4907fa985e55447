"""Assessments: a commune's standing on one indicator (or a criterion judged as a whole) in one year.

One judging function (:func:`judge`) turns what was typed or read into the value and Đạt kept; one store
checks, writes and reads assessments for ``ws.progress``, records-v1 files and bundles alike. A record is
matched by its ``id``; failing that, by what it assesses (year, criteria set, criterion, indicator), so a
file never adds a second live result for the same indicator and year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, cast

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
from ntm_desktop.criteria.model import CriteriaSet, Indicator
from ntm_desktop.db import models as m
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fields import Fields, changed, put
from ntm_desktop.services.kinds.judging import exact, frame, judge, plain_number
from ntm_desktop.services.kinds.store import Children, Columns, Doc, Span, Store, one_row
from ntm_desktop.services.ledger.values import Saved
from ntm_desktop.services.progress_values import to_json_value

MIN_YEAR, MAX_YEAR = 2010, 2100


@dataclass(frozen=True)
class AssessmentDraft:
    """What a form, the CLI, a file or a bundle says. :meth:`AssessmentStore.check` fills in the rest:
    the criterion of an indicator, the set and its revision, the value as kept, Đạt and its basis."""

    year: int
    indicator: str | None = None
    criterion: str = ""
    value: Any = None
    met: bool | None = None
    met_given: bool = False
    """The officer decided Đạt (``met``, even None); otherwise it is worked out from the threshold."""
    note: str = ""
    assessed_on: date | None = None
    assessed_by: str = ""
    set_id: str | None = None
    """None: the set in force that year."""
    set_revision: int = 0
    met_auto: bool | None = None
    basis: str = ""


@dataclass(frozen=True, kw_only=True)
class AssessmentView(AssessmentDraft, Saved):
    set_id: str
    evidence: int = 0
    """How many evidence files are attached."""


_COLUMNS = (
    "year",
    "set_id",
    "set_revision",
    "criterion",
    "indicator",
    "value",
    "met",
    "met_auto",
    "basis",
    "note",
    "assessed_on",
    "assessed_by",
)
"""An assessment row's own columns: the draft's fields of the same names, as they are."""


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
        """As :meth:`check` for each draft, what a list repeats worked out once (:class:`_Once`); a draft
        with any problem is checked on its own by :meth:`check`, which names it."""
        assert context is not None, "assessments are judged against a criteria set"
        if not _plain_texts(drafts):
            return super().check_each(drafts, context)
        once = _Once(context)
        out: list[tuple[AssessmentDraft, list[Problem]]] = []
        for at, d in drafts:
            judged = once.judged(d)
            out.append(self.check(d, at, context) if judged is None else (judged, []))
        return out

    def _judged(self, d: AssessmentDraft, at: str, context: CheckContext) -> AssessmentDraft:
        if not isinstance(d.year, int) or not MIN_YEAR <= d.year <= MAX_YEAR:
            raise InvalidInput(tr("The year must be between 2010 and 2100"), field=_under(at, "year"))
        if bool(d.indicator) == bool(d.criterion):
            raise InvalidInput(tr("Give either an indicator or a criterion"), field=_under(at, "indicator"))
        cs = context.criteria_set(d.set_id, d.year, at)
        criterion, indicator = _target(cs, clean(d.indicator or ""), clean(d.criterion), at)
        try:
            group = context.group_for(d.year)
            j = judge(indicator, d.value, d.met, d.met_given, context.region, group, memo=context.judged)
        except InvalidInput as exc:
            raise InvalidInput(exc.problems[0].message, field=_under(at, "value")) from None
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


def _target(cs: CriteriaSet, indicator: str, criterion: str, at: str) -> tuple[str, Indicator | None]:
    """(criterion code, indicator) of what is assessed, or :class:`InvalidInput` for an unknown code."""
    if indicator:
        found, crit = cs.find_indicator(indicator), cs.criterion_for(indicator)
        if found is None or crit is None:
            raise InvalidInput(
                tr("Unknown indicator {code} in the set {set}", code=indicator, set=cs.id),
                field=_under(at, "indicator"),
            )
        return crit.code, found
    if cs.find_criterion(criterion) is None:
        raise InvalidInput(
            tr("Unknown criterion {code} in the set {set}", code=criterion, set=cs.id),
            field=_under(at, "criterion"),
        )
    return criterion, None


def evidence_counts(s: Session, uids: list[str]) -> dict[str, int]:
    if not uids:
        return {}
    rows = s.execute(
        select(m.EvidenceLink.owner_uid, func.count())
        .where(m.EvidenceLink.owner_uid.in_(uids), m.EvidenceLink.deleted_at.is_(None))
        .group_by(m.EvidenceLink.owner_uid)
    ).all()
    return {uid: int(n) for uid, n in rows}


_UNSEEN: Any = object()
_FIELDS_OF = vars(AssessmentDraft)["__dict__"].__set__
"""Sets a new draft's fields (its ``__dict__``) at once: what ``object.__setattr__(draft, "__dict__", …)``
does, without looking the attribute up again for each of a bundle's hundreds of drafts."""
Judged = tuple[Any, bool | None, bool | None, str]
"""A judged draft's value, met, met_auto and basis, as :class:`_Once` works them out."""


_KEPT = 1_000
"""What an :class:`Under` keeps (targets, and values judged for each) is emptied once it holds this many:
bounded however many distinct codes and values come (as the criteria service's memo is; a set has a
hundred-odd codes, and a commune's values repeat few but its percentages)."""


class Under:
    """A criteria set and a commune's region and group in it, and the target of each pair of codes
    (:meth:`_Once._target`; None: a problem) judged under them: kept in the context's memo (a receiver
    checks thousands of bundles against the same few sets), one for the years that share set and group.
    A target is (indicator, (its code, the criterion's), its :func:`frame`, the values judged for it
    (:meth:`_Once.value_of`))."""

    __slots__ = ("cs", "group", "revision", "set_id", "targets")

    def __init__(self, cs: CriteriaSet, group: int | None) -> None:
        self.cs, self.group, self.set_id, self.revision = cs, group, cs.id, cs.revision
        self.targets: dict[tuple[str | None, str | None], Any] = {}
        """(indicator, criterion) → the target of the two, trimmed: as given or trimmed already (a pair
        and its trimmed pair have the same target)."""


class _Once:
    """What :meth:`AssessmentStore._judged` works out for a list of drafts, each part once: the set and
    group of each year, the target of each code, the judgement of each value (with its type: 85 and
    85.0, 1 and True are not alike) and the cleaning of each text; targets and judgements are kept for
    the next runs too (:class:`Under`). None: a problem, for :meth:`check`."""

    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self.sets: dict[tuple[str | None, int], Under | None] = {}
        """(set named, year) → what a draft of them is judged under (None: a problem)."""
        self.texts: dict[str, str] = {}

    def judged(self, d: AssessmentDraft) -> AssessmentDraft | None:
        year = d.year
        if (
            type(year) is not int
            or not MIN_YEAR <= year <= MAX_YEAR
            or bool(d.indicator) == bool(d.criterion)
        ):
            return None
        note, by = self.cleaned(d.note), self.cleaned(d.assessed_by)
        return self.made(
            year, d.set_id, d.indicator, d.criterion, d.value, d.met, d.met_given, note, d.assessed_on, by
        )

    def cleaned(self, text: str) -> str:
        """``clean(text)``, each text once."""
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = clean(text)
        return found

    def made(
        self,
        year: int,
        set_id: str | None,
        indicator: str | None,
        criterion: str,
        value: Any,
        met: bool | None,
        met_given: bool,
        note: str,
        assessed_on: date | None,
        by: str,
    ) -> AssessmentDraft | None:
        """:meth:`judged` of the draft of these fields (its year in range, given either an indicator or a
        criterion; ``note`` and ``by`` cleaned already): for a reader that has them without a draft (the
        typed lane)."""
        found = self.sets.get((set_id, year), _UNSEEN)
        under = self.under(set_id, year) if found is _UNSEEN else found
        if under is None:
            return None
        cs = under.cs
        target = under.targets.get((indicator, criterion)) or self.target(under, (indicator, criterion))
        if target is None:
            return None
        known, names, given, _ = target
        if (
            type(value) is float
            and given is not None
            and (number := plain_number(known, value, given)) is not None
        ):
            # _value of a float a bundle gives (each its own: no memo finds it again) when only the value is
            # read (:func:`plain_number`): judge()'s Judgement then
            value, met, met_auto, basis = number, met if met_given else given.met, given.met, given.basis
        elif (judged := self.value_of(target, under.group, value, met, met_given)) is not None:
            value, met, met_auto, basis = judged
        else:
            return None
        new = object.__new__(AssessmentDraft)  # as ``changed`` makes it, every field given
        _FIELDS_OF(new, {
            "year": year,
            "indicator": names[0],
            "criterion": names[1],
            "value": value,
            "met": met,
            "met_given": True,
            "note": note,
            "assessed_on": assessed_on,
            "assessed_by": by,
            "set_id": cs.id,
            "set_revision": cs.revision,
            "met_auto": met_auto,
            "basis": basis,
        })  # fmt: skip
        return new

    def target(self, under: Under | None, pair: tuple[str | None, str | None]) -> Any:
        """:meth:`_target` of the codes ``pair`` as a record gives them, trimmed (kept for both pairs in
        ``under``'s targets), or None when they are not one code, as :func:`codes_of` judges them."""
        assert under is not None
        indicator, criterion = (pair[0] or "").strip(), (pair[1] or "").strip()
        if bool(indicator) == bool(criterion):
            return None
        targets = under.targets
        if len(targets) >= _KEPT:
            targets.clear()
        target = targets.get(codes := (indicator or None, criterion), _UNSEEN)
        if target is _UNSEEN:
            target = targets[codes] = self._target(under.cs, under.group, indicator or None, criterion)
        targets[pair] = target
        return target

    def _target(self, cs: CriteriaSet, group: int | None, indicator: str | None, criterion: str) -> Any:
        """(indicator, (its code, the criterion's), its :func:`frame` for the commune in ``group``) of the
        codes a draft gives in ``cs``, or None; :func:`_fields` kept in the context's memo (the same for
        every run against ``cs``)."""
        memo, context = self.context.judged, self.context
        found = memo.get(key := ("codes", id(cs), indicator, criterion))
        if found is None or found[0] is not cs:
            found = memo[key] = (cs, _or_none(_fields, cs, indicator, criterion))
        if found[1] is None:
            return None
        known, names = found[1]
        given = None if known is None else _or_none(frame, known, context.region, group, context.judged)
        return known, names, given, {}

    def under(self, set_id: str | None, year: int) -> Under | None:
        """What a draft naming ``set_id`` (None: the year's) in ``year`` is judged under, or None for a
        problem (a year no set covers, an unknown set); looked up once for each (set, year)."""
        found = self.sets.get(at := (set_id, year), _UNSEEN)
        if found is _UNSEEN:
            set_and_group = _or_none(self._set, set_id, year)
            if set_and_group is None:
                found = None
            else:
                cs, group = set_and_group
                memo = self.context.judged
                found = memo.get(key := ("under", id(cs), self.context.region, group))
                if found is None or found.cs is not cs:
                    found = memo[key] = Under(cs, group)
            self.sets[at] = found
        return cast(Under | None, found)

    def _set(self, set_id: str | None, year: int) -> tuple[CriteriaSet, int | None]:
        return self.context.criteria_set(set_id, year, ""), self.context.group_for(year)

    def value_of(self, target: Any, group: int | None, value: Any, met: bool | None, met_given: bool) -> Any:
        """:meth:`_value` of ``target``'s indicator (None for a problem), kept with the target (in the
        context's memo): a value is judged once for the indicator and the commune's region and group, in
        this run and the next ones. Told apart by type as well (85 and 85.0, 1 and True)."""
        values = target[3]
        found = values.get(key := (type(value), exact(value), type(met), met, met_given), _UNSEEN)
        if found is _UNSEEN:
            if len(values) >= _KEPT:
                values.clear()
            found = values[key] = _or_none(self._value, target[0], group, value, met, met_given)
        return found

    def _value(
        self, indicator: Indicator | None, group: int | None, value: Any, met: bool | None, met_given: bool
    ) -> Judged:
        context = self.context
        j = judge(indicator, value, met, met_given, context.region, group, memo=context.judged)
        value = to_json_value(j.value) if indicator is not None else j.value
        return value, j.met, j.met_auto, j.basis


def _fields(
    cs: CriteriaSet, indicator: str | None, criterion: str
) -> tuple[Indicator | None, tuple[str | None, str]]:
    """The indicator (None for a criterion) of a draft's codes in ``cs``, and the codes the judged draft
    names (its indicator's, its criterion's)."""
    code, found = _target(cs, clean(indicator or ""), clean(criterion), "")
    return found, (found.code if found is not None else None, code)


def _or_none(work: Any, *args: Any) -> Any:
    """``work(*args)``, or None when it finds a problem (:meth:`AssessmentStore.check` then names it)."""
    try:
        return work(*args)
    except InvalidInput:
        return None


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
    return [Problem(_under(at, name), problem) for name, problem in found if problem]


def _under(at: str, name: str) -> str:
    return f"{at}.{name}" if at else name


def _code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if is_ascii_digits(part) else (1, part) for part in code.split("."))


ASSESSMENTS = AssessmentStore()
