"""Ordering a batch reads each bundle's manifest; its import then takes that reading instead of parsing
the manifest again, but only for the very same bytes, and always checks the signature over them: a file
replaced, re-signed or damaged between the ordering and the import is read, or refused, exactly as
without the earlier reading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.sync.bundle.container import InvalidBundle, Reason, read_bundle
from ntm_desktop.sync.bundle.reader import Peeked, peek
from tests.helpers.bundles import entries, in_language, make_bundle, replace_entry, resign, write_zip


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with in_language("en"):
        yield


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def bundle(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    return make_bundle(tmp_path / "usb", key)


def peeked(path: Path) -> Peeked:
    found = peek(path)
    assert found is not None
    return found


def refusal(path: Path, earlier: Peeked | None) -> InvalidBundle:
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(path, peeked=earlier)
    return caught.value


def test_the_bundle_read_with_its_peeked_manifest_is_the_bundle_read_alone(bundle: Path) -> None:
    alone, taken = read_bundle(bundle), read_bundle(bundle, peeked=peeked(bundle))
    assert (taken.manifest, taken.payload, taken.fingerprint) == (
        alone.manifest,
        alone.payload,
        alone.fingerprint,
    )


def test_a_file_replaced_after_the_ordering_is_read_as_it_is_now(
    tmp_path: Path, bundle: Path, key: Ed25519PrivateKey
) -> None:
    earlier = peeked(bundle)
    other = make_bundle(tmp_path / "other", key, bundle_id="7e1d2c3b-4a5f-4e6d-9c8b-1a2b3c4d5e6f", sequence=8)
    bundle.write_bytes(other.read_bytes())
    taken = read_bundle(bundle, peeked=earlier)
    assert taken.manifest == read_bundle(other).manifest != earlier[1]
    assert taken.manifest.bundle_id == "7e1d2c3b-4a5f-4e6d-9c8b-1a2b3c4d5e6f"


def test_the_signature_is_checked_over_the_peeked_bytes_all_the_same(bundle: Path) -> None:
    earlier = peeked(bundle)
    write_zip(bundle, replace_entry(entries(bundle), "signature", bytes(64)))
    assert refusal(bundle, earlier).reason is Reason.BAD_SIGNATURE
    assert refusal(bundle, None).reason is Reason.BAD_SIGNATURE


def test_a_manifest_made_wrong_after_the_ordering_is_refused_as_without_it(
    bundle: Path, key: Ed25519PrivateKey
) -> None:
    earlier = peeked(bundle)
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.update(sequence="seven")))
    with_it, without = refusal(bundle, earlier), refusal(bundle, None)
    assert with_it.reason is without.reason is Reason.BAD_MANIFEST
    assert str(with_it) == str(without)


def test_a_damaged_member_is_refused_though_the_manifest_was_peeked(bundle: Path) -> None:
    earlier = peeked(bundle)
    damaged = replace_entry(entries(bundle), "records.json", b'{"unit": {}}')
    write_zip(bundle, damaged)  # the manifest (and its signature) unchanged: its digest no longer holds
    assert refusal(bundle, earlier).reason is refusal(bundle, None).reason is Reason.DAMAGED_MEMBER
