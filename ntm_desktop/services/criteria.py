"""Criteria sets stored in the workspace, versioned: loading a file or editing a threshold adds a
revision and never rewrites one, so past assessments keep the set they were judged under."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, cast

from sqlalchemy import Select, Table, TextualSelect, column, func, select, text
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import language, tr
from ntm_desktop.core.text import not_allowed_in
from ntm_desktop.criteria.loading import (
    builtin_sets,
    default_set_id_for_year,
    parse_set,
    read_set_file,
    set_to_dict,
    with_threshold,
)
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.db import models as m
from ntm_desktop.db.driver import fetch, flushed
from ntm_desktop.services.db import Database
from ntm_desktop.services.locks import lock_workspace

_WITHIN: ContextVar[Session | None] = ContextVar("criteria_within", default=None)
"""The session :meth:`CriteriaService.within` lends to :meth:`CriteriaService.get`."""


@cache
def _newest_revision(dialect: str) -> str:
    """The newest revision of a set (the driver's one parameter, its id), for each database's driver."""
    mark = "%s" if dialect == "postgresql" else "?"
    table = m.CriteriaSetRow.__tablename__
    return f"SELECT revision FROM {table} WHERE set_id = {mark} ORDER BY revision DESC LIMIT 1"


@cache
def _content() -> TextualSelect:
    """A revision's content (JSON, read as the table's column is), written out: read once per set in a
    process, by the first bundle a receiver checks, where the ORM's row and its compiling cost 0.5 ms
    more."""
    table = cast(Table, m.CriteriaSetRow.__table__)
    sql = f"SELECT content FROM {table.name} WHERE set_id = :set_id AND revision = :revision"
    return text(sql).columns(column("content", table.c.content.type))


def _newest(s: Session, set_id: str) -> int | None:
    """The newest revision of the set, asked of the driver straight within the session's transaction
    (:mod:`ntm_desktop.db.driver`: a receiver asks it for every bundle it checks): what is current in the
    database every time, another clerk's revision too."""
    conn = flushed(s)
    rows = fetch(conn, _newest_revision(conn.dialect.name), (set_id,))
    return int(rows[0][0]) if rows else None


def newest_revisions(*columns: Any) -> Select[Any]:
    """``select(*columns)`` of the newest stored revision of every criteria set (one row a set)."""
    newest = (
        select(m.CriteriaSetRow.set_id, func.max(m.CriteriaSetRow.revision).label("rev"))
        .group_by(m.CriteriaSetRow.set_id)
        .subquery()
    )
    return select(*columns).join(
        newest, (m.CriteriaSetRow.set_id == newest.c.set_id) & (m.CriteriaSetRow.revision == newest.c.rev)
    )


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same set whatever its revision number."""
    return {k: v for k, v in a.items() if k != "revision"} == {k: v for k, v in b.items() if k != "revision"}


@dataclass(frozen=True)
class SetInfo:
    id: str
    revision: int
    name_vi: str
    name_en: str
    level: str
    period_from: int
    period_to: int
    legal_basis: str
    origin: str
    criteria: int
    indicators: int
    thresholds_known: int


JUDGING_MEMO = 50_000
"""Entries of :meth:`CriteriaService.judging_memo` kept at most (a few per indicator and value met)."""


class LoadedSet(NamedTuple):
    set: CriteriaSet
    changes: Changes
    notice: str
    """Fields of a newer format version that were set aside (``docs/compatibility.md``); empty if none."""


class CriteriaService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: dict[tuple[str, int], CriteriaSet] = {}
        self.saved_hook: Callable[[CriteriaSet], None] | None = None
        """Called after a set was loaded, imported or edited here (``ws.criteria_years.on_saved``)."""
        self._judging: dict[str, dict[Any, Any]] = {}

    def judging_memo(self) -> dict[Any, Any]:
        """What judging values against this service's sets works out (the memo of
        :func:`~ntm_desktop.services.kinds.judging.judge`, keyed by indicator object, commune and value),
        kept from one check run to the next: a receiver checks thousands of bundles against the same few
        sets. One for each language (a basis is a text); emptied once it holds :data:`JUDGING_MEMO`."""
        memo = self._judging.setdefault(language(), {})
        if len(memo) >= JUDGING_MEMO:
            memo.clear()
        return memo

    def install_builtin_sets(self) -> None:
        """Store the sets shipped with the app that this workspace does not have yet, and a shipped set
        whose text changed (e.g. a corrected wording) as its next revision — but only while the newest
        revision is the shipped one: a set a province loaded or edited stays as they made it."""
        with self._db.write() as s:
            lock_workspace(s)  # two clerks opening a new server database at once install them once
            for cs in builtin_sets():
                newest = s.scalar(
                    select(m.CriteriaSetRow)
                    .where(m.CriteriaSetRow.set_id == cs.id)
                    .order_by(m.CriteriaSetRow.revision.desc())
                    .limit(1)
                )
                content = set_to_dict(cs)
                if newest is not None and (newest.origin != "builtin" or _same(newest.content, content)):
                    continue
                revision = 1 if newest is None else newest.revision + 1
                s.add(
                    m.CriteriaSetRow(
                        set_id=cs.id,
                        revision=revision,
                        origin="builtin",
                        content=content | {"revision": revision},
                    )
                )
                self._db.audit(s, "criteria.install", "criteria_set", cs.id, None, {"revision": revision})

    def sets(self) -> list[SetInfo]:
        """The newest revision of every set, oldest period first."""
        with self._db.read() as s:
            rows = s.scalars(newest_revisions(m.CriteriaSetRow)).all()
            infos = [self._info(self._parsed(r), r.origin) for r in rows]
        return sorted(infos, key=lambda i: (i.period_from, i.id))

    def get(self, set_id: str, revision: int | None = None) -> CriteriaSet:
        within = _WITHIN.get()
        if within is not None:
            return self._get(within, set_id, revision)
        with self._db.read() as s:
            return self._get(s, set_id, revision)

    @contextmanager
    def within(self, s: Session) -> Iterator[None]:
        """:meth:`get` reads through ``s`` meanwhile (in this thread): a bundle's import checks its records
        inside its own transaction, which then needs no second connection and transaction for it."""
        token = _WITHIN.set(s)
        try:
            yield
        finally:
            _WITHIN.reset(token)

    def for_year(self, year: int, set_id: str | None = None) -> CriteriaSet:
        """The set used to judge ``year``: the one asked for, else the one this workspace chose for the
        year (``criteria use``, or a set from the receiving unit), else the national set in force."""
        chosen = set_id or self.set_id_for_year(year)
        if chosen is None:
            raise InvalidInput(
                tr("No criteria set covers {year}. Load one, or name the set to use.", year=year),
                field="year",
            )
        return self.get(chosen)

    def set_id_for_year(self, year: int) -> str | None:
        """The id of the set ``year`` is judged under here (see :meth:`for_year`)."""
        with self._db.read() as s:
            choice = s.get(m.CriteriaYearChoice, year)
        if choice is not None and choice.set_id is not None:
            return choice.set_id
        return default_set_id_for_year(year)

    def load_file(self, path: str | Path) -> LoadedSet:
        """Load a criteria-set file (e.g. a province's own set with thresholds) as a new revision."""
        cs, read = read_set_file(Path(path))
        stored, changes = self._add_revision(cs, "file", note=str(path))
        return LoadedSet(stored, changes, read.notice())

    def save(self, cs: CriteriaSet, origin: str = "edited", note: str = "") -> tuple[CriteriaSet, Changes]:
        """Store ``cs`` (from the editor, a workbook, …) as the next revision of its id: checked as a set
        file is, one transaction with its audit row. ``origin``: edited, xlsx or file."""
        if origin not in ("edited", "xlsx", "file"):
            raise InvalidInput(tr("Unknown origin {origin}", origin=origin), field="origin")
        return self._add_revision(parse_set(set_to_dict(cs)), origin, note=note)

    def revisions(self, set_id: str) -> list[tuple[int, str, str]]:
        """Every revision of a set, oldest first: (revision, origin, note)."""
        with self._db.read() as s:
            rows = s.execute(
                select(m.CriteriaSetRow.revision, m.CriteriaSetRow.origin, m.CriteriaSetRow.note)
                .where(m.CriteriaSetRow.set_id == set_id)
                .order_by(m.CriteriaSetRow.revision)
            ).all()
        if not rows:
            raise NotFound(tr("There is no criteria set “{id}”.", id=set_id))
        return [(r, o, n) for r, o, n in rows]

    def set_threshold(
        self, set_id: str, indicator: str, key: str | None, value: Any
    ) -> tuple[CriteriaSet, Changes]:
        """Set one threshold (for a region/group ``key`` or the general one) as a new revision."""
        current = self.get(set_id)
        edited = with_threshold(current, indicator, key, value)
        return self._add_revision(edited, "edited", note=f"{indicator} {key or 'general'} = {value!r}")

    def _add_revision(self, cs: CriteriaSet, origin: str, note: str) -> tuple[CriteriaSet, Changes]:
        with self._db.write() as s:
            top = s.scalar(
                select(func.max(m.CriteriaSetRow.revision)).where(m.CriteriaSetRow.set_id == cs.id)
            )
            revision = (top or 0) + 1
            content = set_to_dict(cs)
            content["revision"] = revision
            stored = parse_set(content)
            s.add(
                m.CriteriaSetRow(set_id=cs.id, revision=revision, origin=origin, content=content, note=note)
            )
            self._db.audit(
                s,
                f"criteria.{origin}",
                "criteria_set",
                cs.id,
                {"revision": top},
                {"revision": revision, "note": note},
            )
        self._cache[(cs.id, revision)] = stored
        changes = Changes.of(Kind.CRITERIA, action=f"criteria.{origin}")
        if self.saved_hook is not None:
            self.saved_hook(stored)
            changes = changes | Changes.of(Kind.PROGRESS)
        return stored, changes

    def _get(self, s: Session, set_id: str, revision: int | None) -> CriteriaSet:
        """The set's revision is looked up first and its content (a few hundred KB of JSON) read and
        parsed only when this service has not parsed it before (a receiver checks each bundle)."""
        rows = m.CriteriaSetRow
        if not_allowed_in(set_id):  # no set is named so (a lone surrogate cannot even be asked of the driver)
            raise NotFound(
                tr("There is no criteria set “{id}”.", id=set_id.encode("utf-8", "replace").decode())
            )
        if revision is None:
            found = _newest(s, set_id)  # every bundle a receiver checks
        else:
            found = s.scalar(select(rows.revision).where(rows.set_id == set_id, rows.revision == revision))
        if found is None:
            raise NotFound(tr("There is no criteria set “{id}”.", id=set_id))
        cached = self._cache.get((set_id, found))
        if cached is not None:
            return cached
        content = s.execute(_content(), {"set_id": set_id, "revision": found}).scalar_one()
        return self._parsed_content(set_id, found, content)

    def _parsed(self, row: m.CriteriaSetRow) -> CriteriaSet:
        return self._parsed_content(row.set_id, row.revision, row.content)

    def _parsed_content(self, set_id: str, revision: int, content: Any) -> CriteriaSet:
        key = (set_id, revision)
        if key not in self._cache:
            self._cache[key] = parse_set(content)
        return self._cache[key]

    @staticmethod
    def _info(cs: CriteriaSet, origin: str) -> SetInfo:
        indicators = [i for c in cs.criteria for i in c.indicators]
        known = sum(1 for i in indicators if i.threshold.has_any())
        return SetInfo(
            id=cs.id,
            revision=cs.revision,
            name_vi=cs.name_vi,
            name_en=cs.name_en,
            level=cs.level,
            period_from=cs.period_from,
            period_to=cs.period_to,
            legal_basis=cs.legal_basis_text,
            origin=origin,
            criteria=len(cs.criteria),
            indicators=len(indicators),
            thresholds_known=known,
        )
