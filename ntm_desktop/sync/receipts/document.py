"""Receipts: a signed statement from the receiver of what it now holds, carried back to the sender.

A receipt is a bundle of kind ``receipt`` (same container, same signature and checks) whose
``records.json`` is::

    {"bundles": [{"bundle_id", "origin_unit_code", "device_id", "sequence"}, ...],
     "records": [{"kind", "id", "_version"}, ...]}

``bundles`` lists the bundles the receiver has imported; ``records`` the version of each record it
holds (``kind`` is the records-v1 list name, e.g. ``help``). The sender can then tell which of its
edits arrived and what it still has to send.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.i18n import tr
from ntm_desktop.sync.bundle.manifest import BundleKind
from ntm_desktop.sync.bundle.reader import (
    DEFAULT_MAX_MEMBER_BYTES,
    DEFAULT_MAX_TOTAL_BYTES,
    VerifiedBundle,
    read_bundle,
)
from ntm_desktop.sync.bundle.writer import BundleFields, write_bundle
from ntm_desktop.sync.errors import InvalidBundle, Reason
from ntm_desktop.sync.labels import bundle_kind_text


@dataclass(frozen=True)
class ReceivedBundle:
    bundle_id: str
    origin_unit_code: str
    device_id: str
    sequence: int


@dataclass(frozen=True)
class HeldRecord:
    kind: str
    id: str
    version: str


@dataclass(frozen=True)
class Receipt:
    bundle: VerifiedBundle
    bundles: tuple[ReceivedBundle, ...]
    records: tuple[HeldRecord, ...]


def write_receipt(
    path_dir: Path,
    fields: BundleFields,
    bundles: Iterable[ReceivedBundle],
    records: Iterable[HeldRecord],
    private_key: Ed25519PrivateKey,
) -> Path:
    """Write a signed receipt (a bundle of kind ``receipt``, whatever ``fields.kind`` says)."""
    payload = {
        "bundles": [
            {
                "bundle_id": b.bundle_id,
                "origin_unit_code": b.origin_unit_code,
                "device_id": b.device_id,
                "sequence": b.sequence,
            }
            for b in bundles
        ],
        "records": [{"kind": r.kind, "id": r.id, "_version": r.version} for r in records],
    }
    return write_bundle(path_dir, replace(fields, kind=BundleKind.RECEIPT), payload, {}, private_key)


def receipt_from_bundle(bundle: VerifiedBundle) -> Receipt:
    """The receipt a verified bundle holds; :class:`InvalidBundle` if it is another kind of bundle."""
    if bundle.manifest.kind is not BundleKind.RECEIPT:
        raise InvalidBundle(
            Reason.WRONG_KIND,
            tr(
                "This bundle is not a receipt (it is a bundle of kind “{kind}”)",
                kind=bundle_kind_text(str(bundle.manifest.kind)),
            ),
        )
    payload = bundle.payload  # shape checked by read_bundle for kind "receipt"
    return Receipt(
        bundle,
        tuple(
            ReceivedBundle(b["bundle_id"], b["origin_unit_code"], b["device_id"], b["sequence"])
            for b in payload["bundles"]
        ),
        tuple(HeldRecord(r["kind"], r["id"], r["_version"]) for r in payload["records"]),
    )


def read_receipt(
    path: Path,
    *,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES,
) -> Receipt:
    """Read and check a receipt file completely (same rules as :func:`read_bundle`)."""
    bundle = read_bundle(path, max_total_bytes=max_total_bytes, max_member_bytes=max_member_bytes)
    return receipt_from_bundle(bundle)
