"""``bundle log``: every bundle and receipt this data file wrote or took in, newest first, with who sent
it (the clerk who signed a bundle received from an office, by the certificate it carried) and when, in
Vietnam time: the Sync page's history on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from ntm_desktop.cli.support import json_flag, open_workspace, print_json, table
from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import province_place
from ntm_desktop.sync.labels import bundle_kind_text, computer_label, several_computers, unit_label
from ntm_desktop.sync.views import LogEntry


def register(bsub: Any, common: argparse.ArgumentParser) -> None:
    p = bsub.add_parser("log", parents=[common], help="bundles sent and received: when, who sent them")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--received", action="store_true", help="only the bundles received")
    shown.add_argument("--sent", action="store_true", help="only the bundles sent")
    json_flag(p)
    p.set_defaults(handler=run_log)


def _other_side(entry: LogEntry, names: Mapping[str, str]) -> str:
    """The sender of what came in, the addressee of what went out, by the name its trusted key gives, as
    the Sync page says it: "01234 · Xã Bằng Thành", else "19 · tỉnh Thái Nguyên" or "xã 01234"."""
    code = entry.origin_unit_code if entry.direction == "received" else entry.receiver_code
    name = names.get(code) or (province_place(code) if len(code) == 2 else "")
    return f"{code} · {name}" if name else (unit_label(code) if code else "")


def _number(entry: LogEntry, several: set[str]) -> str:
    """Its number; of one received from a unit that sends from several computers (each of an office's
    clerks numbers their own), which computer too, as the Sync page says it: "1 · máy 3f9a2c1b"."""
    if entry.direction == "received" and entry.origin_unit_code in several:
        return f"{entry.sequence} · {computer_label(entry.device_id)}"
    return str(entry.sequence)


def _row(entry: LogEntry, names: Mapping[str, str], several: set[str]) -> list[str]:
    received = entry.direction == "received"
    return [
        vntime.format_vn(entry.logged_at, seconds=False, offset=False),
        tr("Received") if received else tr("Sent"),
        bundle_kind_text(entry.kind),
        _other_side(entry, names),
        entry.signer if received else entry.actor,
        _number(entry, several),
        entry.file_name,
    ]


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
    if args.received or args.sent:
        wanted = "received" if args.received else "sent"
        entries = [e for e in entries if e.direction == wanted]
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(_nothing(args))
        return 0
    header = [tr("When"), tr("Sent or received"), tr("What"), tr("From / to"), tr("Sent by"),
              tr("Bundle no."), tr("File")]  # fmt: skip
    several = several_computers(
        (e.origin_unit_code, e.device_id) for e in entries if e.direction == "received" and e.device_id
    )
    print(table([_row(e, names, several) for e in entries], header))
    return 0
