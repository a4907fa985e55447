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
from datetime import date
from functools import lru_cache, partial
from itertools import chain, compress, repeat
from math import isfinite
from operator import is_, itemgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import JSON, Boolean, Column, Connection, Date, Table

from ntm_desktop.db.lengths import check_columns, check_rows
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
            values.append(given if process is None else _converted(process, list(given)))
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
                put((uid, place, *values))
    except Exception:
        _check_lines(table, parents, lines, [line for group in lines.groups for line in group])
        raise
    _check_lines(table, parents, lines, distinct)
    _send(conn, statements, kinds, rows)


def _check_lines(table: Table, parents: Sequence[str], lines: Lines, distinct: Sequence[Any]) -> None:
    """:func:`check_columns` of the rows of ``lines``: the parents that have lines, and the values of
    ``distinct`` (every line at least once), in one call (the first column too long is named, as
    :func:`insert_columns` names it)."""
    columns: dict[str, Sequence[Any]] = {
        lines.parent: list(compress(parents, lines.groups))
    }  # those with lines
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
        _quicker(c, json_as_text(c, dialect, c.type._cached_bind_processor(dialect))) for c in columns
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


_DAYS = (date(1, 2, 3), date(2026, 12, 31), date(9999, 10, 9))
_JSON = (
    (64.6, "64.6"),
    (-0.0, "-0.0"),
    (1e300, "1e+300"),
    (-7, "-7"),
    (True, "true"),
    (False, "false"),
)


def _quicker(column: Column[Any], process: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """``process``, or a quicker function that gives the very same values, for what a bundle holds
    hundreds of: a date that the processor writes as its ISO text (SQLite's ``YYYY-MM-DD``) written by
    ``date.isoformat``; a JSON number or yes/no (an assessment's value) written by Python's own ``repr``,
    as ``json.dumps`` writes it. Each is used only when the column's own processor gives the very same
    text for a few such values, checked here."""
    if process is None:
        return None
    if isinstance(column.type, Date) and all(process(day) == day.isoformat() for day in _DAYS):
        return partial(_day, process)
    if isinstance(column.type, JSON) and all(process(value) == text for value, text in _JSON):
        return partial(_json, process)
    if isinstance(column.type, Boolean) and (process(True), process(False), process(None)) == (1, 0, None):
        return partial(_yes_no, process)
    return process


def _day(process: Callable[[Any], Any], value: Any) -> Any:
    return value.isoformat() if type(value) is date else process(value)


def _json(process: Callable[[Any], Any], value: Any) -> Any:
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int or (kind is float and value - value == 0.0):  # not infinite, not NaN
        return repr(value)
    return process(value)  # a list is converted once per list of codes (_by_value): json.dumps is quick


def _yes_no(process: Callable[[Any], Any], value: Any) -> Any:
    """``process`` itself (a yes/no column's own converter): a column of them is converted in one pass
    (:func:`_in_one_pass`)."""
    return process(value)


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
            by_column[i] = _converted(process, by_column[i])
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


def _converted(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    first = values[0]
    if all(map(is_, values, repeat(first))):  # the very same object in every row
        return [process(first)] * len(values)
    if type(process) is partial and (quick := _in_one_pass(process, values)) is not None:
        return quick
    keys = list(map(id, values))  # ``values`` holds every object, so no id is reused while this runs
    done: dict[Any, Any] = {}
    distinct = dict(zip(keys, values, strict=True))
    by_id = {key: _by_value(process, value, done) for key, value in distinct.items()}
    return list(map(by_id.__getitem__, keys))  # rows often share one object (a list, a quantity)


_NOT_YET = object()


def _in_one_pass(process: partial[Any], values: list[Any]) -> list[Any] | None:
    """A column of dates, of JSON numbers and yes/no answers, of lists of codes, or of yes/no (hundreds of
    distinct values: each its own object), converted by :func:`_day`, :func:`_json` or :func:`_yes_no`
    without a Python call a value: what those give, value by value; None for any other column (then
    converted value by value)."""
    kinds, quick = set(map(type, values)), process.func
    if quick is _day and kinds == _DATE:
        return _days(values)
    if quick is _yes_no and kinds <= _YES_NO:
        own = process.args[0]  # True, False and None are each one object: converted once each
        return list(map({True: own(True), False: own(False), None: own(None)}.__getitem__, values))
    if quick is _json and kinds == _LIST:
        return _code_lists(process, values)
    if quick is _json and kinds == _TUPLE:
        return _code_tuples(process, values)
    if quick is not _json or not kinds <= _NUMBERS or (float in kinds and not _finite(values)):
        return None
    texts = list(map(repr, values))
    if bool not in kinds:
        return texts
    return list(map(_JSON_YES_NO.get, texts, texts))  # no number's repr is "True" or "False"


def _code_lists(process: partial[Any], values: list[Any]) -> list[Any] | None:
    """A JSON column of lists (a help record's criteria): each distinct list, when all its items are
    texts, by its codes as :func:`_by_value` converts it (:data:`_CODES`, the same keys), the look-ups
    made for all of them at once; None when a list holds anything but texts."""
    keys = list(map(id, values))  # ``values`` holds every list, so no id is reused while this runs
    distinct = dict(zip(keys, values, strict=True))
    lists = list(distinct.values())
    if not set(map(type, chain.from_iterable(lists))) <= _TEXT:
        return None
    codes = [(process, *codes) for codes in lists]
    found = list(map(_CODES.get, codes))
    if None in found:  # a list's text is never None
        if len(_CODES) >= _MAX_CODES:
            _CODES.clear()
        for n, text in enumerate(found):
            if text is None:
                found[n] = _CODES[codes[n]] = process(lists[n])
    by_id = dict(zip(distinct, found, strict=True))
    return list(map(by_id.__getitem__, keys))


def _code_tuples(process: partial[Any], values: list[Any]) -> list[Any]:
    """A JSON column of tuples of codes (a help record's criteria as a bulk insert takes them), each
    written as the list it stands for: a row's text found by its tuple (:data:`_TUPLES`, kept from one
    call to the next: communes name the same few lists), each tuple not met before converted once as
    that list. A tuple holding anything but texts: every row's as a list (:func:`_converted`)."""
    texts = _TUPLES.get(process)
    if texts is None or len(texts) >= _MAX_CODES:
        texts = _TUPLES[process] = {}  # a new one: another thread may be reading the one it replaces
    found = list(map(texts.get, values))  # a list's text is never None
    if None not in found:
        return found
    for n, text in enumerate(found):
        if text is None:
            codes = values[n]
            text = texts.get(codes)
            if text is None:
                if not all(type(code) is str for code in codes):
                    return _converted(process, [list(codes) for codes in values])
                text = texts[codes] = process(list(codes))
            found[n] = text
    return found


_TUPLES: dict[Any, dict[tuple[str, ...], Any]] = {}
"""By column processor: a tuple of codes → the text it writes (:func:`_code_tuples`)."""


def _days(values: list[date]) -> list[str]:
    """Each date's ISO text (``date.isoformat``, which costs several times a look-up), kept from one call
    to the next: a receiver's communes date their help on the same few thousand days."""
    found = list(map(_ISO.get, values))
    if None not in found:
        return cast(list[str], found)
    if len(_ISO) >= _MAX_DAYS:
        _ISO.clear()
    new = [day for day, text in zip(values, found, strict=True) if text is None]
    made = dict(zip(new, map(date.isoformat, new), strict=True))
    _ISO.update(made)  # another thread may empty it meanwhile: the texts come from ``made`` and ``found``
    pick: Callable[[date, str | None], str | None] = made.get
    return cast(list[str], list(map(pick, values, found)))


_ISO: dict[date, str] = {}
_MAX_DAYS = 8192


def _finite(values: list[Any]) -> bool:
    try:
        return all(map(isfinite, values))
    except OverflowError:  # a whole number too big for a float (converted value by value)
        return False


_DATE = {date}
_JSON_YES_NO = {"True": "true", "False": "false"}
"""A yes/no's ``repr`` → its JSON text."""
_NUMBERS = frozenset({bool, int, float})
_YES_NO = frozenset({bool, type(None)})
_LIST, _TUPLE, _TEXT = {list}, {tuple}, frozenset({str})


_PLAIN = frozenset({str, int, bool, date})
"""Types whose equal values a bind processor turns into the same value (unlike a Decimal's digits, a
float's sign of zero or a time's zone): converted once per value, whichever objects hold it."""


def _by_value(process: Callable[[Any], Any], value: Any, done: dict[Any, Any]) -> Any:
    """A value not met before by identity: a list of codes (JSON) by its codes, as rows often have their
    own list of the same few codes (kept from one call to the next: :data:`_CODES`), and a plain value
    (:data:`_PLAIN`) by its type and value, as rows often have their own object for the same date or
    answer; anything else converted."""
    kind = type(value)
    if kind is list and all(type(x) is str for x in value):
        key: Any = (process, *value)
        found = _CODES.get(key, _NOT_YET)
        if found is _NOT_YET:
            if len(_CODES) >= _MAX_CODES:
                _CODES.clear()
            found = _CODES[key] = process(value)
        return found
    if kind not in _PLAIN:
        return process(value)
    key = (kind, value)
    found = done.get(key, _NOT_YET)
    if found is _NOT_YET:
        found = done[key] = process(value)
    return found


_CODES: dict[tuple[Any, ...], Any] = {}
"""A list of codes as a column's processor (the first item) converts it: each commune's hundreds of help
records name a few criteria each, and communes name the same few lists again and again."""
_MAX_CODES = 4096


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
