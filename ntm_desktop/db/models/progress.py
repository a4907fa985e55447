"""Assessments: a commune's standing on one indicator (or a whole criterion) in one year."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, RecordMixin


class Assessment(RecordMixin, Base):
    """Keeps the criteria set and revision it was judged under, and the threshold used, so that editing a
    set later never silently changes a past year's result."""

    __tablename__ = "assessments"

    year: Mapped[int] = mapped_column(index=True)
    set_id: Mapped[str] = mapped_column(String(100))
    set_revision: Mapped[int] = mapped_column()
    indicator: Mapped[str | None] = mapped_column(String(20), default=None)
    criterion: Mapped[str] = mapped_column(String(20))
    value: Mapped[Any | None] = mapped_column(JSON(none_as_null=True), default=None, nullable=True)
    met: Mapped[bool | None] = mapped_column(default=None)
    met_auto: Mapped[bool | None] = mapped_column(default=None)
    basis: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date | None] = mapped_column(default=None)
    assessed_by: Mapped[str] = mapped_column(String(200), default="")
