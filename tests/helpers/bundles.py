"""Builders for the bundle tests: sound bundles, and the tools to take them apart and tamper with them.

The ``test_bundle_*`` modules import from here; ``test_bundle_tools.py`` checks the tools.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core import i18n
from ntm_desktop.sync.bundle.container import BundleFields, BundleKind, write_bundle
from ntm_desktop.sync.bundle.jsonio import dump_compact
from ntm_desktop.sync.keys.clock import HLC

DEVICE = "9f2c41d07a6be815"
UNIT = "01234"
CREATED = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
EVIDENCE = b"%PDF-1.4 bi\xc3\xaan b\xe1\xba\xa3n nghi\xe1\xbb\x87m thu c\xc3\xb4ng tr\xc3\xacnh\n" * 40
EVIDENCE_SHA = hashlib.sha256(EVIDENCE).hexdigest()


@contextlib.contextmanager
def in_language(code: str) -> Iterator[None]:
    before = i18n.language()
    i18n.set_language(code)
    try:
        yield
    finally:
        i18n.set_language(before)


def fixed_clock(device: str = DEVICE, start: int = 1_763_713_800_000) -> HLC:
    """A clock on a fake wall that advances 1 s per reading: the same versions on every run."""
    ticks = iter(range(start, start + 10**12, 1000))
    return HLC(device, wall=lambda: next(ticks))


def written(value: Any) -> Any:
    """``value`` as a commune's export writes it: a field with nothing in it (None) left out, at any depth."""
    if isinstance(value, dict):
        return {k: written(v) for k, v in value.items() if v is not None}
    return [written(v) for v in value] if isinstance(value, list) else value


def record(clock: HLC, record_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": record_id, **fields, "_version": clock.now(), "_origin": clock.device_id, "_deleted": False}


def sample_payload(clock: HLC | None = None) -> dict[str, Any]:
    clock = clock or fixed_clock()
    return {
        "format": "ntm-records",
        "version": 1,
        "unit": {"code": UNIT, "name": "Xã Bằng Thành", "province_code": "19"},
        "assessments": [
            record(clock, "a-2023-19", year=2023, criterion="19", met=False, note="Chưa đạt chuẩn an ninh"),
        ],
        "supporters": [record(clock, "so-noi-vu", name="Sở Nội vụ tỉnh Bắc Kạn", kind="agency")],
        "help": [
            record(
                clock,
                "h-2019-road",
                date="2019-12-10",
                supporters=["so-noi-vu"],
                title="Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II",
                items=[{"kind": "cash", "quantity": 40000000, "unit": "đồng", "value_vnd": 40000000}],
            ),
        ],
        "cadres": [],
    }


def fields(**overrides: Any) -> BundleFields:
    values: dict[str, Any] = {
        "kind": BundleKind.RECORDS,
        "origin_unit_code": UNIT,
        "device_id": DEVICE,
        "sequence": 7,
        "schema_version": 1,
        "previous_bundle_id": "0b7e6a52-3c1f-4f7e-9a51-2d6c8e0f4b13",
        "bundle_id": "5d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e5f",
        "created": CREATED,
    }
    values.update(overrides)
    return BundleFields(**values)


def make_bundle(
    folder: Path,
    key: Ed25519PrivateKey,
    *,
    payload: dict[str, Any] | None = None,
    files: dict[str, bytes | Path] | None = None,
    **overrides: Any,
) -> Path:
    files = {EVIDENCE_SHA: EVIDENCE} if files is None else files
    folder.mkdir(parents=True, exist_ok=True)  # the writer writes only into a folder that exists
    return write_bundle(folder, fields(**overrides), payload or sample_payload(), files, key)


# -- taking bundles apart -------------------------------------------------------------------------------


def entries(path: Path) -> list[tuple[str, bytes]]:
    """The bundle's entries in order, as (name, uncompressed bytes)."""
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def write_zip(
    path: Path, items: Iterable[tuple[str, bytes]], compress_type: int = zipfile.ZIP_DEFLATED
) -> Path:
    """A ZIP with exactly these entries (duplicates and hostile names included)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is what some tests want
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in items:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compress_type
                zf.writestr(info, data)
    return path


def manifest_json(items: list[tuple[str, bytes]]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(dict(items)["manifest.json"])
    return manifest


def resign(
    items: list[tuple[str, bytes]],
    key: Ed25519PrivateKey,
    edit: Callable[[dict[str, Any]], None] | None = None,
    *,
    relist: bool = True,
) -> list[tuple[str, bytes]]:
    """Make the manifest match the entries again (digests of listed members), apply ``edit``, re-sign.

    What a forger with the key would do: the result fails only on what the test changed on purpose.
    """
    manifest = manifest_json(items)
    if relist:
        for name, data in items:
            if name in manifest["members"]:
                manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if edit is not None:
        edit(manifest)
    manifest_bytes = dump_compact(manifest)
    replaced = {"manifest.json": manifest_bytes, "signature": key.sign(manifest_bytes)}
    return [(name, replaced.get(name, data)) for name, data in items]


def replace_entry(items: list[tuple[str, bytes]], name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(n, data if n == name else d) for n, d in items]


def drop_entry(items: list[tuple[str, bytes]], name: str) -> list[tuple[str, bytes]]:
    return [(n, d) for n, d in items if n != name]


def payload_of(items: list[tuple[str, bytes]]) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(dict(items)["records.json"])
    return payload


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
