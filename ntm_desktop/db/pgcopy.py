"""PostgreSQL's ``COPY … FROM STDIN`` of many rows (:mod:`ntm_desktop.db.bulk`), in the binary format when it
writes the very values the text format would, else in the text format.

In the text format psycopg writes every value as text, escaped, and the server reads it back; a bundle's
thousands of rows spend most of their driver time there. In the binary format a text is its UTF-8
bytes, a number, a yes/no, a date or a time their fixed binary form, read by the column type's own
binary reader (a ``json`` column's is its text). That is used only when every value of every column is
``None`` or of exactly the Python type the column's binary form takes (a whole number within the
column's range, a time without a zone, a JSON value already its text): anything else (a number given as
a text, a date given as a time…) goes in the text format, as before, and the server reads it, or refuses
it, as it always has.

A JSON column's value is given as its text, the text psycopg's own JSON writer makes (the dialect's
serializer, else psycopg's): worked out once per distinct value (:func:`ntm_desktop.db.bulk_values.converted`)
rather than once per row inside the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import JSON, Column

_BINARY: dict[str, tuple[str, type]] = {
    "VARCHAR": ("text", str),
    "TEXT": ("text", str),
    "JSON": ("text", str),  # its text (json_as_text); json's binary form is its text
    "INTEGER": ("int4", int),
    "BIGINT": ("int8", int),
    "SMALLINT": ("int2", int),
    "BOOLEAN": ("bool", bool),
    "DATE": ("date", date),
    "TIMESTAMP WITHOUT TIME ZONE": ("timestamp", datetime),
}
"""A column type (as SQLAlchemy writes it for PostgreSQL, without its length) → the name psycopg's binary
writer goes by, and the one Python type of the values it takes."""

_BOUND = {"int2": 1 << 15, "int4": 1 << 31, "int8": 1 << 63}

Kinds = tuple[tuple[str, type], ...]


def binary_kinds(columns: Sequence[Column[Any]], dialect: Any) -> Kinds | None:
    """Each column's binary writer and value type; None when a column's type has none here (then the
    table's rows always go in the text format)."""
    kinds = []
    for column in columns:
        kind = _BINARY.get(column.type.compile(dialect=dialect).split("(")[0])
        if kind is None:
            return None
        kinds.append(kind)
    return tuple(kinds)


def fits(kinds: Kinds, rows: Sequence[Sequence[Any]]) -> bool:
    """Whether every value of ``rows`` (converted for the driver) is None or exactly of its column's
    type, a whole number within its column's range, a time without a zone."""
    for (name, kind), column in zip(kinds, zip(*rows, strict=True), strict=True):
        found = set(map(type, column))
        found.discard(type(None))
        if not found:
            continue
        if found != {kind}:  # exactly: a yes/no is no whole number, a time no date
            return False
        bound = _BOUND.get(name)
        if bound is not None:
            given = [v for v in column if v is not None]
            if min(given) < -bound or max(given) >= bound:
                return False
        elif kind is datetime and any(v.tzinfo is not None for v in column if v is not None):
            return False
    return True


def copy_rows(raw: Any, statements: tuple[str, str], kinds: Kinds | None, rows: Sequence[Any]) -> None:
    """``rows`` through one ``COPY``: ``statements`` are the text format's and the binary format's."""
    binary = kinds is not None and fits(kinds, rows)
    with raw.cursor() as cursor, cursor.copy(statements[binary]) as copy:
        if binary:
            copy.set_types([name for name, _ in kinds])  # type: ignore[union-attr]
        write = copy.write_row
        for row in rows:
            write(row)


def json_as_text(column: Column[Any], dialect: Any, process: Callable[[Any], Any] | None) -> Any:
    """For a JSON column on PostgreSQL: a converter giving the text psycopg writes for the value the
    column type's own converter gives (a ``Json`` wrapper), else ``process`` itself."""
    if process is None or not isinstance(column.type, JSON) or dialect.name != "postgresql":
        return process
    from psycopg.types.json import Json, JsonDumper

    return partial(_json_text, process, Json, getattr(dialect, "_json_serializer", None), JsonDumper)


def _json_text(process: Callable[[Any], Any], wrapper: Any, own: Any, writer: Any, value: Any) -> Any:
    wrapped: Any = process(value)
    if type(wrapped) is not wrapper:
        return wrapped  # None (SQL NULL)
    text = (wrapped.dumps or own or writer._dumps)(wrapped.obj)  # as psycopg's JSON writer picks it
    return text if isinstance(text, str) else bytes(text).decode()
