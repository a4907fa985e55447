"""``receiver move-to-server``: a receiving office's data file moves to a PostgreSQL database, once it
outgrows one computer (docs/postgresql.md, "Moving an office from a SQLite file to PostgreSQL").

    ntm-desktop --db tinh.sqlite receiver move-to-server "postgresql+psycopg://ntm_tinh@10.0.0.5/ntm_tinh"
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import asdict
from typing import Any

from ntm_desktop.cli.support import json_flag, masked_location, print_json
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.paths import is_server_location, resolve_db_path


def register_in(rsub: Any, common: argparse.ArgumentParser) -> None:
    p = rsub.add_parser(
        "move-to-server", parents=[common], help="move this office's data file to a new PostgreSQL database"
    )
    p.add_argument("url", metavar="URL", help="postgresql+psycopg://user@host[:port]/database (new, empty)")
    json_flag(p)
    p.set_defaults(handler=run_move)


def run_move(args: argparse.Namespace) -> int:
    from ntm_desktop.server_move import move_to_server
    from ntm_desktop.workspace import PasswordNeeded

    if is_server_location(args.db):
        raise InvalidInput(tr("{where} is already on a database server.", where=masked_location(args.db)))
    source = resolve_db_path(args.data_dir, args.db)
    try:
        moved = move_to_server(source, args.url, progress=_progress)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
        password = getpass.getpass(tr("Password for {where}: ", where=masked_location(args.url)))
        moved = move_to_server(source, args.url, password=password, progress=_progress)
    if args.json:
        print_json({**asdict(moved), "folder": str(moved.folder)})
        return 0
    print(
        tr(
            "Moved to {where}: {communes}, {rows}, {files}.",
            where=moved.where,
            communes=trn("{n} commune", "{n} communes", moved.communes),
            rows=trn("{n} row of data", "{n} rows of data", sum(moved.rows.values())),
            files=trn("{n} evidence file", "{n} evidence files", moved.evidence_files),
        )
    )
    print(tr("The office's key is unchanged ({fingerprint}): the communes need not trust it again.",
             fingerprint=moved.fingerprint))  # fmt: skip
    print(tr('From now on open the office with: ntm-desktop --db "{where}" …', where=moved.where))
    print(tr("{path} stays as it was, marked as moved; keep it as an archive.", path=str(source)))
    return 0


def _progress(done: int, total: int, text: str) -> None:
    if not sys.stderr.isatty():
        return
    print(f"\r{done}/{total} {text:<40}", end="", file=sys.stderr, flush=True)
    if done + 1 >= total:
        print(file=sys.stderr)
