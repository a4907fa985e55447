"""What the sync service hands back: plain frozen values, each able to say itself in the UI language."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import NOTHING, Changes, Kind
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import capped
from ntm_desktop.services.kinds.registry import change_kind
from ntm_desktop.sync.labels import (
    computer_label,
    extra_label,
    named_unit,
    numbered,
    sent_back,
    unit_label,
)

if TYPE_CHECKING:
    from ntm_desktop.sync.rollup_view import RollupContents


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

    def text(self) -> str:
        lines = [tr("Wrote {path} ({size} KB)", path=str(self.path), size=max(1, round(self.size / 1024)))]
        what = tr("all records") if self.full else tr("changes not yet confirmed by the receiver")
        lines.append("  " + tr("Bundle number {sequence}: {what}", sequence=self.sequence, what=what))
        shown = [f"{extra_label(name)}: {n}" for name, n in self.counts.items() if n]
        lines.append("  " + (", ".join(shown) if shown else tr("nothing new to send")))
        if self.files:
            lines.append("  " + tr("Evidence files: {count}", count=self.files))
        if self.kind == "recovery":  # BundleKind.RECOVERY: export_recovery revoked the commune's keys
            lines.append(
                tr(
                    "The keys of {unit} are revoked: bundles from its lost computer are refused from now "
                    "on. When the commune has rebuilt its data from this bundle, confirm its new key by "
                    "phone and trust it (keys trust).",
                    unit=unit_label(self.receiver),
                )
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflict: int = 0

    def to_json(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflict": self.conflict,
        }

    def text(self, name: str) -> str:
        return tr(
            "{list}: {created} new, {updated} updated, {unchanged} unchanged, {conflict} in conflict",
            list=extra_label(name),
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            conflict=self.conflict,
        )


Place = tuple[str, str, str, int]
"""Where a bundle stands in its sender's numbering: unit, computer, kind, number."""


@dataclass(frozen=True)
class Gap:
    """A bundle of a sender's sequence that has not arrived (while later ones have)."""

    unit_code: str
    device_id: str
    kind: str
    sequence: int
    several: bool = False
    """The unit sends from several computers (each numbering its own): the text names this one's."""

    def place(self) -> Place:
        return (self.unit_code, self.device_id, str(self.kind), self.sequence)

    def text(self) -> str:
        if self.several:
            return tr(
                "Bundle number {sequence} of {unit} ({computer}) has not been imported",
                sequence=self.sequence,
                unit=unit_label(self.unit_code),
                computer=computer_label(self.device_id),
            )
        return tr(
            "Bundle number {sequence} of {unit} has not been imported",
            sequence=self.sequence,
            unit=unit_label(self.unit_code),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "device": self.device_id,
            "kind": self.kind,
            "sequence": self.sequence,
        }


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
                unit=named_unit(self.receiver, self.receiver_name),
                created=made,
            )
        return tr(
            "Bundle number {sequence} of {unit} ({name}), made {created}",
            sequence=self.number,
            unit=unit_label(s.unit_code),
            name=s.unit_name,
            created=made,
        )


@dataclass(frozen=True)
class BundleOutcome:
    path: Path
    status: str
    """``imported``, ``already-imported`` or ``rejected``."""
    message: str
    bundle_id: str = ""
    unit_code: str = ""
    sequence: int = 0
    counts: dict[str, KindCounts] = field(default_factory=dict)
    reason: str = ""
    notice: str = ""
    """Fields of a newer format version set aside (``docs/compatibility.md``); empty if none."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "status": self.status,
            "message": self.message,
            "reason": self.reason,
            "bundle_id": self.bundle_id,
            "unit": self.unit_code,
            "sequence": self.sequence,
            "lists": {name: c.to_json() for name, c in self.counts.items()},
        }

    def text(self) -> str:
        lines = [f"{self.path.name}: {capped(self.message, max_lines=8)}"]
        lines += ["  " + c.text(name) for name, c in self.counts.items()]
        if self.notice:
            lines.append("  " + self.notice)
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportReport:
    outcomes: tuple[BundleOutcome, ...]
    gaps: tuple[Gap, ...] = ()
    changes: Changes = NOTHING

    @property
    def rejected(self) -> tuple[BundleOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "rejected")

    @property
    def conflicts(self) -> int:
        return sum(c.conflict for o in self.outcomes for c in o.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "bundles": [o.to_json() for o in self.outcomes],
            "gaps": [g.to_json() | {"message": g.text()} for g in self.gaps],
            "conflicts": self.conflicts,
        }

    def text(self, refused: bool = True) -> str:
        """What each bundle did, and the tally; ``refused=False`` leaves out the refused bundles' reasons
        (the command line prints them once, on its error stream)."""
        lines = [o.text() for o in self.outcomes if refused or o.status != "rejected"]
        if len(self.outcomes) > 1:
            lines.append(
                tr(
                    "{taken} of {total} bundles taken in, {refused} refused.",
                    taken=len(self.outcomes) - len(self.rejected),
                    total=len(self.outcomes),
                    refused=len(self.rejected),
                )
            )
        lines += [g.text() for g in self.gaps]
        if self.conflicts:
            lines.append(
                trn(
                    "{n} record was changed in two places at once: both versions are kept. "
                    "See them with: ntm-desktop bundle conflicts",
                    "{n} records were changed in two places at once: both versions are kept. "
                    "See them with: ntm-desktop bundle conflicts",
                    self.conflicts,
                )
            )
        return "\n".join(lines)


def changes_for(lists: dict[str, KindCounts], *extra: Kind) -> Changes:
    """The kinds of data an import touched."""
    kinds = {Kind.SYNC, *extra}
    for name, c in lists.items():
        if c.created or c.updated or c.conflict:
            kinds.add(change_kind(name))
    return Changes(frozenset(kinds), "sync.import")
