"""Sync import at province scale, against a plain bulk insert of the same rows, in the same run.

* 200 communes' bundles (each: 5 years of assessments, 500 help records with their item lines, 20
  supporters), signed as the communes would sign them, imported into one receiving workspace with
  ``ws.sync.import_bundles`` (each bundle checked completely and written in one transaction);
* the same rows inserted into an empty data file of the same schema with ``sqlite3`` ``executemany``,
  one transaction per commune, same pragmas (WAL, synchronous=FULL, foreign keys): the floor;
* the size of a typical commune-year incremental bundle (60 assessments, 100 help records) made by a
  commune workspace after the receiver's receipt confirmed the year before.

Prints the times, their ratio and the size (targets: import under 20 s; bundle under 50 KB).

    python bench/sync_import.py [--communes 200] [--help 500] [--years 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntm_desktop.criteria.loading import builtin_sets
from ntm_desktop.db.base import DecimalText
from ntm_desktop.sync.bundle.container import BundleFields, BundleKind, Receiver, write_bundle
from ntm_desktop.sync.keys.clock import HLC
from ntm_desktop.sync.keys.pairs import generate_private_key
from ntm_desktop.workspace import Workspace

PROVINCE = "19"
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
    cs = next(c for c in builtin_sets() if c.id == "vn-ntm-xa-2021-2025")
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


def make_bundles(folder: Path, communes: int, years: int, helps: int) -> list[tuple[Path, dict[str, Any]]]:
    rng = random.Random(2026)
    out = []
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
        out.append((write_bundle(folder, fields, payload, {}, generate_private_key()), payload))
    return out


def receiver_workspace(path: Path) -> Workspace:
    ws = Workspace.open(path)
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
        (str(uuid.uuid4()), code, u["name"], "xa", PROVINCE, u["region"], "[]", "[]", 0, "{}", "", now, now)
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
                "vn-ntm-xa-2021-2025",
                1,
                a["indicator"],
                crit,
                str(a["value"]),
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
                str(h["criteria"]),
                h["beneficiaries"]["households"],
                h["beneficiaries"]["persons"],
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
    "units": "uid, code, name, type, province_code, region, villages, predecessors, is_home, extra, version, "
    "created_at, updated_at",
    "supporters": "uid, record_id, unit_code, version, origin, created_at, updated_at, name, kind, parent",
    "assessments": "uid, record_id, unit_code, version, origin, created_at, updated_at, year, set_id, "
    "set_revision, indicator, criterion, value, met, met_auto, basis, note, assessed_on, assessed_by",
    "help": "uid, record_id, unit_code, version, origin, created_at, updated_at, date, title, description, "
    "village, criteria, households, persons",
    "help_items": "help_uid, position, kind, name, quantity, unit, value_vnd",
    "help_supporters": "help_uid, supporter_uid, position",
}
_SQL = {
    table: f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * (columns.count(',') + 1))})"
    for table, columns in _COLUMNS.items()
}


def bulk_insert(path: Path, all_rows: list[dict[str, list[tuple[Any, ...]]]]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    start = time.perf_counter()
    for rows in all_rows:
        conn.execute("BEGIN")
        for table in ("units", "supporters", "assessments", "help", "help_items", "help_supporters"):
            conn.executemany(_SQL[table], rows[table])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--help-records", type=int, default=500)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ntm-bench-sync-"))
    try:
        usb = root / "usb"
        usb.mkdir()
        print(
            f"making {args.communes} bundles ({args.years} years of assessments, {args.help_records} help)…"
        )
        bundles = make_bundles(usb, args.communes, args.years, args.help_records)
        sizes = [p.stat().st_size for p, _ in bundles]
        empty = root / "floor" / "ntm.sqlite"
        Workspace.open(empty).close()  # the same schema, migrated, empty
        ws = receiver_workspace(root / "province" / "ntm.sqlite")
        start, cpu = time.perf_counter(), time.process_time()
        report = ws.sync.import_bundles([p for p, _ in bundles], trust_on_first_use=True)
        sync_time, sync_cpu = time.perf_counter() - start, time.process_time() - cpu
        ws.close()
        assert all(o.status == "imported" for o in report.outcomes), report.text()
        records = sum(len(pl[k]) for _, pl in bundles for k in ("assessments", "supporters", "help"))
        rows = [_rows(pl) for _, pl in bundles]
        cpu = time.process_time()
        floor_time = bulk_insert(empty, rows)
        floor_cpu = time.process_time() - cpu
        year_size = year_bundle_size(root)
        print(f"bundles: {len(bundles)}, {records} records, {sum(sizes) / 1e6:.1f} MB on the stick")
        per = sync_time / len(bundles) * 1000
        print(
            f"sync import: {sync_time:.1f} s ({per:.0f} ms per commune; target < 20 s), CPU {sync_cpu:.1f} s"
        )
        print(f"plain bulk insert of the same rows: {floor_time:.2f} s, CPU {floor_cpu:.1f} s")
        print(f"ratio: {sync_time / floor_time:.1f}x")
        print(f"commune-year incremental bundle: {year_size / 1024:.1f} KB (target < 50 KB)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
