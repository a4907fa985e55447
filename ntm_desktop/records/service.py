"""``ws.records``: the commune's records in and out as records-v1 JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ntm_desktop.core.errors import InvalidInput, NotFound, Problem
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import JsonRefused, loads, nonfinite_message
from ntm_desktop.core.jsonsyntax import syntax_reason
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.records import exporter, importer
from ntm_desktop.records.result import ImportResult
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.unit import UnitService


class RecordsService:
    def __init__(self, db: Database, unit: UnitService, criteria: CriteriaService) -> None:
        self._db = db
        self._unit = unit
        self._criteria = criteria

    def export(self) -> dict[str, Any]:
        """The commune's records as a records-v1 document (a dict ready for ``json.dumps``)."""
        profile = self._unit.home()
        with self._db.read() as s:
            return exporter.export(s, profile)

    def export_file(self, path: str | Path) -> dict[str, Any]:
        """Write the records-v1 file (to a temporary name, then renamed over ``path``)."""
        doc = self.export()
        try:
            text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        except ValueError as error:  # an infinite or NaN number kept by an older version
            raise InvalidInput(nonfinite_message(doc) or str(error)) from error
        write_bytes_atomic(Path(path), text.encode("utf-8"))
        return doc

    def import_data(self, data: object, *, dry_run: bool = False) -> ImportResult:
        """Import a parsed document: everything or, at the first of any problems, nothing.

        Raises :class:`InvalidInput` listing every problem by its path (``help[3].items[0].quantity``).
        With ``dry_run`` the file is checked and counted, and nothing is written.
        """
        return importer.import_data(self._db, self._unit, self._criteria, data, dry_run=dry_run)

    def import_file(self, path: str | Path, *, dry_run: bool = False) -> ImportResult:
        """Import the file at ``path``; a refusal names the file, then each problem by its path."""
        try:
            return self.import_data(read_json(Path(path)), dry_run=dry_run)
        except InvalidInput as exc:
            header = Problem("", tr("{path} is refused; nothing was changed:", path=str(path)))
            raise InvalidInput([header, *exc.problems]) from None


def read_json(path: Path) -> object:
    """The parsed file (decimals kept exact), or a clear message saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(tr("There is no file {path}.", path=str(path))) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise InvalidInput(tr("Cannot read {path}: {reason}", path=str(path), reason=reason)) from None
    try:
        return loads(raw.decode("utf-8-sig"), decimals=True)
    except UnicodeDecodeError:
        raise InvalidInput(tr("{path} is not a UTF-8 text file.", path=str(path))) from None
    except JsonRefused as exc:
        raise InvalidInput([Problem(exc.path, exc.message)]) from None
    except json.JSONDecodeError as exc:
        message = tr(
            "{path} is not valid JSON: line {line}, column {column}: {reason}",
            path=str(path),
            line=exc.lineno,
            column=exc.colno,
            reason=syntax_reason(exc),
        )
        raise InvalidInput([Problem("", message)]) from None
