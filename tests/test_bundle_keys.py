"""Device keys: saved safely, loaded back, read over the phone, passed around as .ntmkey files."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_desktop.sync.errors import KeyFileError
from ntm_desktop.sync.keys.pairs import (
    PublicKeyCard,
    export_public_key,
    fingerprint,
    generate_private_key,
    import_public_key,
    load_private_key,
    new_device_id,
    normalize_fingerprint,
    raw_public_key,
    save_private_key,
)
from tests.helpers.bundles import in_language


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with in_language("en"):
        yield


def test_fingerprint_is_five_groups_of_four_hex_digits_and_stable() -> None:
    key = generate_private_key().public_key()
    text = fingerprint(key)
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){4}", text)
    assert fingerprint(raw_public_key(key)) == text
    assert fingerprint(generate_private_key().public_key()) != text
    assert fingerprint(bytes(32)) == "6668-7AAD-F862-BD77-6C8F"  # first 80 bits of SHA-256(32 zero bytes)


def test_a_fingerprint_typed_by_a_person_is_normalised() -> None:
    assert normalize_fingerprint(" 3f2a 9c1b-77d0 12ab 9e4f ") == "3F2A-9C1B-77D0-12AB-9E4F"


def test_device_ids_are_short_random_hex() -> None:
    ids = {new_device_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_private_key_round_trip_file_is_private(tmp_path: Path) -> None:
    key = generate_private_key()
    path = save_private_key(key, tmp_path / "keys" / "device.pem")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert raw_public_key(load_private_key(path).public_key()) == raw_public_key(key.public_key())
    assert [p.name for p in path.parent.iterdir()] == ["device.pem"]  # no temporary file left


def test_passphrase_protects_the_key(tmp_path: Path) -> None:
    key = generate_private_key()
    path = save_private_key(key, tmp_path / "device.pem", passphrase="Bằng Thành 2026")
    assert b"ENCRYPTED" in path.read_bytes()
    loaded = load_private_key(path, passphrase="Bằng Thành 2026")
    assert raw_public_key(loaded.public_key()) == raw_public_key(key.public_key())
    with pytest.raises(KeyFileError, match="passphrase for the device key is wrong"):
        load_private_key(path, passphrase="sai")
    with pytest.raises(KeyFileError, match="needs its passphrase"):
        load_private_key(path)


def test_a_file_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.pem"
    path.write_text("biên bản họp thôn", encoding="utf-8")
    with pytest.raises(KeyFileError, match="is not an NTM Desktop device key"):
        load_private_key(path)
    with pytest.raises(KeyFileError, match="cannot be read"):
        load_private_key(tmp_path / "missing.pem")


def _export(tmp_path: Path) -> tuple[Path, PublicKeyCard]:
    key = generate_private_key().public_key()
    path = export_public_key(
        tmp_path / "xa-bang-thanh.ntmkey",
        unit_code="01234",
        unit_name="Xã Bằng Thành",
        device_id="9f2c41d07a6be815",
        public_key=key,
    )
    return path, PublicKeyCard("01234", "Xã Bằng Thành", "9f2c41d07a6be815", raw_public_key(key))


def test_public_key_file_round_trip(tmp_path: Path) -> None:
    path, card = _export(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "ntm-public-key"
    assert data["unit_name"] == "Xã Bằng Thành"
    assert data["fingerprint"] == card.fingerprint
    assert path.stat().st_size < 1024
    imported = import_public_key(path)
    assert imported == card
    assert raw_public_key(imported.key()) == card.public_key


def test_a_public_key_file_whose_key_was_swapped_is_refused(tmp_path: Path) -> None:
    path, _ = _export(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    (tmp_path / "other").mkdir()
    other, _ = _export(tmp_path / "other")
    data["public_key"] = json.loads(other.read_text(encoding="utf-8"))["public_key"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyFileError, match="fingerprint does not match its key"):
        import_public_key(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("unit_code"),
        lambda d: d.update(unit_code="1234"),
        lambda d: d.update(public_key="not base64!"),
        lambda d: d.update(public_key="AAAA"),
        lambda d: d.update(format="something-else"),
        lambda d: d.update(extra=1),
    ],
)
def test_malformed_public_key_files_are_refused(tmp_path: Path, change: object) -> None:
    path, _ = _export(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert callable(change)
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyFileError, match="not an NTM Desktop public key file"):
        import_public_key(path)


def test_messages_are_vietnamese_by_default(tmp_path: Path) -> None:
    with in_language("vi"), pytest.raises(KeyFileError, match="không phải là tệp khóa công khai"):
        (tmp_path / "x.ntmkey").write_text("{}")
        import_public_key(tmp_path / "x.ntmkey")
