"""What an import did (or, for a dry run, would do), per list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm_desktop.core.i18n import tr
from ntm_desktop.services.kinds.registry import kind_named


def list_label(name: str) -> str:
    """The name of a records-v1 list, in the current language."""
    kind = kind_named(name)
    return kind.label() if kind is not None else name


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def to_json(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def line(self, name: str) -> str:
        """``  Khoản hỗ trợ: 3 mới, 1 cập nhật, 0 không đổi``: this list's line of an import's summary."""
        return "  " + tr(
            "{list}: {created} new, {updated} updated, {unchanged} unchanged",
            list=list_label(name),
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
        )


@dataclass(frozen=True)
class ImportResult:
    unit_code: str
    unit_name: str
    unit_created: bool
    """The workspace had no commune: it was set up from the file's ``unit``."""
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    set_aside: tuple[str, ...] = ()
    """Paths of the fields of a newer format version this version did not read (kept in the data file)."""
    notice: str = ""
    """What to tell the officer about them; empty when there are none."""

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values()) + int(self.unit_created)

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "unit": {"code": self.unit_code, "name": self.unit_name, "created": self.unit_created},
            "lists": {name: c.to_json() for name, c in self.counts.items()},
        } | ({"set_aside": list(self.set_aside)} if self.set_aside else {})

    def text(self) -> str:
        """A few lines for the officer, in the current language."""
        if self.dry_run:
            lines = [
                tr(
                    "Checked: the file can be imported into {name} ({code}). Nothing was written.",
                    name=self.unit_name,
                    code=self.unit_code,
                )
            ]
        else:
            lines = [tr("Imported into {name} ({code}).", name=self.unit_name, code=self.unit_code)]
        if self.unit_created:
            lines.append(
                tr(
                    "This data file had no commune yet: {name} ({code}) was set up from the file.",
                    name=self.unit_name,
                    code=self.unit_code,
                )
                if not self.dry_run
                else tr(
                    "This data file has no commune yet: {name} ({code}) will be set up from the file.",
                    name=self.unit_name,
                    code=self.unit_code,
                )
            )
        lines += [c.line(name) for name, c in self.counts.items()]
        if self.notice:
            lines.append(self.notice)
        return "\n".join(lines)
