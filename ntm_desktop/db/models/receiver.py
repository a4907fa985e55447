"""What a receiving unit (a province's NTM office, or a district before 1 July 2025) keeps of its own:
the sign-off state of each commune's year and its history, and changes held back because they touch a
year already approved (amendment requests).

The province's decisions recognising a commune's year (``receiver_recognitions``) are kept here too; a
national office holds the ones its provinces sent. Which commune became which after the 2025 mergers is
``Unit.merged_into`` (set here, or declared by the new commune's ``predecessors``); no table of its own is
needed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, new_uid, utcnow


class ReceiverSignoff(Base):
    """The state of one commune's report for one year: received → reviewed → approved, or returned.

    A commune-year without a row is ``received`` when the receiver holds data of that year, else
    ``not_reported``. ``unit_code`` is the commune's current code (the successor, for merged communes).
    """

    __tablename__ = "receiver_signoffs"

    unit_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    correction_uid: Mapped[str] = mapped_column(String(36), default="")
    """The correction request sent when the year was last returned."""
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")


class ReceiverSignoffChange(Base):
    """One step in a commune-year's sign-off: from which state to which, who, when and why."""

    __tablename__ = "receiver_signoff_changes"
    __table_args__ = (Index("ix_receiver_signoff_changes_unit_year", "unit_code", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(String(5))
    year: Mapped[int] = mapped_column()
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    """Set when a bundle moved the state (new data for a reviewed or returned year)."""
    correction_uid: Mapped[str] = mapped_column(String(36), default="")


class ReceiverAmendment(Base):
    """A record version that arrived for an approved commune-year: kept aside, not written, until the
    receiver accepts (then it is merged like any bundle record) or rejects it."""

    __tablename__ = "receiver_amendments"
    __table_args__ = (Index("ix_receiver_amendments_unit_status", "unit_code", "status"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    unit_code: Mapped[str] = mapped_column(String(5))
    """The code the record was sent under (a predecessor's, for data of a merged commune)."""
    signoff_code: Mapped[str] = mapped_column(String(5))
    """The commune-year that is approved (the successor's code)."""
    year: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(100))
    sibling: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The incoming version as the sync merge sees it (version, vector, origin, removed, content)."""
    criteria_set: Mapped[str | None] = mapped_column(String(100), default=None)
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class ReceiverRecognition(Base):
    """A decision recognising a commune as meeting a level's standard for a year (e.g. "123/QĐ-UBND",
    xã nông thôn mới nâng cao), recorded by the province that decided it; a national office holds the
    ones its provinces sent. Withdrawn (recorded by mistake) is ``deleted_at``, never a deleted row."""

    __tablename__ = "receiver_recognitions"

    unit_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    """The commune's current code (the successor, for merged communes)."""
    year: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(10), primary_key=True)
    """A criteria-set level: ntm, nang_cao, kieu_mau or hien_dai."""
    decision: Mapped[str] = mapped_column(String(100))
    decided_on: Mapped[date] = mapped_column()
    decided_by: Mapped[str] = mapped_column(String(5))
    """The code of the receiving unit (province) whose decision it is."""
    version: Mapped[str] = mapped_column(String(60))  # sync.VERSION_LENGTH
    """A record version (HLC): the newest wins where it travels (a commune, the national office)."""
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why it was withdrawn."""
