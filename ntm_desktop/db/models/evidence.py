"""Evidence files, stored once by content hash: in a folder beside a SQLite file, or in the database
itself (``evidence_blobs``) for a workspace on a server, so every clerk reaches them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
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


class EvidenceBlob(Base):
    """A file's bytes, for a workspace on a database server (each clerk keeps a cache of those read)."""

    __tablename__ = "evidence_blobs"

    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
