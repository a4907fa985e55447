"""The records interchange format, version 1 (``ntm-records``): import and export.

    doc = export(ws)                               # a dict, exactly records-v1
    export_file(ws, "bang-thanh-2025.json")        # written atomically
    result = import_file(ws, "bang-thanh-2023.json", dry_run=True)

See ``docs/records-format.md`` for the format and ``docs/compatibility.md`` for its versions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_desktop.records.result import Counts, ImportResult
from ntm_desktop.records.service import RecordsService

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

__all__ = ["Counts", "ImportResult", "RecordsService", "export", "export_file", "import_file"]


def export(ws: Workspace) -> dict[str, Any]:
    return ws.records.export()


def export_file(ws: Workspace, path: str | Path) -> dict[str, Any]:
    return ws.records.export_file(path)


def import_file(ws: Workspace, path: str | Path, dry_run: bool = False) -> ImportResult:
    return ws.records.import_file(path, dry_run=dry_run)
