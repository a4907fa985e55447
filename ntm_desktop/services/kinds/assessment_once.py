"""Judging a list of assessments with each part worked out once (:meth:`AssessmentStore.check_each`, the
typed lane's :func:`~ntm_desktop.services.kinds.assessments_fast.judged_drafts`): the set and group of each
year, the target of each pair of codes, the judgement of each value and the cleaning of each text; targets
and judgements kept in the criteria service's memo for the next lists (:class:`Under`), bounded."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.model import CriteriaSet, Indicator
from ntm_desktop.services.kinds.assessment_draft import MAX_YEAR, MIN_YEAR, AssessmentDraft, target_of
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.judging import exact, frame, judge, plain_number
from ntm_desktop.services.progress_values import to_json_value

_UNSEEN: Any = object()
_FIELDS_OF = vars(AssessmentDraft)["__dict__"].__set__
"""Sets a new draft's fields (its ``__dict__``) at once: what ``object.__setattr__(draft, "__dict__", …)``
does, without looking the attribute up again for each of a bundle's hundreds of drafts."""
Judged = tuple[Any, bool | None, bool | None, str]
"""A judged draft's value, met, met_auto and basis, as :class:`Once` works them out."""


_KEPT = 1_000
"""What an :class:`Under` keeps (targets, and values judged for each) is emptied once it holds this many:
bounded however many distinct codes and values come (as the criteria service's memo is; a set has a
hundred-odd codes, and a commune's values repeat few but its percentages)."""


class Under:
    """A criteria set and a commune's region and group in it, and the target of each pair of codes
    (:meth:`Once._target`; None: a problem) judged under them: kept in the context's memo (a receiver
    checks thousands of bundles against the same few sets), one for the years that share set and group.
    A target is (indicator, (its code, the criterion's), its :func:`frame`, the values judged for it
    (:meth:`Once.value_of`))."""

    __slots__ = ("cs", "group", "revision", "set_id", "targets")

    def __init__(self, cs: CriteriaSet, group: int | None) -> None:
        self.cs, self.group, self.set_id, self.revision = cs, group, cs.id, cs.revision
        self.targets: dict[tuple[str | None, str | None], Any] = {}
        """(indicator, criterion) → the target of the two, trimmed: as given or trimmed already (a pair
        and its trimmed pair have the same target)."""


class Once:
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
        ``under``'s targets), or None when they are not one code (an indicator or a criterion, not both)."""
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
    code, found = target_of(cs, clean(indicator or ""), clean(criterion), "")
    return found, (found.code if found is not None else None, code)


def _or_none(work: Any, *args: Any) -> Any:
    """``work(*args)``, or None when it finds a problem (:meth:`AssessmentStore.check` then names it)."""
    try:
        return work(*args)
    except InvalidInput:
        return None
