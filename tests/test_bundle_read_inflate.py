"""A bundle read whole inflates its members straight from the file's bytes (``Archive._inflated``) when
zipfile would give the same bytes without an error; else zipfile reads them. Whatever the bytes, a bundle
reads to the same result, or is refused with the same reason, message and details, as when zipfile reads
every member."""

from __future__ import annotations

import random
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.sync.bundle.archive import Archive
from ntm_desktop.sync.bundle.container import read_bundle
from tests.helpers.bundles import entries, make_bundle, write_zip
from tests.test_bundle_fuzz import FILES, MUTATIONS, _find_all

CASES = 200
INFLATED: list[str] = []


def _read(path: Path) -> tuple[Any, ...]:
    """What reading ``path`` gives: the bundle's manifest, payload and kept bytes, or the refusal."""
    try:
        bundle = read_bundle(path)
    except BundleRejected as error:
        return ("refused", type(error), getattr(error, "reason", None), str(error), error.details)
    return ("read", bundle.manifest, bundle.payload, bundle.data, bundle.public_key.public_bytes_raw())


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """``path`` read as it is, and read with every member through zipfile (:data:`INFLATED`: the members
    inflated straight the first time)."""
    inflated = INFLATED
    inflated.clear()
    real = Archive._inflated

    def counted(archive: Archive, name: str, limit: int) -> bytes | None:
        found = real(archive, name, limit)
        if found is not None:
            inflated.append(name)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_inflated", counted)
        quick = _read(path)
    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_inflated", lambda archive, name, limit: None)
        careful = _read(path)
    return quick, careful


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("inflate")
    return make_bundle(folder, Ed25519PrivateKey.generate(), files=FILES).read_bytes()


def test_a_sound_bundle_is_inflated_straight_and_reads_as_through_zipfile(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.ntmsync"
    path.write_bytes(original)
    quick, careful = _both(path, monkeypatch)
    assert quick == careful and quick[0] == "read"
    assert {"manifest.json", "signature", "public_key", "records.json"} <= set(INFLATED)


def _header_fields(data: bytes, rng: random.Random) -> bytes:
    """One field of a local or central header set to another value: the CRC-32, the sizes, the method, the
    flags, the name's or extra field's length, or a byte of the name."""
    mutated = bytearray(data)
    local = [(at, "local") for at in _find_all(data, b"PK\x03\x04")]
    central = [(at, "central") for at in _find_all(data, b"PK\x01\x02")]
    at, kind = rng.choice(local + central)
    offsets = {  # field: (offset in a local header, in a central header, struct format)
        "flags": (6, 8, "<H"),
        "method": (8, 10, "<H"),
        "crc": (14, 16, "<I"),
        "compressed": (18, 20, "<I"),
        "size": (22, 24, "<I"),
        "name length": (26, 28, "<H"),
        "extra length": (28, 30, "<H"),
    }
    field = rng.choice([*offsets, "name"])
    if field == "name":
        mutated[at + (30 if kind == "local" else 46)] ^= rng.choice([0x20, 0x01, 0x80])
        return bytes(mutated)
    local_at, central_at, form = offsets[field]
    where = at + (local_at if kind == "local" else central_at)
    (value,) = struct.unpack_from(form, data, where)
    changed = rng.choice([0, 1, value ^ 1, value + 1, max(value - 1, 0), 0x20, 0x40, 0x800, 12, 0xFFFF])
    struct.pack_into(form, mutated, where, changed & (0xFFFF if form == "<H" else 0xFFFFFFFF))
    return bytes(mutated)


def test_headers_changed_field_by_field_read_or_are_refused_alike(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes: set[str] = set()
    for case in range(CASES):
        rng = random.Random(f"inflate-{case}")
        path = tmp_path / f"case-{case}.ntmsync"
        path.write_bytes(_header_fields(original, rng))
        quick, careful = _both(path, monkeypatch)
        assert quick == careful, f"case {case}"
        outcomes.add(str(quick[2]) if quick[0] == "refused" else "read")
    assert len(outcomes) >= 3, outcomes  # reads, damaged members, unreadable files…


def test_mutated_bundles_read_or_are_refused_alike(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    for case in range(CASES):
        rng = random.Random(f"inflate-fuzz-{case}")
        mutation = MUTATIONS[case % len(MUTATIONS)]
        path = tmp_path / f"case-{case}.ntmsync"
        path.write_bytes(mutation(rng, original, tmp_path / "scratch.zip"))
        quick, careful = _both(path, monkeypatch)
        assert quick == careful, f"case {case} ({mutation.__name__})"


def test_a_crc_that_lies_is_refused_as_zipfile_refuses_it(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data that does not give the directory's CRC-32 is not inflated here: zipfile refuses it as damaged,
    though its SHA-256 is the signed one."""
    data = bytearray(original)
    central = next(
        at for at in _find_all(original, b"PK\x01\x02") if original[at + 46 :].startswith(b"records")
    )
    struct.pack_into("<I", data, central + 16, struct.unpack_from("<I", data, central + 16)[0] ^ 1)
    path = tmp_path / "b.ntmsync"
    path.write_bytes(bytes(data))
    quick, careful = _both(path, monkeypatch)
    assert quick == careful and quick[0] == "refused" and "Bad CRC-32" in quick[4]


def test_stored_members_are_left_to_zipfile(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "deflated.ntmsync"
    source.write_bytes(original)
    path = write_zip(tmp_path / "stored.ntmsync", entries(source), zipfile.ZIP_STORED)
    quick, careful = _both(path, monkeypatch)
    assert quick == careful and quick[0] == "read" and INFLATED == []
