"""The data of the sync import bench (bench/sync_import.py, bench/records_import.py): communes' records in
bundle shape, their signed bundles, a receiving workspace, and the rows the import writes for one commune
as plain tuples for the floor.

Everything is made from seeded random numbers: the same communes, records and bundles on every run.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntm_desktop.criteria.loading import builtin_sets, default_set_id_for_year
from ntm_desktop.db.base import DecimalText, new_uid, new_uids
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


def indicators() -> list[tuple[str, str]]:
    cs = next(c for c in builtin_sets() if c.id == SET)
    return [
        (i.code, i.kind)
        for c in cs.criteria
        for i in c.indicators
        if i.kind in ("percent", "boolean", "number")
    ]


def _record(rng: random.Random, clock: HLC, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` as a synced record: a seeded id, the clock's version, this device, not deleted."""
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        **body,
        "_version": clock.now(),
        "_origin": clock.device_id,
        "_deleted": False,
    }


def _assessment(rng: random.Random, year: int, indicator: str, kind: str) -> dict[str, Any]:
    value: Any = rng.random() < 0.7 if kind == "boolean" else round(rng.uniform(40, 100), 1)
    return {
        "year": year,
        "indicator": indicator,
        "value": value,
        "met": rng.random() < 0.7,
        "note": "Theo số liệu thống kê của xã",
        "assessed_on": f"{year}-11-20",
    }


def _help(rng: random.Random, supporters: list[dict[str, Any]], years: range) -> dict[str, Any]:
    village = rng.choice(VILLAGES)
    items = []
    for kind, name, unit in rng.sample(ITEMS, rng.randint(1, 3)):
        quantity = rng.choice([10, 30, 60, 120]) if kind != "cash" else rng.choice([15_000_000, 40_000_000])
        value_vnd = quantity if kind == "cash" else quantity * 150_000
        items.append({"kind": kind, "name": name, "quantity": quantity, "unit": unit, "value_vnd": value_vnd})
    year = rng.randint(years.start, years.stop - 1)
    return {
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "supporters": [rng.choice(supporters)["id"]],
        "title": rng.choice(WORKS).format(v=village),
        "village": village,
        "criteria": sorted(rng.sample([str(n) for n in range(1, 20)], 2)),
        "beneficiaries": {"households": rng.randint(5, 200), "persons": rng.randint(20, 900)},
        "items": items,
    }


def commune_payload(
    rng: random.Random, code: str, clock: HLC, years: int, helps: int, start: int = 2021
) -> dict[str, Any]:
    """One commune's records in bundle shape: ``years`` of assessments, ``helps`` help records."""
    span = range(start, start + years)
    supporters = [
        _record(rng, clock, {"name": f"Đơn vị hỗ trợ số {n} tỉnh Thái Nguyên", "kind": "agency"})
        for n in range(20)
    ]
    assessments = [
        _record(rng, clock, _assessment(rng, year, indicator, kind))
        | ({} if default_set_id_for_year(year) == SET else {"_criteria_set": SET})
        for year in span
        for indicator, kind in indicators()
    ]
    help_records = [_record(rng, clock, _help(rng, supporters, span)) for _ in range(helps)]
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
        yield signed_bundle(folder, code, device, payload), payload


def signed_bundle(folder: Path, code: str, device: str, payload: dict[str, Any]) -> Path:
    """The commune's first bundle, full, to the province office, signed with a new key, in ``folder``."""
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
    return write_bundle(folder, fields, payload, {}, generate_private_key())


def make_bundles(folder: Path, communes: int, years: int, helps: int) -> list[tuple[Path, dict[str, Any]]]:
    return list(bundle_stream(folder, communes, years, helps))


def receiver_workspace(location: str | Path, clerk: Path | None = None) -> Workspace:
    ws = Workspace.open(location, folder=clerk) if isinstance(location, str) else Workspace.open(location)
    ws.settings.set_role("receiver")
    ws.settings.set("receiver_code", PROVINCE)
    return ws


# ---- the rows the import writes, for the floor -------------------------------------------------------


def rows(payload: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows the sync import writes for one commune, as plain tuples (built before timing)."""
    code, now = payload["unit"]["code"], datetime.now(UTC).replace(tzinfo=None)
    # uids as the import makes them (``db.base.new_uids``: time-ordered, a batch per list), so these are
    # the same rows, going into the indexes where the import's go
    supporters = payload["supporters"]
    sup_uid = dict(zip((s["id"] for s in supporters), new_uids(len(supporters)), strict=True))
    assessment_uids = new_uids(len(payload["assessments"]))
    help_uids = iter(new_uids(len(payload["help"])))
    out: dict[str, list[tuple[Any, ...]]] = {
        "units": [_unit_row(payload["unit"], now)],
        "supporters": [
            (sup_uid[s["id"]], s["id"], code, s["_version"], s["_origin"], now, now, s["name"], s["kind"], "")
            for s in payload["supporters"]
        ],
        "assessments": [
            _assessment_row(a, uid, code, now)
            for a, uid in zip(payload["assessments"], assessment_uids, strict=True)
        ],
        "help": [],
        "help_items": [],
        "help_supporters": [],
    }
    dec = DecimalText()
    for h in payload["help"]:
        uid = next(help_uids)
        out["help"].append(_help_row(h, uid, code, now))
        out["help_items"] += [
            (uid, pos, it["kind"], it["name"], dec.process_bind_param(Decimal(it["quantity"]), None),
             it["unit"], it["value_vnd"])
            for pos, it in enumerate(h["items"])
        ]  # fmt: skip
        out["help_supporters"].append((uid, sup_uid[h["supporters"][0]], 0))
    return out


OFFICE = ("Thái Nguyên", "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên", "province")
"""What the import writes of the receiving office beside each commune it registers (the province's name,
the office's name and level), as ``bench/sync_import.py``'s check of the rows finds it."""
UNIT_VERSION = "20261121T083000.000001.aa145060"
"""A unit row's version as long as the import's (the receiver's own clock; compared by its length)."""


def _unit_row(u: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    return (new_uid(), u["code"], u["name"], "xa", PROVINCE, *OFFICE, u["region"],
            "{}", "[]", "[]", 0, "{}", UNIT_VERSION, now, now)  # fmt: skip


def _synced(r: dict[str, Any], uid: str, code: str, now: datetime) -> tuple[Any, ...]:
    """The columns every synced row starts with: uid, record id, unit, version, origin, created, updated."""
    return (uid, r["id"], code, r["_version"], r["_origin"], now, now)


def _assessment_row(a: dict[str, Any], uid: str, code: str, now: datetime) -> tuple[Any, ...]:
    criterion = a["indicator"].split(".")[0]
    met_auto, basis = _judged(a["indicator"], a["value"], a["met"])
    return (*_synced(a, uid, code, now), a["year"], SET, 1, a["indicator"], criterion,
            json.dumps(a["value"]), a["met"], met_auto, basis, a["note"], a["assessed_on"], "")  # fmt: skip


_JUDGED: dict[tuple[Any, ...], tuple[bool | None, str]] = {}


def _judged(indicator: str, value: Any, met: bool) -> tuple[bool | None, str]:
    """The result worked out and its basis the import writes beside an assessment (the app's own
    judgement, ``services.kinds.judging.judge``, of the value against the set's indicator, for a commune
    of the bench's region), each distinct value judged once."""
    key = (indicator, type(value), value, met)
    if key not in _JUDGED:
        from ntm_desktop.services.kinds.judging import judge

        cs = next(c for c in builtin_sets() if c.id == SET)
        found = next(i for c in cs.criteria for i in c.indicators if i.code == indicator)
        j = judge(found, value, met, True, "TDMNPB", None)
        _JUDGED[key] = (j.met_auto, j.basis)
    return _JUDGED[key]


def _help_row(h: dict[str, Any], uid: str, code: str, now: datetime) -> tuple[Any, ...]:
    people = h["beneficiaries"]
    return (*_synced(h, uid, code, now), h["date"], h["title"], "", h["village"], json.dumps(h["criteria"]),
            people["households"], people["persons"], "")  # fmt: skip


def plain(payload: dict[str, Any]) -> dict[str, Any]:
    """A bundle payload as a records-v1 file: without the sync fields."""
    for name in ("assessments", "supporters", "help"):
        payload[name] = [{k: v for k, v in r.items() if not k.startswith("_")} for r in payload[name]]
    return payload
