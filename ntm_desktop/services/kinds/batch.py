"""Records new to the workspace, written as a few batched statements instead of one ORM object each.

A province takes in hundreds of communes' bundles and a commune imports its ledger of thousands of help
records from a file or a sheet; almost all of it is new. Each record's columns still come from its kind's
own :meth:`~ntm_desktop.services.kinds.store.Store.write`, applied to a :class:`Shell` instead of an ORM
row; only the unit of work's bookkeeping is skipped. Rows go in one statement per table
(:func:`ntm_desktop.db.bulk.insert_rows`: lengths checked as for every write), inside the caller's
transaction, so an import stays all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ntm_desktop.db import models as m
from ntm_desktop.db.bulk import Lines, Same, insert_columns, insert_lines, insert_rows
from ntm_desktop.db.lengths import Bounded
from ntm_desktop.services.kinds.store import BulkChildren, Columns, Shell, Store


class NewRow(NamedTuple):
    """A record to insert: its keys, its checked draft (references are uids) and its version (a tuple:
    a bundle makes hundreds at once)."""

    uid: str
    record_id: str
    draft: Any
    version: str
    origin: str = ""
    deleted: bool = False


@cache
def _columns(model: Any) -> frozenset[str]:
    return frozenset(c.key for c in model.__table__.columns)


@cache
def _child_columns(model: Any) -> frozenset[str]:
    return frozenset(_columns(model) - {"id", "help_uid"})


def _children(objs: Any, model: Any) -> list[dict[str, Any]]:
    """A shell's child rows (plain objects holding their columns, :func:`child`) as values."""
    columns = _child_columns(model)
    return [{k: v for k, v in vars(obj).items() if k in columns} for obj in objs]


def _new_row(s: Session, store: Store[Any, Any], draft: Any) -> tuple[dict[str, Any], dict[Any, list[Any]]]:
    """A new record's own columns and its child rows by model: the kind's :meth:`Store.columns` when it
    says them, else what its :meth:`Store.write` puts on a :class:`Shell` (the same mapping either way)."""
    own = store.columns(draft)
    if own is not None:
        return own, store.child_rows(draft)
    shell = Shell()
    store.write(s, shell, draft)
    written = vars(shell)
    columns = _columns(store.model)
    children: dict[Any, list[Any]] = {}
    if "items" in written:
        children[m.HelpItem] = _children(written["items"], m.HelpItem)
    if "supporter_links" in written:
        children[m.HelpSupporter] = _children(written["supporter_links"], m.HelpSupporter)
    return {k: v for k, v in written.items() if k in columns}, children


class NewRows(NamedTuple):
    """Records to insert, column by column: what a list of :class:`NewRow` says (a bundle's hundreds of
    new records come this way)."""

    uids: list[str]
    record_ids: list[str]
    drafts: Sequence[Any]
    versions: list[str]
    origins: list[str]
    deleted: list[bool]


def insert_new(s: Session, store: Store[Any, Any], code: str, new: Sequence[NewRow], now: datetime) -> None:
    """Insert the rows (and a help record's item lines and supporter links) in one statement each."""
    if new:
        insert_new_rows(s, store, code, NewRows(*map(list, zip(*new, strict=True))), now)


def insert_new_rows(
    s: Session,
    store: Store[Any, Any],
    code: str,
    new: NewRows,
    now: datetime,
    lists: tuple[Columns, BulkChildren] | None = None,
) -> None:
    """:func:`insert_new` of records given column by column: what every row shares (the unit, the time)
    is said once. ``lists``: what :meth:`Store.bulk_lists` makes of the drafts, when the caller has it
    (the typed lane reads a help list so: its drafts are not asked for)."""
    if not new.uids:
        return
    keys: dict[str, Sequence[Any] | Same] = {
        "uid": new.uids,
        "record_id": new.record_ids,
        "unit_code": Same(code),
        "version": new.versions,
        "origin": new.origins,
        "deleted_at": [now if d else None for d in new.deleted] if any(new.deleted) else Same(None),
        "created_at": Same(now),
        "updated_at": Same(now),
    }
    if lists is None:
        lists = store.bulk_lists(new.drafts)
    if lists is not None:
        _insert_lists(s, store.model, lists, keys)
        return
    made = [_new_row(s, store, draft) for draft in new.drafts]
    _insert_values(s, store.model, [values for values, _ in made], keys)
    for model in (m.HelpItem, m.HelpSupporter):
        kids = [
            (uid, kid)
            for uid, (_, by_model) in zip(new.uids, made, strict=True)
            for kid in by_model.get(model, ())
        ]
        if kids:
            _insert_values(s, model, [kid for _, kid in kids], {"help_uid": [uid for uid, _ in kids]})


def _insert_lists(
    s: Session, model: Any, lists: tuple[Columns, BulkChildren], keys: dict[str, Sequence[Any] | Same]
) -> None:
    """The records and their child rows, given column by column or as lines (:meth:`Store.bulk_lists`)."""
    own, children = lists
    s.flush()
    conn = s.connection()
    uids = keys["uid"]
    assert not isinstance(uids, Same)
    insert_columns(conn, model.__table__, own | keys, len(uids))
    for kid, rows in children.items():
        if isinstance(rows, Lines):
            insert_lines(conn, kid.__table__, uids, rows)
            continue
        parent, owners, columns = rows
        of = map(uids.__getitem__, owners)  # the new uids' bound holds for the child rows' parents
        parents = Bounded(of, uids.longest) if isinstance(uids, Bounded) else list(of)
        insert_columns(conn, kid.__table__, columns | {parent: parents}, len(owners))


def _insert_values(
    s: Session, model: Any, values: list[dict[str, Any]], more: dict[str, Sequence[Any] | Same]
) -> None:
    """Rows made of ``values`` (a dictionary per row) and ``more`` (given column by column)."""
    names = values[0].keys()
    if any(row.keys() != names for row in values):  # a kind whose write leaves a column out at times
        rows = [
            row | {k: v.value if isinstance(v, Same) else v[i] for k, v in more.items()}
            for i, row in enumerate(values)
        ]
        insert(s, model, rows)
        return
    columns: dict[str, Sequence[Any] | Same] = {k: [row[k] for row in values] for k in names}
    s.flush()
    insert_columns(s.connection(), model.__table__, columns | more, len(values))


def insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """One statement on the session's connection, after what the session still holds is flushed."""
    if rows:
        s.flush()
        insert_rows(s.connection(), model.__table__, rows)
