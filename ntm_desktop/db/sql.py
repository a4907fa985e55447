"""SQL functions that SQLite and PostgreSQL spell differently, as SQLAlchemy constructs compiled for each.

Services write ``json_texts(Help.criteria)`` or ``date_key(Help.date, "month")`` and get
``json_each(…)`` / ``strftime('%Y-%m', …)`` on SQLite and ``json_array_elements_text(…)`` /
``to_char(…, 'YYYY-MM')`` on PostgreSQL; ``insert_new`` is ``INSERT … ON CONFLICT DO NOTHING``, which
each engine's dialect builds. Everything else the app runs is plain SQLAlchemy that both
engines understand (``func.count``, ``func.aggregate_strings``, ``case``, ``extract``…).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from sqlalchemy import String, Table, bindparam, cast, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement, GenericFunction
from sqlalchemy.sql.selectable import TableValuedAlias

from ntm_desktop.db.bulk import insert_rows
from ntm_desktop.db.lengths import check_rows


class _JsonTexts(FunctionElement[Any]):
    """The elements of a JSON array of strings, one row each, in a column named ``value``."""

    name = "json_texts"
    inherit_cache = True


@compiles(_JsonTexts, "sqlite")
def _json_texts_sqlite(element: _JsonTexts, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_each({compiler.process(element.clauses, **kw)})"


@compiles(_JsonTexts, "postgresql")
def _json_texts_postgresql(element: _JsonTexts, compiler: SQLCompiler, **kw: Any) -> str:
    # JSON columns are ``json`` on PostgreSQL; the function's result column is named ``value`` too.
    return f"json_array_elements_text({compiler.process(element.clauses, **kw)})"


def json_texts(column: Any) -> TableValuedAlias:
    """``FROM json_texts(column)``: use ``.c.value``; correlated with the row it belongs to."""
    return _JsonTexts(column).table_valued("value", joins_implicitly=True)


class _YearKey(GenericFunction[str]):
    type = String()
    inherit_cache = True
    name = "year_key"


class _MonthKey(GenericFunction[str]):
    type = String()
    inherit_cache = True
    name = "month_key"


@compiles(_YearKey, "sqlite")
@compiles(_MonthKey, "sqlite")
def _date_key_sqlite(element: Any, compiler: SQLCompiler, **kw: Any) -> str:
    fmt = "%Y" if isinstance(element, _YearKey) else "%Y-%m"
    return f"strftime('{fmt}', {compiler.process(element.clauses, **kw)})"


@compiles(_YearKey, "postgresql")
@compiles(_MonthKey, "postgresql")
def _date_key_postgresql(element: Any, compiler: SQLCompiler, **kw: Any) -> str:
    fmt = "YYYY" if isinstance(element, _YearKey) else "YYYY-MM"
    return f"to_char({compiler.process(element.clauses, **kw)}, '{fmt}')"


def date_key(column: Any, unit: Literal["year", "month"]) -> ColumnElement[str]:
    """A date as ``YYYY`` (``"year"``) or ``YYYY-MM`` (``"month"``) text, to group by."""
    return _YearKey(column) if unit == "year" else _MonthKey(column)


class text_position(GenericFunction[int]):
    """Where ``needle`` starts in ``text`` (1-based), 0 when it is not there."""

    inherit_cache = True
    name = "text_position"


@compiles(text_position, "sqlite")
def _position_sqlite(element: text_position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(text_position, "postgresql")
def _position_postgresql(element: text_position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def as_text(value: ColumnElement[Any]) -> ColumnElement[str]:
    """A value as text, for joining into strings (PostgreSQL does not turn numbers into text by itself)."""
    return cast(value, String)


def insert_new(s: Session, model: type[Any], **values: Any) -> bool:
    """Insert a row unless one with its key is there, in one statement (``ON CONFLICT DO NOTHING``), after
    what the session holds is flushed: True when it was inserted."""
    table = model.__table__
    check_rows(table, [values])  # lengths hold on both engines, as for what a flush writes
    query = _insert_new(s.get_bind().dialect.name, table, tuple(sorted(values)))
    s.flush()
    return bool(s.connection().execute(query, values).rowcount)  # Core: no ORM bookkeeping


def insert_row(s: Session, model: type[Any], values: dict[str, Any]) -> None:
    """Insert one row in one statement on the session's connection, after what the session holds is
    flushed (so rows keep the order they were made in), its lengths checked as a flush would: a row
    every bundle's import writes (its log entry, its audit row) without the unit of work's bookkeeping.
    Column defaults apply as for an ORM row."""
    s.flush()
    insert_rows(s.connection(), model.__table__, [values])  # lengths checked there


def insert_object(s: Session, obj: Any) -> None:
    """Insert a new ORM object's row in one statement (:func:`insert_row`) without adding the object to
    the session: its columns as the unit of work would write them (an attribute left unset or None takes
    the column's default). For a row an import writes and never reads back in its transaction (a new
    commune's row at a receiver), without the unit of work's bookkeeping."""
    table, given = obj.__table__, vars(obj)
    values = {c.key: given[c.key] for c in table.columns if given.get(c.key) is not None}
    insert_row(s, type(obj), values)


def insert_new_with(
    s: Session, model: type[Any], values: dict[str, Any], child: type[Any], child_values: dict[str, Any]
) -> bool:
    """:func:`insert_new`, and when the row went in, a row of ``child`` that refers to it (its columns
    named as the row's key columns take the key's values): True when both went in. On PostgreSQL in one
    statement (the row inserted in a ``WITH``), elsewhere in two; after what the session holds is
    flushed, lengths checked, column defaults applied as for :func:`insert_new`."""
    table, child_table = model.__table__, child.__table__
    keys = tuple(c.name for c in table.primary_key.columns)
    if s.get_bind().dialect.name != "postgresql":
        made = insert_new(s, model, **values)
        if made:
            insert_row(s, child, {**child_values, **{k: values[k] for k in keys}})
        return made
    full = {**_defaults(table, values), **values}
    check_rows(table, [full])
    check_rows(child_table, [{**child_values, **{k: full[k] for k in keys}}])
    query = _insert_new_with(table, tuple(sorted(full)), keys, child_table, tuple(sorted(child_values)))
    s.flush()
    given = {**full, **{f"child_{k}": v for k, v in child_values.items()}}
    return s.connection().execute(query, given).first() is not None  # the child's key, when it went in


def _defaults(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """The Python-side defaults of the columns ``values`` leaves out (a ``WITH``'s insert applies none)."""
    out = {}
    for column in table.columns:
        default = column.default
        if column.name in values or default is None or default.is_sequence or default.is_clause_element:
            continue
        out[column.name] = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined]
    return out


@cache
def _insert_new_with(
    table: Table, names: tuple[str, ...], keys: tuple[str, ...], child: Table, child_names: tuple[str, ...]
) -> Any:
    """Built once per tables and columns: ``WITH made AS (INSERT … ON CONFLICT DO NOTHING RETURNING key)
    INSERT INTO child SELECT key, … FROM made RETURNING key`` (its row count is not told: -1)."""
    made = (
        postgresql_insert(table)
        .values({name: bindparam(name) for name in names})
        .on_conflict_do_nothing()
        .returning(*(table.c[k] for k in keys))
        .cte("made")
    )
    given = [bindparam(f"child_{n}", type_=child.c[n].type) for n in child_names]
    rows = select(*(made.c[k] for k in keys), *given)
    return insert(child).from_select([*keys, *child_names], rows).returning(*(child.c[k] for k in keys))


@cache
def _insert_new(dialect: str, table: Table, names: tuple[str, ...]) -> Any:
    """Built once per table and columns (a receiver keeps every bundle it imports this way)."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).values({name: bindparam(name) for name in names}).on_conflict_do_nothing()
