"""What importing a bundle would do (``ws.sync.inspect``), said in the UI language: a module of its own, so
a process that only imports bundles never builds it (see :mod:`ntm_desktop.sync.exported`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.labels import numbered, sent_back, unit_label
from ntm_desktop.sync.results import Gap, KindCounts, Place

if TYPE_CHECKING:
    from ntm_desktop.sync.rollup_view import RollupContents


@dataclass(frozen=True)
class Sender:
    """Who made a bundle, and whether this workspace believes it."""

    unit_code: str
    unit_name: str
    device_id: str
    fingerprint: str
    trust: str
    trust_message: str
    clerk: str = ""
    """The clerk who signed it, as the office certificate it carries names them; "" without one."""

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "name": self.unit_name,
            "device": self.device_id,
            "fingerprint": self.fingerprint,
            "trust": self.trust,
            "trust_message": self.trust_message,
            "clerk": self.clerk,
        }


@dataclass(frozen=True)
class Preview:
    """What importing a bundle would do (nothing is written)."""

    path: Path
    bundle_id: str
    kind: str
    sequence: int
    created: datetime
    full: bool
    sender: Sender
    receiver: str | None
    already_imported: bool
    counts: dict[str, KindCounts]
    gaps: tuple[Gap, ...] = ()
    refusal: str = ""
    """That the bundle would be refused, and why (trust, address, unit); empty when it can be imported."""
    problems: tuple[Problem, ...] = ()
    notice: str = ""
    """Fields of a newer format version that would be set aside (``docs/compatibility.md``)."""
    rollup: RollupContents | None = None
    """What a province's roll-up carries (``None`` for any other kind of bundle)."""
    receiver_name: str = ""
    """The name of the unit the bundle is addressed to, as its sender wrote it."""
    several: bool = False
    """Bundles of its unit came here from another computer too (each numbers its own): say which one."""

    @property
    def number(self) -> str:
        """Its number, who signed it (a clerk of an office) and when its unit sends from several computers
        which one: "1 (máy 3f9a2c1b)", "1 (Nguyễn Thị Hà, máy 3f9a2c1b)"."""
        return numbered(self.sequence, self.sender.device_id, self.several, self.sender.clerk)

    @property
    def can_import(self) -> bool:
        return not self.refusal and not self.problems

    def place(self) -> Place:
        """Where the bundle stands in its sender's numbering (what a :class:`Gap` names)."""
        return (self.sender.unit_code, self.sender.device_id, str(self.kind), self.sequence)

    def without_filled(self, coming: Collection[Place]) -> Preview:
        """This preview without the gaps that bundles ``coming`` in the same import fill: the import
        takes a batch in its senders' order, so a missing bundle among them goes in first."""
        gaps = tuple(g for g in self.gaps if g.place() not in coming)
        return self if len(gaps) == len(self.gaps) else replace(self, gaps=gaps)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "kind": self.kind,
            "sequence": self.sequence,
            "created": vntime.json_vn(self.created),
            "full": self.full,
            "sender": self.sender.to_json(),
            "receiver": self.receiver,
            "receiver_name": self.receiver_name,
            "already_imported": self.already_imported,
            "can_import": self.can_import,
            "refusal": self.refusal,
            "problems": [str(p) for p in self.problems],
            "lists": {name: c.to_json() for name, c in self.counts.items()},
            "gaps": [g.to_json() | {"message": g.text()} for g in self.gaps],
        } | ({"rollup": self.rollup.to_json()} if self.rollup else {})

    @property
    def key_message(self) -> str:
        """What the sender's key card says besides its trust: the trust message, unless the refusal says
        it already (then it is shown once, as the refusal)."""
        said_below = bool(self.refusal) and self.sender.trust_message in self.refusal
        return "" if said_below else self.sender.trust_message

    def text(self) -> str:
        s = self.sender
        trusted = " — " + self.key_message if self.key_message else ""
        lines = [
            self._heading(),
            "  " + tr("Key fingerprint: {fingerprint}", fingerprint=s.fingerprint) + trusted,
        ]
        if self.already_imported:
            lines.append("  " + tr("This bundle was imported before; importing it again changes nothing."))
        lines += ["  " + c.text(name) for name, c in self.counts.items()]
        lines += ["  " + line for line in self.rollup.text()] if self.rollup else []
        lines += ["  " + g.text() for g in self.gaps]
        if self.refusal:
            lines.append(self.refusal)
        lines += ["  " + str(p) for p in self.problems]
        if self.notice:
            lines.append(self.notice)
        return "\n".join(lines)

    def _heading(self) -> str:
        """Who made the bundle; one a receiver sent back to a commune names that commune as its addressee,
        not as its maker."""
        s, made = self.sender, vntime.format_vn(self.created, seconds=False)
        if sent_back(self.kind) and self.receiver:
            return tr(
                "Bundle number {sequence} from {sender}, sent to {unit}, made {created}",
                sequence=self.number,
                sender=unit_label(s.unit_code),
                unit=unit_label(self.receiver, self.receiver_name),
                created=made,
            )
        return tr(
            "Bundle number {sequence} of {unit}, made {created}",
            sequence=self.number,
            unit=unit_label(s.unit_code, s.unit_name),
            created=made,
        )
