"""The bundle test tools themselves: a re-signed copy reads, and zip entries round-trip."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.sync.bundle.container import read_bundle
from tests.helpers.bundles import entries, make_bundle, payload_of, resign, write_zip


def test_resign_without_changes_gives_a_bundle_that_reads(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    items = entries(make_bundle(tmp_path, key))
    copy = write_zip(tmp_path / "copy.ntmsync", resign(items, key))
    assert read_bundle(copy).payload == payload_of(items)


def test_entries_and_write_zip_round_trip(tmp_path: Path) -> None:
    items = [("a", b"1"), ("a", b"2"), ("../b", b"3")]
    assert entries(write_zip(tmp_path / "x.zip", items)) == items
