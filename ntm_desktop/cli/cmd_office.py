"""``keys office``: the office key of a receiving office, which the communes trust once, and the
certificates it gives each clerk's computer.

    ntm-desktop keys office create --passphrase-env NTM_OFFICE_PASS
    ntm-desktop keys office export --out van-phong-19.ntmkey          (communes: keys trust FILE)
    ntm-desktop keys office certify --clerk "Nguyễn Thị Hà" --passphrase-env NTM_OFFICE_PASS
    ntm-desktop keys office certify --clerk "Trần Văn Bình" --key may-binh.ntmkey --passphrase-env …
    ntm-desktop keys office revoke FINGERPRINT|DEVICE --passphrase-env NTM_OFFICE_PASS
    ntm-desktop keys office list
    ntm-desktop keys office backup --out /media/usb/khoa-van-phong-19.pem      (kept offline, in the safe)
    ntm-desktop keys office restore /media/usb/khoa-van-phong-19.pem           (a new or damaged database)
    ntm-desktop keys office passphrase                                         (same key, new passphrase)

Without ``--passphrase-env`` the passphrase is asked for (never echoed, never logged).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ntm_desktop.cli.cmd_office_safe import from_env, new_passphrase, register_safekeeping, typed
from ntm_desktop.cli.support import json_flag, open_workspace, print_json, table
from ntm_desktop.core import vntime
from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.keys.office_wording import certified_text, made_text, revoked_text, this_computer_text
from ntm_desktop.sync.labels import short_device


def register_office(ksub: Any, common: argparse.ArgumentParser) -> None:
    office = ksub.add_parser(
        "office", parents=[common], help="receiver: the office key communes trust once, certifying each clerk"
    )
    osub = office.add_subparsers(dest="office_command", metavar="ACTION", required=True)
    p = osub.add_parser("create", parents=[common], help="make the office key (once), encrypted")
    p.add_argument("--replace", action="store_true", help="a new office key: the old passphrase was lost")
    _passphrase_arg(p)
    p.set_defaults(handler=run_create)
    p = osub.add_parser("show", parents=[common], help="the office key's fingerprint")
    json_flag(p)
    p.set_defaults(handler=run_show)
    p = osub.add_parser("export", parents=[common], help="write the office key file (.ntmkey) for communes")
    p.add_argument("--out", required=True, metavar="FILE", help="the key file to write (.ntmkey)")
    p.set_defaults(handler=run_export)
    p = osub.add_parser("certify", parents=[common], help="certify a clerk's computer with the office key")
    p.add_argument(
        "--clerk", required=True, metavar="NAME", help="the clerk's name, kept with the certificate"
    )
    p.add_argument("--key", metavar="FILE", help="the clerk computer's key file (default: this computer)")
    p.add_argument("--days", type=int, default=730, help="how long the certificate is valid (default 730)")
    _passphrase_arg(p)
    p.set_defaults(handler=run_certify)
    p = osub.add_parser(
        "revoke", parents=[common], help="revoke a clerk's computer (lost, or the clerk left)"
    )
    p.add_argument(
        "device",
        metavar="FINGERPRINT|DEVICE",
        help="the computer's fingerprint or name, as keys office list shows it",
    )
    _passphrase_arg(p)
    p.set_defaults(handler=run_revoke)
    p = osub.add_parser("list", parents=[common], help="the clerks' computers the office key certified")
    json_flag(p)
    p.set_defaults(handler=run_list)
    register_safekeeping(osub, common)


def _passphrase_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the passphrase")


def _passphrase(args: argparse.Namespace) -> str:
    var = args.passphrase_env
    if not var:
        return typed(tr("Passphrase of the office key: "), "--passphrase-env")
    return from_env(var)


def run_create(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        chosen = new_passphrase(
            args.passphrase_env, tr("New passphrase of the office key: "), "--passphrase-env"
        )
        info, _ = ws.sync.office.create(chosen, replace=args.replace)
    print(made_text(info))
    print(
        tr(
            "Its private key is kept in the database encrypted with the passphrase: only whoever knows the "
            "passphrase can certify or revoke clerks' computers. Next: certify each clerk's computer "
            "(keys office certify) and give the communes the office key file (keys office export)."
        )
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        info = ws.sync.office.show()
        mine = ws.sync.keys.show().fingerprint
        cert = next((c for c in ws.sync.office.certificates() if c.fingerprint == mine), None)
    if args.json:
        shown = None if info is None else info.to_json() | {"this_computer": cert.to_json() if cert else None}
        print_json(shown)
    elif info is None:
        print(tr("This office has no office key yet: make it first with “keys office create”"))
    else:
        print(tr("Office key fingerprint: {fingerprint}", fingerprint=info.fingerprint))
        print(tr("Unit: {name} ({code})", name=info.unit_name, code=info.unit_code))
        print(this_computer_text(cert))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        path = ws.sync.office.export(args.out)
        info = ws.sync.office.show()
    print(path)
    if info is not None:
        print(
            tr(
                "Read this office key fingerprint to the communes by phone: {fingerprint}",
                fingerprint=info.fingerprint,
            ),
            file=sys.stderr,
        )
    return 0


def run_certify(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        cert, _ = ws.sync.office.certify(_passphrase(args), args.clerk, args.key, args.days)
    print(certified_text(cert))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        cert, _ = ws.sync.office.revoke(_passphrase(args), args.device)
    print(revoked_text(cert))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args, need_commune=False) as ws:
        certs = ws.sync.office.certificates()
    if args.json:
        print_json([c.to_json() for c in certs])
        return 0
    rows = [
        [
            c.clerk,
            short_device(c.device_id),
            c.fingerprint,
            vntime.stamp_day(c.valid_until),
            vntime.stamp_day(c.revoked_at) if c.revoked_at else "",
        ]
        for c in certs
    ]
    print(table(rows, [tr("Clerk"), tr("Device"), tr("Fingerprint"), tr("Valid until"), tr("Revoked on")]))
    return 0
