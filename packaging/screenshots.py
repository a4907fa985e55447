"""Make the README's screenshots (docs/screenshots/*.png) again from the sample data, as the app draws them.

    python packaging/screenshots.py [--root DIR] [--out docs/screenshots]

Each picture is ``ntm-desktop gui --screenshot FILE --page N --year 2025`` (1366×768, offscreen) of a data
file made here, in ``--root`` (default: a new temporary folder; its path shows in each picture's status
bar, so pick one that reads like a clerk's, e.g. /home/canbo/NTM):

* ``van-phong-tinh``: ``demo --receiver`` with the three sample communes' bundles imported; Xã Bằng
  Thành's 2024 approved and its 2025 returned for indicator 17.1 (receiver.png);
* ``xa-bang-thanh``: the sample commune, which took in that answer (overview, criteria, help, reports,
  sync; report-page1.png is page 1 of its 2025 report, ``pdftoppm -r 70``);
* ``tinh-thai-nguyen``: the same province where Xã Bằng Thành's 2025 is approved and recognised
  (receiver-charts.png), and ``trung-uong``: the national office that imported its roll-up of 2025
  (national.png).

Then the in-app guide's pictures (resources/guide/img: 820 px wide, 256 colours) from the same commune,
by ``packaging/guide_pictures.py``, in Vietnamese (``img/``) and in English for the English guide
(``img/en/``) (``--guide-out``; ``--guide-out ''`` leaves them alone).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from ntm_desktop.demo_receiver import COMMUNES_FOLDER, build
from ntm_desktop.workspace import Workspace

YEAR = 2025
CODE = "01234"
REPO = Path(__file__).resolve().parent.parent
APP = [sys.executable, "-c", "import sys; from ntm_desktop.cli.main import main; sys.exit(main())"]
"""The app as ``ntm-desktop`` runs it, with this Python."""

COMMUNE_PAGES = {"overview": 1, "criteria": 2, "help": 3, "reports": 4, "sync": 5}
"""The commune's pictures and their page in the sidebar."""


def province(root: Path, name: str) -> Workspace:
    """A province office with the sample communes' bundles taken in (its communes' files beside it)."""
    made = build(root / name / "ntm.sqlite")
    office = Workspace.open(made.path)
    office.sync.import_bundles(made.bundles)
    return office


def answered_commune(root: Path) -> Path:
    """The province approves Xã Bằng Thành's 2024 and returns its 2025 for 17.1; the commune takes it in."""
    office = province(root, "van-phong-tinh")
    commune_dir = root / "xa-bang-thanh"
    shutil.copytree(root / "van-phong-tinh" / COMMUNES_FOLDER / CODE, commune_dir)
    with office:
        for status in ("reviewed", "approved"):
            office.receiver.set_status(CODE, 2024, status)
        record = next(
            a.record_id for a in office.progress.assessments(YEAR, unit_code=CODE) if a.indicator == "17.1"
        )
        office.receiver.set_status(
            CODE,
            YEAR,
            "returned",
            "Chỉ tiêu 17.1: tỷ lệ hộ dùng nước sạch chưa có biên bản kiểm tra của Trung tâm Nước sạch tỉnh; "
            "đề nghị xã bổ sung biên bản và cập nhật giá trị trước ngày 15/12/2026.",
            record=("assessments", record),
        )
        back = office.sync.export_reverse(root / "van-phong-tinh" / "demo-usb", CODE).path
    with Workspace.open(commune_dir / "ntm.sqlite") as commune:
        commune.sync.import_bundles([back])
    return commune_dir / "ntm.sqlite"


def recognised_and_rolled_up(root: Path) -> tuple[Path, Path]:
    """The province approves and recognises Xã Bằng Thành's 2025; the national office takes its roll-up."""
    office = province(root, "tinh-thai-nguyen")
    usb = root / "usb"
    usb.mkdir(exist_ok=True)
    with office:
        for status in ("reviewed", "approved"):
            office.receiver.set_status(CODE, YEAR, status)
        office.receiver.recognise(
            CODE, YEAR, decision="123/QĐ-UBND", decided_on=date(YEAR, 12, 20), level="ntm"
        )
        office.receiver.set_status("01252", YEAR, "reviewed")  # every stage on the charts
        roll_up = office.receiver.export_national(usb, YEAR).result.path
        office.sync.keys.export(usb / "tinh-19.ntmkey")
        path = office.path
    national_path = root / "trung-uong" / "ntm.sqlite"
    with Workspace.open(national_path) as national:
        national.receiver.set_up(level="national")
        national.sync.keys.trust(usb / "tinh-19.ntmkey")
        [outcome] = national.sync.import_bundles([roll_up]).outcomes
        assert outcome.status == "imported", outcome.message
    return path, national_path


def shoot(db: Path, page: int, out: Path, env: dict[str, str]) -> None:
    command = [*APP, "--db", str(db), "gui", "--screenshot", str(out)]
    subprocess.run([*command, "--page", str(page), "--year", str(YEAR)], check=True, env=env)
    print(out)


def report_page(db: Path, out: Path, env: dict[str, str], work: Path) -> None:
    pdf = work / "bao-cao-2025.pdf"
    command = [*APP, "--db", str(db), "report", "commune", "--year", str(YEAR)]
    subprocess.run([*command, "--number", "15", "--out", str(pdf)], check=True, env=env)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                    str(out.with_suffix(""))], check=True)  # fmt: skip
    print(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, help="where the sample data files are made (must not exist)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--guide-out", default=str(REPO / "resources" / "guide" / "img"))
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="ntm-screenshots-")) / "NTM"
    root.mkdir(parents=True)
    args.out.mkdir(parents=True, exist_ok=True)  # the app writes a picture only into a folder that exists
    os.environ.setdefault("NTM_ACTOR", "Trần Văn B")  # the province's clerk, as the answers name them
    env = dict(os.environ, HOME=str(root.parent / ".home"), NTM_DATA_DIR=str(root.parent / ".data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    commune = answered_commune(root)
    office_a = root / "van-phong-tinh" / "ntm.sqlite"
    office_b, national = recognised_and_rolled_up(root)
    for name, page in COMMUNE_PAGES.items():
        shoot(commune, page, args.out / f"{name}.png", env)
    report_page(commune, args.out / "report-page1.png", env, root)
    shoot(office_a, 1, args.out / "receiver.png", env)
    shoot(office_b, 5, args.out / "receiver-charts.png", env)
    shoot(national, 6, args.out / "national.png", env)
    if args.guide_out:
        guide = [sys.executable, str(REPO / "packaging" / "guide_pictures.py"), "--db", str(commune)]
        for lang, folder in (("vi", Path(args.guide_out)), ("en", Path(args.guide_out) / "en")):
            subprocess.run([*guide, "--lang", lang, "--out", str(folder)], check=True, env=env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
