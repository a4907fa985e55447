"""Sync import at province scale, against a plain bulk insert of the same rows, in the same run, on SQLite
and on PostgreSQL.

* N communes' bundles (each: 5 years of assessments, 500 help records with their item lines, 20
  supporters), signed as the communes would sign them, imported into one receiving workspace with
  ``ws.sync.import_bundles`` (each bundle checked completely and written in one transaction), a tenth
  of the communes at a time;
* the floor: the same rows inserted into an empty store of the same schema, one transaction per
  commune, nothing checked — ``executemany`` on SQLite (same pragmas: WAL, synchronous=FULL, foreign
  keys), ``COPY … FROM STDIN`` on PostgreSQL (a server the bench starts in a temporary folder, as the
  tests do);
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
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engines import ENGINES, Clock, Server, available, postgres_server

from ntm_desktop.criteria.loading import builtin_sets, default_set_id_for_year
from ntm_desktop.db.base import DecimalText
from ntm_desktop.sync.bundle.container import BundleFields, BundleKind, Receiver, write_bundle
from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.sync.keys.pairs import generate_private_key
from ntm_desktop.workspace import Workspace

PROVINCE = "19"
SET = "vn-ntm-xa-2021-2025"
"""The set every assessment is made under (named in a record whose year has another set by default)."""
ITEMS = [
    ("cash", "Tiền mặt", "đồng"),
    ("labour", "Ngày công lao động", "ngày công"),
    ("material", "Xi măng", "tấn"),
    ("gift", "Suất quà", "suất"),
    ("equipment", "Bộ máy tính", "bộ"),
    ("service", "Khám chữa bệnh, cấp thuốc", "lượt người"),
]
VILLAGES = ["Bằng Thành II", "Nà Phầy", "Pác Châm", "Nà Lần", "Khau Cưởm", "Nà Loạn"]
WORKS = [
    "Bê tông hóa đường vào thôn {v}",
    "Xây dựng cổng chào thôn {v}",
    "Lắp đặt đèn chiếu sáng đường quê thôn {v}",
    "Sửa chữa nhà văn hóa thôn {v}",
    "Tặng quà cho học sinh có hoàn cảnh khó khăn thôn {v}",
    "Hỗ trợ xây nhà Đại đoàn kết cho hộ nghèo thôn {v}",
]


def _indicators() -> list[tuple[str, str]]:
    cs = next(c for c in builtin_sets() if c.id == SET)
    return [
        (i.code, i.kind)
        for c in cs.criteria
        for i in c.indicators
        if i.kind in ("percent", "boolean", "number")
    ]


def commune_payload(
    rng: random.Random, code: str, clock: HLC, years: int, helps: int, start: int = 2021
) -> dict[str, Any]:
    """One commune's records in bundle shape: ``years`` of assessments, ``helps`` help records."""

    def rec(body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
            **body,
            "_version": clock.now(),
            "_origin": clock.device_id,
            "_deleted": False,
        }

    supporters = [
        rec({"name": f"Đơn vị hỗ trợ số {n} tỉnh Thái Nguyên", "kind": "agency"}) for n in range(20)
    ]
    assessments = []
    for year in range(start, start + years):
        for indicator, kind in _indicators():
            value: Any = rng.random() < 0.7 if kind == "boolean" else round(rng.uniform(40, 100), 1)
            assessments.append(
                rec(
                    {
                        "year": year,
                        "indicator": indicator,
                        "value": value,
                        "met": rng.random() < 0.7,
                        "note": "Theo số liệu thống kê của xã",
                        "assessed_on": f"{year}-11-20",
                    }
                )
                | ({} if default_set_id_for_year(year) == SET else {"_criteria_set": SET})
            )
    help_records = []
    for _ in range(helps):
        village = rng.choice(VILLAGES)
        items = []
        for kind, name, unit in rng.sample(ITEMS, rng.randint(1, 3)):
            quantity = (
                rng.choice([10, 30, 60, 120]) if kind != "cash" else rng.choice([15_000_000, 40_000_000])
            )
            value_vnd = quantity if kind == "cash" else quantity * 150_000
            items.append(
                {"kind": kind, "name": name, "quantity": quantity, "unit": unit, "value_vnd": value_vnd}
            )
        year = rng.randint(start, start + years - 1)
        help_records.append(
            rec(
                {
                    "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "supporters": [rng.choice(supporters)["id"]],
                    "title": rng.choice(WORKS).format(v=village),
                    "village": village,
                    "criteria": sorted(rng.sample([str(n) for n in range(1, 20)], 2)),
                    "beneficiaries": {"households": rng.randint(5, 200), "persons": rng.randint(20, 900)},
                    "items": items,
                }
            )
        )
    return {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": code, "name": f"Xã số {code}", "province_code": PROVINCE, "region": "TDMNPB"},
        "assessments": assessments,
        "supporters": supporters,
        "help": help_records,
    }


def bundle_stream(
    folder: Path, communes: int, years: int, helps: int
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The communes' signed bundles one after the other (the same ones on every call)."""
    rng = random.Random(2026)
    for n in range(communes):
        code = f"{10000 + n:05d}"
        device = f"{rng.getrandbits(64):016x}"
        millis = [1_700_000_000_000]

        def wall(millis: list[int] = millis) -> int:
            millis[0] += 1000
            return millis[0]

        payload = commune_payload(rng, code, HLC(device, wall=wall), years, helps)
        fields = BundleFields(
            BundleKind.RECORDS,
            code,
            device,
            1,
            1,
            full=True,
            receiver=Receiver(PROVINCE, "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên"),
            created=datetime(2026, 11, 21, 8, 30, tzinfo=UTC),
        )
        yield write_bundle(folder, fields, payload, {}, generate_private_key()), payload


def make_bundles(folder: Path, communes: int, years: int, helps: int) -> list[tuple[Path, dict[str, Any]]]:
    return list(bundle_stream(folder, communes, years, helps))


def receiver_workspace(location: str | Path, clerk: Path | None = None) -> Workspace:
    ws = Workspace.open(location, folder=clerk) if isinstance(location, str) else Workspace.open(location)
    ws.settings.set_role("receiver")
    ws.settings.set("receiver_code", PROVINCE)
    return ws


# ---- the floor: the same rows, straight into SQLite ----------------------------------------------------


def _rows(payload: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows the sync import writes for one commune, as plain tuples (built before timing)."""
    code, now = payload["unit"]["code"], datetime.now(UTC).replace(tzinfo=None)
    dec = DecimalText()
    sup_uid = {s["id"]: str(uuid.uuid4()) for s in payload["supporters"]}
    rows: dict[str, list[tuple[Any, ...]]] = {
        "units": [],
        "supporters": [],
        "assessments": [],
        "help": [],
        "help_items": [],
        "help_supporters": [],
    }
    u = payload["unit"]
    rows["units"].append(
        (
            str(uuid.uuid4()),
            code,
            u["name"],
            "xa",
            PROVINCE,
            u["region"],
            "{}",
            "[]",
            "[]",
            0,
            "{}",
            "",
            now,
            now,
        )
    )
    for s in payload["supporters"]:
        rows["supporters"].append(
            (sup_uid[s["id"]], s["id"], code, s["_version"], s["_origin"], now, now, s["name"], s["kind"], "")
        )
    for a in payload["assessments"]:
        crit = a["indicator"].split(".")[0]
        rows["assessments"].append(
            (
                str(uuid.uuid4()),
                a["id"],
                code,
                a["_version"],
                a["_origin"],
                now,
                now,
                a["year"],
                SET,
                1,
                a["indicator"],
                crit,
                json.dumps(a["value"]),
                a["met"],
                None,
                "",
                a["note"],
                a["assessed_on"],
                "",
            )
        )
    for h in payload["help"]:
        uid = str(uuid.uuid4())
        rows["help"].append(
            (
                uid,
                h["id"],
                code,
                h["_version"],
                h["_origin"],
                now,
                now,
                h["date"],
                h["title"],
                "",
                h["village"],
                json.dumps(h["criteria"]),
                h["beneficiaries"]["households"],
                h["beneficiaries"]["persons"],
                "",
            )
        )
        for pos, it in enumerate(h["items"]):
            rows["help_items"].append(
                (
                    uid,
                    pos,
                    it["kind"],
                    it["name"],
                    dec.process_bind_param(Decimal(it["quantity"]), None),
                    it["unit"],
                    it["value_vnd"],
                )
            )
        rows["help_supporters"].append((uid, sup_uid[h["supporters"][0]], 0))
    return rows


_COLUMNS = {
    "units": "uid, code, name, type, province_code, region, groups, villages, predecessors, is_home, extra, "
    "version, "
    "created_at, updated_at",
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
            for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
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


# ---- a commune-year incremental bundle ------------------------------------------------------------------


def _plain(payload: dict[str, Any]) -> dict[str, Any]:
    """A bundle payload as a records-v1 file: without the sync fields."""
    for name in ("assessments", "supporters", "help"):
        payload[name] = [{k: v for k, v in r.items() if not k.startswith("_")} for r in payload[name]]
    return payload


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
        doc = _plain(commune_payload(rng, "01234", HLC("x0"), 1, 100, start=year))
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
    imported, plain, outcomes = Figures(), Figures(), []
    for n, size in enumerate(tenths(args.communes), 1):
        bundles = list(islice(stream, size))
        rows = [_rows(pl) for _, pl in bundles]
        start = clock.read()
        for commune in rows:
            floor.insert(commune)
        plain.add(clock.since(start), size)
        start = clock.read()
        outcomes += ws.sync.import_bundles([p for p, _ in bundles], trust_on_first_use=True).outcomes
        imported.add(clock.since(start), size)
        per, floor_per = imported.per_commune(-1), plain.per_commune(-1)
        print(
            f"  tenth {n}: {per:.0f} ms CPU per commune, plain insert {floor_per:.0f} ms "
            f"[{imported.wall[-1]:.0f} s]",
            flush=True,
        )
        for path, _ in bundles:
            path.unlink()
    floor.close()
    ws.close()
    assert all(o.status == "imported" for o in outcomes), [o.message for o in outcomes][:3]
    report(engine, args.communes, imported, plain)


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
        records = args.communes * (len(_indicators()) * args.years + 20 + args.help_records)
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
