"""Keep a data file made by this release, for the tests of every later version.

    python packaging/release_fixture.py

Run once when a release is cut (after ``ntm_desktop.__version__`` is set): it fills the demo commune
into a fresh data file and writes ``tests/fixtures/releases/<version>.sqlite`` and, beside it,
``<version>.json``: the commune's records-v1 export as this release printed it. From then on
``tests/test_release_files.py`` opens that file with the current code (migrating it, a backup first)
and checks that everything in the export is still there. Never regenerate an existing release's files.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from ntm_desktop import __version__
from ntm_desktop.demo import fill_demo
from ntm_desktop.workspace import Workspace

HERE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "releases"


def main() -> int:
    db, export = HERE / f"{__version__}.sqlite", HERE / f"{__version__}.json"
    if db.exists() or export.exists():
        print(f"{db.name} exists: a release's data file is never made twice", file=sys.stderr)
        return 1
    HERE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ntm.sqlite"
        with Workspace.open(path, folder=Path(tmp)) as ws:
            fill_demo(ws)
            data = ws.records.export()
        source = sqlite3.connect(path)
        source.execute("VACUUM INTO ?", (str(db),))  # one compact file, no write-ahead log beside it
        source.close()
    export.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {db} and {export}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
