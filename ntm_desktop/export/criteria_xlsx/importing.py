"""Importing a criteria set from a workbook: a preview first (every problem with its cell, and what would
change against the set of the same id), then, once confirmed, the set as one new revision — or nothing.

The workbook is turned into the set's file shape and checked by ``parse_set`` itself, so a workbook
obeys exactly the rules of a set file and of the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core.changes import Changes
from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.criteria.diff import Change, diff_sets
from ntm_desktop.criteria.loading import parse_set
from ntm_desktop.criteria.model import CriteriaSet
from ntm_desktop.export.criteria_xlsx.reader import Cells, read_workbook

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace


@dataclass(frozen=True)
class SetPreview:
    """What importing the workbook would do. Nothing is written until :func:`apply`."""

    path: Path
    cs: CriteriaSet | None
    problems: tuple[Problem, ...]
    current_revision: int | None
    """The newest revision of the set with this id in the data file, or None for a new set."""
    changes: tuple[Change, ...]

    @property
    def ok(self) -> bool:
        return self.cs is not None and not self.problems

    def text(self) -> str:
        if not self.ok or self.cs is None:
            lines = [
                trn(
                    "{n} problem in {path}:",
                    "{n} problems in {path}:",
                    len(self.problems),
                    path=self.path.name,
                )
            ]
            return "\n".join(lines + [f"  {p}" for p in self.problems])
        cs = self.cs
        head = tr(
            "{path}: {name} ({id}), {criteria} criteria, {indicators} indicators, years {first}–{last}.",
            path=self.path.name,
            name=cs.name,
            id=cs.id,
            criteria=len(cs.criteria),
            indicators=cs.indicator_count,
            first=cs.period_from,
            last=cs.period_to,
        )
        if self.current_revision is None:
            return head + "\n" + tr("A new set.")
        if not self.changes:
            return (
                head
                + "\n"
                + tr("The same as revision {revision} in this data file.", revision=self.current_revision)
            )
        lines = [tr("Changes from revision {revision}:", revision=self.current_revision)]
        return "\n".join([head, *lines, *(f"  {c.line}" for c in self.changes)])

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "ok": self.ok,
            "set": self.cs.id if self.cs else None,
            "current_revision": self.current_revision,
            "problems": [str(p) for p in self.problems],
            "changes": [c.line for c in self.changes],
        }


def preview(ws: Workspace, path: Path) -> SetPreview:
    sheets = read_workbook(path)
    problems = list(sheets.problems)
    cs: CriteriaSet | None = None
    try:
        cs = parse_set(sheets.data)
    except InvalidInput as exc:
        problems += [Problem(_cell_of(p.path, sheets.cells), p.message) for p in exc.problems]
    if problems or cs is None:
        return SetPreview(path, None, tuple(sheets.in_order(_unique(problems))), None, ())
    try:
        current: CriteriaSet | None = ws.criteria.get(cs.id)
    except NotFound:
        current = None
    changes = tuple(diff_sets(current, cs))
    return SetPreview(path, cs, (), current.revision if current else None, changes)


def apply(ws: Workspace, pv: SetPreview) -> tuple[CriteriaSet, Changes]:
    """Store the previewed set as its next revision (one transaction, audited)."""
    if not pv.ok or pv.cs is None:
        raise InvalidInput(tr("Nothing was imported: the workbook has problems."))
    return ws.criteria.save(pv.cs, origin="xlsx", note=pv.path.name)


def _cell_of(path: str, cells: Cells) -> str:
    """The cell a ``parse_set`` path came from: the path itself, else its nearest known parent."""
    probe = path
    while probe:
        if probe in cells:
            return cells[probe]
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return cells.get("", path)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
