"""The campaign's counters and its checks: what a clear refusal is, what was left changed, which files
landed outside their folder, and which export cells are formulas."""

from __future__ import annotations

import tempfile
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from ntm_desktop.db import models as m
from ntm_desktop.db.base import Base
from ntm_desktop.workspace import Workspace

MUST_BE_ZERO = ("unexpected", "preview_mismatch", "partial", "outside", "formula")
SENTINELS = ("ntm-campaign-pwned",)
"""Names hostile inputs try to write outside their folder (``../../../../tmp/ntm-campaign-pwned``)."""
_ALLOWED_IN_DATA = {"ntm.sqlite", "ntm.sqlite-wal", "ntm.sqlite-shm", "evidence", "keys", "logs", "backups"}


@dataclass
class Tally:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, family: str, what: str, example: str = "") -> None:
        self.counts.setdefault(family, Counter())[what] += 1
        if what in MUST_BE_ZERO and len(self.examples) < 30:
            self.examples.append(f"[{family}] {what}: {example}")

    def unexpected(self, family: str, case: str, exc: BaseException) -> None:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        self.add(
            family, "unexpected", f"{case}: {detail} ({where.filename}:{where.lineno})" if where else detail
        )

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.counts.values())

    @property
    def clean(self) -> bool:
        return all(self.total(k) == 0 for k in MUST_BE_ZERO)

    def check_outside(self, root: Path) -> None:
        """No file written where a hostile name pointed; nothing but the data file's own in data folders."""
        for base in {Path(tempfile.gettempdir()), root, Path.home()}:
            for name in SENTINELS:
                for hit in base.glob(f"**/{name}*") if base == root else base.glob(f"{name}*"):
                    self.add("files", "outside", str(hit))
        for db in root.glob("**/ntm.sqlite"):
            if db.parent.name in ("commune", "usb"):
                continue  # the commune's folder also holds the files it was given and made
            for entry in db.parent.iterdir():
                known = entry.name in _ALLOWED_IN_DATA or entry.name.endswith((".pem", ".ntmkey", ".tmp"))
                if not known:
                    self.add("files", "outside", str(entry))

    def report(self, seed: int) -> str:
        rows = ["tried", "refused", "accepted", "unexpected", "preview_mismatch", "partial", "formula",
                "unclear"]  # fmt: skip
        lines = [f"Hostile-input campaign, seed {seed} ({self.seconds:.0f} s)"]
        header = f"{'':18}" + "".join(f"{r:>12}" for r in rows)
        lines.append(header)
        for family, c in self.counts.items():
            c["tried"] = c["refused"] + c["accepted"] + c["unexpected"]
            lines.append(f"{family:18}" + "".join(f"{c[r]:>12}" for r in rows))
        lines.append(f"{'total':18}" + "".join(f"{self.total(r):>12}" for r in rows))
        lines.append(f"files outside their folder: {self.total('outside')}")
        lines += self.examples
        return "\n".join(lines)


def state(ws: Workspace) -> tuple[tuple[tuple[str, int], ...], str | None]:
    """Every table's row count and the clock's saved value: what a refusal must leave as it was."""
    with ws.db.read() as s:
        counts = tuple(
            (name, int(s.scalar(select(func.count()).select_from(table)) or 0))
            for name, table in Base.metadata.tables.items()
        )
        clock = s.get(m.Setting, "hlc_last")
        return counts, clock.value if clock is not None else None


def integrity_ok(ws: Workspace) -> bool:
    with ws.db.read() as s:
        return s.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def clear(message: str) -> bool:
    """A refusal an officer can read: not empty, a screenful at most."""
    return bool(message.strip()) and len(message.splitlines()) <= 25 and len(message) <= 6000


def formula_cells(path: Path) -> list[str]:
    """Cells of an .xlsx that are formulas (none may hold user text: the app writes none)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and (
                b"<f>" in archive.read(name) or b"<f " in archive.read(name)
            ):
                found.append(name)
    return found


def summary_formulas(ws: Workspace, folder: Path, year: int) -> list[str]:
    from ntm_desktop.reports.summary_xlsx import export_summary

    path = folder / "tong-hop.xlsx"
    export_summary(ws, path, year)
    return formula_cells(path)


def describe(value: Any) -> str:
    return repr(value)[:80]
