"""Mutated bundles are either refused as a whole or read back exactly as written: never half-trusted.

A few hundred cases by default; set ``NTM_FUZZ_CASES`` for more. Each case has its own seed, printed on
failure, so a failing case can be replayed alone.
"""

from __future__ import annotations

import hashlib
import os
import random
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.sync.bundle.container import InvalidBundle, Reason, VerifiedBundle, read_bundle
from tests.helpers.bundles import EVIDENCE, EVIDENCE_SHA, entries, make_bundle, write_zip

CASES = int(os.environ.get("NTM_FUZZ_CASES", "300"))
SECOND = b"Danh s\xc3\xa1ch h\xe1\xbb\x99 nh\xe1\xba\xadn qu\xc3\xa0" * 30
FILES: dict[str, bytes | Path] = {EVIDENCE_SHA: EVIDENCE, hashlib.sha256(SECOND).hexdigest(): SECOND}

Mutation = Callable[[random.Random, bytes, Path], bytes]


def flip_bytes(rng: random.Random, data: bytes, _: Path) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        mutated[rng.randrange(len(mutated))] ^= rng.randint(1, 255)
    return bytes(mutated)


def flip_header_byte(rng: random.Random, data: bytes, _: Path) -> bytes:
    """Flip a byte inside a ZIP header (local, central or end record), where the parsers live."""
    starts = [i for sig in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06") for i in _find_all(data, sig)]
    mutated = bytearray(data)
    mutated[min(len(data) - 1, rng.choice(starts) + rng.randrange(46))] ^= rng.randint(1, 255)
    return bytes(mutated)


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, at = [], data.find(needle)
    while at >= 0:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


def truncate(rng: random.Random, data: bytes, _: Path) -> bytes:
    return data[: rng.randrange(len(data))]


def append_junk(rng: random.Random, data: bytes, _: Path) -> bytes:
    junk = rng.randbytes(rng.randint(1, 64))
    return junk + data if rng.random() < 0.5 else data + junk


def _rezip(items: list[tuple[str, bytes]], scratch: Path) -> bytes:
    return write_zip(scratch, items).read_bytes()


def remove_member(rng: random.Random, data: bytes, scratch: Path) -> bytes:
    items = entries(_saved(data, scratch))
    del items[rng.randrange(len(items))]
    return _rezip(items, scratch)


def reorder_members(rng: random.Random, data: bytes, scratch: Path) -> bytes:
    items = entries(_saved(data, scratch))
    rng.shuffle(items)
    return _rezip(items, scratch)


def duplicate_member(rng: random.Random, data: bytes, scratch: Path) -> bytes:
    items = entries(_saved(data, scratch))
    items.insert(rng.randrange(len(items) + 1), rng.choice(items))
    return _rezip(items, scratch)


def change_member(rng: random.Random, data: bytes, scratch: Path) -> bytes:
    """Change one member's content and re-zip (so the ZIP's own CRCs are right)."""
    items = entries(_saved(data, scratch))
    index = rng.randrange(len(items))
    name, content = items[index]
    items[index] = (name, flip_bytes(rng, content, scratch) if content else b"x")
    return _rezip(items, scratch)


def lie_about_size(rng: random.Random, data: bytes, _: Path) -> bytes:
    """Set one uncompressed size in a ZIP header to a small or huge number."""
    mutated = bytearray(data)
    central = _find_all(data, b"PK\x01\x02")
    local = _find_all(data, b"PK\x03\x04")
    at = rng.choice([c + 24 for c in central] + [h + 22 for h in local])
    struct.pack_into("<I", mutated, at, rng.choice([0, 1, 1024, 0xFFFFFFFE]))
    return bytes(mutated)


def _saved(data: bytes, scratch: Path) -> Path:
    scratch.write_bytes(data)
    return scratch


MUTATIONS: list[Mutation] = [
    flip_bytes,
    flip_header_byte,
    truncate,
    append_junk,
    remove_member,
    reorder_members,
    duplicate_member,
    change_member,
    lie_about_size,
]


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, VerifiedBundle]:
    folder = tmp_path_factory.mktemp("fuzz")
    path = make_bundle(folder, Ed25519PrivateKey.generate(), files=FILES)
    return path.read_bytes(), read_bundle(path)


def same_bundle(read: VerifiedBundle, expected: VerifiedBundle) -> bool:
    return (
        read.manifest == expected.manifest
        and read.payload == expected.payload
        and read.fingerprint == expected.fingerprint
        and all(read.read_file(sha) == FILES[sha] for sha in expected.files)
    )


def test_mutated_bundles_are_refused_or_identical(
    tmp_path: Path, original: tuple[bytes, VerifiedBundle]
) -> None:
    data, expected = original
    outcomes: dict[str, int] = {}
    for case in range(CASES):
        rng = random.Random(f"ntm-fuzz-{case}")
        mutation = MUTATIONS[case % len(MUTATIONS)]
        path = tmp_path / f"case-{case}.ntmsync"
        path.write_bytes(mutation(rng, data, tmp_path / "scratch.zip"))
        try:
            read = read_bundle(path)
        except BundleRejected as error:
            assert isinstance(error, InvalidBundle) and str(error), f"case {case} ({mutation.__name__})"
            outcomes[error.reason] = outcomes.get(error.reason, 0) + 1
        else:
            assert same_bundle(read, expected), f"case {case} ({mutation.__name__}) read back different data"
            outcomes["identical"] = outcomes.get("identical", 0) + 1
        path.unlink()
    # the mutations reach many different checks, not one early exit
    assert len(outcomes) >= 6, outcomes
    assert outcomes.get("identical", 0) > 0  # e.g. reordered members, junk around the archive


def test_every_reason_has_a_distinct_value() -> None:
    assert len({r.value for r in Reason}) == len(Reason)
