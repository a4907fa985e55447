"""The receiver at national scale: a receiving workspace holding all 3,321 commune-level units, each with
5 years (2021–2025) of every indicator of the 2021–2025 set, help records with item lines, seconded
cadres, received bundles, and sign-off states. Targets: ``ws.receiver.units(year)`` under 2 s;
``help_totals(year)`` and ``summary(year)`` under 2 s.

Rows are written with bulk ``executemany`` into a migrated data file in a temporary folder (this
measures reading, not importing), then the receiver's calls are timed on the opened workspace.

    python bench/receiver_scale.py [--units 3321] [--years 5] [--help-records 4] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntm_desktop.criteria.loading import builtin_sets
from ntm_desktop.workspace import Workspace

SET_ID = "vn-ntm-xa-2021-2025"
NOW = "2026-01-05 08:00:00.000000"
KINDS = [
    ("cash", "Tiền mặt", "đồng"),
    ("labour", "Ngày công", "ngày công"),
    ("material", "Xi măng", "tấn"),
    ("gift", "Suất quà", "suất"),
    ("equipment", "Bộ máy tính", "bộ"),
    ("goods", "Bộ quần áo, chăn", "bộ"),
    ("service", "Khám chữa bệnh", "lượt người"),
    ("works", "Đường bê tông", "m"),
]
RECORD = "uid record_id unit_code version origin created_at updated_at deleted_at"
"""The columns every synced record's table starts with."""
COLUMNS = {
    "units": "uid code name type province_code groups villages predecessors is_home extra version created_at "
    "updated_at",
    "assessments": f"{RECORD} year set_id set_revision indicator criterion value met met_auto basis "
    "note assessed_on assessed_by",
    "supporters": f"{RECORD} name kind parent",
    "help": f"{RECORD} date title description village criteria funding_source",
    "help_supporters": "help_uid supporter_uid position",
    "help_items": "help_uid position kind name quantity unit value_vnd",
    "cadres": f"{RECORD} name position start end note",
    "sync_bundles": "direction bundle_id kind origin_unit_code device_id sequence receiver_code full created "
    "logged_at counts changes file_name size fingerprint result actor kept_sha256",
    "receiver_signoffs": "unit_code year status reason correction_uid changed_at changed_by",
}
"""The columns each table is written with, in the order of the bench's rows."""


def _insert(conn: sqlite3.Connection, table: str, rows: Iterator[tuple[Any, ...]]) -> int:
    columns = COLUMNS[table].split()
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    n, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == 20_000:
            conn.executemany(sql, batch)
            n, batch = n + len(batch), []
    conn.executemany(sql, batch)
    return n + len(batch)


def _rec(uid: str, code: str) -> tuple[Any, ...]:
    return (uid, uid, code, "0001736064000000.0000.bench", "bench", NOW, NOW, None)


@dataclass
class Plan:
    """What is built: the communes, the years, and each commune's level of progress in the first year (it
    improves by about one criterion a year)."""

    rng: random.Random
    codes: list[str]
    years: range
    helps: int
    level: dict[str, int]


def build(folder: Path, units: int, years: int, helps: int, seed: int = 7) -> Path:
    path = folder / "receiver.sqlite"
    with Workspace.open(path) as ws:
        ws.receiver.configure(level="province", code="19", signer_name="Người Ký")
    rng = random.Random(seed)
    codes = [f"{n:05d}" for n in range(1, units + 1)]
    plan = Plan(rng, codes, range(2026 - years, 2026), helps, {code: rng.randint(5, 17) for code in codes})
    conn = sqlite3.connect(path)
    with conn:
        write = partial(_insert, conn)
        write("units", ((f"u{c}", c, f"Xã Thử {c}", "xa", "19", "{}", "[]", "[]", 0, "{}", "", NOW, NOW)
                        for c in codes))  # fmt: skip
        n_assess = write("assessments", _assessments(plan))
        supporters = {c: [f"s{c}{k}" for k in range(5)] for c in codes}
        write("supporters", ((*_rec(uid, c), f"Đơn vị hỗ trợ {rng.randrange(400)}", "agency", "")
                             for c in codes for uid in supporters[c]))  # fmt: skip
        help_rows, links, items = _help(plan, supporters)
        n_help = write("help", iter(help_rows))
        write("help_supporters", iter(links))
        n_items = write("help_items", iter(items))
        write("cadres", ((*_rec(f"c{c}", c), f"Cán bộ {c}", "Chuyên viên", f"{2026 - 2}-03-01", None, "")
                         for c in codes[::10]))  # fmt: skip
        write("sync_bundles", _bundles(plan))
        states = ("reviewed", "approved", "returned")
        write("receiver_signoffs", ((c, 2025, states[n % 3], "", "", NOW, "bench")
                                    for n, c in enumerate(codes[: units // 2])))  # fmt: skip
    conn.close()
    print(
        f"built {units:,} units × {years} years: {n_assess:,} assessments, {n_help:,} help records, "
        f"{n_items:,} item lines ({path.stat().st_size / 1e6:.0f} MB)"
    )
    return path


def _assessments(plan: Plan) -> Iterator[tuple[Any, ...]]:
    cs = next(s for s in builtin_sets() if s.id == SET_ID)
    indicators = [(c.code, i.code) for c in cs.criteria for i in c.indicators]
    first = plan.years.start
    for code in plan.codes:
        for year in plan.years:
            met_criteria = plan.level[code] + (year - first)
            for crit, ind in indicators:
                met = int(crit) <= met_criteria or plan.rng.random() < 0.05
                yield (*_rec(f"a{code}{year}{ind}", code), year, SET_ID, 1, ind, crit, None, int(met), None,
                       "", "", f"{year}-12-15", "")  # fmt: skip


Rows = list[tuple[Any, ...]]


def _help(plan: Plan, supporters: dict[str, list[str]]) -> tuple[Rows, Rows, Rows]:
    """Help records, their supporters and two item lines each."""
    rng, help_rows, links, items = plan.rng, [], [], []
    for code in plan.codes:
        for year in plan.years:
            for k in range(plan.helps):
                uid = f"h{code}{year}{k}"
                day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                criteria = json.dumps([str(rng.randint(1, 19))])
                help_rows.append((*_rec(uid, code), day, f"Hỗ trợ {k}", "", "", criteria, ""))
                links.append((uid, rng.choice(supporters[code]), 0))
                for pos in range(2):
                    kind, name, unit = rng.choice(KINDS)
                    qty = rng.randrange(1, 500) * (100_000 if kind == "cash" else 1)
                    value = qty if kind == "cash" else rng.randrange(0, 100) * 1_000_000
                    items.append((uid, pos, kind, name, str(qty), unit, value))
    return help_rows, links, items


def _bundles(plan: Plan) -> Iterator[tuple[Any, ...]]:
    """One received bundle a commune and year."""
    first = plan.years.start
    for c in plan.codes:
        for y in plan.years:
            created = f"{y + 1}-01-10 08:00:00.000000"
            yield ("received", f"b{c}{y}", "records", c, f"d{c}", y - first + 1, "19", 0, created, NOW,
                   "{}", "{}", "", 0, "", "imported", "bench", "")  # fmt: skip


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--help-records", type=int, default=4, help="help records per commune and year")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = build(Path(tmp), args.units, args.years, args.help_records)
        print(f"(built in {time.perf_counter() - started:.0f} s)")
        with Workspace.open(path) as ws:
            r = ws.receiver
            checks: list[tuple[str, Callable[[], object], float | None]] = [
                ("ws.receiver.units(2025)", lambda: r.units(2025), 2.0),
                ("ws.receiver.help_totals(2025)", lambda: r.help_totals(2025), 2.0),
                ("ws.receiver.summary(2025)", lambda: r.summary(2025), 2.0),
                ("ws.receiver.by_supporter(2025)", lambda: r.by_supporter(2025), None),
                ("ws.receiver.by_unit(2025)", lambda: r.by_unit(2025), None),
                ("ws.receiver.criteria_distribution(2025)", lambda: r.criteria_distribution(2025), None),
                (
                    "ws.receiver.commune(middle).progress_summary(2025)",
                    lambda: r.commune(f"{args.units // 2:05d}").progress_summary(2025),
                    None,
                ),
            ]
            for label, fn, target in checks:
                seconds, result = timed(fn, args.runs)
                verdict = "" if target is None else ("  OK" if seconds < target else f"  OVER {target:.0f} s")
                print(f"{label:52} {seconds * 1000:7.0f} ms (median of {args.runs}){verdict}")
                if label.endswith("units(2025)"):
                    rows = result if isinstance(result, list) else []
                    shown = sum(1 for x in rows if x.criteria_met is not None)
                    print(f"{'':52} {len(rows):,} rows, {shown:,} with criteria")
            totals = r.help_totals(2025)
            print(f"help 2025: {totals.records:,} records, value {totals.value_vnd:,} đồng")
    return 0


if __name__ == "__main__":
    sys.exit(main())
