"""Who signed a bundle is decided against known keys; receipts travel back in the same container."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import BundleRejected
from ntm_desktop.sync.bundle.container import (
    BundleKind,
    HeldRecord,
    Reason,
    ReceivedBundle,
    TrustStatus,
    check_trust,
    read_bundle,
    read_receipt,
    write_receipt,
)
from ntm_desktop.sync.bundle.payload import check_payload
from ntm_desktop.sync.keys.pairs import fingerprint
from tests.helpers.bundles import (
    entries,
    fields,
    fixed_clock,
    in_language,
    make_bundle,
    payload_of,
    replace_entry,
    resign,
    write_zip,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with in_language("en"):
        yield


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_a_known_commune_with_its_known_key_is_trusted(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    bundle = read_bundle(make_bundle(tmp_path, key))
    known = fingerprint(key.public_key())
    decision = check_trust(bundle, {"01234": known.lower().replace("-", " ")}, trust_on_first_use=False)
    assert decision.status is TrustStatus.TRUSTED and decision.accepted and not decision.first_use
    assert decision.known_fingerprint == known
    assert "01234" in decision.message and known in decision.message


def test_a_known_commune_signing_with_another_key_is_refused_with_a_warning(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    impostor = Ed25519PrivateKey.generate()  # a perfectly valid bundle, from someone else's computer
    bundle = read_bundle(make_bundle(tmp_path, impostor))
    known = fingerprint(key.public_key())
    for tofu in (False, True):
        decision = check_trust(bundle, {"01234": known}, trust_on_first_use=tofu)
        assert decision.status is TrustStatus.KEY_MISMATCH and not decision.accepted
        assert decision.message.startswith(
            "Warning: xã Bằng Thành (01234) signed this bundle with a different key"
        )
        assert fingerprint(impostor.public_key()) in decision.message and known in decision.message


def test_an_unknown_commune_is_trusted_on_first_use_only_if_allowed(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    bundle = read_bundle(make_bundle(tmp_path, key))
    refused = check_trust(bundle, {"09999": "0000-0000-0000-0000-0000"}, trust_on_first_use=False)
    assert refused.status is TrustStatus.UNKNOWN_KEY and not refused.accepted
    assert "No key is known for xã Bằng Thành (01234)." in refused.message
    first = check_trust(bundle, {}, trust_on_first_use=True)
    assert first.status is TrustStatus.TRUSTED and first.first_use
    assert first.fingerprint == fingerprint(key.public_key())
    assert "will be remembered" in first.message


def test_trust_messages_are_vietnamese_by_default(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    bundle = read_bundle(make_bundle(tmp_path, key))
    with in_language("vi"):
        assert check_trust(bundle, {"01234": "1111-2222-3333-4444-5555"}, False).message.startswith(
            "Cảnh báo"
        )


# -- receipts -------------------------------------------------------------------------------------------


def _receipt(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    clock = fixed_clock("province-pc")
    return write_receipt(
        tmp_path,
        fields(origin_unit_code="19", device_id="province-pc", sequence=3, previous_bundle_id=None),
        [ReceivedBundle("5d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e5f", "01234", "9f2c41d07a6be815", 7)],
        [HeldRecord("help", "h-2019-road", clock.now()), HeldRecord("assessments", "a-2023-19", clock.now())],
        key,
    )


def test_receipt_round_trip(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = _receipt(tmp_path, key)
    assert path.name == "ntm-tinh-19-bien-nhan-2026-11-21-0003.ntmsync"
    receipt = read_receipt(path)
    assert receipt.bundle.manifest.kind is BundleKind.RECEIPT
    assert dict(receipt.bundle.manifest.counts) == {"bundles": 1, "records": 2}
    assert receipt.bundles == (
        ReceivedBundle("5d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e5f", "01234", "9f2c41d07a6be815", 7),
    )
    assert [(r.kind, r.id) for r in receipt.records] == [
        ("help", "h-2019-road"),
        ("assessments", "a-2023-19"),
    ]
    assert check_trust(receipt.bundle, {"19": fingerprint(key.public_key())}, False).accepted
    assert path.stat().st_size < 2048


def test_a_records_bundle_is_not_a_receipt(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    with pytest.raises(BundleRejected, match="not a receipt") as caught:
        read_receipt(make_bundle(tmp_path, key))
    assert getattr(caught.value, "reason", None) is Reason.WRONG_KIND


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p["bundles"][0].pop("sequence"),
        lambda p: p["bundles"][0].update(sequence=0),
        lambda p: p["records"][0].update(_version="v1"),
        lambda p: p["records"].append(dict(p["records"][0])),
        lambda p: p["records"][0].update(note="extra"),
        lambda p: p.update(comment="extra"),
        lambda p: p.pop("records"),
    ],
)
def test_malformed_receipts_are_refused(tmp_path: Path, key: Ed25519PrivateKey, change: object) -> None:
    path = _receipt(tmp_path, key)
    items = entries(path)
    payload = payload_of(items)
    assert callable(change)
    change(payload)
    items = replace_entry(items, "records.json", json.dumps(payload).encode())
    write_zip(path, resign(items, key, lambda m: m.update(counts={"bundles": 1, "records": 2})))
    with pytest.raises(BundleRejected) as caught:
        read_receipt(path)
    assert getattr(caught.value, "reason", None) in (Reason.BAD_PAYLOAD, Reason.BAD_MANIFEST)


def test_a_receipt_payload_in_a_records_bundle_is_checked_as_records() -> None:
    with pytest.raises(BundleRejected):
        check_payload(BundleKind.RECORDS, {"records": [{"kind": "help", "id": "x", "_version": "y"}]})
