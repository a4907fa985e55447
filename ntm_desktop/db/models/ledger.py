"""The help-received ledger: supporters, assignments, help with item lines, seconded cadres, events."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ntm_desktop.db.base import Base, RecordMixin


class Supporter(RecordMixin, Base):
    __tablename__ = "supporters"

    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="agency")
    parent: Mapped[str] = mapped_column(String(300), default="")


class Assignment(RecordMixin, Base):
    __tablename__ = "assignments"

    supporter_uid: Mapped[str] = mapped_column(ForeignKey("supporters.uid"), index=True)
    document: Mapped[str] = mapped_column(String(100))
    document_date: Mapped[date | None] = mapped_column(default=None)
    issuer: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[date | None] = mapped_column(default=None)
    end: Mapped[date | None] = mapped_column(default=None)
    criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")


class Help(RecordMixin, Base):
    __tablename__ = "help"

    date: Mapped[date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    village: Mapped[str] = mapped_column(String(200), default="")
    criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    households: Mapped[int | None] = mapped_column(default=None)
    persons: Mapped[int | None] = mapped_column(default=None)
    funding_source: Mapped[str] = mapped_column(String(30), default="")

    items: Mapped[list[HelpItem]] = relationship(
        back_populates="help", order_by="HelpItem.position", cascade="all, delete-orphan"
    )
    supporter_links: Mapped[list[HelpSupporter]] = relationship(
        order_by="HelpSupporter.position", cascade="all, delete-orphan"
    )


class HelpSupporter(Base):
    """Which supporters gave a help record (several when units co-operate)."""

    __tablename__ = "help_supporters"

    help_uid: Mapped[str] = mapped_column(ForeignKey("help.uid", ondelete="CASCADE"), primary_key=True)
    supporter_uid: Mapped[str] = mapped_column(ForeignKey("supporters.uid"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class HelpItem(Base):
    """One line of what was given. Lines belong to their help record and change with it (audited there)."""

    __tablename__ = "help_items"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    help_uid: Mapped[str] = mapped_column(ForeignKey("help.uid", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column()
    unit: Mapped[str] = mapped_column(String(50))
    value_vnd: Mapped[int | None] = mapped_column(BigInteger, default=None)

    help: Mapped[Help] = relationship(back_populates="items")


class Cadre(RecordMixin, Base):
    """A cadre seconded to the commune (cán bộ biệt phái / tăng cường)."""

    __tablename__ = "cadres"

    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")
    supporter_uid: Mapped[str | None] = mapped_column(ForeignKey("supporters.uid"), default=None)
    start: Mapped[date | None] = mapped_column(default=None)
    end: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class Event(RecordMixin, Base):
    """A meeting, campaign or other activity (e.g. a propaganda conference with 80 participants)."""

    __tablename__ = "events"

    date: Mapped[date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(500))
    village: Mapped[str] = mapped_column(String(200), default="")
    supporter_uids: Mapped[list[str]] = mapped_column(JSON, default=list)
    participants: Mapped[int | None] = mapped_column(default=None)
    criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
