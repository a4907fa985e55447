"""Declarative base, constraint naming convention and the mixin every synced user record shares."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from ntm_desktop.db.lengths import Bounded

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uid() -> str:
    """A new row's uid: a time-ordered UUID (:func:`new_uids`)."""
    return new_uids(1)[0]


_VERSION_7 = bytes((x & 0x0F) | 0x70 for x in range(256))
"""A byte with its top four bits made 0111: the UUID's version (7, RFC 9562)."""
_VARIANT = bytes((x & 0x3F) | 0x80 for x in range(256))
"""A byte with its top two bits made 10: the RFC 4122/9562 variant."""


def new_uids(count: int) -> list[str]:
    """``count`` new uids, in ascending order: version-7 UUIDs (RFC 9562) — the time in milliseconds,
    then random bits — in the form ``str(uuid.UUID(...))`` writes (``018f3c2a-…-7…-…``).

    A row's uid is the primary key of its table and the key of its child rows' indexes. Random
    (version-4) uids scatter every new row over the whole index: as a receiver's store grows, a
    commune's bundle touches more and more pages (each written to the journal and checkpointed), and
    its import cost about twice as much at the 160th commune as at the 16th; time-ordered uids go in at
    the index's end, and the cost stays flat (``bench/sync_import.py``). The random bits keep them
    unique; one read of the system's random source serves a whole batch (a bundle takes hundreds).

    A batch of :data:`_MANY` to :data:`_COUNTED` uids is in ascending order as made: the 12 bits after
    the version count the batch's uids up from a random start (RFC 9562, 6.2, method 1: a counter), and
    62 random bits follow, so no sort is needed (sorting a bundle's hundreds of uids cost half of making
    them). Other batches have 74 random bits and are sorted. They come :class:`Bounded` by their length,
    :data:`UID_LENGTH` (a bulk insert does not measure them again)."""
    if count <= 0:
        return Bounded((), UID_LENGTH)
    raw = bytearray(os.urandom(16 * count))
    stamp = (time.time_ns() // 1_000_000).to_bytes(6, "big")
    for k in range(6):  # the stamp's bytes into their places, each a single strided copy (a loop a uid
        raw[k::16] = stamp[k : k + 1] * count  # cost a bundle's hundreds of uids more than all the rest)
    counted = _MANY <= count <= _COUNTED
    if counted:  # a start below _COUNTED - count, from two random bytes the version and counter replace
        start = int.from_bytes(raw[6:8], "big") % (_COUNTED + 1 - count)
        raw[6::16] = _COUNTER_HIGH[start : start + count]
        raw[7::16] = _COUNTER_LOW[start : start + count]
    else:
        raw[6::16] = raw[6::16].translate(_VERSION_7)
    raw[8::16] = raw[8::16].translate(_VARIANT)
    if count < _MANY:
        return Bounded(sorted(_one_by_one(raw.hex(), count)), UID_LENGTH)
    digits = raw.hex().encode("ascii")
    lines = bytearray(_LINE * count)  # each uid a line of its own: its 32 digits go into their places
    for k, place in enumerate(_PLACES):
        lines[place::37] = digits[k::32]
    made = lines.decode("ascii").split()
    return Bounded(made if counted else sorted(made), UID_LENGTH)


def _one_by_one(h: str, count: int) -> list[str]:
    return [
        f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]


_MANY = 32
"""From this many uids on, they are written column by column (a few dozen C-level copies, whatever the
count) instead of one formatted string each: a quarter of the time for a bundle's hundreds."""
_COUNTED = 4096
"""Up to this many uids, a batch counts them in the 12 bits after the version (:func:`new_uids`)."""
_COUNTER_HIGH = bytes(0x70 | (n >> 8) for n in range(_COUNTED))
"""The counter ``n``'s byte 6 of a uid: the version (7) and the counter's top four bits."""
_COUNTER_LOW = bytes(n & 0xFF for n in range(_COUNTED))
"""The counter ``n``'s byte 7 of a uid: its low eight bits."""
_LINE = b"00000000-0000-0000-0000-000000000000\n"
UID_LENGTH = len(_LINE) - 1
"""Every uid's length (``str(uuid.UUID(...))``'s 36)."""
_PLACES = tuple(place for place in range(36) if place not in (8, 13, 18, 23))
"""Where a uid's 32 hexadecimal digits go in its line (the dashes stay)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class DecimalText(TypeDecorator[Decimal]):
    """Exact decimal quantities stored as text (SQLite has no decimal type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else format(value.normalize(), "f")

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), Decimal: DecimalText()}


class RecordMixin:
    """Columns shared by every user record that travels in records files and sync bundles.

    ``uid`` is the internal key (a UUID). ``record_id`` is the id the record has in records-v1 files and
    bundles, unique per commune (``unit_code``): a receiver holds many communes whose ids may collide.
    ``version`` orders edits across devices (a hybrid logical clock string that sorts in time order).
    Nothing is ever deleted: ``deleted_at`` marks a record as removed.
    """

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    record_id: Mapped[str] = mapped_column(String(100))
    unit_code: Mapped[str] = mapped_column(String(5), index=True)
    version: Mapped[str] = mapped_column(String(60), default="")  # sync.VERSION_LENGTH
    origin: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (UniqueConstraint("unit_code", "record_id"),)
