"""``supporters list | add``: the agencies, companies and people that help the commune, whom ``help``
records name (``cmd_help``)."""

from __future__ import annotations

import argparse
from typing import Any

from ntm_desktop.cli.support import json_flag, open_workspace, print_json, print_notes, table
from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.ledger import SUPPORTER_KINDS, SupporterDraft
from ntm_desktop.services.ledger.kinds import find_supporter_kind, supporter_kind_label

NAMES = ("supporters",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sp = sub.add_parser("supporters", parents=[common], help="agencies, companies and people that help")
    ssub = sp.add_subparsers(dest="supporters_command", metavar="ACTION", required=True)
    p = ssub.add_parser("list", parents=[common], help="every supporter")
    json_flag(p)
    p.set_defaults(handler=run_supporters_list)
    p = ssub.add_parser("add", parents=[common], help="add a supporter")
    p.add_argument("--name", required=True, help="the supporter's full name")
    p.add_argument("--kind", default="agency", help=", ".join(SUPPORTER_KINDS) + " (or a Vietnamese name)")
    p.add_argument("--parent", default="", help="e.g. UBND tỉnh Bắc Kạn")
    p.set_defaults(handler=run_supporters_add)


def run_supporters_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        everyone = ws.supporters.list()
    if args.json:
        print_json(
            [
                {"id": s.record_id, "uid": s.uid, "name": s.name, "kind": s.kind, "parent": s.parent}
                for s in everyone
            ]
        )
        return 0
    rows = [[s.record_id[:36], s.name, supporter_kind_label(s.kind), s.parent] for s in everyone]
    print(table(rows, [tr("Id"), tr("Name"), tr("Kind"), tr("Parent body")]))
    return 0


def run_supporters_add(args: argparse.Namespace) -> int:
    kind = find_supporter_kind(args.kind)
    if kind is None:
        raise InvalidInput(
            tr(
                "unknown kind “{kind}”; use one of: {kinds}", kind=args.kind, kinds=", ".join(SUPPORTER_KINDS)
            ),
            field="kind",
        )
    with open_workspace(args) as ws:
        changes = ws.supporters.add(SupporterDraft(args.name, kind, args.parent))
        saved = ws.supporters.get(changes.ids[0])
    print_notes(changes)
    print(tr("Saved: {name}. Id: {id}", name=saved.name, id=saved.record_id))
    return 0
