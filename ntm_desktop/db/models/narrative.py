"""The text of one section of a year's report, as the commune officer wrote it."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, RecordMixin


class Narrative(RecordMixin, Base):
    """One per commune, year and section (its ``record_id`` says which: ``narrative-2025-debt``)."""

    __tablename__ = "narratives"

    year: Mapped[int] = mapped_column(index=True)
    section: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
