"""What the sync service hands back: plain frozen values, each able to say itself in the UI language.

A preview's values are in :mod:`ntm_desktop.sync.preview`, an export's in :mod:`ntm_desktop.sync.exported`
(a bundle's import needs neither).

The values an import makes once per bundle or per call, here and in the modules it loads, are msgspec
Structs, not dataclasses: making a frozen dataclass's class costs about 0.45 ms (Python compiles each of
its methods), a Struct's 0.015 ms, and the first import in a process made fifteen of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from ntm_desktop.core.changes import NOTHING, Changes, Kind
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import capped
from ntm_desktop.services.kinds.registry import change_kind
from ntm_desktop.sync.labels import (
    computer_label,
    extra_label,
    unit_label,
)


class KindCounts(msgspec.Struct, frozen=True):
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
    name: str = field(default="", compare=False)
    """The commune's name as this workspace knows it (its units table), for the text; "" if unknown."""

    def place(self) -> Place:
        return (self.unit_code, self.device_id, str(self.kind), self.sequence)

    def text(self) -> str:
        if self.several:
            return tr(
                "Bundle number {sequence} of {unit}, {computer}, has not been imported",
                sequence=self.sequence,
                unit=unit_label(self.unit_code, self.name),
                computer=computer_label(self.device_id),
            )
        return tr(
            "Bundle number {sequence} of {unit} has not been imported",
            sequence=self.sequence,
            unit=unit_label(self.unit_code, self.name),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "device": self.device_id,
            "kind": self.kind,
            "sequence": self.sequence,
        }


class BundleOutcome(msgspec.Struct, frozen=True):
    path: Path
    status: str
    """``imported``, ``already-imported`` or ``rejected``."""
    message: str
    bundle_id: str = ""
    unit_code: str = ""
    sequence: int = 0
    counts: dict[str, KindCounts] = msgspec.field(default_factory=dict)
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


class ImportReport(msgspec.Struct, frozen=True):
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
