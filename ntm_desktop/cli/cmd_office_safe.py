"""``keys office backup|restore|passphrase``: keeping the office key safe without making a new one.

    ntm-desktop keys office backup --out /media/usb/khoa-van-phong-19.pem
    ntm-desktop keys office restore /media/usb/khoa-van-phong-19.pem
    ntm-desktop keys office passphrase

Every passphrase is asked for (never echoed, never logged; a new one twice) unless an ``--…-env`` option
names the environment variable holding it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from ntm_desktop.cli.support import open_workspace
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office_wording import changed_text, restored_text


def register_safekeeping(osub: Any, common: argparse.ArgumentParser) -> None:
    p = osub.add_parser(
        "backup", parents=[common], help="write the office key, encrypted, to a file kept offline"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="a new file (never overwritten)")
    _env(p, "--passphrase-env", "the office key's passphrase")
    _env(p, "--file-passphrase-env", "the backup file's own passphrase")
    p.set_defaults(handler=run_backup)
    p = osub.add_parser(
        "restore", parents=[common], help="put a backed-up office key back into this office's database"
    )
    p.add_argument("file", metavar="FILE", help="the office key's backup file")
    _env(p, "--file-passphrase-env", "the backup file's passphrase")
    _env(p, "--passphrase-env", "the office key's passphrase from now on")
    p.set_defaults(handler=run_restore)
    p = osub.add_parser(
        "passphrase", parents=[common], help="change the office key's passphrase (the key stays the same)"
    )
    _env(p, "--passphrase-env", "the present passphrase")
    _env(p, "--new-passphrase-env", "the new passphrase")
    p.set_defaults(handler=run_passphrase)


def _env(p: argparse.ArgumentParser, flag: str, what: str) -> None:
    p.add_argument(flag, metavar="VAR", help=f"environment variable holding {what}")


def from_env(var: str) -> str:
    value = os.environ.get(var)
    if not value:
        raise InvalidInput(tr("The environment variable {name} is not set", name=var), field="passphrase-env")
    return value


def typed(prompt: str, option: str) -> str:
    """A passphrase typed at the prompt (not echoed); none typed (Ctrl-D, or no terminal to answer) is
    refused naming ``option``, the ``--…-env`` that gives it instead."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # the prompt's line ends before the message
        why = tr("No passphrase was typed: type it when asked, or name an environment variable holding it")
        raise InvalidInput(why, field=option.lstrip("-")) from None


def _old(var: str | None, prompt: str, option: str = "--passphrase-env") -> str:
    return from_env(var) if var else typed(prompt, option)


def new_passphrase(var: str | None, prompt: str, option: str) -> str:
    """A new passphrase: from the environment, or typed twice."""
    if var:
        return from_env(var)
    first = typed(prompt, option)
    if typed(tr("The same passphrase again: "), option) != first:
        raise InvalidInput(tr("The two passphrases are not the same"), field="passphrase")
    return first


def run_backup(args: argparse.Namespace) -> int:
    passphrase = _old(args.passphrase_env, tr("Passphrase of the office key: "))
    file_passphrase = new_passphrase(
        args.file_passphrase_env, tr("Passphrase of the backup file: "), "--file-passphrase-env"
    )
    with open_workspace(args, need_commune=False) as ws:
        path = ws.sync.office.backup(passphrase, args.out, file_passphrase)
        info = ws.sync.office.show()
    print(path)
    print(
        tr(
            "Backed up the office key (fingerprint {fingerprint}) to {path}, encrypted with the backup "
            "file's passphrase. Keep the file and its passphrase apart, somewhere safe and offline.",
            fingerprint=info.fingerprint if info else "",
            path=str(path),
        )
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    file_passphrase = _old(
        args.file_passphrase_env, tr("Passphrase of the backup file: "), "--file-passphrase-env"
    )
    passphrase = new_passphrase(
        args.passphrase_env, tr("New passphrase of the office key: "), "--passphrase-env"
    )
    with open_workspace(args, need_commune=False) as ws:
        info, _ = ws.sync.office.restore(args.file, file_passphrase, passphrase)
    print(restored_text(info))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    old = _old(args.passphrase_env, tr("Present passphrase of the office key: "))
    new = new_passphrase(
        args.new_passphrase_env, tr("New passphrase of the office key: "), "--new-passphrase-env"
    )
    with open_workspace(args, need_commune=False) as ws:
        info, _ = ws.sync.office.change_passphrase(old, new)
    print(changed_text(info))
    return 0
