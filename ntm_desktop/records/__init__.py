"""The records interchange format, version 1 (``ntm-records``): import and export, as ``ws.records``.

    doc = ws.records.export()                              # a dict, exactly records-v1
    ws.records.export_file("bang-thanh-2025.json")         # written atomically
    result = ws.records.import_file("bang-thanh-2023.json", dry_run=True)

See ``docs/records-format.md`` for the format and ``docs/compatibility.md`` for its versions. Filled-in
Excel templates of the help ledger are imported through it too (:mod:`ntm_desktop.records.excel`).
"""

from ntm_desktop.records.result import Counts, ImportResult
from ntm_desktop.records.service import RecordsService

__all__ = ["Counts", "ImportResult", "RecordsService"]
