"""What every kind of record declares, and the one path that checks and writes a record of any kind.

A :class:`Store` is the single declaration of one kind (assessments, supporters, help …): its table, audit
entity, change kind, evidence ownership, records-v1 shape (fields, reading, writing back), checks, how a
checked draft goes on a row, and how rows are read as frozen views. The services (one transaction per
call), the records-v1 import (one per file; the Excel import goes through it) and the bundle merge all
check through :meth:`Store.check` and put rows together through :meth:`Store.write`; the first two also
write through :func:`save`, so a record saved from a form and one imported from a file get a new
``version`` and leave the same audit row (before → after, as :meth:`Store.audit_doc`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.db.bulk import Lines
from ntm_desktop.services.db import Database
from ntm_desktop.services.kinds.fields import Fields

if TYPE_CHECKING:
    from ntm_desktop.services.kinds.context import CheckContext

D = TypeVar("D")
V = TypeVar("V")

Doc = dict[str, Any]
Columns = dict[str, list[Any]]
"""Column name → one value per row, in row order (as :func:`~ntm_desktop.db.bulk.insert_columns` takes)."""
Children = dict[Any, tuple[str, list[int], Columns]]
"""Child rows by model: the column naming the parent, each row's parent (its index among the drafts), the
rows' other columns."""
BulkChildren = dict[Any, tuple[str, list[int], Columns] | Lines]
""":data:`Children` as a bulk insert takes them: a model's rows may be given as
:class:`~ntm_desktop.db.bulk.Lines`."""
Span = tuple[int | None, int | None]
"""First and last year a record belongs to (None: open at that end)."""


class Store(ABC, Generic[D, V]):
    """One kind of record: everything the app knows about it, declared once."""

    list_name: str
    """Its records-v1 list (and bundle list, and sync ``kind``): ``assessments``, ``help`` …"""
    entity: str
    """The audit entity: ``assessment``, ``help`` …"""
    kind: Kind
    """What a change to it touches (:class:`~ntm_desktop.core.changes.Changes`)."""
    model: Any
    evidence_owner: str | None = None
    """``EvidenceLink.owner_kind`` when its records carry evidence files (they travel in bundles)."""
    correctable: bool = False
    """A receiver may ask the commune to check and correct one of its records."""
    fields: frozenset[str] = frozenset()
    """The fields of a records-v1 object of this list (``id`` included) …"""
    required: frozenset[str] = frozenset({"id"})
    """… and those it must have."""
    since: FormatVersion = FormatVersion(1)
    """The records-format version that added this list: a file without it means what it meant before, and
    a writer leaves the list out while it is empty (see :mod:`ntm_desktop.records.versions`)."""
    added_fields: ClassVar[Mapping[str, FormatVersion]] = {}
    """Optional fields added to the list after :attr:`since`, with the version that added each."""
    header_fields: frozenset[str] = frozenset()
    """Top-level records-v1 fields its records depend on (assessments: ``criteria_set``); a bundle record
    says its own as ``_<field>`` when it differs from the year's default (see :meth:`extras`)."""

    # ---- the records-v1 shape ---------------------------------------------------------------------

    @abstractmethod
    def label(self) -> str:
        """The list's name in messages, in the current language."""

    @abstractmethod
    def read(self, o: Fields) -> D:
        """A records-v1 object (its shape already checked against :attr:`fields`) as a draft; wrong types
        are reported on ``o`` and a usable value taken. References stay file ids."""

    @abstractmethod
    def doc(self, draft: D, ids: Mapping[str, str]) -> Doc:
        """The record as records-v1 JSON without its ``id``; ``ids`` maps supporter uids to record ids."""

    def extras(self, draft: D) -> Doc:
        """What the record depends on that a records-v1 file says once, at the top (an assessment's
        ``criteria_set``). It is part of the audit and of comparing two versions."""
        return {}

    def bundle_extras(self, draft: D) -> Doc:
        """The extras a bundle record must carry itself (``_criteria_set`` when not the year's own)."""
        return {}

    def with_extras(self, draft: D, extras: Mapping[str, Any]) -> D:
        """The draft under a file's (or a bundle record's) top-level values, e.g. ``criteria_set``."""
        return draft

    def header(self, views: Sequence[V]) -> Doc:
        """The top-level fields a records-v1 export of ``views`` needs (raises when it cannot say one)."""
        return {}

    # ---- checking ----------------------------------------------------------------------------------

    @abstractmethod
    def check(self, draft: D, at: str = "", context: CheckContext | None = None) -> tuple[D, list[Problem]]:
        """The cleaned draft and every problem, each under ``at``. This is the one place a kind's rules
        live: the services, the records-v1 and Excel imports and bundles all come through it.
        ``context`` gives what some kinds need to judge a record (criteria sets, the commune's region)."""

    def check_each(
        self, drafts: Sequence[tuple[str, D]], context: CheckContext | None
    ) -> list[tuple[D, list[Problem]]]:
        """Each draft (under its path) as :meth:`check` makes it; a kind may check a whole list faster,
        never otherwise (an import checks hundreds of records of one kind at once)."""
        return [self.check(draft, at, context) for at, draft in drafts]

    def check_all(
        self, drafts: Sequence[tuple[str, D]], context: CheckContext | None
    ) -> tuple[list[D], list[Problem]]:
        """Check many drafts, each under its path; the cleaned drafts and every problem."""
        cleaned, problems = [], []
        for ok, found in self.check_each(drafts, context):
            cleaned.append(ok)
            problems += found
        return cleaned, problems

    def refs(self, draft: D) -> list[tuple[str, str]]:
        """The supporters the draft refers to, as (field, uid)."""
        return []

    def ref_ids(self, draft: D) -> tuple[str, ...]:
        """:meth:`refs` without their fields: what a check of many drafts looks up once per distinct set."""
        return tuple(ref for _, ref in self.refs(draft))

    def relink(self, draft: D, ids: Mapping[str, str]) -> D:
        """The draft with its supporter references mapped through ``ids`` (e.g. a file's ids → uids);
        a reference ``ids`` does not know stays as it is (find those with :meth:`refs`)."""
        return draft

    def relink_each(self, drafts: Sequence[D], ids: Mapping[str, str]) -> list[D]:
        """:meth:`relink` for each draft (a kind may map a list's references faster, never otherwise)."""
        return [self.relink(draft, ids) for draft in drafts]

    def natural_key(self, draft: D) -> tuple[Any, ...] | None:
        """What the record is about, when a commune has one live record per such key (an assessment: year,
        set, criterion, indicator); an import matches on it when the id is new. None: records are only
        matched by id."""
        return None

    # ---- rows --------------------------------------------------------------------------------------

    @abstractmethod
    def write(self, s: Session, row: Any, draft: D) -> None:
        """Put a checked draft's fields on the row (an ORM row, or a stand-in for bulk inserts)."""

    def columns(self, draft: D) -> Doc | None:
        """The draft's own columns when the kind says them apart from :meth:`write` (which then puts
        exactly these on a row, and a bulk insert takes them as they are, with :meth:`child_rows`);
        None: a bulk insert applies :meth:`write` to a :class:`Shell`."""
        return None

    def child_rows(self, draft: D) -> dict[Any, list[Doc]]:
        """With :meth:`columns`: a new record's child rows by model, without their parent's uid."""
        return {}

    def column_lists(self, drafts: Sequence[D]) -> tuple[Columns, Children] | None:
        """Many new records at once, column by column, as a bulk insert takes them: what :meth:`columns`
        and :meth:`child_rows` give record by record, without a dictionary per row (a bundle brings
        hundreds); None: the bulk insert goes record by record."""
        return None

    def bulk_lists(self, drafts: Sequence[D]) -> tuple[Columns, BulkChildren] | None:
        """:meth:`column_lists` as the bulk insert takes them: a kind whose child rows are lines that many
        records share (a help record's item lines) may give them as :class:`~ntm_desktop.db.bulk.Lines`,
        each distinct line converted and checked once (the same rows)."""
        return cast("tuple[Columns, BulkChildren] | None", self.column_lists(drafts))  # read, never changed

    @abstractmethod
    def views(self, s: Session, rows: Sequence[Any]) -> list[V]:
        """Frozen views of rows (one query for related names, however many rows)."""

    def sort_key(self, view: V) -> tuple[Any, ...]:
        return (cast(Any, view).record_id,)

    def title(self, view: V) -> str:
        """What the record is, as the officer knows it (in the trash, in its history's heading)."""
        return str(cast(Any, view).record_id)

    def span(self, record: Any) -> Span | None:
        """The years a draft or a row belongs to (a receiver locks approved years); None: no year."""
        return None

    def criteria_named(self, draft: D) -> tuple[object, Sequence[str]]:
        """The criteria a record says it serves, with the day whose criteria set they belong to (help, an
        event: its date; an assignment: its start): a save warns of a code that set lacks
        (:mod:`ntm_desktop.services.kinds.notes`). None and (): the kind names no criteria."""
        return None, ()

    def doc_title(self, doc: object) -> str | None:
        """What a record is, read from its interchange shape (a version in a conflict): its title as the
        lists give it, or None when the shape does not say it (the record is then named by its id)."""
        if not isinstance(doc, dict):
            return None
        problems: list[Problem] = []
        draft = self.read(Fields(doc, "", problems))
        if problems:
            return None
        try:
            return self.title(cast(V, draft)) or None
        except AttributeError:  # a title that needs what only a stored record knows (its supporter's name)
            return None

    # ---- shared ------------------------------------------------------------------------------------

    def live(self, s: Session, code: str) -> Any:
        return select(self.model).where(self.model.unit_code == code, self.model.deleted_at.is_(None))

    def row(self, s: Session, code: str, uid: str) -> Any:
        row = s.get(self.model, uid)
        if row is None or row.deleted_at is not None or row.unit_code != code:
            raise NotFound(tr("That record no longer exists. Refresh the list and try again."))
        return row

    def view(self, s: Session, row: Any) -> V:
        return self.views(s, [row])[0]

    def all_views(self, s: Session, code: str) -> list[V]:
        """Every live record of the commune, in no particular order."""
        return self.views(s, s.scalars(self.live(s, code)).all())

    def audit_doc(self, s: Session, view: V) -> Doc:
        """The saved record as the audit keeps it before → after: ``id`` first, then records-v1 JSON and
        its extras."""
        return self.full_doc(s, cast(Any, view).record_id, cast(D, view))  # a view is its draft plus keys

    def full_doc(self, s: Session, record_id: str, draft: D) -> Doc:
        """``{"id": record_id, …}``: the draft as it stands (or would stand) in the audit."""
        uids = [uid for _, uid in self.refs(draft)]
        return self.content(record_id, draft, record_ids(s, uids))

    def content(self, record_id: str, draft: D, ids: Mapping[str, str]) -> Doc:
        """:meth:`full_doc` with the supporter ids given."""
        return {"id": record_id} | self.doc(draft, ids) | self.extras(draft)


class Shell:
    """A stand-in for a row that a bulk insert fills through the kind's own :meth:`Store.write` (the same
    mapping as for an ORM row) without the unit of work's bookkeeping; child rows (a help record's item
    lines and supporter links) made with :func:`child` are plain objects on it."""

    supporter_links: list[Any] = []  # noqa: RUF012  (read by HelpStore._link before it sets its own)


def one_row(columns: Columns) -> Doc:
    """The one row of :meth:`Store.column_lists` for a single draft, as :meth:`Store.columns` gives it."""
    return {name: values[0] for name, values in columns.items()}


def rows_of(children: Children) -> dict[Any, list[Doc]]:
    """Child rows given column by column, as :meth:`Store.child_rows` gives them (a row each)."""
    return {
        model: [dict(zip(cols, row, strict=True)) for row in zip(*cols.values(), strict=True)]
        for model, (_, _, cols) in children.items()
    }


def child(row: Any, model: Any, **values: Any) -> Any:
    """A child row of ``row`` (help item, supporter link): an ORM object, or plain on a :class:`Shell`."""
    return SimpleNamespace(**values) if isinstance(row, Shell) else model(**values)


def record_ids(s: Session, uids: Iterable[str]) -> dict[str, str]:
    """Supporter uid → record id (the id records-v1 files use)."""
    wanted = set(uids)
    if not wanted:
        return {}
    rows = s.execute(select(m.Supporter.uid, m.Supporter.record_id).where(m.Supporter.uid.in_(wanted)))
    return {uid: rid for uid, rid in rows}


def supporter_names(s: Session, uids: Iterable[str]) -> dict[str, str]:
    wanted = set(uids)
    if not wanted:
        return {}
    rows = s.execute(select(m.Supporter.uid, m.Supporter.name).where(m.Supporter.uid.in_(wanted)))
    return {uid: name for uid, name in rows}


def unknown_refs(s: Session, code: str, refs: Sequence[tuple[str, str]], at: str = "") -> list[Problem]:
    """A problem for every reference to a supporter that is not (or no longer) in the workspace."""
    if not refs:
        return []
    uids = {uid for _, uid in refs}
    known = set(
        s.scalars(
            select(m.Supporter.uid).where(
                m.Supporter.uid.in_(uids), m.Supporter.unit_code == code, m.Supporter.deleted_at.is_(None)
            )
        )
    )
    prefix = f"{at}." if at else ""
    return [
        Problem(f"{prefix}{field}", tr("unknown supporter id “{id}”", id=uid))
        for field, uid in refs
        if uid not in known
    ]


def checked(store: Store[D, V], s: Session, code: str, draft: D, context: CheckContext | None = None) -> D:
    """The cleaned draft, or :class:`InvalidInput` with every problem (fields and references)."""
    cleaned, problems = store.check(draft, "", context)
    problems += unknown_refs(s, code, store.refs(cleaned))
    if problems:
        raise InvalidInput(problems)
    return cleaned


def save(
    db: Database,
    s: Session,
    store: Store[D, V],
    code: str,
    draft: D,
    *,
    row: Any = None,
    uid: str | None = None,
    record_id: str | None = None,
    action: str,
) -> Any:
    """Write a checked draft as a new record (``row`` None) or over ``row``, with a version and audit.

    A new record gets ``uid`` (or a fresh one) and ``record_id`` (or its uid). A removed ``row`` comes back.
    """
    before = store.audit_doc(s, store.view(s, row)) if row is not None and row.deleted_at is None else None
    if row is None:
        uid = uid or new_uid()
        row = store.model(uid=uid, record_id=record_id or uid, unit_code=code)
        s.add(row)
    store.write(s, row, draft)
    row.deleted_at = None
    row.version = db.next_version()
    row.updated_at = utcnow()
    s.flush()
    db.audit(s, action, store.entity, row.uid, before, store.audit_doc(s, store.view(s, row)))
    return row


def soft_delete(db: Database, s: Session, store: Store[D, V], row: Any, action: str) -> None:
    before = store.audit_doc(s, store.view(s, row))
    row.deleted_at = utcnow()
    row.version = db.next_version()
    db.audit(s, action, store.entity, row.uid, before, None)
