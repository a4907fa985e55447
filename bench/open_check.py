"""What the integrity check on open costs: ``PRAGMA quick_check`` (run by ``Workspace.open``) against
opening the same data file, on a ledger of 100,000 help records, and the automatic copy made on closing.

    python bench/open_check.py [--help-records 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from help_totals import build

from ntm_desktop.backups.auto import auto_backup
from ntm_desktop.backups.snapshot import quick_check
from ntm_desktop.workspace import Workspace


def seconds(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--help-records", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.help_records, 3)
        size = db.stat().st_size / 1e6
        check = min(seconds(lambda: quick_check(db)) for _ in range(3))
        opened = min(seconds(lambda: Workspace.open(db).close()) for _ in range(3))
        copy = seconds(lambda: auto_backup(db))
    print(f"data file: {size:.0f} MB, {args.help_records} help records")
    print(f"quick_check: {check:.2f} s; Workspace.open (check included): {opened:.2f} s "
          f"(check = {check / opened:.0%} of opening)")  # fmt: skip
    print(f"automatic copy on closing: {copy:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
