"""Column lengths hold on both engines.

PostgreSQL refuses a value longer than its ``VARCHAR(n)`` with a driver error; SQLite stores it anyway.
So that a too-long value is the same clear message on both (and never reaches PostgreSQL's error), every
flush checks the text columns of what it writes (:func:`check_flush`), and a bulk insert its rows
(:func:`check_rows`), raising :class:`InvalidInput` that names the table and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import chain
from operator import methodcaller
from typing import Any

from sqlalchemy import String, Table, inspect
from sqlalchemy.orm import Session, UOWTransaction

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr

_LIMITS: dict[Any, list[tuple[str, str, int]]] = {}


def _limits(mapper: Any) -> list[tuple[str, str, int]]:
    """(attribute, column, length) of each length-limited text column the mapper writes."""
    found = _LIMITS.get(mapper)
    if found is None:
        found = []
        for column in mapper.columns:
            length = getattr(column.type, "length", None)
            if isinstance(column.type, String) and length:
                found.append((mapper.get_property_by_column(column).key, column.name, int(length)))
        _LIMITS[mapper] = found
    return found


def _too_long(table: str, column: str, length: int) -> InvalidInput:
    return InvalidInput(
        tr("{field} is longer than {limit} characters", field=f"{table}.{column}", limit=length),
        field=f"{table}.{column}",
    )


def check_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """``before_flush``: the new and changed rows' text fits their columns."""
    for obj in chain(session.new, session.dirty):
        mapper = inspect(obj).mapper
        for attribute, column, length in _limits(mapper):
            value = getattr(obj, attribute, None)
            if isinstance(value, str) and len(value) > length:
                raise _too_long(mapper.local_table.name, column, length)


def check_rows(table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """The same for rows a bulk insert writes into ``table``."""
    for name, length in _row_limits(table):
        if _may_be_too_long(rows, name, length):
            for row in rows:  # the exact check, row by row
                value = row.get(name)
                if isinstance(value, str) and len(value) > length:
                    raise _too_long(table.name, name, length)


class Bounded(list[str]):
    """Texts none longer than :attr:`longest`, known so by how they were made or judged (new uids; the ids,
    versions and origins a bundle's list was judged by): :func:`check_columns` compares that bound with
    the column's limit instead of measuring each of a bundle's hundreds of values again. A list made from
    one keeps its bound only where it is made so (``Bounded(part, whole.longest)``)."""

    __slots__ = ("longest",)

    def __init__(self, values: Iterable[str], longest: int) -> None:
        super().__init__(values)
        self.longest = longest


def check_columns(table: Table, columns: Mapping[str, Sequence[Any]]) -> None:
    """The same for rows given column by column (:func:`ntm_desktop.db.bulk.insert_columns`); a
    :class:`Bounded` column whose bound is within the limit holds."""
    for name, length in _row_limits(table):
        values = columns.get(name)
        if values is None or (values.__class__ is Bounded and values.longest <= length):
            continue
        if _longest(values) > length:
            for value in values:  # the exact check, value by value
                if isinstance(value, str) and len(value) > length:
                    raise _too_long(table.name, name, length)


def _longest(values: Sequence[Any]) -> int:
    """The longest value's length, in one pass without a Python loop; past any limit when in doubt."""
    try:
        return max(map(len, values), default=0)
    except TypeError:  # a None, a number: measured again without what is empty (no length to check)
        pass
    try:
        return max(map(len, filter(None, values)), default=0)
    except TypeError:  # a value without a length (a number, say): look closer
        return 1 << 62


@cache
def _row_limits(table: Table) -> tuple[tuple[str, int], ...]:
    return tuple(
        (c.name, int(c.type.length)) for c in table.columns if isinstance(c.type, String) and c.type.length
    )


def _may_be_too_long(rows: Sequence[Mapping[str, Any]], name: str, length: int) -> bool:
    """The column's longest value, measured in one pass without a Python loop; True when in doubt."""
    try:
        return max(map(len, filter(None, map(methodcaller("get", name), rows))), default=0) > length
    except TypeError:  # a value without a length (a number, say): look closer
        return True
