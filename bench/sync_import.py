"""Sync import at province scale, against a plain bulk insert of the same rows, in the same run, on SQLite
and on PostgreSQL.

* N communes' bundles (each: 5 years of assessments, 500 help records with their item lines, 20
  supporters), signed as the communes would sign them, imported into one receiving workspace with
  ``ws.sync.import_bundles`` (each bundle checked completely and written in one transaction), a tenth
  of the communes at a time;
* the floor: the same rows inserted into an empty store of the same schema, one transaction per
  commune, nothing checked (the very rows: the run ends by comparing a commune's rows in both stores,
  uids and times aside) — ``executemany`` on SQLite (same pragmas: WAL, synchronous=FULL, foreign
  keys, the page cache's size), ``COPY … FROM STDIN`` on PostgreSQL (a server the bench starts in a
  temporary folder, as the tests do);
* the size of a typical commune-year incremental bundle (60 assessments, 100 help records) made by a
  commune workspace after the receiver's receipt confirmed the year before.

The machine is shared, so the figures are CPU seconds (on PostgreSQL this process's plus the server's
processes', see ``bench/engines.py``), wall seconds in brackets. Prints, per engine, the ratio to the
floor (target <= 2x) and the cost per commune of the last tenth of the communes against the first
tenth (target: within 30 %), for the import and, for comparison, for the floor.

    python bench/sync_import.py [--engine sqlite|postgresql|both] [--communes 200] [--help-records 500]
        [--years 5] [--no-year-bundle]
    python bench/sync_import.py --engine postgresql --communes 3321 --help-records 20 --no-year-bundle
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines import ENGINES, Clock, Server, available, postgres_server
from sync_data import (
    PROVINCE,
    bundle_stream,
    commune_payload,
    indicators,
    make_bundles,
    plain,
    receiver_workspace,
    rows,
)

from ntm_desktop.db.engine import CACHE_KIB
from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.workspace import Workspace

__all__ = ["make_bundles", "receiver_workspace"]  # what profiling scripts take from here

# ---- the floor: the same rows, straight into the store -------------------------------------------------

_COLUMNS = {
    "units": "uid, code, name, type, province_code, province_name, receiving_unit_name, "
    "receiving_unit_level, region, groups, villages, predecessors, is_home, extra, version, created_at, "
    "updated_at",
    "supporters": "uid, record_id, unit_code, version, origin, created_at, updated_at, name, kind, parent",
    "assessments": "uid, record_id, unit_code, version, origin, created_at, updated_at, year, set_id, "
    "set_revision, indicator, criterion, value, met, met_auto, basis, note, assessed_on, assessed_by",
    "help": "uid, record_id, unit_code, version, origin, created_at, updated_at, date, title, description, "
    "village, criteria, households, persons, funding_source",
    "help_items": "help_uid, position, kind, name, quantity, unit, value_vnd",
    "help_supporters": "help_uid, supporter_uid, position",
}
_SQL = {
    table: f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * (columns.count(',') + 1))})"
    for table, columns in _COLUMNS.items()
}


class Floor:
    """The floor: one commune's rows inserted in one transaction, nothing checked, nothing merged —
    ``executemany`` per table on SQLite (the app's pragmas), ``COPY … FROM STDIN`` on PostgreSQL."""

    def __init__(self, location: str | Path) -> None:
        self.sqlite = not isinstance(location, str)
        if self.sqlite:
            self.conn: Any = sqlite3.connect(location, isolation_level=None)
            for pragma in (
                "foreign_keys=ON",
                "journal_mode=WAL",
                "synchronous=FULL",
                f"cache_size=-{CACHE_KIB}",
            ):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            import psycopg

            self.conn = psycopg.connect(str(location).replace("postgresql+psycopg", "postgresql"))
            self.conn.autocommit = True

    def insert(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        if self.sqlite:
            self.conn.execute("BEGIN")
            for table in TABLES:
                self.conn.executemany(_SQL[table], rows[table])
            self.conn.execute("COMMIT")
            return
        with self.conn.transaction(), self.conn.cursor() as cur:
            for table in TABLES:
                with cur.copy(f"COPY {table} ({_COLUMNS[table]}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)

    def close(self) -> None:
        self.conn.close()


TABLES = ("units", "supporters", "assessments", "help", "help_items", "help_supporters")

_CONTENT = {
    "units": "SELECT code, name, type, province_code, province_name, receiving_unit_name, "
    "receiving_unit_level, region, groups, villages, predecessors, is_home, extra, length(version) "
    "FROM units WHERE code = {p}",
    "supporters": "SELECT record_id, version, origin, name, kind, parent FROM supporters "
    "WHERE unit_code = {p} ORDER BY record_id",
    "assessments": "SELECT record_id, version, origin, year, set_id, set_revision, indicator, criterion, "
    "value, met, met_auto, basis, note, assessed_on, assessed_by FROM assessments WHERE unit_code = {p} "
    "ORDER BY record_id",
    "help": "SELECT record_id, version, origin, date, title, description, village, criteria, households, "
    "persons, funding_source FROM help WHERE unit_code = {p} ORDER BY record_id",
    "help_items": "SELECT h.record_id, i.position, i.kind, i.name, i.quantity, i.unit, i.value_vnd "
    "FROM help_items i JOIN help h ON h.uid = i.help_uid WHERE h.unit_code = {p} ORDER BY 1, 2",
    "help_supporters": "SELECT h.record_id, s.record_id, l.position FROM help_supporters l "
    "JOIN help h ON h.uid = l.help_uid JOIN supporters s ON s.uid = l.supporter_uid "
    "WHERE h.unit_code = {p} ORDER BY 1, 3",
}
"""What a commune's rows say (uids and times aside: each store makes its own), to hold the floor to the
very rows the import writes."""


def same_rows(floor: Floor, receiver_at: str | Path, code: str) -> int:
    """The commune ``code``'s rows in the floor's store and in the receiving workspace's, compared table
    by table (AssertionError naming the first that differs); how many rows were compared."""
    if floor.sqlite:
        theirs: Any = sqlite3.connect(receiver_at)
        mark = "?"
    else:
        import psycopg

        theirs = psycopg.connect(str(receiver_at).replace("postgresql+psycopg", "postgresql"))
        mark = "%s"
    compared = 0
    try:
        for table, query in _CONTENT.items():
            sql = query.format(p=mark)
            mine, found = (list(c.execute(sql, (code,)).fetchall()) for c in (floor.conn, theirs))
            assert mine == found, f"{table}: the floor writes {mine[:1]}, the import {found[:1]}"
            compared += len(found)
    finally:
        theirs.close()
    return compared


def year_bundle_size(folder: Path) -> int:
    """A commune whose 2024 was confirmed by a receipt; the size of its bundle of 2025's records."""
    from ntm_desktop.core.units import UnitProfile

    commune = Workspace.open(folder / "commune" / "ntm.sqlite")
    commune.unit.setup(
        UnitProfile(code="01234", name="Xã Bằng Thành", province_code=PROVINCE, region="TDMNPB")
    )
    province = receiver_workspace(folder / "year-province" / "ntm.sqlite")
    usb = folder / "usb-year"
    usb.mkdir()
    rng = random.Random(7)
    supporters: list[dict[str, Any]] = []
    for year in (2024, 2025):
        doc = plain(commune_payload(rng, "01234", HLC("x0"), 1, 100, start=year))
        supporters = supporters or doc["supporters"][:10]  # the same supporters help year after year
        doc["supporters"] = supporters
        for record in doc["help"]:
            record["supporters"] = [rng.choice(supporters)["id"]]
        commune.records.import_data(doc)
        bundle = commune.sync.export(usb)
        if year == 2024:
            province.sync.import_bundles([bundle.path], trust_on_first_use=True)
            [receipt] = province.sync.export_receipt(usb)
            commune.sync.import_receipt(receipt.path, trust_on_first_use=True)
    commune.close()
    province.close()
    return bundle.size


@dataclass
class Figures:
    """CPU and wall seconds per tenth of the communes, in import order."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)

    def add(self, spent: tuple[float, float], communes: int) -> None:
        self.cpu.append(spent[0])
        self.wall.append(spent[1])
        self.sizes.append(communes)

    def per_commune(self, part: int) -> float:
        """CPU milliseconds per commune in one tenth."""
        return self.cpu[part] / self.sizes[part] * 1000


def tenths(count: int) -> list[int]:
    """How many communes each tenth holds (ten parts, their sizes at most one apart)."""
    parts = min(10, count)
    return [count // parts + (1 if i < count % parts else 0) for i in range(parts)]


def locations(engine: str, root: Path, server: Server | None) -> tuple[str | Path, str | Path]:
    """An empty migrated store for the floor, and a receiving workspace's place."""
    if engine == "sqlite":
        empty = root / f"floor-{engine}" / "ntm.sqlite"
        Workspace.open(empty).close()  # the same schema, migrated, empty
        return empty, root / "province" / "ntm.sqlite"
    assert server is not None
    return server.new_database(), server.new_database()


def run(engine: str, root: Path, args: argparse.Namespace, server: Server | None) -> None:
    """A tenth of the communes at a time: their bundles made (not timed), their rows inserted into the
    floor's store, then their bundles imported; bundles and rows are dropped after each tenth, so a run
    of all 3,321 communes holds one tenth in memory."""
    clock = Clock(server)
    floor_at, receiver_at = locations(engine, root, server)
    floor = Floor(floor_at)
    ws = receiver_workspace(receiver_at, root / f"clerk-{engine}")
    usb = root / f"usb-{engine}"
    usb.mkdir()
    stream = bundle_stream(usb, args.communes, args.years, args.help_records)
    imported, inserted, outcomes = Figures(), Figures(), []
    first = ""
    for n, size in enumerate(tenths(args.communes), 1):
        bundles = list(islice(stream, size))
        first = first or bundles[0][1]["unit"]["code"]
        commune_rows = [rows(pl) for _, pl in bundles]
        start = clock.read()
        for commune in commune_rows:
            floor.insert(commune)
        inserted.add(clock.since(start), size)
        start = clock.read()
        outcomes += ws.sync.import_bundles([p for p, _ in bundles], trust_on_first_use=True).outcomes
        imported.add(clock.since(start), size)
        per, floor_per = imported.per_commune(-1), inserted.per_commune(-1)
        print(
            f"  tenth {n}: {per:.0f} ms CPU per commune, plain insert {floor_per:.0f} ms "
            f"[{imported.wall[-1]:.0f} s]",
            flush=True,
        )
        for path, _ in bundles:
            path.unlink()
    ws.close()
    assert all(o.status == "imported" for o in outcomes), [o.message for o in outcomes][:3]
    compared = same_rows(floor, receiver_at, first)
    floor.close()
    report(engine, args.communes, imported, inserted)
    print(
        f"(the floor's rows are the import's: commune {first}'s {compared} rows compared, uids, times aside)"
    )


def report(engine: str, communes: int, imported: Figures, plain: Figures) -> None:
    how = "executemany" if engine == "sqlite" else "COPY"
    whose = "this process" if engine == "sqlite" else "this process + the PostgreSQL server's processes"
    print(f"\n== {engine}: CPU seconds of {whose}; wall in brackets (shared machine: indicative only)")
    cpu, wall, floor_cpu, floor_wall = (sum(x) for x in (imported.cpu, imported.wall, plain.cpu, plain.wall))
    print(
        f"sync import:          {cpu:7.1f} s CPU ({cpu / communes * 1000:.0f} ms per commune) [{wall:.1f} s]"
    )
    print(f"plain insert ({how}): {floor_cpu:7.1f} s CPU [{floor_wall:.1f} s]")
    print(f"ratio: {cpu / floor_cpu:.2f}x CPU (target <= 2x) [wall {wall / floor_wall:.2f}x]")
    for label, f in (("sync import", imported), ("plain insert", plain)):
        first, last = f.per_commune(0), f.per_commune(-1)
        print(
            f"{label}, per commune, first tenth vs last tenth: {first:.0f} ms vs {last:.0f} ms CPU "
            f"({(last / first - 1) * 100:+.0f} %; target within +30 %)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--help-records", type=int, default=500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--no-year-bundle", action="store_true", help="skip the incremental bundle size")
    args = parser.parse_args()
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    for engine in engines:
        why = available(engine)
        if why:
            sys.exit(f"{engine}: {why}")
    root = Path(tempfile.mkdtemp(prefix="ntm-bench-sync-"))
    try:
        records = args.communes * (len(indicators()) * args.years + 20 + args.help_records)
        print(
            f"{args.communes} communes' bundles ({args.years} years of assessments, {args.help_records} help "
            f"records and 20 supporters each: {records} records), made a tenth at a time"
        )
        for engine in engines:
            if engine == "sqlite":
                run(engine, root, args, None)
            else:
                with postgres_server() as server:
                    print("(PostgreSQL as the tests start it: a temporary cluster, without fsync)")
                    run(engine, root, args, server)
        if "sqlite" in engines and not args.no_year_bundle:
            size = year_bundle_size(root)
            print(f"\ncommune-year incremental bundle: {size / 1024:.1f} KB (target < 50 KB)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
