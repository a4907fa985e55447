"""Which criteria set each year is judged under in this workspace, and switching it.

By default a year is judged under the national set in force (``criteria/in_force.py``). A workspace can
choose another set for some years, with a reason (``criteria use``); a set from the commune's receiving
unit is used for the open years of its period as soon as it arrives, and one the receiving unit loads or
edits itself is used for its period there. Each choice is a row (``criteria_year_choices``) and an audit
entry. Switching judges the open years with data again (:mod:`ntm_desktop.services.rejudge`) and keeps
what changed — criteria gained and lost — for the officer. An open year is one the receiver has not
approved; years it approved keep the results and the revision they were judged under.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import clean
from ntm_desktop.criteria.diff import Change, diff_sets
from ntm_desktop.criteria.loading import builtin_sets, default_set_id_for_year
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.db.base import utcnow
from ntm_desktop.services.criteria import CriteriaService, newest_revisions
from ntm_desktop.services.db import Database
from ntm_desktop.services.progress import ProgressService, check_year
from ntm_desktop.services.rejudge import Rejudged
from ntm_desktop.services.settings import SettingsService

OFFICER, RECEIVER, OWN = "officer", "receiver", "own"
FOLLOWED = "criteria_followed_sets"
"""Setting: the advanced sets the commune follows beside the basic one."""


@dataclass(frozen=True)
class YearChoice:
    year: int
    set_id: str | None
    """The set the year is judged under here (None: no set covers it)."""
    national: str | None
    """The national set in force that year."""
    chosen: bool
    """Chosen in this workspace (otherwise the national default)."""
    reason: str = ""
    origin: str = ""
    chosen_by: str = ""
    chosen_at: datetime | None = None


@dataclass(frozen=True)
class NewSet:
    """A set from the receiving unit, now used for ``years`` (the notice "Bộ tiêu chí mới từ tỉnh")."""

    set_id: str
    revision: int
    name: str
    years: tuple[int, ...]
    changes: tuple[Change, ...]
    """What differs from the set those years used before."""
    rejudged: tuple[tuple[int, dict[str, Any]], ...]
    """(year, {"gained", "lost", "left"}) for the years judged again."""


@dataclass(frozen=True)
class UseResult:
    set_id: str | None
    years: tuple[int, ...]
    rejudged: tuple[Rejudged, ...]
    changes: Changes

    def lines(self) -> list[str]:
        """Per year judged again: what changed, in the current language."""
        out = []
        for r in self.rejudged:
            parts = [
                trn(
                    "{year}: {n} result judged again",
                    "{year}: {n} results judged again",
                    r.moved,
                    year=r.year,
                )
            ]
            if r.gained:
                parts.append(tr("now met: {codes}", codes=", ".join(r.gained)))
            if r.lost:
                parts.append(tr("no longer met: {codes}", codes=", ".join(r.lost)))
            if r.left:
                parts.append(tr("not in the set, kept as they were: {codes}", codes=", ".join(r.left)))
            out.append("; ".join(parts))
        return out


class CriteriaYearsService:
    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        criteria: CriteriaService,
        progress: ProgressService,
    ) -> None:
        self._db, self._settings, self._criteria, self._progress = db, settings, criteria, progress
        self.approved_years: Callable[[], set[int]] = set
        """The years the receiver approved (they are not judged again). Set by the workspace once
        approvals reach the commune; until then every year is open."""

    # ---- reading ---------------------------------------------------------------------------------

    def choices(self, years: Iterable[int]) -> list[YearChoice]:
        with self._db.read() as s:
            rows = {r.year: r for r in s.scalars(select(m.CriteriaYearChoice))}
        out = []
        for year in years:
            national = default_set_id_for_year(year)
            row = rows.get(year)
            if row is None:
                out.append(YearChoice(year, national, national, False))
                continue
            used = row.set_id or national
            out.append(
                YearChoice(year, used, national, True, row.reason, row.origin, row.chosen_by, row.chosen_at)
            )
        return out

    def news(self) -> list[NewSet]:
        """Sets from the receiving unit the officer has not seen yet: what changed against the set the
        years used before, which years it is used for, and what judging them again changed."""
        with self._db.read() as s:
            rows = s.scalars(
                select(m.CriteriaYearChoice)
                .where(m.CriteriaYearChoice.origin == RECEIVER, m.CriteriaYearChoice.seen.is_(False))
                .order_by(m.CriteriaYearChoice.year)
            ).all()
            found: dict[tuple[str, int], list[m.CriteriaYearChoice]] = {}
            for row in rows:
                if row.set_id is not None and row.set_revision is not None:
                    found.setdefault((row.set_id, row.set_revision), []).append(row)
            groups = [(key, [(r.year, r.previous_set_id, r.previous_revision, dict(r.outcome)) for r in rs])
                      for key, rs in found.items()]  # fmt: skip
        return [self._new_set(set_id, revision, years) for (set_id, revision), years in groups]

    def _new_set(
        self, set_id: str, revision: int, years: list[tuple[int, Any, Any, dict[str, Any]]]
    ) -> NewSet:
        cs = self._criteria.get(set_id, revision)
        _, before_id, before_rev, _ = years[0]
        try:
            before = self._criteria.get(before_id, before_rev) if before_id else None
        except NotFound:
            before = None
        return NewSet(
            set_id, revision, cs.name, tuple(y for y, *_ in years), tuple(diff_sets(before, cs)),
            tuple((y, outcome) for y, _, _, outcome in years if outcome),
        )  # fmt: skip

    def mark_seen(self) -> Changes:
        """The officer has read the notices of new sets from the receiving unit."""
        with self._db.write() as s:
            rows = s.scalars(select(m.CriteriaYearChoice).where(m.CriteriaYearChoice.seen.is_(False))).all()
            for row in rows:
                row.seen = True
            if rows:
                self._db.audit(
                    s, "criteria.seen", "criteria_year_choice", "", None, {"years": [r.year for r in rows]}
                )
        return Changes.of(Kind.CRITERIA, action="criteria.seen")

    def chosen_years(self) -> list[int]:
        with self._db.read() as s:
            return sorted(s.scalars(select(m.CriteriaYearChoice.year)))

    # ---- choosing --------------------------------------------------------------------------------

    def use(
        self, set_id: str | None, years: Sequence[int], reason: str = "", origin: str = OFFICER
    ) -> UseResult:
        """Judge ``years`` under ``set_id`` (None: the national set in force), then judge the open years
        with data again. Everything is checked before anything is written."""
        years = tuple(sorted({check_year(y) for y in years}))
        if not years:
            raise InvalidInput(tr("Name the years, e.g. 2026-2030"), field="years")
        cs = self._checked(set_id, years)
        before = {y: self._criteria.set_id_for_year(y) for y in years}
        with self._db.write() as s:
            for year in years:
                self._choose(s, year, cs, clean(reason), origin, before[year])
        rejudged = self._rejudge(years, before) if self._settings.role != "receiver" else ()
        changes = Changes.of(Kind.CRITERIA, action="criteria.use") | Changes.of(Kind.PROGRESS)
        return UseResult(set_id, years, rejudged, changes)

    # ---- advanced sets, followed alongside the basic one --------------------------------------------

    def follow(self, set_id: str, follow: bool = True) -> Changes:
        """Follow an advanced set (nâng cao, kiểu mẫu, hiện đại) alongside the basic one, or stop: its
        criteria are then offered for its years beside the basic set's (audited as a setting)."""
        cs = self._criteria.get(set_id)
        if cs.level == "ntm":
            raise InvalidInput(
                tr("{id} is a basic set: choose the years it is used for with “criteria use”.", id=cs.id),
                field="set",
            )
        ids = set(self.followed_ids())
        ids = ids | {cs.id} if follow else ids - {cs.id}
        self._settings.set(FOLLOWED, sorted(ids))
        return Changes.of(Kind.CRITERIA, action="criteria.follow")

    def followed_ids(self) -> list[str]:
        value = self._settings.get(FOLLOWED, [])
        return [str(v) for v in value] if isinstance(value, list) else []

    def advanced_for(self, year: int) -> list[CriteriaSet]:
        """The advanced sets followed here whose period holds ``year``."""
        found = []
        for set_id in self.followed_ids():
            try:
                cs = self._criteria.get(set_id)
            except NotFound:
                continue
            if cs.period_from <= year <= cs.period_to:
                found.append(cs)
        return found

    def _checked(self, set_id: str | None, years: Sequence[int]) -> CriteriaSet | None:
        if set_id is None:
            uncovered = [y for y in years if default_set_id_for_year(y) is None]
            if uncovered:
                raise InvalidInput(
                    tr("No national set covers {years}.", years=", ".join(map(str, uncovered))), field="years"
                )
            return None
        cs = self._criteria.get(set_id)  # NotFound for an unknown set
        if cs.level != "ntm":
            raise InvalidInput(
                tr(
                    "{id} is an advanced set: it is followed beside the basic one (“criteria follow”).",
                    id=cs.id,
                ),
                field="set",
            )
        outside = [y for y in years if not cs.period_from <= y <= cs.period_to]
        if outside:
            raise InvalidInput(
                tr(
                    "The set {id} is for {first}–{last}, not {years}.",
                    id=cs.id,
                    first=cs.period_from,
                    last=cs.period_to,
                    years=", ".join(map(str, outside)),
                ),
                field="years",
            )
        return cs

    def _choose(
        self, s: Any, year: int, cs: CriteriaSet | None, reason: str, origin: str, previous: str | None
    ) -> None:
        row = s.get(m.CriteriaYearChoice, year)
        old = None if row is None else {"set": row.set_id, "revision": row.set_revision, "reason": row.reason}
        if row is None:
            row = m.CriteriaYearChoice(year=year)
            s.add(row)
        previous_rev = self._revision_before(year, previous, cs, row)
        row.set_id = cs.id if cs else None
        row.set_revision = cs.revision if cs else None
        row.previous_set_id, row.previous_revision = previous, previous_rev
        row.reason, row.origin, row.chosen_by, row.chosen_at = reason, origin, self._db.actor(), utcnow()
        row.outcome, row.seen = {}, origin != RECEIVER
        after = {"set": row.set_id, "revision": row.set_revision, "reason": reason, "origin": origin}
        self._db.audit(s, "criteria.use", "criteria_year_choice", str(year), old, after)

    def _revision_before(
        self, year: int, previous: str | None, cs: CriteriaSet | None, row: m.CriteriaYearChoice
    ) -> int | None:
        """The revision of ``previous`` the year used until now (for the diff shown to the officer)."""
        if previous is None:
            return None
        if row.set_id == previous and row.set_revision is not None:
            return row.set_revision
        with self._db.read() as s:
            judged = s.scalar(
                select(func.max(m.Assessment.set_revision)).where(
                    m.Assessment.year == year,
                    m.Assessment.set_id == previous,
                    m.Assessment.deleted_at.is_(None),
                )
            )
            if judged is not None:
                return int(judged)
            revisions = select(func.max(m.CriteriaSetRow.revision)).where(m.CriteriaSetRow.set_id == previous)
            if cs is not None and cs.id == previous:
                revisions = revisions.where(m.CriteriaSetRow.revision < cs.revision)
            newest = s.scalar(revisions)
        return int(newest) if newest is not None else None

    def _rejudge(self, years: Sequence[int], before: dict[int, str | None]) -> tuple[Rejudged, ...]:
        approved = self.approved_years()
        with_data = set(self._progress.years())
        done = []
        for year in years:
            if year in approved or year not in with_data:
                continue
            result = self._progress.rejudge(year, before[year])
            done.append(result)
            with self._db.write() as s:
                row = s.get(m.CriteriaYearChoice, year)
                if row is not None:
                    row.outcome = result.to_json()
        return tuple(done)

    # ---- sets from the receiving unit, and the receiver's own ------------------------------------

    def adopt_received(self) -> UseResult | None:
        """Use each commune set that came from the receiving unit (a newer one than was used) for the
        open years of its period. Called after a bundle import; None when there was nothing new."""
        results = [self._adopt(cs) for cs in self._received()]
        done = [r for r in results if r is not None]
        return done[-1] if len(done) == 1 else (_merged(done) if done else None)

    def _received(self) -> list[CriteriaSet]:
        with self._db.read() as s:
            rows = s.execute(
                newest_revisions(m.CriteriaSetRow.set_id, m.CriteriaSetRow.revision).where(
                    m.CriteriaSetRow.origin == "sync"
                )
            ).all()
        sets = [self._criteria.get(set_id, revision) for set_id, revision in rows]
        return [cs for cs in sets if cs.level == "ntm"]

    def _adopt(self, cs: CriteriaSet) -> UseResult | None:
        period = _years_of(cs)
        approved = self.approved_years()
        with self._db.read() as s:
            rows = {r.year: r for r in s.scalars(select(m.CriteriaYearChoice))}
        years = [
            y
            for y in period
            if y not in approved
            and (rows.get(y) is None or (rows[y].set_id, rows[y].set_revision) != (cs.id, cs.revision))
        ]
        if not years:
            return None
        reason = tr(
            "Criteria set from the receiving unit: {name}, revision {revision}",
            name=cs.name,
            revision=cs.revision,
        )
        return self.use(cs.id, years, reason, origin=RECEIVER)

    def on_saved(self, cs: CriteriaSet) -> None:
        """After a set was loaded or edited here: a receiving unit uses its own commune set for the years
        of its period (it sends it to its communes with the next reverse bundles). On a commune nothing
        is switched: ``criteria use`` does it, with a reason, and judges the open years again."""
        if cs.level != "ntm" or self._settings.role != "receiver":
            return
        self.use(cs.id, _years_of(cs), tr("Set loaded or edited by this receiving unit"), origin=OWN)


def _years_of(cs: CriteriaSet) -> list[int]:
    """The years a set replaces the national one for: those of its period whose national set in force
    has the same period (a 2021–2025 set is not used for 2021, still judged under QĐ 1980)."""
    years = []
    for year in range(cs.period_from, cs.period_to + 1):
        national = default_set_id_for_year(year)
        if national is None or _period_of(national) == (cs.period_from, cs.period_to):
            years.append(year)
    return years


def _period_of(set_id: str) -> tuple[int, int] | None:
    found = next((cs for cs in builtin_sets() if cs.id == set_id), None)
    return (found.period_from, found.period_to) if found else None


def _merged(results: Sequence[UseResult]) -> UseResult:
    years = tuple(sorted({y for r in results for y in r.years}))
    rejudged = tuple(x for r in results for x in r.rejudged)
    changes = results[0].changes
    for r in results[1:]:
        changes = changes | r.changes
    return UseResult(results[-1].set_id, years, rejudged, changes)


def parse_years(text: str) -> list[int]:
    """ "2026-2030" → 2026…2030; "2026,2028" → both; refuses anything else."""
    years: list[int] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        first, dash, last = part.partition("-")
        if not first.strip().isdigit() or (dash and not last.strip().isdigit()):
            raise InvalidInput(tr("Write the years like 2026-2030 or 2026,2027"), field="years")
        start, end = int(first), int(last) if dash else int(first)
        if end < start or end - start > 50:
            raise InvalidInput(tr("Write the years like 2026-2030 or 2026,2027"), field="years")
        years += list(range(start, end + 1))
    return years
