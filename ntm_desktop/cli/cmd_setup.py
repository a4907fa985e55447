"""``init`` (set up the commune), ``gui`` and ``demo``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from ntm_desktop.cli.support import open_workspace, print_json
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import Officer, UnitProfile

NAMES = ("init", "gui", "demo", "unit")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="set up the commune in a new data file")
    p.add_argument("--unit-code", required=True, help="5-digit official commune code, e.g. 01234")
    p.add_argument("--unit-name", required=True, help='e.g. "Xã Bằng Thành"')
    p.add_argument("--province-code", required=True, help="2-digit province code, e.g. 19")
    p.add_argument("--type", default="xa", choices=["xa", "phuong", "dac_khu"])
    p.add_argument("--region", help="TDMNPB, DBSH, BTB, DHNTB, TN, DNB or DBSCL (2016–2025 thresholds)")
    p.add_argument("--group", type=int, help="commune group 1, 2 or 3 (2026–2030 thresholds)")
    p.add_argument("--village", action="append", default=[], help="a village (thôn, bản); repeat for more")
    p.add_argument("--role", choices=["commune", "receiver"], default="commune")
    p.add_argument("--receiving-unit", help="who receives the reports (default: the province NTM office)")
    p.add_argument("--receiving-level", choices=["province", "district"], default="province")
    add_signer_options(p)
    p.set_defaults(handler=run_init)

    p = sub.add_parser("unit", parents=[common], help="show the commune's profile, or set who signs")
    p.add_argument("--json", action="store_true")
    add_signer_options(p)
    p.set_defaults(handler=run_unit)

    register_gui(sub, common)

    p = sub.add_parser("demo", parents=[common], help="fill a realistic sample commune and open the app")
    p.add_argument("--no-gui", action="store_true", help="only fill the data file")
    p.add_argument(
        "--receiver",
        action="store_true",
        help="play the province's receiving unit: its data file, 3 sample communes' bundles in demo-usb/",
    )
    p.set_defaults(handler=run_demo)


def add_signer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--signer", metavar="NAME", help='who signs reports, e.g. "Nguyễn Văn A"')
    p.add_argument(
        "--signer-title", metavar="TITLE", default="Chủ tịch", help='e.g. "Chủ tịch" or "Phó Chủ tịch"'
    )
    p.add_argument(
        "--signs-as", choices=["TM", "KT"], default="TM", help="TM. (for the committee) or KT. (deputy)"
    )


def _with_signer(profile: UnitProfile, args: argparse.Namespace) -> UnitProfile:
    if not args.signer:
        return profile
    others = tuple(replace(o, is_signer=False) for o in profile.officers if o.name != args.signer)
    signer = Officer(args.signer, args.signer_title, args.signs_as, True)
    return replace(profile, officers=(signer, *others))


def register_gui(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the main window")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen, save it and exit")
    p.add_argument(
        "--page", type=int, default=0, help="with --screenshot: the sidebar page to show (1 = first)"
    )
    p.add_argument("--year", type=int, default=None, help="the year to open at (default: the last one used)")
    p.set_defaults(handler=run_gui)


def run_init(args: argparse.Namespace) -> int:
    profile = UnitProfile(
        code=args.unit_code,
        name=args.unit_name,
        province_code=args.province_code,
        type=args.type,
        region=args.region,
        group=args.group,
        villages=tuple(args.village),
        receiving_unit_name=args.receiving_unit or "",
        receiving_unit_level=args.receiving_level,
    )
    cleaned = _with_signer(profile, args).cleaned()  # validate before a file is created
    with open_workspace(args, need_commune=False) as ws:
        ws.unit.setup(cleaned)
        ws.settings.set_role(args.role)
        print(tr("Set up {name} ({code}) in {path}", name=cleaned.name, code=cleaned.code, path=str(ws.path)))
    return 0


def run_unit(args: argparse.Namespace) -> int:
    from ntm_desktop.services.unit import profile_dict

    with open_workspace(args) as ws:
        if args.signer:
            ws.unit.setup(_with_signer(ws.unit.home(), args))
            print(tr("Saved."))
        p = ws.unit.home()
        if args.json:
            print_json(profile_dict(p) | {"role": ws.settings.role, "data_file": str(ws.path)})
        else:
            print(f"{p.name} ({p.code}) — {p.province_name}")
            print(tr("Data file: {path}", path=str(ws.path)))
    return 0


def run_gui(args: argparse.Namespace) -> int:
    from ntm_desktop.ui.app import run  # Qt is imported only when a window is wanted

    return int(run(args))


def run_demo(args: argparse.Namespace) -> int:
    from ntm_desktop.demo import fill_demo

    if args.receiver:
        return run_demo_receiver(args)

    with open_workspace(args, need_commune=False) as ws:
        summary = fill_demo(ws)
        print(summary)
    if args.no_gui:
        return 0
    return run_gui(args)


def run_demo_receiver(args: argparse.Namespace) -> int:
    from ntm_desktop.core.paths import resolve_db_path
    from ntm_desktop.demo_receiver import YEAR, build, instructions

    made = build(resolve_db_path(getattr(args, "data_dir", None), getattr(args, "db", None)))
    print(instructions(made))
    if args.no_gui:
        return 0
    args.year = YEAR
    return run_gui(args)
