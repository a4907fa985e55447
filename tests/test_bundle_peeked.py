"""Ordering a batch reads each bundle's manifest; its import then takes that reading instead of parsing
the manifest again, but only for the very same bytes, and always checks the signature over them: a file
replaced, re-signed or damaged between the ordering and the import is read, or refused, exactly as
without the earlier reading."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.sync import intake
from ntm_desktop.sync.bundle import archive as archive_module
from ntm_desktop.sync.bundle.container import InvalidBundle, Reason, read_bundle
from ntm_desktop.sync.bundle.reader import Peeked, peek
from tests.helpers.bundles import entries, in_language, make_bundle, replace_entry, resign, write_zip
from tests.test_bundle_fuzz import FILES, MUTATIONS
from tests.test_bundle_read_inflate import CASES, _header_fields


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


# The file read whole when the batch was ordered (peek(whole=True)): its import reads the file again and
# takes the archive opened then only for the very same bytes. Whatever happened to the file in between,
# the bundle reads, or is refused, exactly as it reads alone.


def _read(path: Path, earlier: Peeked | None) -> tuple[Any, ...]:
    """What reading ``path`` gives: the bundle's manifest, payload and kept bytes, or the refusal."""
    try:
        bundle = read_bundle(path, peeked=earlier)
    except BundleRejected as error:
        return ("refused", type(error), getattr(error, "reason", None), str(error), error.details)
    return ("read", bundle.manifest, bundle.payload, bundle.data, bundle.public_key.public_bytes_raw())


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("peeked")
    return make_bundle(folder, Ed25519PrivateKey.generate(), files=FILES).read_bytes()


def _altered(original: bytes, case: int, scratch: Path) -> bytes:
    """A header's field changed, or one of the fuzz mutations (changed, removed, reordered members…)."""
    rng = random.Random(f"peeked-{case}")
    if case % 2:
        return _header_fields(original, rng)
    return MUTATIONS[case // 2 % len(MUTATIONS)](rng, original, scratch)


def test_the_file_read_whole_at_the_ordering_is_not_opened_again_if_unchanged(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "b.ntmsync"
    path.write_bytes(original)
    earlier = peek(path, whole=True)
    assert earlier is not None and earlier.archive is not None and earlier.archive.data == original
    opened: list[Path] = []
    real = archive_module._archive
    monkeypatch.setattr(archive_module, "_archive", lambda p, *a: opened.append(p) or real(p, *a))
    taken = _read(path, earlier)
    assert opened == [] and taken == _read(path, None) and opened == [path]  # only when read alone


@pytest.mark.parametrize("when", ["changed after", "changed before", "restored after"])
def test_a_file_peeked_whole_reads_or_is_refused_as_it_reads_alone(
    tmp_path: Path, original: bytes, when: str
) -> None:
    """``changed after``: the sound file peeked, then altered before its import; ``changed before``: the
    altered file peeked (or not readable so) and imported unchanged; ``restored after``: the altered file
    peeked, then the sound one put back."""
    outcomes: set[str] = set()
    path = tmp_path / "b.ntmsync"
    for case in range(CASES):
        altered = _altered(original, case, tmp_path / "scratch.zip")
        first, then = (original, altered) if when == "changed after" else (altered, altered)
        if when == "restored after":
            then = original
        path.write_bytes(first)
        earlier = peek(path, whole=True)
        path.write_bytes(then)
        alone = _read(path, None)
        assert _read(path, earlier) == alone, f"case {case}"
        outcomes.add(str(alone[2]) if alone[0] == "refused" else "read")
    assert outcomes == {"read"} if when == "restored after" else len(outcomes) >= 3, outcomes


def test_a_batch_keeps_its_files_read_whole_while_its_room_lasts(
    tmp_path: Path, original: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"{n}.ntmsync" for n in range(4)]
    for path in paths:
        path.write_bytes(original)
    monkeypatch.setattr(intake, "_FILES_KEPT", 2 * len(original) + 1)
    ahead = intake._ahead(paths)
    kept = [p for p in paths if (found := ahead[p][1]) is not None and found.archive is not None]
    assert kept == paths[:2]
    assert all(ahead[p][1] is not None for p in paths)  # the others' manifests all the same


def test_a_manifest_whose_kind_is_not_text_is_not_peeked_and_is_refused(
    bundle: Path, key: Ed25519PrivateKey
) -> None:
    """A list or an object as the kind (unhashable) was a TypeError out of the batch's ordering."""
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.update(kind=["records"])))
    assert peek(bundle) is None and peek(bundle, whole=True) is None
    assert refusal(bundle, None).reason is Reason.BAD_MANIFEST


def test_a_batch_with_a_file_that_cannot_be_read_orders_it_last(tmp_path: Path, original: bytes) -> None:
    sound = tmp_path / "b.ntmsync"
    sound.write_bytes(original)
    unnamed, missing = tmp_path / "nul\0.ntmsync", tmp_path / "gone.ntmsync"
    ahead = intake._ahead([unnamed, missing, sound])
    assert ahead[unnamed] == ((1, "", "", "", 0, unnamed.name), None)
    assert ahead[missing] == ((1, "", "", "", 0, missing.name), None)
    found = ahead[sound][1]
    assert ahead[sound][0][0] == 0 and found is not None and found.archive is not None
