"""Fields a newer version's file or bundle carried that this version cannot read, kept as they came."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, utcnow


class SetAsideField(Base):
    """One field of a newer minor format version (``docs/compatibility.md``): not read, not lost. A later
    version that knows the field takes it in with a migration (by ``kind``, ``record_id`` and ``path``)."""

    __tablename__ = "set_aside_fields"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    unit_code: Mapped[str] = mapped_column(String(5), index=True)
    kind: Mapped[str] = mapped_column(String(50), default="")
    """The records-v1 list of the record; empty for a field of the file itself."""
    record_id: Mapped[str] = mapped_column(String(100), default="")
    record_version: Mapped[str] = mapped_column(String(40), default="")
    """The record's version when it came in a bundle."""
    path: Mapped[str] = mapped_column(String(300))
    """Where the field was inside the record (``funding_source``, ``items[0].origin``) or the file."""
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    format_version: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(100))
    """``records-file`` or the id of the bundle it came in."""
