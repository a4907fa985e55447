"""``bundle log``: every bundle and receipt this data file wrote or took in, newest first, with who sent
it (the clerk who signed a bundle received from an office, by the certificate it carried) and when, in
Vietnam time: the Sync page's history on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ntm_desktop.cli.support import json_flag, open_workspace, print_json, table
from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.receiver.info import LEVEL
from ntm_desktop.receiver.values import NATIONAL
from ntm_desktop.sync.history_text import (
    LogEntry,
    direction_text,
    file_text,
    number,
    other_side,
    sender,
    several_senders,
    shows_direction,
    shows_sender,
)
from ntm_desktop.sync.labels import bundle_kind_text


def register(bsub: Any, common: argparse.ArgumentParser) -> None:
    p = bsub.add_parser("log", parents=[common], help="bundles sent and received: when, who sent them")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--received", action="store_true", help="only the bundles received")
    shown.add_argument("--sent", action="store_true", help="only the bundles sent")
    json_flag(p)
    p.set_defaults(handler=run_log)


Column = tuple[str, Callable[[LogEntry], str]]
"""A column of the table: its title, and what it says of an entry."""


def _columns(entries: Sequence[LogEntry], names: Mapping[str, str], national: bool) -> list[Column]:
    """The table's columns, as the Sync page's history shows them: no "sent or received" at the national
    office (it only receives), no "sent by" when no row names anyone."""
    several = several_senders(entries)
    columns: list[Column | None] = [
        (tr("When"), lambda e: vntime.format_vn(e.logged_at, seconds=False, offset=False)),
        (tr("Sent or received"), lambda e: direction_text(e.direction))
        if shows_direction(national)
        else None,
        (tr("What"), lambda e: bundle_kind_text(e.kind)),
        (tr("From / to"), lambda e: other_side(e, names)),
        (tr("Sent by"), sender) if shows_sender(entries) else None,
        (tr("Bundle no."), lambda e: number(e, several)),
        (tr("File"), lambda e: file_text(e, national)),
    ]
    return [c for c in columns if c is not None]


def _nothing(args: argparse.Namespace) -> str:
    """Nothing to list: of the kind asked for, when one was (the other kind may well be there)."""
    if args.sent:
        return tr("No bundle sent yet.")
    if args.received:
        return tr("No bundle received yet.")
    return tr("Nothing sent or received yet.")


def run_log(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        entries = ws.sync.log()
        names = {k.unit_code: k.unit_name for k in ws.sync.keys.known() if k.unit_name}
        national = ws.settings.get(LEVEL) == NATIONAL
    if args.received or args.sent:
        wanted = "received" if args.received else "sent"
        entries = [e for e in entries if e.direction == wanted]
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(_nothing(args))
        return 0
    columns = _columns(entries, names, national)
    print(table([[say(e) for _, say in columns] for e in entries], [title for title, _ in columns]))
    return 0
