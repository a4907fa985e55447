"""The commune (or any administrative unit a receiver holds) and its officers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, new_uid, utcnow


class Unit(Base):
    """A commune-level unit. A commune workspace has one home unit; a receiver holds many."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("code"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    code: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(10), default="xa")
    province_code: Mapped[str] = mapped_column(String(2))
    province_name: Mapped[str | None] = mapped_column(String(200), default=None)
    district_name: Mapped[str | None] = mapped_column(String(200), default=None)
    region: Mapped[str | None] = mapped_column(String(10), default=None)
    group: Mapped[int | None] = mapped_column(default=None)
    """The commune group of the current year's period (kept with ``groups`` by the unit service)."""
    groups: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    """Commune group per period of a set that groups communes: {"2026-2030": 2}."""
    villages: Mapped[list[str]] = mapped_column(JSON, default=list)
    predecessors: Mapped[list[str]] = mapped_column(JSON, default=list)
    merged_into: Mapped[str | None] = mapped_column(String(5), default=None)
    is_home: Mapped[bool] = mapped_column(default=False)
    receiving_unit_name: Mapped[str | None] = mapped_column(String(200), default=None)
    receiving_unit_level: Mapped[str | None] = mapped_column(String(20), default=None)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[str] = mapped_column(String(60), default="")  # sync.VERSION_LENGTH
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


class Officer(Base):
    """An officer of the commune: who records, who signs (name and title for the signature block)."""

    __tablename__ = "officers"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    unit_code: Mapped[str] = mapped_column(String(5), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    signs_as: Mapped[str | None] = mapped_column(String(10), default=None)
    is_signer: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
