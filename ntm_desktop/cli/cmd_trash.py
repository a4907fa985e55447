"""``trash list | restore ID`` and ``history ID``: the records the officer removed, putting one back, and
who changed a record, what and when. The window's File › Trash… and History…, through the same services
(``ws.trash``, ``ws.history``), so a removed record can come back where there is no screen too.

    ntm-desktop trash list                 # newest removal first; times in Vietnam time
    ntm-desktop trash restore 01a2424c-9452-7ca1-b43a-ec2940987262   # the whole id, from trash list
    ntm-desktop history 01a2424c-9452-7ca1-b43a-ec2940987262         # any record: help, supporters …
    ntm-desktop --db tinh.sqlite history 01234                          # a receiving office's commune
"""

from __future__ import annotations

import argparse
from typing import Any

from ntm_desktop.cli.support import json_flag, open_workspace, print_json, table
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.vntime import format_vn, iso_vn

NAMES = ("trash", "history")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    tp = sub.add_parser("trash", parents=[common], help="removed records: list them, restore one")
    tsub = tp.add_subparsers(dest="trash_command", metavar="ACTION", required=True)
    p = tsub.add_parser("list", parents=[common], help="every removed record, newest removal first")
    json_flag(p)
    p.set_defaults(handler=run_list)
    p = tsub.add_parser("restore", parents=[common], help="put a removed record back as it was")
    p.add_argument("uid", metavar="ID", help="the record's id, from trash list")
    p.set_defaults(handler=run_restore)
    p = sub.add_parser("history", parents=[common], help="who changed a record, what and when")
    p.add_argument("uid", metavar="ID", help="the record's id")
    json_flag(p)
    p.set_defaults(handler=run_history)


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        removed = ws.trash.list()
    if args.json:
        print_json([{"uid": r.uid, "kind": r.kind, "title": r.title, "removed_at": iso_vn(r.removed_at),
                     "removed_by": r.removed_by} for r in removed])  # fmt: skip
        return 0
    if not removed:
        print(tr("The trash is empty: nothing has been removed."))
        return 0
    rows = [
        [r.uid, r.kind_label, r.title, format_vn(r.removed_at, seconds=False), r.removed_by] for r in removed
    ]
    print(table(rows, [tr("Id"), tr("Kind of record"), tr("Record"), tr("Removed on"), tr("Removed by")]))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        chosen = _one(ws.trash.list(), args.uid.strip())
        ws.trash.restore(chosen.uid)
    print(tr("Restored “{title}”.", title=chosen.title))
    return 0


def _one(removed: list[Any], given: str) -> Any:
    """The removed record with the id ``given``, whole: ids begin with the time they were made, so
    records made in the same minute share their first characters and only the whole id names one."""
    for record in removed:
        if record.uid == given:
            return record
    raise InvalidInput(
        tr("No removed record has the id {id}; see: ntm-desktop trash list", id=given), field="id"
    )


def run_history(args: argparse.Namespace) -> int:
    # any data file: a receiving office's communes, sign-offs and recognitions have a history too
    with open_workspace(args, need_commune=False) as ws:
        steps = ws.history.of(args.uid.strip())
    if args.json:
        print_json([{"at": iso_vn(s.at), "by": s.actor, "action": s.action, "what": s.what,
                     "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in s.changes]}
                    for s in steps])  # fmt: skip
        return 0
    if not steps:
        raise InvalidInput(tr("Nothing is recorded about the record {id}", id=args.uid), field="id")
    print(tr("Times are Vietnam time (UTC+7)."))
    for step in steps:
        print(f"{format_vn(step.at, seconds=False, offset=False)}  {step.actor}  {step.what}")
        for c in step.changes:
            print(f"    {c.field}: {c.before} → {c.after}")
    return 0
