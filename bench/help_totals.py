"""How fast are help totals on a big ledger? Target: ``help totals`` under 1 s for 100,000 help records
with 300,000 item lines.

Builds a workspace in a temporary folder (rows written in bulk, not through the services: this measures
reading), then times ``ws.help.totals()`` for all years and for one year, the breakdowns, and the
whole ``ntm-desktop help totals --json`` command in a fresh process (Python start-up included).

    python bench/help_totals.py [--help-records 100000] [--items-per-record 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from ntm_desktop.core.units import UnitProfile
from ntm_desktop.db import models as m
from ntm_desktop.services.ledger import SupporterDraft
from ntm_desktop.services.ledger.totals import HelpFilter
from ntm_desktop.workspace import Workspace

NAMES = {
    "cash": [("Tiền mặt", "đồng")],
    "labour": [("Ngày công", "ngày công"), ("ngày công lao động", "ngày công")],
    "material": [
        ("Xi măng", "tấn"),
        ("xi măng ", "tấn"),
        ("Cát", "m³"),
        ("Sắt thép", "kg"),
        ("Gạch", "viên"),
    ],
    "gift": [("Suất quà", "suất"), ("suất quà", "suất"), ("Quà Tết", "suất")],
    "equipment": [("Bộ bàn ghế", "bộ"), ("Bộ máy tính", "bộ"), ("Tivi", "chiếc")],
    "goods": [("Sách vở", "cuốn"), ("Bộ quần áo, chăn", "bộ"), ("Gạo", "kg")],
    "service": [("Khám chữa bệnh", "lượt người"), ("Tập huấn", "lượt người")],
    "works": [("Đường bê tông", "m"), ("Đèn chiếu sáng", "công trình"), ("Cổng chào", "công trình")],
    "other": [("Khác", "lần")],
}


def build(folder: Path, records: int, per_record: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    path = folder / "big.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(UnitProfile(code="01234", name="Xã Thử Tải", province_code="19", region="TDMNPB"))
        supporters = [ws.supporters.add(SupporterDraft(f"Đơn vị hỗ trợ {i}")).ids[0] for i in range(200)]
        helps: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        start = date(2016, 1, 1)
        for n in range(records):
            uid = f"h{n:08d}"
            helps.append(
                {
                    "uid": uid,
                    "record_id": uid,
                    "unit_code": "01234",
                    "version": "",
                    "origin": "",
                    "date": start + timedelta(days=rng.randrange(365 * 10)),
                    "title": f"Hỗ trợ số {n}",
                    "description": "",
                    "village": f"Thôn {rng.randrange(12)}",
                    "criteria": [str(rng.randrange(1, 20))],
                    "households": None,
                    "persons": None,
                }
            )
            for position, sup in enumerate(rng.sample(supporters, rng.choice((1, 1, 1, 2)))):
                links.append({"help_uid": uid, "supporter_uid": sup, "position": position})
            for position in range(per_record):
                kind = rng.choice(list(NAMES))
                name, unit = rng.choice(NAMES[kind])
                if kind == "cash":
                    qty = Decimal(rng.randrange(1, 500) * 100_000)
                    value: int | None = int(qty)
                else:
                    qty = Decimal(rng.randrange(1, 1000)) / (2 if rng.random() < 0.1 else 1)
                    value = rng.randrange(0, 200) * 500_000 if rng.random() < 0.7 else None
                items.append(
                    {
                        "help_uid": uid,
                        "position": position,
                        "kind": kind,
                        "name": name,
                        "quantity": qty,
                        "unit": unit,
                        "value_vnd": value,
                    }
                )
        with ws.engine.begin() as conn:
            conn.execute(insert(m.Help), helps)
            conn.execute(insert(m.HelpSupporter), links)
            conn.execute(insert(m.HelpItem), items)
    return path


def timed(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--help-records", type=int, default=100_000)
    parser.add_argument("--items-per-record", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = build(Path(tmp), args.help_records, args.items_per_record)
        print(
            f"built {args.help_records:,} help records, {args.help_records * args.items_per_record:,} item "
            f"lines in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
        )
        with Workspace.open(path) as ws:
            t = ws.help.totals()
            print(f"totals: {t.records:,} records, {len(t.items)} item rows, value {t.value_vnd:,} đồng")
            rows = [
                ("ws.help.totals()", lambda: ws.help.totals()),
                ("ws.help.totals(HelpFilter(year=2023))", lambda: ws.help.totals(HelpFilter(2023))),
                (
                    "ws.help.totals(HelpFilter(supporter=…))",
                    lambda: ws.help.totals(HelpFilter(supporter=ws.supporters.list()[0].uid)),
                ),
                ("ws.help.breakdown('supporter')", lambda: ws.help.breakdown("supporter")),
                ("ws.help.breakdown('criterion')", lambda: ws.help.breakdown("criterion")),
                ("ws.help.breakdown('month')", lambda: ws.help.breakdown("month")),
            ]
            for label, fn in rows:
                print(f"{label:34} {timed(fn, args.runs) * 1000:7.0f} ms (median of {args.runs})")
        env = dict(os.environ, NTM_DATA_DIR=tmp)
        command = [
            sys.executable,
            "-m",
            "ntm_desktop.cli.main",
            "--db",
            str(path),
            "help",
            "totals",
            "--json",
        ]
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)  # warm the OS file cache
        wall = timed(
            lambda: subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL), args.runs
        )
        label = "ntm-desktop help totals --json"
        print(f"{label:34} {wall * 1000:7.0f} ms (fresh process incl. start-up, median of {args.runs})")
        bare = [sys.executable, "-m", "ntm_desktop.cli.main", "--db", str(path), "unit"]
        start_up = timed(
            lambda: subprocess.run(bare, check=True, env=env, stdout=subprocess.DEVNULL), args.runs
        )
        print(f"{'ntm-desktop unit (start-up only)':34} {start_up * 1000:7.0f} ms (the same, for comparison)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
