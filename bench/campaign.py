"""Hostile-input campaign (issue #9): malformed bundles, records files and Excel files, SIGKILL during
imports and exports, and random import orders, against a commune and its province office.

Every input is drawn from a seeded generator, so a run is repeated exactly; a case that fails is printed
with its family and number (replay it with the same ``--seed``), and kept as a fixture in
``tests/fixtures/hostile/`` once fixed. Prints, per family and in total:

* tried, refused cleanly (a message, nothing changed), accepted (and then used: lists, summary, Excel);
* unexpected errors (anything but a clear refusal; must be 0), preview ≠ import (must be 0);
* partial writes (a refusal or a kill that left part of its data; must be 0);
* files outside their folder (must be 0), formula cells holding user text in any export (must be 0).

    python bench/campaign.py [--seed 9] [--bundles 2000] [--records 600] [--excel 300] [--kills 24]
                             [--orders 12]

Exits 1 when a must-be-zero figure is not zero. ``tests/test_campaign.py`` runs it on a small budget.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hostile_checks import Tally
from bench.hostile_families import bundles, excel, kills, orders, records
from bench.hostile_world import build


def run(seed: int, budget: dict[str, int], root: Path) -> Tally:
    tally = Tally()
    world = build(root)
    started = time.monotonic()
    for name, family in (("bundles", bundles), ("records", records), ("excel", excel)):
        if budget.get(name):
            family(world, tally, seed, budget[name])
    if budget.get("kills"):
        kills(world, tally, seed, budget["kills"])
    if budget.get("orders"):
        orders(world, tally, seed, budget["orders"])
    tally.check_outside(root)
    tally.seconds = time.monotonic() - started
    world.commune.close()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=9)
    for name, default in (("bundles", 2000), ("records", 600), ("excel", 300), ("kills", 24), ("orders", 12)):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args(argv)
    budget = {k: getattr(args, k) for k in ("bundles", "records", "excel", "kills", "orders")}
    with tempfile.TemporaryDirectory(prefix="ntm-campaign-") as tmp:
        tally = run(args.seed, budget, Path(tmp))
    print(tally.report(args.seed))
    return 0 if tally.clean else 1


if __name__ == "__main__":
    sys.exit(main())
