"""What an import did (or, for a dry run, would do), per list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm_desktop.core.errors import Problem
from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.i18n import tr, trn
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


SHOWN_WARNINGS = 5
"""An import's summary lists this many warnings, then counts the rest (``--json`` has every one)."""


@dataclass(frozen=True)
class ImportWarning:
    """A warning a record is saved with (:mod:`ntm_desktop.services.kinds.notes`, as a form's save says
    it): under the record's path in the file (``help[3]``), and the field it belongs in, if any."""

    path: str
    record_id: str
    message: str
    field: str = ""

    @property
    def problem(self) -> Problem:
        """The warning where it belongs (``help[3].criteria``): the Excel preview places it in its cell."""
        return Problem(f"{self.path}.{self.field}" if self.field else self.path, self.message)

    def text(self) -> str:
        """ "Khoản hỗ trợ thứ 4 (mã h-12): Tiêu chí 99 không có trong …": the record by its place in the
        file and its id, as the officer finds it in the file."""
        if not self.record_id:
            return f"{label(self.path)}: {self.message}"
        return tr("{record} (id {id}): {text}", record=label(self.path), id=self.record_id, text=self.message)

    def to_json(self) -> dict[str, str]:
        return {"path": self.problem.path, "id": self.record_id, "message": self.message}


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
    warnings: tuple[ImportWarning, ...] = ()
    """What the records are saved with (a form's save warnings): odd values, criteria their year's set
    lacks, a supporter named as another already is."""

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values()) + int(self.unit_created)

    def to_json(self) -> dict[str, Any]:
        return (
            {
                "dry_run": self.dry_run,
                "unit": {"code": self.unit_code, "name": self.unit_name, "created": self.unit_created},
                "lists": {name: c.to_json() for name, c in self.counts.items()},
            }
            | ({"set_aside": list(self.set_aside)} if self.set_aside else {})
            | ({"warnings": [w.to_json() for w in self.warnings]} if self.warnings else {})
        )

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
        lines += self._warning_lines()
        if self.notice:
            lines.append(self.notice)
        return "\n".join(lines)

    def _warning_lines(self) -> list[str]:
        """The save warnings, summed up: how many, the first few by record, how many more."""
        n = len(self.warnings)
        if not n:
            return []
        if self.dry_run:
            head = trn(
                "{n} warning (the file can still be imported; check it):",
                "{n} warnings (the file can still be imported; check them):",
                n,
            )
        else:
            head = trn(
                "{n} warning (the records are saved as they are; check it):",
                "{n} warnings (the records are saved as they are; check them):",
                n,
            )
        lines = [head] + ["  " + w.text() for w in self.warnings[:SHOWN_WARNINGS]]
        if n > SHOWN_WARNINGS:
            more = n - SHOWN_WARNINGS
            lines.append(
                "  "
                + trn(
                    "and {n} more warning (--json lists every one)",
                    "and {n} more warnings (--json lists every one)",
                    more,
                )
            )
        return lines
