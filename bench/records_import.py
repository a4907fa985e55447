"""A commune's records-v1 file and Excel sheet of many help records, imported into an empty workspace.

* records-v1: ``ws.records.import_data`` of a document of N help records (1 to 3 item lines each, one
  supporter each, 20 supporters), checked completely and written in one transaction;
* Excel: the same commune's ledger exported by the app (``export_ledger``) and read back into another
  empty commune through the preview the officer sees and its apply (``records.excel``);
* for comparison, the same file at a tenth of the size, to show the cost per record stays flat.

Prints CPU seconds (the machine is shared) per 1,000 help records, wall seconds in brackets.

    python bench/records_import.py [--help-records 2000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync_data import PROVINCE, commune_payload, plain

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.export.xlsx import export_ledger
from ntm_desktop.records.excel import apply, preview
from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.workspace import Workspace


def commune(folder: Path) -> Workspace:
    ws = Workspace.open(folder / "ntm.sqlite")
    ws.unit.setup(UnitProfile(code="01234", name="Xã Bằng Thành", province_code=PROVINCE, region="TDMNPB"))
    return ws


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def line(label: str, records: int, cpu: float, wall: float) -> None:
    print(
        f"{label:<34} {records:6d} help records: {cpu:6.2f} s CPU [{wall:.2f} s], "
        f"{cpu / records * 1000:.2f} s CPU per 1,000"
    )


def run(root: Path, helps: int) -> None:
    doc = plain(commune_payload(random.Random(14), "01234", HLC("b0"), 1, helps, start=2024))
    doc["assessments"] = []
    ws = commune(root / f"json-{helps}")
    cpu, wall, result = timed(lambda: ws.records.import_data(doc))
    assert result.counts["help"].created == helps, result.counts
    line("records-v1 import", helps, cpu, wall)
    sheet = root / f"so-ho-tro-{helps}.xlsx"
    export_ledger(ws, sheet)
    ws.close()
    other = commune(root / f"excel-{helps}")
    cpu, wall, pv = timed(lambda: preview(other, sheet))
    assert pv.ok, pv.problems[:3]
    line("Excel preview (check, dry run)", helps, cpu, wall)
    cpu, wall, result = timed(lambda: apply(other, pv))
    assert result.counts["help"].created == helps, result.counts
    line("Excel apply (check and write)", helps, cpu, wall)
    other.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--help-records", type=int, default=2000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ntm-bench-records-"))
    try:
        for helps in (max(1, args.help_records // 10), args.help_records):
            run(root, helps)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
