"""Criteria sets are stored whole and versioned: an edit makes a new revision, never rewrites one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, new_uid, utcnow


class CriteriaSetRow(Base):
    __tablename__ = "criteria_sets"
    __table_args__ = (UniqueConstraint("set_id", "revision"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    set_id: Mapped[str] = mapped_column(String(100), index=True)
    revision: Mapped[int] = mapped_column()
    origin: Mapped[str] = mapped_column(String(20))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CriterionTarget(Base):
    """The year by which the commune plans to meet a criterion."""

    __tablename__ = "criterion_targets"
    __table_args__ = (UniqueConstraint("unit_code", "set_id", "criterion_code"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    unit_code: Mapped[str] = mapped_column(String(5))
    set_id: Mapped[str] = mapped_column(String(100))
    criterion_code: Mapped[str] = mapped_column(String(20))
    target_year: Mapped[int | None] = mapped_column(default=None)
    plan: Mapped[str] = mapped_column(String(2000), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CriteriaYearChoice(Base):
    """The criteria set one year is judged under in this workspace, when it is not simply the national
    default (``criteria use``, or a set from the receiving unit adopted for the open years of its period).
    Every change is audited (``criteria.use``)."""

    __tablename__ = "criteria_year_choices"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    set_id: Mapped[str | None] = mapped_column(String(100), default=None)
    """None: the national set in force that year."""
    set_revision: Mapped[int | None] = mapped_column(default=None)
    """The revision adopted (a newer revision of the same set is adopted again)."""
    previous_set_id: Mapped[str | None] = mapped_column(String(100), default=None)
    previous_revision: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(String(1000), default="")
    origin: Mapped[str] = mapped_column(String(20), default="officer")
    """officer (criteria use), receiver (a set from the receiving unit), own (a receiver's own set)."""
    chosen_by: Mapped[str] = mapped_column(String(200), default="")
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """What re-judging the year under the set changed: {"gained": [...], "lost": [...], "left": [...]}."""
    seen: Mapped[bool] = mapped_column(default=False)
    """The officer has seen the notice of a set from the receiving unit."""
