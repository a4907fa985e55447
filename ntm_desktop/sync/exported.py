"""What writing a bundle hands back (``ws.sync.export`` and the receiver's bundles): a module of its own, so
a process that only imports bundles never builds it (each frozen dataclass costs about half a
millisecond to define; the first import in a process paid for every one of :mod:`ntm_desktop.sync.results`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntm_desktop.core.changes import NOTHING, Changes
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.labels import extra_label, unit_label


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    kind: str
    sequence: int
    full: bool
    receiver: str
    counts: dict[str, int]
    size: int
    files: int = 0
    changes: Changes = NOTHING
    receiver_name: str = ""
    """The commune a bundle sent back is for, by its name in the units table (the texts name it)."""

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "kind": self.kind,
            "sequence": self.sequence,
            "full": self.full,
            "receiver": self.receiver,
            "counts": dict(self.counts),
            "files": self.files,
            "size": self.size,
        }

    def nothing_new_text(self) -> str:
        """Why a commune's bundle with no record in it is still written: every records bundle carries the
        commune's details (``profile``: officers and signer, receiving unit, villages, targets), which the
        receiver takes from the newest bundle and which recovery needs (docs/sync.md, "A lost laptop") —
        changed details reach the province only in a bundle, and none of them is a record counted here."""
        if self.kind != "records":  # BundleKind.RECORDS: an office's bundles carry no commune details
            return tr("nothing new to send")
        return tr(
            "No record changes to send: {receiver} has confirmed every one. The bundle still carries the "
            "commune's details (officers and signer, villages, targets), so {receiver} has them as they are "
            "now.",
            receiver=unit_label(self.receiver) if self.receiver else tr("the receiving unit"),
        )

    def text(self) -> str:
        lines = [tr("Wrote {path} ({size} KB)", path=str(self.path), size=max(1, round(self.size / 1024)))]
        what = tr("all records") if self.full else tr("changes not yet confirmed by the receiver")
        lines.append("  " + tr("Bundle number {sequence}: {what}", sequence=self.sequence, what=what))
        shown = [f"{extra_label(name)}: {n}" for name, n in self.counts.items() if n]
        lines.append("  " + (", ".join(shown) if shown else self.nothing_new_text()))
        if self.files:
            lines.append("  " + tr("Evidence files: {count}", count=self.files))
        if self.kind == "recovery":  # BundleKind.RECOVERY: export_recovery revoked the commune's keys
            lines.append(
                tr(
                    "The keys of {unit} are revoked: bundles from its lost computer are refused from now "
                    "on. When the commune has rebuilt its data from this bundle, confirm its new key by "
                    "phone and trust it (keys trust).",
                    unit=unit_label(self.receiver, self.receiver_name),
                )
            )
        return "\n".join(lines)
