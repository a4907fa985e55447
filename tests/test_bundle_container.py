"""The bundle container: what is written reads back, and every kind of bad bundle is refused whole."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.errors import BundleRejected, SignatureInvalid
from ntm_desktop.core.fieldlabels import label
from ntm_desktop.core.files import WriteFailed
from ntm_desktop.sync.bundle import reader as bundle_reader
from ntm_desktop.sync.bundle.container import (
    BundleKind,
    InvalidBundle,
    Reason,
    Receiver,
    read_bundle,
    write_bundle,
)
from ntm_desktop.sync.keys.pairs import fingerprint, raw_public_key
from tests.helpers.bundles import (
    CREATED,
    DEVICE,
    EVIDENCE,
    EVIDENCE_SHA,
    drop_entry,
    entries,
    fields,
    in_language,
    make_bundle,
    manifest_json,
    payload_of,
    replace_entry,
    resign,
    sample_payload,
    write_zip,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with in_language("en"):
        yield


@pytest.fixture(autouse=True, params=["whole", "from disk"])
def _reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check holds whether a bundle is read whole (a small file) or member by member from the disk
    (a file larger than ``WHOLE_BYTES``)."""
    if request.param == "from disk":
        monkeypatch.setattr(bundle_reader, "WHOLE_BYTES", -1)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def bundle(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    return make_bundle(tmp_path / "usb", key)


def rejected(path: Path, reason: Reason, match: str, **limits: int) -> InvalidBundle:
    """Reading ``path`` is refused for ``reason`` with a message containing ``match``."""
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(path, **limits)
    assert caught.value.reason is reason, caught.value.details
    assert match in str(caught.value)
    assert isinstance(caught.value, BundleRejected)
    return caught.value


# -- writing and reading back -----------------------------------------------------------------------------


def test_round_trip(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    receiver = Receiver("19", "Văn phòng Điều phối NTM tỉnh Thái Nguyên")
    payload = sample_payload()
    path = make_bundle(tmp_path, key, payload=payload, receiver=receiver, full=True)
    assert path.name == "ntm-xa-01234-gui-tinh-19-2026-11-21-0007.ntmsync"  # from whom, for whom
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left

    bundle = read_bundle(path)
    m = bundle.manifest
    assert (m.kind, m.origin_unit_code, m.device_id, m.sequence) == (BundleKind.RECORDS, "01234", DEVICE, 7)
    assert (m.bundle_id, m.previous_bundle_id, m.full, m.receiver) == (
        "5d0c7a8e-1b2f-4c3d-8e9f-0a1b2c3d4e5f",
        "0b7e6a52-3c1f-4f7e-9a51-2d6c8e0f4b13",
        True,
        receiver,
    )
    assert m.created == CREATED
    assert dict(m.counts) == {"assessments": 1, "supporters": 1, "help": 1, "cadres": 0}
    assert bundle.payload == payload
    assert bundle.fingerprint == fingerprint(key.public_key()) == m.origin_key_fingerprint
    assert raw_public_key(bundle.public_key) == raw_public_key(key.public_key())
    assert dict(bundle.files) == {EVIDENCE_SHA: len(EVIDENCE)}
    assert bundle.read_file(EVIDENCE_SHA) == EVIDENCE
    copy = bundle.extract_file(EVIDENCE_SHA, tmp_path / "store" / EVIDENCE_SHA)
    assert copy.read_bytes() == EVIDENCE


def test_member_order_is_fixed_and_output_is_deterministic(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    other = b"second evidence file"
    files: dict[str, bytes | Path] = {hashlib.sha256(other).hexdigest(): other, EVIDENCE_SHA: EVIDENCE}
    first = make_bundle(tmp_path / "a", key, files=files)
    second = make_bundle(tmp_path / "b", key, files=dict(reversed(files.items())))
    assert first.read_bytes() == second.read_bytes()
    names = [name for name, _ in entries(first)]
    assert names[:4] == ["manifest.json", "signature", "public_key", "records.json"]
    assert names[4:] == sorted(names[4:]) and len(names) == 6


def test_evidence_can_be_streamed_from_a_file(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    source = tmp_path / "bien-ban.pdf"
    source.write_bytes(EVIDENCE)
    path = make_bundle(tmp_path / "usb", key, files={EVIDENCE_SHA: source})
    assert read_bundle(path).read_file(EVIDENCE_SHA) == EVIDENCE


def test_members_are_deflated_and_json_is_compact(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in zf.infolist())
        records = zf.read("records.json")
    assert b", " not in records and b": " not in records
    assert "Bằng Thành".encode() in records  # UTF-8, not \u escapes


def test_an_existing_bundle_of_the_same_name_is_never_overwritten(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    first = make_bundle(tmp_path, key)
    before = first.read_bytes()
    second = make_bundle(
        tmp_path, key, bundle_id="aaaaaaaa-1b2f-4c3d-8e9f-0a1b2c3d4e5f", device_id="other-pc"
    )
    assert second.name == "ntm-xa-01234-2026-11-21-0007-aaaaaaaa.ntmsync"
    assert first.read_bytes() == before


def test_a_receipt_and_a_reverse_bundle_use_the_same_container(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    path = make_bundle(tmp_path, key, kind=BundleKind.REVERSE, origin_unit_code="19", files={})
    assert read_bundle(path).manifest.kind is BundleKind.REVERSE


def test_the_writer_refuses_what_no_reader_would_accept(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    payload = sample_payload()
    del payload["help"][0]["_version"]
    with pytest.raises(ValueError, match=r"help\[0\]._version"):
        make_bundle(tmp_path, key, payload=payload)
    with pytest.raises(ValueError, match="origin_unit_code"):
        make_bundle(tmp_path, key, origin_unit_code="1234")
    with pytest.raises(ValueError, match="sha256"):
        make_bundle(tmp_path, key, files={"0" * 64: EVIDENCE})
    assert list(tmp_path.iterdir()) == []


class _FullDisk:
    """A file that takes ``room`` bytes and then fails like a full USB stick."""

    def __init__(self, real: BinaryIO, room: int) -> None:
        self.real, self.room = real, room

    def write(self, data: bytes) -> int:
        if self.room < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name: str) -> Any:  # seek, tell, flush, fileno, close, ...
        return getattr(self.real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.mark.parametrize("where", ["while writing", "at fsync"])
def test_a_full_disk_leaves_nothing_and_says_so(
    tmp_path: Path, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    real_fdopen = os.fdopen
    if where == "while writing":
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k), 1500))
    else:

        def no_space(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", no_space)
    (tmp_path / "usb").mkdir()
    photo = os.urandom(20_000)
    with pytest.raises(WriteFailed) as caught:
        make_bundle(tmp_path / "usb", key, files={hashlib.sha256(photo).hexdigest(): photo})
    monkeypatch.undo()
    assert "ntm-xa-01234-2026-11-21-0007.ntmsync" in str(caught.value)
    assert "the disk is full" in str(caught.value) or "ổ đĩa đã đầy" in str(caught.value)
    assert list((tmp_path / "usb").iterdir()) == []


# -- rejections -----------------------------------------------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "ntm-01234-20261121-0007.ntmsync"
    path.write_text("Báo cáo kết quả xây dựng nông thôn mới", encoding="utf-8")
    rejected(path, Reason.NOT_A_BUNDLE, "is not an NTM Desktop sync bundle")


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    rejected(tmp_path / "gone.ntmsync", Reason.NOT_A_BUNDLE, "cannot be read")


@pytest.mark.parametrize("keep", [0, 10, 200, -22, -1])
def test_truncated_file(bundle: Path, keep: int) -> None:
    data = bundle.read_bytes()
    bundle.write_bytes(data[:keep])
    rejected(bundle, Reason.NOT_A_BUNDLE, "damaged or incomplete (was it copied completely?)")


def test_a_zip_of_something_else(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "photos.ntmsync", [("IMG_0001.jpg", b"\xff\xd8")])
    rejected(path, Reason.MISSING_MEMBER, "has no manifest")


def test_missing_manifest(bundle: Path) -> None:
    write_zip(bundle, drop_entry(entries(bundle), "manifest.json"))
    rejected(bundle, Reason.MISSING_MEMBER, "has no manifest (manifest.json is missing)")


@pytest.mark.parametrize("name", ["signature", "public_key", "records.json", f"files/{EVIDENCE_SHA}"])
def test_member_removed(bundle: Path, name: str) -> None:
    write_zip(bundle, drop_entry(entries(bundle), name))
    shown = f"files/{EVIDENCE_SHA[:8]}…" if name.startswith("files/") else name  # as the app shows ids
    refused = rejected(bundle, Reason.MISSING_MEMBER, f"missing the file {shown} that its manifest lists")
    assert name in refused.details  # the whole name, for whoever looks closer


def test_member_added(bundle: Path) -> None:
    write_zip(bundle, [*entries(bundle), ("files/readme.txt", b"hello")])
    rejected(bundle, Reason.UNLISTED_MEMBER, "does not list: files/readme.txt")


def test_member_added_even_if_the_forger_lists_it_without_the_key(
    bundle: Path, key: Ed25519PrivateKey
) -> None:
    extra = b"x"
    name = "files/" + hashlib.sha256(extra).hexdigest()

    def list_it(m: dict[str, Any]) -> None:
        m["members"][name] = {"sha256": name[6:], "size": 1}

    items = resign([*entries(bundle), (name, extra)], key, list_it)  # as the real key would sign it
    items = replace_entry(items, "signature", dict(entries(bundle))["signature"])  # the forger has no key
    write_zip(bundle, items)
    rejected(bundle, Reason.BAD_SIGNATURE, "signature is not valid")


@pytest.mark.parametrize("name", ["records.json", "manifest.json", f"files/{EVIDENCE_SHA}"])
def test_duplicated_member(bundle: Path, name: str) -> None:
    items = entries(bundle)
    write_zip(bundle, [*items, (name, dict(items)[name])])
    rejected(bundle, Reason.DUPLICATE_MEMBER, f"contains the file {name} more than once")


@pytest.mark.parametrize(
    "name",
    [
        "../records.json",
        "files/../../evil.exe",
        "/etc/cron.d/evil",
        "files\\..\\evil.exe",
        "C:/Windows/evil.exe",
        "c:evil",
        "files//x",
        "./records.json",
        "files/\x1b[31m",
        "files/\u202etxt.exe",
    ],
)
def test_zip_slip_names(bundle: Path, name: str) -> None:
    write_zip(bundle, [*entries(bundle), (name, b"evil")])
    error = rejected(bundle, Reason.UNSAFE_NAME, "unsafe name")
    assert str(error).isprintable()


def test_a_name_cut_short_by_a_nul_byte(bundle: Path) -> None:
    """zipfile stops names at NUL: "records.json<NUL>.txt" would pass for records.json."""
    write_zip(bundle, [*entries(bundle), ("records.json#.txt", b"{}")])
    bundle.write_bytes(bundle.read_bytes().replace(b"records.json#.txt", b"records.json\x00.txt"))
    rejected(bundle, Reason.UNSAFE_NAME, "unsafe name")


@pytest.mark.parametrize("member", ["records.json", "signature", "public_key", f"files/{EVIDENCE_SHA}"])
def test_flipped_byte(bundle: Path, member: str) -> None:
    items = entries(bundle)
    data = bytearray(dict(items)[member])
    data[len(data) // 2] ^= 0x01
    write_zip(bundle, replace_entry(items, member, bytes(data)))  # a valid ZIP: CRCs match the new bytes
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(bundle)
    expected = {
        "records.json": Reason.DAMAGED_MEMBER,
        "signature": Reason.BAD_SIGNATURE,
        "public_key": Reason.BAD_SIGNATURE,
        f"files/{EVIDENCE_SHA}": Reason.DAMAGED_MEMBER,
    }[member]
    assert caught.value.reason in (expected, Reason.BAD_KEY)
    if member == "records.json":
        assert "records.json in the bundle was changed or damaged (its checksum does not match)" in str(
            caught.value
        )
    if member.startswith("files/"):  # an evidence file by its short id, not its 64-character name
        assert f"The file files/{EVIDENCE_SHA[:8]}… in the bundle was changed" in str(caught.value)
        assert member in caught.value.details


def test_flipped_byte_in_the_manifest_breaks_the_signature(bundle: Path) -> None:
    items = entries(bundle)
    manifest = dict(items)["manifest.json"].replace(b'"sequence":7', b'"sequence":8')
    write_zip(bundle, replace_entry(items, "manifest.json", manifest))
    error = rejected(bundle, Reason.BAD_SIGNATURE, "changed after it was signed")
    assert isinstance(error, SignatureInvalid)


def test_flipped_byte_in_the_raw_file_is_caught_by_the_zip_checksum(bundle: Path) -> None:
    data = bytearray(bundle.read_bytes())
    start = data.index(b"PK\x03\x04", 100)  # the local header of a later member
    data[start + 60] ^= 0xFF  # inside its compressed data
    bundle.write_bytes(bytes(data))
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(bundle)
    assert caught.value.reason in (Reason.DAMAGED_MEMBER, Reason.NOT_A_BUNDLE)


def test_wrong_signature_from_another_key(bundle: Path) -> None:
    other = Ed25519PrivateKey.generate()
    write_zip(bundle, resign(entries(bundle), other))  # signed by someone else, key member unchanged
    rejected(bundle, Reason.BAD_SIGNATURE, "signature is not valid")


def test_a_consistent_forgery_with_another_key_names_the_wrong_fingerprint(bundle: Path) -> None:
    other = Ed25519PrivateKey.generate()
    items = replace_entry(entries(bundle), "public_key", raw_public_key(other.public_key()))
    write_zip(bundle, resign(items, other))  # fingerprint in the manifest still the real one
    rejected(bundle, Reason.BAD_KEY, "does not match the fingerprint in its manifest")


@pytest.mark.parametrize("size", [0, 31, 33, 1000])
def test_a_public_key_of_the_wrong_length(bundle: Path, size: int) -> None:
    write_zip(bundle, replace_entry(entries(bundle), "public_key", bytes(size)))
    rejected(bundle, Reason.BAD_KEY, "public key is invalid")


@pytest.mark.parametrize("size", [0, 63, 65, 1000])
def test_a_signature_of_the_wrong_length(bundle: Path, size: int) -> None:
    write_zip(bundle, replace_entry(entries(bundle), "signature", bytes(size)))
    rejected(bundle, Reason.BAD_SIGNATURE, "signature is not valid")


def test_changed_evidence_with_a_relisted_manifest_but_no_key(bundle: Path, key: Ed25519PrivateKey) -> None:
    items = entries(bundle)
    name = f"files/{EVIDENCE_SHA}"
    write_zip(bundle, replace_entry(items, name, EVIDENCE + b"!"))
    rejected(bundle, Reason.TOO_LARGE, f"{name} in the bundle is larger than its manifest says")
    write_zip(bundle, replace_entry(items, name, EVIDENCE[:-1]))
    rejected(bundle, Reason.DAMAGED_MEMBER, "checksum does not match")


def test_future_format_version(bundle: Path, key: Ed25519PrivateKey) -> None:
    def newer(m: dict[str, Any]) -> None:
        m["format_version"] = 2
        m["something_new"] = {"compression": "zstd"}

    write_zip(bundle, resign(entries(bundle), key, newer))
    rejected(bundle, Reason.FUTURE_VERSION, "made by a newer version of NTM Desktop (bundle format 2)")


def test_another_format(bundle: Path, key: Ed25519PrivateKey) -> None:
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.update(format="ntm-records")))
    rejected(bundle, Reason.NOT_A_BUNDLE, "not an NTM Desktop sync bundle")


@pytest.mark.parametrize("member", ["manifest.json", "records.json"])
@pytest.mark.parametrize(
    "text",
    [b'{"format": "ntm-sync-bundle",', b"\xff\xfe{}", b'{"a": 1, "a": 2}', b'{"a": NaN}', b"[" * 100_000],
)
def test_malformed_json(bundle: Path, key: Ed25519PrivateKey, member: str, text: bytes) -> None:
    items = replace_entry(entries(bundle), member, text)
    write_zip(bundle, resign(items, key) if member != "manifest.json" else items)
    rejected(bundle, Reason.MALFORMED_JSON, f"{member} is not valid JSON")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sequence", "7"),
        ("sequence", 0),
        ("sequence", True),
        ("full", "yes"),
        ("bundle_id", "not-a-uuid"),
        ("bundle_id", "5D0C7A8E-1B2F-4C3D-8E9F-0A1B2C3D4E5F"),
        ("origin_unit_code", 1234),
        ("origin_unit_code", "1234"),
        ("kind", "patch"),
        ("kind", []),
        ("kind", {"records": 1}),
        ("created", "2026-11-21 08:30"),
        ("created", "2026-11-21T08:30:00+07:00"),
        ("device_id", ""),
        ("receiver", {"code": "19"}),
        ("counts", {"help": -1}),
        ("members", {"records.json": {"sha256": "0" * 64, "size": 1}}),
        ("members", []),
        ("format_version", 0),
        ("format_version", "1"),
        ("previous_bundle_id", 5),
        ("schema_version", 1.5),
    ],
)
def test_wrong_types_in_the_manifest(bundle: Path, key: Ed25519PrivateKey, field: str, value: object) -> None:
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.update({field: value}), relist=False))
    rejected(bundle, Reason.BAD_MANIFEST, f"the field “{field}” is missing or wrong")


def test_a_missing_manifest_field(bundle: Path, key: Ed25519PrivateKey) -> None:
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.pop("device_id")))
    rejected(bundle, Reason.BAD_MANIFEST, "the field “device_id” is missing or wrong")


def test_an_unknown_manifest_field(bundle: Path, key: Ed25519PrivateKey) -> None:
    write_zip(bundle, resign(entries(bundle), key, lambda m: m.update(priority="high")))
    rejected(bundle, Reason.BAD_MANIFEST, "unknown field “priority”")


def test_an_evidence_member_under_another_hash(bundle: Path, key: Ed25519PrivateKey) -> None:
    items = entries(bundle)
    wrong = "files/" + "a" * 64
    items = [(wrong if n == f"files/{EVIDENCE_SHA}" else n, d) for n, d in items]

    def rename(m: dict[str, Any]) -> None:
        m["members"][wrong] = m["members"].pop(f"files/{EVIDENCE_SHA}")

    write_zip(bundle, resign(items, key, rename))
    rejected(bundle, Reason.BAD_MANIFEST, "the field “members” is missing or wrong")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda p: p["help"][0].pop("id"), "help[0].id"),
        (lambda p: p["help"][0].pop("_version"), "help[0]._version"),
        (lambda p: p["help"][0].pop("_deleted"), "help[0]._deleted"),
        (lambda p: p["help"][0].pop("_origin"), "help[0]._origin"),
        (lambda p: p["help"][0].update(id=17), "help[0].id"),
        (lambda p: p["help"][0].update(id=""), "help[0].id"),
        (lambda p: p["help"][0].update(_version="yesterday"), "help[0]._version"),
        (lambda p: p["help"][0].update(_deleted="false"), "help[0]._deleted"),
        (lambda p: p["assessments"].append("a-2024-1"), "assessments[1]"),
    ],
)
def test_records_without_id_version_or_deleted(
    bundle: Path, key: Ed25519PrivateKey, change: Any, path: str
) -> None:
    items = entries(bundle)
    payload = payload_of(items)
    change(payload)
    items = replace_entry(items, "records.json", json.dumps(payload).encode())
    write_zip(bundle, resign(items, key))
    error = rejected(bundle, Reason.BAD_PAYLOAD, f"records are invalid: {label(path)} is missing or wrong")
    assert path in error.details  # the details keep the place in the file


def test_records_with_a_repeated_id(bundle: Path, key: Ed25519PrivateKey) -> None:
    items = entries(bundle)
    payload = payload_of(items)
    payload["help"].append(dict(payload["help"][0]))
    items = replace_entry(items, "records.json", json.dumps(payload).encode())
    write_zip(bundle, resign(items, key, lambda m: m["counts"].update(help=2)))
    rejected(bundle, Reason.BAD_PAYLOAD, f"{label('help[1].id')} repeats an id used earlier")


def test_a_payload_that_is_not_an_object(bundle: Path, key: Ed25519PrivateKey) -> None:
    items = replace_entry(entries(bundle), "records.json", b"[]")
    write_zip(bundle, resign(items, key))
    rejected(bundle, Reason.BAD_PAYLOAD, "records.json is missing or wrong")


def test_counts_that_do_not_match_the_records(bundle: Path, key: Ed25519PrivateKey) -> None:
    write_zip(bundle, resign(entries(bundle), key, lambda m: m["counts"].update(help=5)))
    rejected(bundle, Reason.BAD_MANIFEST, "does not count the records")


def test_zip_bomb_member_declared_1_kb_inflating_to_50_mb(bundle: Path, key: Ed25519PrivateKey) -> None:
    bomb = bytes(50 * 1024 * 1024)
    name = "files/" + hashlib.sha256(bomb).hexdigest()
    items = [*entries(bundle), (name, bomb)]

    def declare_1_kb(m: dict[str, Any]) -> None:
        m["members"][name] = {"sha256": hashlib.sha256(bomb).hexdigest(), "size": 1024}

    write_zip(bundle, resign(items, key, declare_1_kb))
    assert bundle.stat().st_size < 200_000
    rejected(bundle, Reason.TOO_LARGE, f"{name} in the bundle is larger than its manifest says")


def test_zip_bomb_whose_zip_headers_also_claim_1_kb(bundle: Path, key: Ed25519PrivateKey) -> None:
    bomb = bytes(50 * 1024 * 1024)
    sha = hashlib.sha256(bomb).hexdigest()
    name = f"files/{sha}"
    items = [*entries(bundle), (name, bomb)]
    write_zip(
        bundle, resign(items, key, lambda m: m["members"].update({name: {"sha256": sha, "size": 1024}}))
    )
    data = bytearray(bundle.read_bytes())
    at = data.find(name.encode())
    while at >= 0:  # the name follows its local header (30 bytes) and its central header (46 bytes)
        if data[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, at - 30 + 22, 1024)
        if data[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, at - 46 + 24, 1024)
        at = data.find(name.encode(), at + 1)
    bundle.write_bytes(bytes(data))
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(bundle)
    assert caught.value.reason in (Reason.TOO_LARGE, Reason.DAMAGED_MEMBER)


def test_records_bomb(bundle: Path, key: Ed25519PrivateKey) -> None:
    items = entries(bundle)
    bomb = b" " * (20 * 1024 * 1024) + dict(items)["records.json"]
    declared = len(dict(items)["records.json"])
    items = replace_entry(items, "records.json", bomb)

    def keep_size(m: dict[str, Any]) -> None:
        m["members"]["records.json"]["size"] = declared

    write_zip(bundle, resign(items, key, keep_size))
    rejected(bundle, Reason.TOO_LARGE, "records.json in the bundle is larger than its manifest says")


def test_members_and_totals_beyond_the_limits(bundle: Path) -> None:
    error = rejected(bundle, Reason.TOO_LARGE, "is too large", max_member_bytes=1000)
    assert f"files/{EVIDENCE_SHA}" in str(error)
    error = rejected(bundle, Reason.TOO_LARGE, "is too large", max_total_bytes=2000)
    assert bundle.name in str(error)
    assert read_bundle(bundle, max_member_bytes=len(EVIDENCE), max_total_bytes=10_000).files


def test_a_file_far_larger_than_the_limit_is_not_even_opened(tmp_path: Path) -> None:
    path = tmp_path / "huge.ntmsync"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: costs nothing
    rejected(path, Reason.TOO_LARGE, "is too large", max_total_bytes=1024 * 1024)


def test_encrypted_or_exotic_compression_is_refused(bundle: Path) -> None:
    write_zip(bundle, entries(bundle), compress_type=zipfile.ZIP_BZIP2)
    rejected(bundle, Reason.DAMAGED_MEMBER, "damaged and cannot be read")


def test_the_message_is_vietnamese_by_default(bundle: Path) -> None:
    write_zip(bundle, drop_entry(entries(bundle), "manifest.json"))
    with in_language("vi"), pytest.raises(BundleRejected, match="không có bản kê"):
        read_bundle(bundle)


def test_evidence_changed_after_reading_is_caught_on_access(
    tmp_path: Path, bundle: Path, key: Ed25519PrivateKey
) -> None:
    verified = read_bundle(bundle)
    name = f"files/{EVIDENCE_SHA}"
    write_zip(bundle, replace_entry(entries(bundle), name, b"Z" * len(EVIDENCE)))
    with pytest.raises(InvalidBundle, match="checksum does not match"):
        verified.read_file(EVIDENCE_SHA)
    with pytest.raises(InvalidBundle):
        verified.extract_file(EVIDENCE_SHA, tmp_path / "store" / "x")
    assert not (tmp_path / "store" / "x").exists()
    with pytest.raises(KeyError):
        verified.read_file("0" * 64)


def test_write_bundle_signature_matches_the_documented_call(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    path = write_bundle(tmp_path, fields(sequence=1, previous_bundle_id=None), sample_payload(), {}, key)
    assert path.name == "ntm-xa-01234-2026-11-21-0001.ntmsync"
    assert manifest_json(entries(path))["members"].keys() == {"public_key", "records.json"}
