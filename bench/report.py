"""How fast is the commune's annual report? Targets: unsigned under 0,5 s; signing adds under 0,2 s.

Builds a commune with 5 years of results (2021–2025, every indicator of the 2021–2025 set) and 1,000 help
records from 40 supporters, all in the report year (the worst case: every record counts in the tables),
through the ordinary services. Then times, over several runs after one warm-up (the first run also loads
the fonts and is shown apart):

- gathering the figures (``build_document``: database reads),
- laying out the PDF (``render_document``),
- the whole unsigned report (``make_report``),
- the extra for signing with a .p12 key (open the key, sign, write).

    python bench/report.py [--help-records 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from ntm_desktop.core.units import Officer, UnitProfile
from ntm_desktop.criteria.loading import builtin_sets
from ntm_desktop.reports import (
    CommuneReport,
    FileKey,
    build_document,
    make_report,
    render_document,
    sign_made,
)
from ntm_desktop.services.ledger import HelpDraft, ItemDraft, SupporterDraft
from ntm_desktop.signing import create_certificate
from ntm_desktop.workspace import Workspace

YEARS = range(2021, 2026)
PASSPHRASE = "mat-khau-bench"
ITEMS = [
    ("labour", "Ngày công", "ngày công", 300_000),
    ("material", "Xi măng", "tấn", 1_700_000),
    ("material", "Cát", "m³", 350_000),
    ("gift", "Suất quà", "suất", 500_000),
    ("equipment", "Bộ bàn ghế", "bộ", 2_000_000),
    ("goods", "Sách vở", "cuốn", 20_000),
    ("service", "Khám chữa bệnh", "lượt người", 200_000),
    ("works", "Đường bê tông", "m", 1_000_000),
]


def _results(ws: Workspace, rng: random.Random) -> None:
    cs = next(s for s in builtin_sets() if s.id == "vn-ntm-xa-2021-2025")
    for n, year in enumerate(YEARS):
        for ind in cs.indicators():
            met = rng.random() < 0.45 + 0.12 * n
            if ind.kind == "percent":
                value: object = Decimal(rng.randrange(50, 100))
            elif ind.kind == "number":
                value = Decimal(rng.randrange(20, 60))
            elif ind.kind == "boolean":
                value = met
            else:
                value = "Mức độ 2" if met else "Mức độ 1"
            ws.progress.record(year, indicator=ind.code, value=value, met=met)


def _help(ws: Workspace, rng: random.Random, records: int, year: int) -> None:
    supporters = [ws.supporters.add(SupporterDraft(f"Đơn vị hỗ trợ số {i}")).ids[0] for i in range(40)]
    start = date(year, 1, 1)
    for n in range(records):
        items = [ItemDraft("cash", Decimal(rng.randrange(1, 200) * 100_000))]
        for kind, name, unit, price in rng.sample(ITEMS, 2):
            quantity = rng.randrange(1, 50)
            items.append(ItemDraft(kind, Decimal(quantity), unit, name, quantity * price))
        draft = HelpDraft(
            start + timedelta(days=rng.randrange(365)),
            f"Hỗ trợ xây dựng nông thôn mới số {n + 1}",
            tuple(rng.sample(supporters, rng.choice((1, 1, 2)))),
            tuple(items),
            criteria=(str(rng.randrange(1, 20)),),
        )
        ws.help.add(draft)


def build(folder: Path, records: int, seed: int = 11) -> Path:
    rng = random.Random(seed)
    path = folder / "bench.sqlite"
    with Workspace.open(path) as ws:
        ws.unit.setup(
            UnitProfile(
                code="01234",
                name="Xã Thử Tải",
                province_code="19",
                region="TDMNPB",
                officers=(Officer("Nguyễn Văn A", "Chủ tịch UBND xã", "TM", True),),
            )
        )
        _results(ws, rng)
        _help(ws, rng, records, YEARS[-1])
    return path


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, list[float]]:
    """(first run, median of the next ``runs``, all of them) in seconds."""
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times[0], statistics.median(times[1:]), times


def line(what: str, median: float, first: float, target: float | None = None) -> None:
    text = f"{what + ':':27} median {median * 1000:5.0f} ms   (first run {first * 1000:.0f} ms)"
    if target is not None:
        text += f"   target < {target * 1000:.0f} ms: {'OK' if median < target else 'MISSED'}"
    print(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--help-records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ntm-bench-report-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        path = build(folder, args.help_records)
        print(
            f"built: 5 years of results, {args.help_records} help records ({time.perf_counter() - t0:.1f} s)"
        )
        key = folder / "key.p12"
        create_certificate("Nguyễn Văn A", "Chủ tịch UBND xã", "UBND xã Thử Tải", key, PASSPHRASE)
        request = CommuneReport(year=YEARS[-1], number=15)
        with Workspace.open(path) as ws:
            doc = build_document(ws, request)
            first_gather, gather, _ = timed(lambda: build_document(ws, request), args.runs)
            first_render, render, _ = timed(lambda: render_document(doc, folder / "r.pdf"), args.runs)
            first_all, unsigned, _ = timed(lambda: make_report(ws, request, folder / "u.pdf"), args.runs)
            made = make_report(ws, request, folder / "u.pdf")
            first_sign, sign, _ = timed(
                lambda: sign_made(made, folder / "s.pdf", FileKey(key, PASSPHRASE)), args.runs
            )
        print(f"pages: {made.pages}")
        line("gather figures (database)", gather, first_gather)
        line("lay out the PDF", render, first_render)
        line("unsigned report, total", unsigned, first_all, 0.5)
        line("extra for signing (.p12)", sign, first_sign, 0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
