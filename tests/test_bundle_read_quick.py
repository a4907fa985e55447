"""A bundle's records.json is read the quick way (core/jsonfast, msgspec) when it is plain; each kind of
oddity the careful reader refuses in a field is still refused, whole, with the careful reader's reason:
a key written twice (also where texts hold colons), a bad UTF-8 byte, a control character as itself or
escaped, a line break in a record's version, origin or id, nesting too deep. The quick reader itself
never takes such a text: it leaves it to the careful one (DOUBT), or the container's check refuses it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core.jsonfast import DOUBT, quick_loads_utf8
from ntm_desktop.sync.bundle.container import InvalidBundle, Reason, read_bundle
from tests.helpers.bundles import (
    entries,
    in_language,
    make_bundle,
    payload_of,
    replace_entry,
    resign,
    write_zip,
)

TITLE = "Bê tông hóa đoạn đường hơn 60 m vào trường Tiểu học Bằng Thành II"


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


def compact(items: list[tuple[str, bytes]], title: str = TITLE) -> bytes:
    """The bundle's records.json written compactly (as bundles are), its help record's title ``title``."""
    payload = payload_of(items)
    payload["help"][0]["title"] = title
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def refused(bundle: Path, key: Ed25519PrivateKey, records: bytes) -> InvalidBundle:
    """Reading the bundle with ``records`` as its records.json (signed again, so only they are wrong)."""
    write_zip(bundle, resign(replace_entry(entries(bundle), "records.json", records), key))
    with pytest.raises(InvalidBundle) as caught:
        read_bundle(bundle)
    return caught.value


def test_a_plain_records_member_is_read_the_quick_way(bundle: Path, key: Ed25519PrivateKey) -> None:
    written = dict(entries(bundle))["records.json"]
    assert msgspec.json.encode(quick_loads_utf8(written)) == written  # no colons counted (jsonfast.keys_once)
    for title in (TITLE, "Thôn 3: đường 2 km; giờ 07:30"):  # colons in texts too
        records = compact(entries(bundle), title)
        assert quick_loads_utf8(records) == json.loads(records)
        write_zip(bundle, resign(replace_entry(entries(bundle), "records.json", records), key))
        assert read_bundle(bundle).payload["help"][0]["title"] == title


_TWICE = '"date":"2019-12-10","date":"2019-12-11",'


@pytest.mark.parametrize(
    "title",
    [TITLE, "Thôn 3: đường", "a:b:c", ":", 'nói \\"x\\": y', "a\\\\:b"],
)
def test_a_key_written_twice_in_a_record_is_refused(bundle: Path, key: Ed25519PrivateKey, title: str) -> None:
    records = compact(entries(bundle), json.loads(f'"{title}"')).replace(
        b'"date":"2019-12-10",', _TWICE.encode()
    )
    assert records.count(b'"date"') == 2
    assert quick_loads_utf8(records) is DOUBT
    error = refused(bundle, key, records)
    assert error.reason is Reason.MALFORMED_JSON
    assert "“date” is written twice" in str(error)


@pytest.mark.parametrize(
    "bad",
    [
        b"\xff",
        b"\x80",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        b"\xe1\xbb",
        b"\xf4\x90\x80\x80",
        b"\xc3",
        b"\xe0\x80\xaf",
    ],
)
def test_a_bad_utf8_byte_in_a_field_is_refused(bundle: Path, key: Ed25519PrivateKey, bad: bytes) -> None:
    records = compact(entries(bundle)).replace("Bằng".encode(), b"B" + bad + b"ng")
    assert quick_loads_utf8(records) is DOUBT
    error = refused(bundle, key, records)
    assert error.reason is Reason.MALFORMED_JSON
    assert "records.json is not valid JSON; the bundle is damaged" in str(error)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (b"\x01", "not valid JSON; the bundle is damaged"),  # as itself: strict JSON has none
        (b"\x1f", "not valid JSON; the bundle is damaged"),
        (b"\\u0001", "not allowed (U+0001)"),
        (b"\\u001f", "not allowed (U+001F)"),
        (b"\\b", "not allowed (U+0008)"),
        (b"\\f", "not allowed (U+000C)"),
        (b"\\ud800", "not allowed (U+D800)"),
    ],
)
def test_a_control_character_in_a_field_is_refused(
    bundle: Path, key: Ed25519PrivateKey, written: bytes, message: str
) -> None:
    records = compact(entries(bundle)).replace("Bằng".encode(), b"B" + written + b"ng")
    assert quick_loads_utf8(records) is DOUBT
    error = refused(bundle, key, records)
    assert error.reason is Reason.MALFORMED_JSON
    assert message in str(error)


@pytest.mark.parametrize(
    ("field", "where"),
    [("_version", "end"), ("_version", "middle"), ("_origin", "end"), ("_origin", "middle"), ("id", "end")],
)
def test_a_line_break_in_a_records_sync_field_is_refused(
    bundle: Path, key: Ed25519PrivateKey, field: str, where: str
) -> None:
    items = entries(bundle)
    payload = payload_of(items)
    value = payload["help"][0][field]
    payload["help"][0][field] = value + "\n" if where == "end" else f"{value}\n{value}"
    records = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    assert quick_loads_utf8(records) == payload  # valid JSON: the container's check refuses it
    error = refused(bundle, key, records)
    assert error.reason is Reason.BAD_PAYLOAD
    assert "is missing or wrong" in str(error)


@pytest.mark.parametrize("depth", [31, 32, 33])
def test_nesting_too_deep_in_a_field_is_refused(bundle: Path, key: Ed25519PrivateKey, depth: int) -> None:
    """The root, the help list, its record and its note: depth - 3 lists in the note."""
    items = entries(bundle)
    payload = payload_of(items)
    payload["help"][0]["note"] = json.loads("[" * (depth - 3) + '"Thôn [3]: x"' + "]" * (depth - 3))
    records = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if depth <= 32:
        assert quick_loads_utf8(records) == payload
        return
    assert quick_loads_utf8(records) is DOUBT
    error = refused(bundle, key, records)
    assert error.reason is Reason.MALFORMED_JSON
    assert "nested too deeply" in str(error)
