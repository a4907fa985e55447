"""``keys``: the keys that sign sync bundles — this computer's, and the units' it trusts — and, for a
receiving office, its office key (``keys office``, in ``cmd_office``).

    ntm-desktop keys show
    ntm-desktop keys export --out xa-tan-cuong.ntmkey          (read the fingerprint to the receiver by phone)
    ntm-desktop keys trust van-phong-19.ntmkey
    ntm-desktop keys list
    ntm-desktop keys revoke FINGERPRINT
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ntm_desktop.cli.cmd_office import register_office
from ntm_desktop.cli.support import json_flag, open_workspace, print_json, table
from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.service import how_label
from ntm_desktop.sync.labels import short_device

NAMES = ("keys",)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    keys = sub.add_parser(
        "keys",
        parents=[common],
        help="sync bundle keys: this computer's and the units' it trusts (report certificates: certificate)",
    )
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    p = ksub.add_parser("show", parents=[common], help="this computer's key fingerprint")
    json_flag(p)
    p.set_defaults(handler=run_keys_show)
    p = ksub.add_parser("export", parents=[common], help="write this computer's public key file (.ntmkey)")
    p.add_argument("--out", required=True, metavar="FILE", help="the key file to write (.ntmkey)")
    p.set_defaults(handler=run_keys_export)
    p = ksub.add_parser(
        "trust",
        parents=[common],
        help="trust a unit's sync key (.ntmkey), confirmed by phone; report certificates: certificate trust",
    )
    p.add_argument("file", metavar="FILE", help="the unit's key file (.ntmkey)")
    p.set_defaults(handler=run_keys_trust)
    p = ksub.add_parser("revoke", parents=[common], help="stop trusting a key (a lost or stolen computer's)")
    p.add_argument("fingerprint", metavar="FINGERPRINT", help="the key's fingerprint, as keys list shows it")
    p.set_defaults(handler=run_keys_revoke)
    p = ksub.add_parser("list", parents=[common], help="the keys this workspace trusts")
    json_flag(p)
    p.set_defaults(handler=run_keys_list)
    register_office(ksub, common)


def run_keys_show(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        info = ws.sync.keys.show()
    if args.json:
        print_json(info.to_json())
    else:
        print(tr("Key fingerprint: {fingerprint}", fingerprint=info.fingerprint))
        print(
            tr(
                "Unit: {name} ({code}); device {device}",
                name=info.unit_name,
                code=info.unit_code,
                device=short_device(info.device_id),
            )
        )
    return 0


def run_keys_export(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        path = ws.sync.keys.export(Path(args.out))
        info = ws.sync.keys.show()
        office = ws.sync.office.show()
    print(path)
    print(
        tr("Read this fingerprint to the receiver by phone: {fingerprint}", fingerprint=info.fingerprint),
        file=sys.stderr,
    )
    if office is not None:  # the communes and the national office should trust the office, not one clerk
        print(
            tr(
                "This office has an office key ({fingerprint}): send the communes and the national office "
                "its file instead (keys office export), so that they take the bundles of every clerk it "
                "certified; this file covers this computer only.",
                fingerprint=office.fingerprint,
            ),
            file=sys.stderr,
        )
    return 0


def run_keys_trust(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        _, message, _ = ws.sync.keys.trust(Path(args.file))
    print(message)
    return 0


def run_keys_list(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        known = ws.sync.keys.known()
    if args.json:
        print_json([k.to_json() for k in known])
        return 0
    rows = [
        [
            k.unit_code,
            k.unit_name,
            k.fingerprint,
            how_label(k.how),
            vntime.day(k.trusted_at),
        ]
        for k in known
    ]
    print(table(rows, [tr("Unit"), tr("Name"), tr("Fingerprint"), tr("How"), tr("Trusted on")]))
    return 0


def run_keys_revoke(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        ws.sync.keys.revoke(args.fingerprint)
    print(
        tr(
            "Revoked {fingerprint}: bundles signed with it are refused from now on.",
            fingerprint=args.fingerprint,
        )
    )
    return 0
