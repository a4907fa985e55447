"""What the sync service remembers: bundles sent and received, trusted keys, acknowledgements, causal
state of records, conflicts kept for a person to resolve, correction requests, the receiving unit's
decisions on a commune's years, and sequence counters.

Record versions are hybrid-logical-clock strings (``sync/clock.py``); ``vv`` columns hold a small version
vector ``{device id: latest version from that device}`` that says which edits a version already includes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ntm_desktop.db.base import Base, new_uid, utcnow

VERSION_LENGTH = 60  # "<16 digits>.<4 digits>.<device id of up to 32 characters>"


class SyncBundle(Base):
    """One bundle this workspace wrote (``sent``) or imported (``received``), receipts included."""

    __tablename__ = "sync_bundles"
    __table_args__ = (UniqueConstraint("direction", "bundle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(10))
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    origin_unit_code: Mapped[str] = mapped_column(String(5), index=True)
    device_id: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column()
    previous_bundle_id: Mapped[str | None] = mapped_column(String(36), default=None)
    receiver_code: Mapped[str] = mapped_column(String(5), default="")
    full: Mapped[bool] = mapped_column(default=False)
    created: Mapped[datetime] = mapped_column()
    logged_at: Mapped[datetime] = mapped_column(default=utcnow)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(default=0)
    fingerprint: Mapped[str] = mapped_column(String(24), default="")
    result: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200), default="")
    kept_sha256: Mapped[str] = mapped_column(String(64), default="")
    """A commune's records bundle as received, kept whole in the evidence store (by its hash): a province
    carries it, signed by the commune, to the national office (receiver/rollup.py)."""
    signer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """Who signed a received bundle: the clerk named in the office certificate it carries (a province
    office's clerk); empty for a bundle without one (a commune's, signed by the commune's key) and for
    bundles received by 0.2.0 (revision 0003 added the column)."""


class SyncKnownKey(Base):
    """A device key trusted for a unit (from its key file, or remembered on first use)."""

    __tablename__ = "sync_known_keys"
    __table_args__ = (UniqueConstraint("unit_code", "fingerprint"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    unit_code: Mapped[str] = mapped_column(String(5), index=True)
    unit_name: Mapped[str] = mapped_column(String(200), default="")
    device_id: Mapped[str] = mapped_column(String(32), default="")
    fingerprint: Mapped[str] = mapped_column(String(24))
    public_key: Mapped[str] = mapped_column(String(64))
    how: Mapped[str] = mapped_column(String(20))
    trusted_at: Mapped[datetime] = mapped_column(default=utcnow)
    trusted_by: Mapped[str] = mapped_column(String(200), default="")


class SyncAck(Base):
    """Per record and peer: the version last sent to the peer, and the version the peer confirmed."""

    __tablename__ = "sync_acks"

    peer_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    sent_version: Mapped[str] = mapped_column(String(VERSION_LENGTH), default="")
    sent_bundle_id: Mapped[str] = mapped_column(String(36), default="")
    acked_version: Mapped[str] = mapped_column(String(VERSION_LENGTH), default="")


class SyncRecordState(Base):
    """The version vector of a record's current version, when it is more than the version itself.

    ``version`` is the record version the vector describes: when the record's row carries another
    version, it was edited here since, on top of this one. A removed record that never had a row here
    (a tombstone without content) lives only in this table, with ``deleted`` set.
    """

    __tablename__ = "sync_record_state"

    unit_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[str] = mapped_column(String(VERSION_LENGTH))
    vv: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    deleted: Mapped[bool] = mapped_column(default=False)


class SyncConflict(Base):
    """Two (or more) independent edits of one record. Every version is kept as JSON until resolved."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_record", "unit_code", "kind", "record_id", "status"),)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    unit_code: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="open")
    local: Mapped[dict[str, Any]] = mapped_column(JSON)
    incoming: Mapped[dict[str, Any]] = mapped_column(JSON)
    others: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(String(20), default="")


class SyncCorrection(Base):
    """A receiver's request that a commune check and correct one assessment or help record."""

    __tablename__ = "sync_corrections"

    uid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uid)
    direction: Mapped[str] = mapped_column(String(10))
    unit_code: Mapped[str] = mapped_column(String(5), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    requester_code: Mapped[str] = mapped_column(String(5), default="")
    requested_by: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[str] = mapped_column(String(VERSION_LENGTH))
    status: Mapped[str] = mapped_column(String(10), default="open")
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_by: Mapped[str] = mapped_column(String(200), default="")


class ReceivedDecision(Base):
    """On a commune's computer: what the receiving unit decided about one of its years (reviewed,
    approved, returned for correction with a reason), as the newest reverse bundle said."""

    __tablename__ = "sync_received_decisions"

    unit_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    receiver_code: Mapped[str] = mapped_column(String(5), default="")
    correction_uid: Mapped[str] = mapped_column(String(36), default="")
    version: Mapped[str] = mapped_column(String(VERSION_LENGTH))
    bundle_id: Mapped[str] = mapped_column(String(36), default="")


class SyncSequence(Base):
    """The last sequence number this device gave a bundle of one kind for one receiver.

    ``device_id`` is empty in a data file (one device); on a database server each clerk's device keeps
    its own sequences, as the communes follow one sequence per sending device."""

    __tablename__ = "sync_sequences"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    receiver_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(32), primary_key=True, default="")
    last_sequence: Mapped[int] = mapped_column(default=0)
    last_bundle_id: Mapped[str | None] = mapped_column(String(36), default=None)
