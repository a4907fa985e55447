"""``backup create | list | restore``: one-file backups (to a USB stick), the automatic copies, restoring.

ntm-desktop backup create --out /media/usb                  # ntm-sao-luu-xa-01234-2026-12-02-1630.ntmbackup
ntm-desktop backup create --out E:\\ --with-key --passphrase-env NTM_BACKUP_PASS
ntm-desktop backup list
ntm-desktop backup restore FILE                             # the preview only; nothing is written
ntm-desktop backup restore FILE --yes                       # the current file is kept first
"""

from __future__ import annotations

import argparse
import contextlib
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm_desktop.cli.support import PASSPHRASE_ENV, json_flag, print_json, table
from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.numbers import format_decimal
from ntm_desktop.core.paths import is_server_location, resolve_db_path

NAMES = ("backup",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    bak = sub.add_parser("backup", parents=[common], help="back up the data file, list backups, restore")
    bsub = bak.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    p = bsub.add_parser(
        "create", parents=[common], help="one backup file: the data, evidence files (and key)"
    )
    p.add_argument("--out", metavar="DIR", help="folder to write into (default: the USB stick, or backups/)")
    p.add_argument("--with-key", action="store_true", help="include the device key, encrypted")
    p.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_ENV)
    json_flag(p)
    p.set_defaults(handler=run_create)
    p = bsub.add_parser("list", parents=[common], help="the automatic and manual backups of this data file")
    p.add_argument(
        "--dir",
        metavar="DIR",
        action="append",
        default=[],
        help="also look in this folder (may be given more than once); folders backups were written to "
        "are looked in anyway",
    )
    json_flag(p)
    p.set_defaults(handler=run_list)
    p = bsub.add_parser("restore", parents=[common], help="what a backup holds; with --yes, restore it")
    p.add_argument("file", metavar="FILE", help="the backup file (.ntmbackup)")
    p.add_argument("--yes", action="store_true", help="restore (otherwise only the preview)")
    p.add_argument("--passphrase-env", metavar="VAR", help="restore the device key too, with this passphrase")
    json_flag(p)
    p.set_defaults(handler=run_restore)


def _db(args: argparse.Namespace) -> Path:
    """The data file the backup is of; an office's database server is refused (it has pg_dump)."""
    if is_server_location(getattr(args, "db", None)):
        raise Conflict(tr("The office's database server is backed up with pg_dump (docs/postgresql.md)."))
    return resolve_db_path(getattr(args, "data_dir", None), getattr(args, "db", None))


def _passphrase(var: str | None) -> str | None:
    if not var:
        return None
    value = os.environ.get(var)
    if not value:
        raise InvalidInput(tr("The environment variable {name} is not set", name=var), field="passphrase-env")
    return value


def run_create(args: argparse.Namespace) -> int:
    from ntm_desktop.backups.service import create, help_count
    from ntm_desktop.core.drives import default_folder

    db = _db(args)
    if not db.exists():
        raise InvalidInput(tr("There is no data file at {path} to back up", path=str(db)), field="db")
    if args.with_key and not args.passphrase_env:
        raise InvalidInput(
            tr("--with-key needs --passphrase-env VAR (the key is encrypted)"), field="with-key"
        )
    out = Path(args.out) if args.out else default_folder(_beside(db))
    made = create(db, out, _passphrase(args.passphrase_env) if args.with_key else None)
    if args.json:
        print_json({"path": str(made.path), "size": made.size, "counts": dict(made.info.counts),
                    "with_key": made.info.has_key})  # fmt: skip
        return 0
    print(made.path)
    print(tr("Backup written and checked: {size} MB, {help}, {evidence}{key}.",
             size=format_decimal(Decimal(made.size) / 1_000_000, 2),
             help=help_count(made.info.counts.get("help", 0)),
             evidence=trn("{n} evidence file", "{n} evidence files", len(made.info.evidence)),
             key=tr(", with the encrypted device key") if made.info.has_key else ""))  # fmt: skip
    return 0


def _beside(db: Path) -> Path:
    """``backups/`` beside the data file, where a backup goes when no USB stick is in; made only then,
    and not at all on a drive that cannot be written (the backup then asks for --out)."""
    fallback = db.parent / "backups"
    with contextlib.suppress(OSError):
        fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def run_list(args: argparse.Namespace) -> int:
    from ntm_desktop.backups.service import listing
    from ntm_desktop.core.drives import removable_drives

    db = _db(args)
    named = [Path(d) for d in args.dir]
    for folder in named:
        if not folder.is_dir():
            raise InvalidInput(tr("There is no folder {path}", path=str(folder)), field="dir")
    found = listing(db, [db.parent / "backups", *removable_drives(), *named])
    if args.json:
        print_json([{"path": str(b.path), "kind": b.kind, "made": b.made, "size": b.size} for b in found])
        return 0
    if not found:
        print(tr("No backups of {path} yet.", path=str(db)))
        return 0
    kinds = {"auto": tr("automatic"), "migration": tr("before an upgrade"),
             "before-restore": tr("before a restore"), "usb": tr("backup file")}  # fmt: skip
    from ntm_desktop.backups.auto import VIETNAM

    rows = [[f"{b.made + VIETNAM:%d/%m/%Y %H:%M}", kinds[b.kind], str(b.path)] for b in found]
    print(table(rows, [tr("Made (Vietnam time)"), tr("Kind"), tr("File")]))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from ntm_desktop.backups.replaced import describe_replaced, replaced
    from ntm_desktop.backups.service import describe, preview, restore, same_unit

    db = _db(args)  # a server is refused before the file is read
    shown = preview(Path(args.file))
    same_unit(shown, db)  # another commune's backup is refused with the preview, not after --yes
    if args.json and not args.yes:
        print_json({"unit_code": shown.unit_code, "unit_name": shown.unit_name, "role": shown.role,
                    "made": shown.made, "counts": shown.counts, "has_key": shown.has_key})  # fmt: skip
        return 0
    print(describe(shown))
    now = replaced(db, shown)
    if now is not None:
        print(describe_replaced(now))
    if not args.yes:
        print(tr("Nothing was written. Add --yes to restore it (the current data file is kept first)."))
        return 0
    kept = restore(Path(args.file), db, _passphrase(args.passphrase_env))
    if kept is not None:
        print(tr("The data file as it was is kept in {path}", path=str(kept)))
    print(
        tr(
            "Restored into {path}. It continues as a new device: send a bundle, as usual.",
            path=str(db),
        )
    )
    return 0
