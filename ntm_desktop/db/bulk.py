"""Many rows into one table in one statement, on either engine, inside the caller's transaction.

An import writes thousands of rows at once. SQLAlchemy's ``execute(insert(table), rows)`` builds and
processes a parameter dictionary per row, which costs several times what the database itself spends.
Here the column types' own bind processors (those SQLAlchemy uses) are looked up once per column, each
row becomes a plain tuple, and the driver gets them all at once: ``executemany`` on SQLite, ``COPY …
FROM STDIN`` on PostgreSQL. Column defaults apply as in SQLAlchemy (a Python-side default when a row
leaves the column out; otherwise NULL, or the server's default when no row gives it); lengths are
checked as for every write (:mod:`ntm_desktop.db.lengths`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Column, Connection, Table

from ntm_desktop.db.bulk_values import converted, quicker
from ntm_desktop.db.lengths import Bounded, check_columns, check_rows
from ntm_desktop.db.pgcopy import Kinds, binary_kinds, copy_rows, json_as_text


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (column name → Python value, as for ``insert(table)``) into ``table``."""
    if not rows:
        return
    check_rows(table, rows)
    given = frozenset().union(*(row.keys() for row in rows))
    columns, processes, statements, kinds = _plan(table, given, conn.dialect)
    values = _values(columns, processes, rows) if len(rows) > 1 else [_row(columns, processes, rows[0])]
    _send(conn, statements, kinds, values)


class Same:
    """A value every row of :func:`insert_columns` shares (converted for the driver once)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def insert_columns(
    conn: Connection, table: Table, columns: Mapping[str, Sequence[Any] | Same], count: int
) -> None:
    """Insert ``count`` rows given column by column: each column a sequence of ``count`` values in row
    order, or :class:`Same`. What :func:`insert_rows` writes for the same rows, without a dictionary per
    row: a column left out takes its Python-side default, else NULL or the server's default."""
    if not count:
        return
    check_columns(table, {k: [v.value] if isinstance(v, Same) else v for k, v in columns.items()})
    picked, processes, statements, kinds = _plan(table, frozenset(columns), conn.dialect)
    values: list[Iterable[Any]] = []
    for column, process in zip(picked, processes, strict=True):
        given = columns.get(column.name)
        if given is None:  # left out: its Python-side default, worked out per row as insert_rows does
            given = [_missing(column) for _ in range(count)]
        if isinstance(given, Same):
            values.append(repeat(given.value if process is None else process(given.value), count))
        else:
            values.append(given if process is None else converted(process, list(given)))
    _send(conn, statements, kinds, list(zip(*values, strict=True)))


class Lines(NamedTuple):
    """Child rows given parent by parent (:func:`insert_lines`): each parent's lines in order, a row each,
    holding the parent's uid, the line's place among its parent's and what the line gives for ``names``."""

    parent: str
    """The column naming the parent (its uid)."""
    position: str
    """The column holding a line's place among its parent's lines (0, 1, …)."""
    names: tuple[str, ...]
    """The columns a line gives."""
    groups: Sequence[Sequence[Any]]
    """Each parent's lines, parents in the order of the uids :func:`insert_lines` is given. A line may be
    an object many parents share (one of a commune's few dozen distinct help item lines)."""
    values: Callable[[Any], tuple[Any, ...]]
    """A line's values for ``names``, in that order."""


def insert_lines(conn: Connection, table: Table, parents: Sequence[str], lines: Lines) -> None:
    """Insert the rows of ``lines`` (``parents``: each group's parent uid) into ``table``: the rows
    :func:`insert_columns` writes for them given column by column, without a pass over every row for each
    column: each row is one tuple made in one loop, and each distinct line (by identity: a bundle's
    thousand item lines are a few dozen objects) is converted for the driver and checked once. A value
    too long for its column is refused as :func:`insert_columns` refuses it, first, even beside a value
    that cannot be converted (then every line is checked before the conversion's error goes on)."""
    count = sum(map(len, lines.groups))
    if not count:
        return
    plan = _ordered_plan(table, (lines.parent, lines.position, *lines.names), conn.dialect)
    if plan is None or plan[1][0] is not None or plan[1][1] is not None:  # not as plain as a help's lines
        insert_columns(conn, table, _line_columns(parents, lines), count)
        return
    _, processes, statements, kinds = plan
    convert, of = processes[2:], lines.values
    made: dict[int, tuple[Any, ...]] = {}
    distinct: list[Any] = []
    rows: list[tuple[Any, ...]] = []
    put = rows.append
    try:
        for uid, group in zip(parents, lines.groups, strict=True):
            for place, line in enumerate(group):
                values = made.get(id(line))  # ``groups`` holds every line: no id is reused meanwhile
                if values is None:
                    distinct.append(line)
                    raw = of(line)
                    values = made[id(line)] = tuple(
                        [v if p is None else p(v) for v, p in zip(raw, convert, strict=True)]
                    )
                put((uid, place) + values)  # noqa: RUF005  (a concatenation: quicker than unpacking)
    except Exception:
        _check_lines(table, parents, lines, [line for group in lines.groups for line in group])
        raise
    _check_lines(table, parents, lines, distinct)
    _send(conn, statements, kinds, rows)


def _check_lines(table: Table, parents: Sequence[str], lines: Lines, distinct: Sequence[Any]) -> None:
    """:func:`check_columns` of the rows of ``lines``: the parents that have lines, and the values of
    ``distinct`` (every line at least once), in one call (the first column too long is named, as
    :func:`insert_columns` names it)."""
    having = compress(parents, lines.groups)  # those with lines: within the parents' bound, if any
    columns: dict[str, Sequence[Any]] = {
        lines.parent: Bounded(having, parents.longest) if isinstance(parents, Bounded) else list(having)
    }
    columns.update(zip(lines.names, zip(*map(lines.values, distinct), strict=True), strict=True))
    check_columns(table, columns)


def _line_columns(parents: Sequence[str], lines: Lines) -> dict[str, Sequence[Any] | Same]:
    """The rows of ``lines`` column by column, for :func:`insert_columns`."""
    rows = [
        (uid, place, *lines.values(line))
        for uid, group in zip(parents, lines.groups, strict=True)
        for place, line in enumerate(group)
    ]
    names = (lines.parent, lines.position, *lines.names)
    return dict(zip(names, map(list, zip(*rows, strict=True)), strict=True))


_Plan = tuple[
    tuple[Column[Any], ...], tuple[Callable[[Any], Any] | None, ...], tuple[str, str, str], Kinds | None
]


@lru_cache(maxsize=256)
def _plan(table: Table, given: frozenset[str], dialect: Any) -> _Plan:
    """The columns an insert of rows giving ``given`` writes (those given, and those with a Python-side
    default), their types' bind processors (a JSON value as its text on PostgreSQL:
    :func:`~ntm_desktop.db.pgcopy.json_as_text`) and the statements for many rows, for one, and for many
    in ``COPY``'s binary format (on PostgreSQL ``COPY`` and ``INSERT``: a ``COPY`` costs two round trips,
    twice an ``INSERT`` of one row; :mod:`ntm_desktop.db.pgcopy`), with what the binary format needs:
    worked out once per table and set of columns (a receiver writes the same few shapes for every
    bundle, most of them a handful of rows; its log entry and audit rows one)."""
    columns = tuple(c for c in table.columns if c.name in given or _python_default(c) is not None)
    return _planned(table, columns, dialect)


@lru_cache(maxsize=64)
def _ordered_plan(table: Table, order: tuple[str, ...], dialect: Any) -> _Plan | None:
    """:func:`_plan` of rows giving exactly the columns ``order``, in that order (:func:`insert_lines`
    makes each row's tuple so); None when the table has another column with a Python-side default (an
    insert of these rows would work it out: :func:`insert_columns` does)."""
    if any(c.name not in order and _python_default(c) is not None for c in table.columns):
        return None
    return _planned(table, tuple(table.c[name] for name in order), dialect)


def _planned(table: Table, columns: tuple[Column[Any], ...], dialect: Any) -> _Plan:
    processes = tuple(
        quicker(c, json_as_text(c, dialect, c.type._cached_bind_processor(dialect))) for c in columns
    )
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    name = dialect.identifier_preparer.format_table(table)
    marks = ", ".join("%s" if dialect.name == "postgresql" else "?" for _ in columns)
    one = f"INSERT INTO {name} ({names}) VALUES ({marks})"
    if dialect.name == "postgresql":
        copy = f"COPY {name} ({names}) FROM STDIN"
        return columns, processes, (copy, one, f"{copy} (FORMAT BINARY)"), binary_kinds(columns, dialect)
    return columns, processes, (one, one, one), None


def _send(conn: Connection, statements: tuple[str, str, str], kinds: Kinds | None, values: list[Any]) -> None:
    """The rows (tuples in the order of the statements' columns, as the driver takes them) in one
    statement (:func:`_plan`: for many rows, for one, for many in ``COPY``'s binary format)."""
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql" and len(values) > 1:
        copy_rows(raw, (statements[0], statements[2]), kinds, values)
        return
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        if len(values) == 1:
            cursor.execute(statements[1], values[0])
        else:
            cursor.executemany(statements[0], values)
    finally:
        cursor.close()


def _python_default(column: Column[Any]) -> Any:
    default = column.default
    return (
        default if default is not None and not default.is_sequence and not default.is_clause_element else None
    )


def _values(
    columns: Sequence[Column[Any]],
    processes: Sequence[Callable[[Any], Any] | None],
    rows: Sequence[Mapping[str, Any]],
) -> list[Any]:
    """The rows as tuples the driver takes, worked out column by column (a bundle holds thousands of
    rows; a value shared by every row, such as the time of the import, is converted once)."""
    keys = [c.name for c in columns]
    wanted = set(keys)
    full = [row if row.keys() >= wanted else _with_defaults(columns, row) for row in rows]
    picked: Callable[[Mapping[str, Any]], Any] = itemgetter(*keys)
    table = list(map(picked, full)) if len(keys) > 1 else [(picked(row),) for row in full]
    if all(process is None for process in processes):
        return table
    by_column = [list(column) for column in zip(*table, strict=True)]
    for i, process in enumerate(processes):
        if process is not None:
            by_column[i] = converted(process, by_column[i])
    return list(zip(*by_column, strict=True))


def _row(
    columns: Sequence[Column[Any]], processes: Sequence[Callable[[Any], Any] | None], row: Mapping[str, Any]
) -> tuple[Any, ...]:
    """One row as the tuple the driver takes (a bundle's log entry, an audit row): :func:`_values` without
    the work that pays off over many rows."""
    out = []
    for column, process in zip(columns, processes, strict=True):
        value = row[column.name] if column.name in row else _missing(column)
        out.append(value if process is None else process(value))
    return tuple(out)


def _with_defaults(columns: Sequence[Column[Any]], row: Mapping[str, Any]) -> dict[str, Any]:
    """The row with the columns it leaves out: their Python-side default, else NULL."""
    out = dict(row)
    for column in columns:
        if column.name not in out:
            out[column.name] = _missing(column)
    return out


def _missing(column: Column[Any]) -> Any:
    default = _python_default(column)
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)  # SQLAlchemy wraps it to take a context
    return default.arg
