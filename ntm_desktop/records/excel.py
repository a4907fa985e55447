"""Importing help from the Excel template: a preview first (every problem by row and column), then,
once the officer confirms, everything in one transaction or nothing.

The sheet is turned into a records-v1 document and checked by the records import itself (a dry run), so
a sheet obeys exactly the rules a records file and a form obey.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.core.errors import InvalidInput, Problem
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.text import clean, fold, is_ascii_digits
from ntm_desktop.export.xlsx.layout import BY_KEY, Column
from ntm_desktop.export.xlsx.reader import (
    Record,
    header,
    no_date_text,
    read_date,
    read_sheet,
    records,
    split_list,
    where,
)
from ntm_desktop.records.exporter import unit_doc
from ntm_desktop.records.reader import MINE
from ntm_desktop.records.result import Counts, ImportResult
from ntm_desktop.services.ledger.kinds import FUNDING_SOURCES, find_funding_source
from ntm_desktop.services.ledger.values import HelpDraft

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

_PATH = re.compile(r"^(help|supporters)\[([0-9]+)\](?:\.(\w+))?(?:\[([0-9]+)\])?(?:\.(\w+))?")


@dataclass(frozen=True)
class XlsxPreview:
    """What importing the sheet would do. Nothing is written until :func:`apply`."""

    path: Path
    sheet: str
    records: int
    lines: int
    new_supporters: tuple[str, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    counts: dict[str, Counts] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "sheet": self.sheet,
            "ok": self.ok,
            "records": self.records,
            "lines": self.lines,
            "new_supporters": list(self.new_supporters),
            "problems": [str(p) for p in self.problems],
            "warnings": [str(w) for w in self.warnings],
            "lists": {name: c.to_json() for name, c in self.counts.items()},
        }

    def text(self) -> str:
        lines = [
            tr(
                "Preview of {path} (sheet “{sheet}”): {records} in {lines}.",
                path=str(self.path),
                sheet=self.sheet,
                records=trn("{n} help record", "{n} help records", self.records),
                lines=trn("{n} row", "{n} rows", self.lines),
            )
        ]
        if self.new_supporters:
            lines.append(tr("New supporters to add: {names}", names="; ".join(self.new_supporters)))
        for name in ("help", "supporters"):
            c = self.counts.get(name)
            if c is not None:
                lines.append(c.line(name))
        lines += [tr("Warning: {text}", text=str(w)) for w in self.warnings]
        if self.problems:
            lines.append(
                trn(
                    "{n} problem; nothing can be imported until it is fixed:",
                    "{n} problems; nothing can be imported until they are fixed:",
                    len(self.problems),
                )
            )
            lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def preview(ws: Workspace, path: Path) -> XlsxPreview:
    """Read and check the sheet; raises :class:`InvalidInput` only when its columns are wrong."""
    unit = ws.unit.home()
    sheet, rows = read_sheet(path)
    start, columns = header(rows)
    found = list(records(rows, start, columns))
    builder = _Builder({fold(s.name): s.record_id for s in ws.supporters.list()}, columns)
    for record in found:
        builder.add(record)
    document = {
        "format": "ntm-records",
        "version": MINE.to_json(),
        "unit": unit_doc(unit),
        "supporters": builder.supporter_docs(),
        "help": builder.help,
    }
    problems, counts, warned = list(builder.problems), {}, []
    try:
        checked = ws.records.import_data(document, dry_run=True)
        counts, warned = checked.counts, [builder.locate(w.problem) for w in checked.warnings]
    except InvalidInput as exc:
        seen = {p.path for p in problems}  # one message per cell: the sheet's own reading comes first
        problems += [q for q in (builder.locate(p) for p in exc.problems) if q.path not in seen]
    problems.sort(key=_row_of)
    return XlsxPreview(
        path=path,
        sheet=sheet,
        records=len(found),
        lines=sum(len(r.lines) for r in found),
        new_supporters=tuple(name for _, name, _ in builder.new.values()),
        problems=tuple(problems),
        warnings=tuple(sorted(_duplicates(ws, builder) + warned, key=_row_of)),
        counts=counts,
        document=document,
    )


def apply(ws: Workspace, pv: XlsxPreview) -> ImportResult:
    """Import what the preview showed: all of it in one transaction, or nothing."""
    if not pv.ok:
        raise InvalidInput(list(pv.problems))
    return ws.records.import_data(pv.document)


class _Builder:
    """Turns records read from the sheet into records-v1 entries, remembering where each came from."""

    def __init__(self, known: dict[str, str], columns: dict[int, Column]) -> None:
        self.known = known
        self.columns = {c.key: c for c in columns.values()}
        self.new: dict[str, tuple[str, str, int]] = {}  # folded name → (id, name, first row)
        self.help: list[dict[str, Any]] = []
        self.origin: list[Record] = []
        self.problems: list[Problem] = []
        self._ids: Counter[str] = Counter()

    def column(self, key: str) -> Column | None:
        """The column ``key`` as this sheet heads it (an older template's "Ngày"), for naming it."""
        return self.columns.get(key) or BY_KEY.get(key)

    def add(self, record: Record) -> None:
        """Every record goes to the dry run, even one with cell problems, so that it is checked in full
        (a cell that could not be read stands in as empty or 0; its own message is kept)."""
        self.problems += record.problems
        if not record.cells:  # a row with nothing to attach it to
            return
        self.help.append(self._entry(record, self.problems))
        self.origin.append(record)

    def _entry(self, record: Record, problems: list[Problem]) -> dict[str, Any]:
        cells = record.cells
        entry: dict[str, Any] = {
            "supporters": [self._supporter(n, record.row) for n in split_list(cells.get("supporters", ""))],
            "title": clean(str(cells.get("title", ""))),
        }
        if "date" in cells:
            day = read_date(cells["date"])
            if day is None:
                problems.append(
                    Problem(
                        where(record.row, self.column("date")),
                        no_date_text(cells["date"]),
                    )
                )
            else:
                entry["date"] = day.isoformat()
        for key in ("village", "description"):
            if key in cells:
                entry[key] = clean(str(cells[key]))
        if clean(str(cells.get("funding_source", ""))):
            entry["funding_source"] = self._source(cells["funding_source"], record.row, problems)
        if "criteria" in cells:
            entry["criteria"] = [
                c for part in split_list(cells["criteria"]) for c in re.split(r"[,\s]+", part) if c
            ]
        beneficiaries = {
            k: self._count(cells[k], record.row, k, problems) for k in ("households", "persons") if k in cells
        }
        if beneficiaries:
            entry["beneficiaries"] = beneficiaries
        entry["items"] = [
            {
                "kind": li.kind,
                "name": li.name,
                "quantity": li.quantity,
                "unit": li.unit,
                "value_vnd": li.value_vnd,
            }
            for li in record.lines
        ]
        entry = {"id": clean(str(cells["id"])) if "id" in cells else self._id(entry)} | entry
        return entry

    def _source(self, raw: object, row: int, problems: list[Problem]) -> str:
        text = clean(str(raw))
        code = find_funding_source(text)
        if code is None:
            message = tr("unknown funding source “{code}”; use one of: {codes}", code=text, codes=_sources())
            problems.append(Problem(where(row, self.column("funding_source")), message))
            return ""
        return code

    def _count(self, raw: object, row: int, key: str, problems: list[Problem]) -> int:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str) and is_ascii_digits(clean(raw)):
            raw = int(clean(raw))
        if not isinstance(raw, int) or raw < 0:
            problems.append(Problem(where(row, self.column(key)), tr("must be a whole number ≥ 0")))
            return 0
        return raw

    def _supporter(self, name: str, row: int) -> str:
        key = fold(name)
        if key in self.known:
            return self.known[key]
        if key not in self.new:
            self.new[key] = ("x-" + hashlib.sha1(key.encode()).hexdigest()[:12], name, row)
        return self.new[key][0]

    def _id(self, entry: dict[str, Any]) -> str:
        """The same rows give the same id, so importing a sheet twice adds nothing the second time."""
        digest = hashlib.sha1(
            json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()
        self._ids[digest] += 1
        return f"x-{digest[:16]}-{self._ids[digest]}"

    def supporter_docs(self) -> list[dict[str, Any]]:
        return [{"id": sup_id, "name": name} for sup_id, name, _ in self.new.values()]

    def locate(self, p: Problem) -> Problem:
        """``help[3].items[1].quantity`` → "row 12, column “Số lượng”"."""
        match = _PATH.match(p.path)
        if match is None:
            return p
        listed, index, key, sub, subkey = match[1], int(match[2]), match[3], match[4], match[5]
        if listed == "supporters":
            rows = list(self.new.values())
            return (
                Problem(where(rows[index][2], self.column("supporters")), p.message)
                if index < len(rows)
                else p
            )
        record = self.origin[index]
        if key == "items" and sub is not None and int(sub) < len(record.lines):
            return Problem(where(record.lines[int(sub)].row, self.column(subkey or "")), p.message)
        return Problem(
            where(record.row, self.column(subkey if key == "beneficiaries" else key or "")), p.message
        )


def _sources() -> str:
    return ", ".join(vi for vi, _ in FUNDING_SOURCES.values())


def _row_of(p: Problem) -> int:
    match = re.search(r"[0-9]+", p.path)
    return int(match[0]) if match else 0


def _duplicates(ws: Workspace, b: _Builder) -> list[Problem]:
    """Rows that look already recorded (same date, a supporter in common, the same title)."""
    uids = {s.record_id: s.uid for s in ws.supporters.list()}
    drafts: list[tuple[Any, Any, HelpDraft]] = []
    for entry, record in zip(b.help, b.origin, strict=True):
        day = read_date(entry.get("date"))
        if day is not None:
            sups = tuple(uids[s] for s in entry["supporters"] if s in uids)
            drafts.append(
                (entry, record, HelpDraft(date=day, title=entry["title"], supporters=sups, items=()))
            )
    found = ws.help.probable_duplicates_of([draft for _, _, draft in drafts])
    warnings = []
    for (entry, record, _), all_twins in zip(drafts, found, strict=True):
        twins = [h for h in all_twins if h.record_id != entry["id"]]
        if twins:
            warnings.append(
                Problem(
                    where(record.row),
                    tr(
                        "probably already recorded: {title} ({date}, id {id})",
                        title=twins[0].title,
                        date=twins[0].date.strftime("%d/%m/%Y"),
                        id=twins[0].record_id,
                    ),
                )
            )
    return warnings
