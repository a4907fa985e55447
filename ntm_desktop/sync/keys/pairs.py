"""Device identity: an Ed25519 key pair per installation, its fingerprint, and public key files.

* The private key is a PKCS#8 PEM file, written atomically with permissions 0600, encrypted when the
  officer sets a passphrase.
* The fingerprint is what two officers read to each other over the phone: the first 80 bits of the
  SHA-256 of the raw 32-byte public key, as 20 upper-case hex digits in groups of four
  (``3F2A-9C1B-77D0-12AB-9E4F``).
* A public key file (``.ntmkey``) is a small JSON file that ``keys export`` writes and ``keys trust``
  reads: ``{"format": "ntm-public-key", "format_version": 1, "unit_code", "unit_name", "device_id",
  "public_key" (base64 of the raw 32 bytes), "fingerprint"}``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.jsonsafe import loads
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.sync.bundle.rules import is_unit_code
from ntm_desktop.sync.errors import KeyFileError
from ntm_desktop.sync.keys.clock import is_device_id

PUBLIC_KEY_FORMAT = "ntm-public-key"
PUBLIC_KEY_FORMAT_VERSION = 1
OFFICE_KEY_FORMAT = "ntm-office-key"
"""An office key file: the same fields as a public key file but ``device_id`` (an office key certifies
its clerks' computers; it signs no bundle itself)."""
PUBLIC_KEY_SUFFIX = ".ntmkey"
FINGERPRINT_HEX_DIGITS = 20
_MAX_KEY_FILE_BYTES = 64 * 1024


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_device_id() -> str:
    """A random device id: 16 lower-case hex digits (short enough for record versions)."""
    return secrets.token_hex(8)


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_raw(data: bytes) -> Ed25519PublicKey:
    """The key for 32 raw bytes; ``ValueError`` if they are not an Ed25519 public key."""
    if len(data) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(data)


def fingerprint(public_key: Ed25519PublicKey | bytes) -> str:
    """Human-readable fingerprint, e.g. ``3F2A-9C1B-77D0-12AB-9E4F``."""
    raw = public_key if isinstance(public_key, bytes) else raw_public_key(public_key)
    digits = hashlib.sha256(raw).hexdigest()[:FINGERPRINT_HEX_DIGITS].upper()
    return "-".join(digits[i : i + 4] for i in range(0, FINGERPRINT_HEX_DIGITS, 4))


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed by a person (any case, spaces or dashes) in the canonical form."""
    digits = "".join(ch for ch in text.upper() if ch not in " -\t")
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def is_fingerprint(value: object) -> bool:
    return isinstance(value, str) and value == normalize_fingerprint(value) and _is_fp_digits(value)


def _is_fp_digits(value: str) -> bool:
    digits = value.replace("-", "")
    return len(digits) == FINGERPRINT_HEX_DIGITS and all(ch in "0123456789ABCDEF" for ch in digits)


# -- private key file ---------------------------------------------------------------------------------


def save_private_key(key: Ed25519PrivateKey, path: Path, passphrase: str | None = None) -> Path:
    """Write the device key as PEM (encrypted with ``passphrase`` if given), atomically.

    The file is created by ``mkstemp``, so only its owner can read it (mode 0600).
    """
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    write_bytes_atomic(Path(path), pem, make_folder=True)  # the app's own keys folder
    return Path(path)


def load_private_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    """Read the device key written by :func:`save_private_key`; :class:`KeyFileError` if it cannot be."""
    path = Path(path)
    data = _read_small(path)
    password = passphrase.encode("utf-8") if passphrase else None
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError as error:  # encrypted without a passphrase, or a passphrase for a plain key
        if password is None:
            raise KeyFileError(tr("The device key {path} needs its passphrase", path=str(path))) from error
        key = serialization.load_pem_private_key(data, password=None)
    except ValueError as error:
        if password is not None and b"ENCRYPTED" in data:
            raise KeyFileError(tr("The passphrase for the device key is wrong")) from error
        raise _not_a_device_key(path, error) from error
    except UnsupportedAlgorithm as error:
        raise _not_a_device_key(path, error) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise _not_a_device_key(path, TypeError(type(key).__name__))
    return key


def _not_a_device_key(path: Path, error: Exception) -> KeyFileError:
    return KeyFileError(tr("The file {path} is not an NTM Desktop device key", path=str(path)), repr(error))


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_MAX_KEY_FILE_BYTES + 1)
    except OSError as error:
        message = tr("The key file {path} cannot be read: {reason}", path=str(path), reason=os_reason(error))
        raise KeyFileError(message, repr(error)) from error


# -- public key file (.ntmkey) ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKeyCard:
    """What one installation tells others about itself: whose key it is and the key."""

    unit_code: str
    unit_name: str
    device_id: str
    public_key: bytes  # raw 32 bytes
    office: bool = False
    """An office key (``ntm-office-key``): it certifies the office's clerks' device keys."""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def key(self) -> Ed25519PublicKey:
        return public_key_from_raw(self.public_key)

    def to_json(self) -> dict[str, Any]:
        if self.office:
            return {
                "format": OFFICE_KEY_FORMAT,
                "format_version": PUBLIC_KEY_FORMAT_VERSION,
                "unit_code": self.unit_code,
                "unit_name": self.unit_name,
                "public_key": base64.b64encode(self.public_key).decode("ascii"),
                "fingerprint": self.fingerprint,
            }
        return {
            "format": PUBLIC_KEY_FORMAT,
            "format_version": PUBLIC_KEY_FORMAT_VERSION,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "device_id": self.device_id,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "fingerprint": self.fingerprint,
        }


def export_public_key(
    path: Path, *, unit_code: str, unit_name: str, device_id: str, public_key: Ed25519PublicKey
) -> Path:
    """Write a ``.ntmkey`` file for ``keys export`` (atomically)."""
    card = PublicKeyCard(unit_code, unit_name, device_id, raw_public_key(public_key))
    if not (is_unit_code(unit_code) and is_device_id(device_id)):
        raise ValueError(f"bad unit code or device id: {unit_code!r}, {device_id!r}")
    text = json.dumps(card.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(Path(path), text.encode("utf-8"))
    return Path(path)


def export_office_key(path: Path, *, unit_code: str, unit_name: str, public_key: bytes) -> Path:
    """Write the office key file (``.ntmkey``, format ``ntm-office-key``) that communes trust once."""
    card = PublicKeyCard(unit_code, unit_name, "", public_key, office=True)
    text = json.dumps(card.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(Path(path), text.encode("utf-8"))
    return Path(path)


def import_public_key(path: Path) -> PublicKeyCard:
    """Read a ``.ntmkey`` file for ``keys trust``; :class:`KeyFileError` if it is not a sound one."""
    path = Path(path)
    data = _read_small(path)
    try:
        obj = loads(data.decode("utf-8"))
        card = _card_from_json(obj)
    except (ValueError, TypeError, KeyError, binascii.Error) as error:
        message = tr("The file {path} is not an NTM Desktop public key file", path=str(path))
        raise KeyFileError(message, repr(error)) from error
    if normalize_fingerprint(obj["fingerprint"]) != card.fingerprint:
        raise KeyFileError(
            tr(
                "The public key file {path} is damaged: its fingerprint does not match its key",
                path=str(path),
            ),
            f"file says {obj['fingerprint']}, key is {card.fingerprint}",
        )
    return card


def _card_from_json(obj: Any) -> PublicKeyCard:
    if isinstance(obj, dict) and obj.get("format") == OFFICE_KEY_FORMAT:
        return _office_card(obj)
    expected = {
        "format",
        "format_version",
        "unit_code",
        "unit_name",
        "device_id",
        "public_key",
        "fingerprint",
    }
    if not isinstance(obj, dict) or set(obj) != expected:
        raise ValueError("wrong fields")
    if obj["format"] != PUBLIC_KEY_FORMAT or obj["format_version"] != PUBLIC_KEY_FORMAT_VERSION:
        raise ValueError("wrong format")
    if not (is_unit_code(obj["unit_code"]) and is_device_id(obj["device_id"])):
        raise ValueError("bad unit code or device id")
    if not isinstance(obj["unit_name"], str) or not isinstance(obj["fingerprint"], str):
        raise TypeError("unit_name and fingerprint must be text")
    raw = base64.b64decode(obj["public_key"], validate=True)
    public_key_from_raw(raw)  # checks it is a valid key
    return PublicKeyCard(obj["unit_code"], obj["unit_name"], obj["device_id"], raw)


def _office_card(obj: dict[str, Any]) -> PublicKeyCard:
    expected = {"format", "format_version", "unit_code", "unit_name", "public_key", "fingerprint"}
    if set(obj) != expected or obj["format_version"] != PUBLIC_KEY_FORMAT_VERSION:
        raise ValueError("wrong fields or format version")
    if not is_unit_code(obj["unit_code"]):
        raise ValueError("bad unit code")
    if not isinstance(obj["unit_name"], str) or not isinstance(obj["fingerprint"], str):
        raise TypeError("unit_name and fingerprint must be text")
    raw = base64.b64decode(obj["public_key"], validate=True)
    public_key_from_raw(raw)
    return PublicKeyCard(obj["unit_code"], obj["unit_name"], "", raw, office=True)
