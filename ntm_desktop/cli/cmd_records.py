"""``records import | export``: the commune's records in and out as records-v1 JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import open_workspace, print_json
from ntm_desktop.core.i18n import tr
from ntm_desktop.records.result import list_label
from ntm_desktop.services.kinds.registry import LISTS

NAMES = ("records",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rec = sub.add_parser("records", parents=[common], help="import or export records (ntm-records v1 JSON)")
    rsub = rec.add_subparsers(dest="records_command", metavar="ACTION", required=True)

    p = rsub.add_parser("import", parents=[common], help="import a records file: all of it, or nothing")
    p.add_argument("file", metavar="FILE.json", help="the records file to read (ntm-records v1)")
    p.add_argument("--dry-run", action="store_true", help="check the file and count, write nothing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run_import)

    p = rsub.add_parser("export", parents=[common], help="write every record of the commune to a file")
    p.add_argument("file", metavar="FILE.json", help="the records file to write (ntm-records v1)")
    p.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False, create=True) as ws:  # a file can set up the commune
        result = ws.records.import_file(Path(args.file), dry_run=args.dry_run)
    if args.json:
        print_json(result.to_json())
    else:
        print(result.text())
    return 0


def run_export(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with open_workspace(args) as ws:
        doc = ws.records.export_file(path)
    counts = ", ".join(f"{list_label(name)}: {len(doc.get(name, []))}" for name in LISTS)
    print(tr("Wrote {path}", path=str(path)))
    print("  " + counts)
    return 0
