"""``init`` (set up the commune), ``gui`` and ``demo``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ntm_desktop.cli.support import (
    RECEIVING_LEVEL,
    UNIT_TYPE,
    bounded_int,
    json_flag,
    open_workspace,
    print_json,
    year_arg,
)
from ntm_desktop.core.errors import Conflict, InvalidInput
from ntm_desktop.core.i18n import tr, trn
from ntm_desktop.core.units import Officer, UnitProfile, period_text

if TYPE_CHECKING:
    from ntm_desktop.workspace import Workspace

NAMES = ("init", "gui", "demo", "unit")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="set up the commune in a new data file")
    p.add_argument(
        "--from-bundle",
        metavar="FILE",
        help="recover a commune from its receiving unit's recovery bundle (a lost laptop)",
    )
    p.add_argument("--unit-code", help="5-digit official commune code, e.g. 01234")
    p.add_argument("--unit-name", help='e.g. "Xã Bằng Thành"')
    p.add_argument("--province-code", help="2-digit province code, e.g. 19")
    p.add_argument("--type", default="xa", choices=["xa", "phuong", "dac_khu"], help=UNIT_TYPE)
    p.add_argument("--region", help="TDMNPB, DBSH, BTB, DHNTB, TN, DNB or DBSCL (2016–2025 thresholds)")
    p.add_argument("--group", type=int, help="commune group 1, 2 or 3 (2026–2030 thresholds)")
    p.add_argument("--village", action="append", default=[], help="a village (thôn, bản); repeat for more")
    p.add_argument(
        "--role",
        choices=["commune", "receiver"],
        default="commune",
        help="what this data file is (default: commune)",
    )
    p.add_argument("--receiving-unit", help="who receives the reports (default: the province NTM office)")
    p.add_argument(
        "--receiving-level", choices=["province", "district"], default="province", help=RECEIVING_LEVEL
    )
    add_signer_options(p)
    p.set_defaults(handler=run_init, parser=p)

    _register_unit(sub, common)

    register_gui(sub, common)

    p = sub.add_parser("demo", parents=[common], help="fill a realistic sample commune and open the app")
    p.add_argument("--no-gui", action="store_true", help="only fill the data file")
    p.add_argument(
        "--receiver",
        action="store_true",
        help="play the province's receiving unit: its data file, 3 sample communes' bundles in demo-usb/",
    )
    p.set_defaults(handler=run_demo)


def _register_unit(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("unit", parents=[common], help="show the commune's profile, or change what is given")
    json_flag(p)
    p.add_argument("--name", help='the commune\'s name, e.g. "Xã Bằng Thành"')
    p.add_argument("--type", choices=["xa", "phuong", "dac_khu"], help=UNIT_TYPE)
    p.add_argument("--province-code", help="2-digit province code, e.g. 19")
    p.add_argument("--region", help="TDMNPB, DBSH, BTB, DHNTB, TN, DNB or DBSCL; “none” to clear")
    p.add_argument("--group", help="commune group 1, 2 or 3; “none” to clear")
    p.add_argument("--period", help="with --group: its period, e.g. 2026-2030 (default: this year's)")
    p.add_argument("--village", action="append", help="the villages (replace the list); repeat for more")
    p.add_argument(
        "--predecessor", action="append", help="code of a commune merged into this one (replace the list)"
    )
    p.add_argument(
        "--officer",
        action="append",
        metavar='"NAME, TITLE"',
        help="the officers (replace the list, signer kept)",
    )
    p.add_argument("--receiving-unit", help="who receives the reports")
    p.add_argument("--receiving-level", choices=["province", "district"], help=RECEIVING_LEVEL)
    add_signer_options(p, defaults=False)
    p.add_argument(
        "--signature-image", metavar="PNG", help="the signer's signature picture (blue, transparent)"
    )
    p.add_argument("--seal-image", metavar="PNG", help="the commune's seal picture (red, transparent)")
    p.add_argument(
        "--former-receiving-unit",
        metavar="NAME",
        help='who received reports before 1 July 2025, e.g. "Ủy ban nhân dân huyện Pác Nặm"',
    )
    p.set_defaults(handler=run_unit)


def add_signer_options(p: argparse.ArgumentParser, defaults: bool = True) -> None:
    p.add_argument("--signer", metavar="NAME", help='who signs reports, e.g. "Nguyễn Văn A"')
    p.add_argument(
        "--signer-title",
        metavar="TITLE",
        default="Chủ tịch" if defaults else None,
        help='e.g. "Chủ tịch" or "Phó Chủ tịch"',
    )
    p.add_argument(
        "--signs-as",
        choices=["TM", "KT"],
        default="TM" if defaults else None,
        help="TM. (for the committee) or KT. (deputy)",
    )


def _with_signer(profile: UnitProfile, args: argparse.Namespace) -> UnitProfile:
    """The profile with the signer given (name, title, TM/KT); a title alone changes the current one."""
    current = next((o for o in profile.officers if o.is_signer), None)
    name = args.signer or (current.name if current else None)
    if name is None or not (args.signer or args.signer_title or args.signs_as):
        return profile
    same = current is not None and current.name == name
    title = args.signer_title or (current.title if same and current else "Chủ tịch")
    signs_as = args.signs_as or (current.signs_as if same and current else "TM")
    others = tuple(replace(o, is_signer=False) for o in profile.officers if o.name != name)
    return replace(profile, officers=(Officer(name, title, signs_as, True), *others))


def _with_officers(profile: UnitProfile, given: list[str] | None) -> UnitProfile:
    if given is None:
        return profile
    signer = tuple(o for o in profile.officers if o.is_signer)
    names = {o.name for o in signer}
    others = []
    for text in given:
        name, _, title = text.partition(",")
        if name.strip() and name.strip() not in names:
            others.append(Officer(name.strip(), title.strip()))
    return replace(profile, officers=(*signer, *others))


def _optional(text: str | None, field: str, convert: Any = str) -> Any:
    if text is None or text.strip().casefold() in ("none", "không", "khong", ""):
        return None
    try:
        return convert(text.strip())
    except ValueError:
        raise InvalidInput(tr("“{text}” is not a valid value", text=text), field=field) from None


def edited_profile(profile: UnitProfile, args: argparse.Namespace) -> UnitProfile:
    """``profile`` with only the fields given on the command line changed: nothing else is erased."""
    given: dict[str, Any] = {
        "name": args.name,
        "type": args.type,
        "province_code": args.province_code,
        "receiving_unit_name": args.receiving_unit,
        "receiving_unit_level": args.receiving_level,
        "villages": tuple(args.village) if args.village is not None else None,
        "predecessors": tuple(args.predecessor) if args.predecessor is not None else None,
    }
    changed = replace(profile, **{k: v for k, v in given.items() if v is not None})
    if args.province_code is not None and args.province_code != profile.province_code:
        changed = replace(changed, province_name="")  # filled from the new code
    if args.region is not None:
        changed = replace(changed, region=_optional(args.region, "unit.region"))
    if args.period and args.group is None:
        raise InvalidInput(tr("Give --period together with --group, e.g. --group 2 --period 2026-2030"),
                           field="period")  # fmt: skip
    if args.group is not None:
        from ntm_desktop.services.unit import with_group

        group = _optional(args.group, "unit.group", int)
        changed = with_group(changed, group, args.period) if args.period else replace(changed, group=group)
    return _with_signer(_with_officers(changed, args.officer), args)


def register_gui(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="open the main window")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen, save it and exit")
    p.add_argument(
        "--connect", action="store_true", help="connect to a receiving office's PostgreSQL database first"
    )
    p.add_argument(
        "--page",
        type=bounded_int(0, 99),
        default=0,
        help="with --screenshot: the sidebar page to show (1 = first)",
    )
    p.add_argument(
        "--year", type=year_arg, default=None, help="the year to open at (default: the last one used)"
    )
    p.add_argument(
        "--first-paint",
        action="store_true",
        help="with --screenshot: picture the first page as soon as it shows the commune's figures from the "
        "start-up snapshot, without waiting for the data file to open (bench/startup.py)",
    )
    p.set_defaults(handler=run_gui)


def run_init(args: argparse.Namespace) -> int:
    if args.from_bundle:
        return run_recover(args)
    given = (("--unit-code", args.unit_code), ("--unit-name", args.unit_name),
             ("--province-code", args.province_code))  # fmt: skip
    missing = [o for o, v in given if v is None]
    if missing:
        args.parser.error(tr("the following arguments are required: %s") % ", ".join(missing))
    empty = [o for o, v in given if not v.strip()]  # `--unit-name ""` said the option was missing
    if empty:
        args.parser.error(tr("the following arguments are empty: %s") % ", ".join(empty))
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
    with open_workspace(args, need_commune=False, create=True) as ws:
        refuse_receiver_file(ws)
        ws.unit.create(cleaned, where=str(ws.path))
        ws.settings.set_role(args.role)
        print(tr("Set up {name} ({code}) in {path}", name=cleaned.name, code=cleaned.code, path=ws.where))
    return 0


def run_recover(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ntm_desktop.core.paths import resolve_db_path
    from ntm_desktop.recovery import recover

    made = recover(Path(args.from_bundle), resolve_db_path(getattr(args, "data_dir", None), args.db))
    total = sum(made.counts.values())
    print(trn("Recovered {name} ({code}) in {path}: {n} record from the receiving unit {receiver}.",
              "Recovered {name} ({code}) in {path}: {n} records from the receiving unit {receiver}.",
              total, name=made.profile.name, code=made.profile.code, path=str(made.path),
              receiver=made.receiver_code))  # fmt: skip
    print(tr("The receiving unit's key {fingerprint} signed the bundle: confirm it with them by phone.",
             fingerprint=made.receiver_fingerprint))  # fmt: skip
    print(tr("This computer's new key is {fingerprint}. Read it to the receiving unit by phone and give them "
             "its key file (ntm-desktop keys export --out FILE.ntmkey); they trust it with keys trust.",
             fingerprint=made.new_fingerprint))  # fmt: skip
    return 0


def refuse_receiver_file(ws: Workspace) -> None:
    if ws.receiver.is_receiver():
        raise Conflict(
            tr(
                "{path} is a receiving unit's data file; nothing was changed. A commune needs its own data "
                "file (--db NEW.sqlite or --data-dir NEW-FOLDER).",
                path=ws.where,
            )
        )


def run_unit(args: argparse.Namespace) -> int:
    from ntm_desktop.services.unit import profile_dict

    with open_workspace(args) as ws:
        current = ws.unit.home()
        edited = edited_profile(current, args)
        _check_pictures(args)  # everything is checked before anything is saved: a bad picture changes nothing
        if edited != current:
            ws.unit.setup(edited)
            print(tr("Saved."))
        _set_pictures(ws, args)
        if args.former_receiving_unit is not None:
            ws.unit.set_former_receiving_unit(args.former_receiving_unit)
        p = ws.unit.home()
        if args.json:
            print_json(profile_dict(p) | {"role": ws.settings.role, "data_file": ws.where})
        else:
            print(f"{p.name} ({p.code}) — {p.province_name}")
            for period, group in p.groups:
                print(tr("Commune group {group} in {period}", group=group, period=period_text(period)))
            print(tr("Data file: {path}", path=ws.where))
    return 0


def _check_pictures(args: argparse.Namespace) -> None:
    """Refuses a picture that is not a PNG before the profile is saved."""
    from pathlib import Path

    from ntm_desktop.services.signing import read_png

    for path, field in ((args.signature_image, "signature_image"), (args.seal_image, "seal_image")):
        if path:
            read_png(Path(path), field)


def _set_pictures(ws: Any, args: argparse.Namespace) -> None:
    """``--signature-image`` belongs to the officer who signs; ``--seal-image`` to the commune."""
    from pathlib import Path

    from ntm_desktop.reports.heading import choose_signer

    if args.signature_image:
        officer = choose_signer(ws.unit.home()).name
        ws.signing.set_signature_image(Path(args.signature_image), officer)
        print(tr("Saved the signature picture of {name}.", name=officer))
    if args.seal_image:
        ws.signing.set_seal_image(Path(args.seal_image))
        print(tr("Saved the seal picture."))


def run_gui(args: argparse.Namespace) -> int:
    from ntm_desktop.ui.app import run  # Qt is imported only when a window is wanted

    return int(run(args))


def _demo_path(args: argparse.Namespace) -> str:
    from ntm_desktop.core.errors import InvalidInput
    from ntm_desktop.core.paths import demo_db_path, is_server_location

    if is_server_location(getattr(args, "db", None)):
        message = (
            tr("The demo makes data files and a USB folder: give it --data-dir DIR, not a database server.")
            if args.receiver
            else tr(
                "The sample commune is a data file of its own: give it --data-dir DIR, not a database server."
            )
        )
        raise InvalidInput(message, field="db")
    path = demo_db_path(getattr(args, "data_dir", None), getattr(args, "db", None), args.receiver)
    args.db = str(path)  # the window opens the sample's file, not the officer's
    return str(path)


def run_demo(args: argparse.Namespace) -> int:
    from ntm_desktop.demo import fill_demo, signing_instructions

    if args.receiver:
        return run_demo_receiver(args)
    _demo_path(args)
    with open_workspace(args, need_commune=False, create=True) as ws:
        summary = fill_demo(ws)
        print(summary)
        print(signing_instructions(ws.path))
    if args.no_gui:
        return 0
    return run_gui(args)


def run_demo_receiver(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ntm_desktop.demo_receiver import YEAR, build, instructions

    made = build(Path(_demo_path(args)))
    print(instructions(made))
    if args.no_gui:
        return 0
    args.year = YEAR
    return run_gui(args)
