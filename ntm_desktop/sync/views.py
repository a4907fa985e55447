"""Plain frozen values about receipts, conflicts, correction requests and keys, for the UI and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.sync.labels import unit_label


@dataclass(frozen=True)
class ReceiptResult:
    path: Path
    unit_code: str
    bundles: int
    acknowledged: int
    pending: int
    changes: Changes = NOTHING

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "from": self.unit_code,
            "bundles": self.bundles,
            "acknowledged": self.acknowledged,
            "pending": self.pending,
        }

    def text(self) -> str:
        return tr(
            "Receipt from {unit}: it holds {bundles} of our bundles; {acknowledged}, {pending}.",
            unit=unit_label(self.unit_code),
            bundles=self.bundles,
            acknowledged=trn("{n} record confirmed", "{n} records confirmed", self.acknowledged),
            pending=trn("{n} change not yet confirmed", "{n} changes not yet confirmed", self.pending),
        )


@dataclass(frozen=True)
class Version:
    """One version of a record in a conflict."""

    version: str
    origin: str
    deleted: bool
    doc: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "origin": self.origin, "deleted": self.deleted, "record": self.doc}


@dataclass(frozen=True)
class ConflictView:
    id: str
    unit_code: str
    kind: str
    record_id: str
    status: str
    local: Version
    incoming: Version
    others: tuple[Version, ...]
    opened_at: datetime
    resolution: str = ""
    supporter_names: Mapping[str, str] = field(default_factory=dict)
    """The unit's supporters' record ids → names, for showing ``supporters``/``supporter`` by name."""
    unit_name: str = ""
    """The commune's name as the units table has it ("Xã Bằng Thành"), for naming it by its place."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit_code,
            "kind": self.kind,
            "record_id": self.record_id,
            "status": self.status,
            "local": self.local.to_json(),
            "incoming": self.incoming.to_json(),
            "others": [o.to_json() for o in self.others],
            "opened_at": vntime.json_vn(self.opened_at),
            "resolution": self.resolution,
        }


@dataclass(frozen=True)
class CorrectionView:
    id: str
    unit_code: str
    kind: str
    record_id: str
    reason: str
    requested_by: str
    status: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit_code,
            "kind": self.kind,
            "record_id": self.record_id,
            "reason": self.reason,
            "requested_by": self.requested_by,
            "status": self.status,
            "created_at": vntime.json_vn(self.created_at),
        }


@dataclass(frozen=True)
class KeyInfo:
    unit_code: str
    unit_name: str
    device_id: str
    fingerprint: str
    key_path: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "device": self.device_id,
            "fingerprint": self.fingerprint,
            "key_file": str(self.key_path),
        }


@dataclass(frozen=True)
class KnownKey:
    unit_code: str
    unit_name: str
    device_id: str
    fingerprint: str
    how: str
    trusted_at: datetime
    trusted_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "device": self.device_id,
            "fingerprint": self.fingerprint,
            "how": self.how,
            "trusted_at": vntime.json_vn(self.trusted_at),
            "trusted_by": self.trusted_by,
        }


@dataclass(frozen=True)
class LogEntry:
    """One bundle (or receipt) this workspace wrote or took in."""

    direction: str
    """``sent`` or ``received``."""
    bundle_id: str
    kind: str
    origin_unit_code: str
    device_id: str
    receiver_code: str
    sequence: int
    full: bool
    created: datetime
    logged_at: datetime
    counts: dict[str, Any]
    changes: dict[str, Any]
    file_name: str
    size: int
    fingerprint: str
    result: str
    actor: str
    signer: str = ""
    """Of a received bundle: the clerk who signed it (named by the office certificate it carries), or ""."""

    def to_json(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "bundle_id": self.bundle_id,
            "kind": self.kind,
            "unit": self.origin_unit_code,
            "device": self.device_id,
            "receiver": self.receiver_code,
            "sequence": self.sequence,
            "full": self.full,
            "created": vntime.json_vn(self.created),
            "logged_at": vntime.json_vn(self.logged_at),
            "counts": dict(self.counts),
            "changes": dict(self.changes),
            "file": self.file_name,
            "size": self.size,
            "fingerprint": self.fingerprint,
            "result": self.result,
            "actor": self.actor,
            "signer": self.signer,
        }
