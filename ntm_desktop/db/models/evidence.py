"""Evidence files, stored once by content hash in a folder beside the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, new_uid, utcnow


class EvidenceFile(Base):
    __tablename__ = "evidence_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EvidenceLink(Base):
    """Attaches a stored file, under the name the officer gave it, to an assessment or a help record."""

    __tablename__ = "evidence_links"
    __table_args__ = (UniqueConstraint("owner_uid", "sha256", "filename"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_uid: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"))
    filename: Mapped[str] = mapped_column(String(255))
    unit_code: Mapped[str] = mapped_column(String(5), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
