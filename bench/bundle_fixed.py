"""What a bundle costs the receiver besides its records, and whether that grows with the store, on SQLite
and on PostgreSQL, against a plain insert of the same rows in the same run.

Each commune sends one minimal bundle: its unit, one supporter, one help record and one assessment, so
nearly all of its import is the part every bundle pays whatever it holds — reading and verifying the
signed container, the signer's key and the address, the duplicate check, the commune's row, the local
state, the receiver's check of approved years, logging the bundle, keeping its signed file, the commit.
The communes' bundles are imported a tenth at a time (``ws.sync.import_bundles``, each bundle in its
own transaction, first-use trust as in ``sync_import.py``; five communes' bundles before, untimed, so
the first tenth does not pay for the first read of the criteria set); beside each tenth, the same rows
go into an empty store of the same schema, one transaction per commune (``executemany`` on SQLite,
``COPY`` on PostgreSQL: bench/sync_import.py's floor).

Prints, per engine: CPU milliseconds per bundle (this process's, plus the server's on PostgreSQL),
the ratio to the plain insert, the statements one bundle sends through SQLAlchemy, and the cost per
bundle of the last tenth of the communes against the first (target: within 30 %), for the import and
for the plain insert.

    python bench/bundle_fixed.py [--engine sqlite|postgresql|both] [--communes 1000] [--prefill 0]
    python bench/bundle_fixed.py --engine postgresql --communes 1000 --prefill 3321

``--prefill N`` first puts N other communes' records (5 years, 20 help records each) into the receiver's
store, untimed, so the bundles meet a store of national size (3,321 communes: 1.06 million records).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines import ENGINES, Clock, Server, available, postgres_server
from sqlalchemy import event
from sync_data import commune_payload, receiver_workspace, rows, signed_bundle
from sync_import import Figures, Floor, locations, tenths

from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.workspace import Workspace


def minimal(payload: dict[str, Any]) -> dict[str, Any]:
    """One supporter, one help record (naming it) and one assessment of a commune's records."""
    helped = payload["help"][:1]
    named = set(helped[0]["supporters"])
    payload["supporters"] = [s for s in payload["supporters"] if s["id"] in named]
    payload["help"], payload["assessments"] = helped, payload["assessments"][:1]
    return payload


def bundles(folder: Path, communes: int) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The communes' minimal signed bundles, one after the other (the same on every run)."""
    rng = random.Random(2027)
    for n in range(communes):
        code = f"{20000 + n:05d}"
        device = f"{rng.getrandbits(64):016x}"
        payload = minimal(commune_payload(rng, code, HLC(device), 1, 1))
        yield signed_bundle(folder, code, device, payload), payload


_WARM = 5
"""Bundles imported before the timing starts (not counted)."""


class Statements:
    """Statements sent through SQLAlchemy's engine (the bulk rows go to the driver straight)."""

    def __init__(self, ws: Workspace) -> None:
        self.count = 0
        event.listen(ws.sync.context.db.engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


def prefill(location: str | Path, communes: int) -> None:
    """The records of ``communes`` other communes (5 years of assessments, 20 help records and 20
    supporters each) put straight into the receiver's store, untimed, as the floor puts them: the store
    a province or the national office holds after a while."""
    if not communes:
        return
    store, rng = Floor(location), random.Random(1)
    for n in range(communes):
        store.insert(rows(commune_payload(rng, f"{40000 + n:05d}", HLC(f"{n:016x}"), 5, 20)))
    store.conn.execute("ANALYZE")
    store.close()
    print(f"  the receiver's store holds {communes} other communes' records", flush=True)


def run(engine: str, root: Path, communes: int, server: Server | None, others: int = 0) -> None:
    clock = Clock(server)
    floor_at, receiver_at = locations(engine, root, server)
    floor = Floor(floor_at)
    ws = receiver_workspace(receiver_at, root / f"clerk-{engine}")
    prefill(receiver_at, others)
    usb = root / f"usb-{engine}"
    usb.mkdir()
    stream = bundles(usb, communes + _WARM)
    warm = [path for path, _ in islice(stream, _WARM)]  # the first criteria set read and parsed, …
    ws.sync.import_bundles(warm, trust_on_first_use=True)
    statements = Statements(ws)
    imported, inserted, outcomes, sent = Figures(), Figures(), [], 0
    for n, size in enumerate(tenths(communes), 1):
        made = list(islice(stream, size))
        commune_rows = [rows(payload) for _, payload in made]
        start = clock.read()
        for commune in commune_rows:
            floor.insert(commune)
        inserted.add(clock.since(start), size)
        before, start = statements.count, clock.read()
        outcomes += ws.sync.import_bundles([p for p, _ in made], trust_on_first_use=True).outcomes
        imported.add(clock.since(start), size)
        sent += statements.count - before
        print(
            f"  tenth {n}: {imported.per_commune(-1):.1f} ms CPU per bundle, plain insert "
            f"{inserted.per_commune(-1):.1f} ms [{imported.wall[-1]:.0f} s]",
            flush=True,
        )
        for path, _ in made:
            path.unlink()
    floor.close()
    ws.close()
    assert all(o.status == "imported" for o in outcomes), [o.message for o in outcomes][:3]
    report(engine, communes, imported, inserted, sent / communes)


def report(engine: str, communes: int, imported: Figures, plain: Figures, statements: float) -> None:
    how = "executemany" if engine == "sqlite" else "COPY"
    whose = "this process" if engine == "sqlite" else "this process + the PostgreSQL server's processes"
    print(f"\n== {engine}: CPU of {whose}; wall in brackets (shared machine: indicative only)")
    cpu, wall, floor_cpu, floor_wall = (sum(x) for x in (imported.cpu, imported.wall, plain.cpu, plain.wall))
    print(f"import of a minimal bundle: {cpu / communes * 1000:6.1f} ms CPU per bundle [{wall:.1f} s in all]")
    print(
        f"plain insert ({how}):  {floor_cpu / communes * 1000:6.1f} ms CPU per commune [{floor_wall:.1f} s]"
    )
    print(f"ratio: {cpu / floor_cpu:.1f}x CPU [wall {wall / floor_wall:.1f}x]")
    print(f"statements per bundle through SQLAlchemy: {statements:.1f}")
    for label, f in (("import", imported), ("plain insert", plain)):
        first, last = f.per_commune(0), f.per_commune(-1)
        print(
            f"{label}, per bundle, first tenth vs last tenth: {first:.1f} ms vs {last:.1f} ms CPU "
            f"({(last / first - 1) * 100:+.0f} %; target within +30 %)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    parser.add_argument("--communes", type=int, default=1000)
    parser.add_argument(
        "--prefill", type=int, default=0, help="other communes' records in the store before (untimed)"
    )
    args = parser.parse_args()
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    for engine in engines:
        why = available(engine)
        if why:
            sys.exit(f"{engine}: {why}")
    root = Path(tempfile.mkdtemp(prefix="ntm-bench-fixed-"))
    try:
        print(
            f"{args.communes} communes, one minimal bundle each (a supporter, a help record, an assessment)"
        )
        for engine in engines:
            if engine == "sqlite":
                run(engine, root, args.communes, None, args.prefill)
            else:
                with postgres_server() as server:
                    print("(PostgreSQL as the tests start it: a temporary cluster, without fsync)")
                    run(engine, root, args.communes, server, args.prefill)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
