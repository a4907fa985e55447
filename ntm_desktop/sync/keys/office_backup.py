"""Keeping the office key safe: a backup file kept offline, putting it back, and changing its passphrase.

The office key's private half lives in the database encrypted with the head of office's passphrase. The
head of office can also keep it **offline** (a USB stick in the office safe): ``backup`` writes it as an
encrypted PKCS#8 PEM file (``BestAvailableEncryption`` with a passphrase of the file's own), ``restore``
puts it back into a new or damaged office database, and ``change_passphrase`` re-encrypts it with a new
passphrase. None of them makes a new key: the fingerprint stays, so no commune has to trust again and every
clerk's certificate keeps verifying.

A backup file is plain text: a few lines saying whose key it is (for the person holding the stick; the
key itself decides, the lines are only read to refuse another office's file early) and the PEM block.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ntm_desktop.core import vntime
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.files import write_bytes_atomic
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.oserrors import reason as os_reason
from ntm_desktop.services.locks import lock_workspace
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.errors import KeyFileError
from ntm_desktop.sync.keys import office_store as store
from ntm_desktop.sync.keys.certificates import utc_now
from ntm_desktop.sync.keys.pairs import fingerprint, raw_public_key

MIN_PASSPHRASE = 8
BEGIN = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
MAX_BACKUP_BYTES = 16_384


def backup(ctx: SyncContext, passphrase: str, path: str | Path, file_passphrase: str) -> Path:
    """Write the office key to ``path``, encrypted with ``file_passphrase``; the office key's own
    passphrase is needed (whoever may certify may also take the key away). An audit row says who did."""
    check_passphrase(file_passphrase)
    with ctx.db.write() as s:
        value = store.office_key_row(s)
        if value is None:
            raise no_office_key()
        written = write_backup(Path(path), unlock(value, passphrase), file_passphrase, value)
        after = {"fingerprint": value["fingerprint"], "file": str(written)}
        ctx.db.audit(s, "sync.office.backup", "office_key", value["fingerprint"], None, after)
    return written


def restore(ctx: SyncContext, path: str | Path, file_passphrase: str, passphrase: str) -> store.OfficeKeyInfo:
    """Put a backed-up office key back, kept from now on with ``passphrase``. A database that knows its
    office key takes back only that key (same fingerprint); an empty one takes the office's own."""
    me = ctx.me()
    if not me.receiver:
        raise InvalidInput(tr("Only a receiving office has an office key"), field="role")
    check_passphrase(passphrase)
    key = read_backup(Path(path), file_passphrase, me.code)
    raw = raw_public_key(key.public_key())
    found = fingerprint(raw)
    with ctx.db.write() as s:
        lock_workspace(s)
        old = store.office_key_row(s)
        if old is not None and old.get("fingerprint") != found:
            raise KeyFileError(
                tr(
                    "The key in {path} (fingerprint {found}) is not this office's key (fingerprint "
                    "{known}); nothing was changed",
                    path=str(path),
                    found=found,
                    known=str(old.get("fingerprint")),
                )
            )
        made = {"unit_code": me.code, "unit_name": me.name, "created_at": vntime.stamp(utc_now())}
        value = (old or made | {"created_by": ctx.db.actor()}) | {
            "fingerprint": found,
            "public_key": base64.b64encode(raw).decode("ascii"),
            "private_key": encrypted_pem(key, passphrase).decode("ascii"),
            "restored_at": vntime.stamp(utc_now()),
        }
        store.put(s, store.KEY, value)
        after = {"fingerprint": found, "file": str(path), "was_there": old is not None}
        ctx.db.audit(s, "sync.office.restore", "office_key", found, None, after)
    return store.office_key_info(value)


def change_passphrase(ctx: SyncContext, old: str, new: str) -> store.OfficeKeyInfo:
    """Re-encrypt the office key with a new passphrase, in one transaction; the key stays the same."""
    check_passphrase(new)
    with ctx.db.write() as s:
        lock_workspace(s)  # two heads of office changing it at once: one after the other
        value = store.office_key_row(s)
        if value is None:
            raise no_office_key()
        key = unlock(value, old)
        when = vntime.stamp(utc_now())
        value |= {"private_key": encrypted_pem(key, new).decode("ascii"), "passphrase_changed_at": when}
        store.put(s, store.KEY, value)
        after = {"fingerprint": value["fingerprint"], "passphrase_changed_at": when}
        ctx.db.audit(s, "sync.office.passphrase", "office_key", value["fingerprint"], None, after)
    return store.office_key_info(value)


def unlock(value: dict[str, Any], passphrase: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(
            value["private_key"].encode("ascii"), password=passphrase.encode("utf-8")
        )
    except (ValueError, TypeError) as error:
        raise KeyFileError(tr("The passphrase of the office key is wrong")) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(tr("The passphrase of the office key is wrong"))
    return key


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            tr("The office key's passphrase must have at least {n} characters", n=MIN_PASSPHRASE),
            field="passphrase",
        )


def no_office_key() -> NotFound:
    return NotFound(tr("This office has no office key yet: make it first with “keys office create”"))


def encrypted_pem(key: Ed25519PrivateKey, passphrase: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def write_backup(path: Path, key: Ed25519PrivateKey, passphrase: str, value: dict[str, Any]) -> Path:
    """Write the backup file (temporary name, then renamed); an existing file is never overwritten."""
    path = Path(path)
    if path.exists():
        raise InvalidInput(
            tr("The file {path} already exists; choose a new name (nothing was written)", path=str(path)),
            field="out",
        )
    header = (
        "NTM Desktop office key backup\n"
        f"Unit: {value['unit_code']} {value['unit_name']}\n"
        f"Fingerprint: {value['fingerprint']}\n\n"
    )
    write_bytes_atomic(path, header.encode("utf-8") + encrypted_pem(key, passphrase))
    return path


def read_backup(path: Path, passphrase: str, unit_code: str) -> Ed25519PrivateKey:
    """The office key in a backup file; :class:`KeyFileError` naming what is wrong (not a backup, another
    office's, wrong passphrase or damaged)."""
    data = _read(Path(path))
    if BEGIN not in data:
        raise _not_a_backup(path)
    unit = _header_unit(data)
    if unit is not None and unit != unit_code:
        raise KeyFileError(
            tr(
                "The file {path} holds the office key of unit {unit}, not of this office ({code})",
                path=str(path),
                unit=unit,
                code=unit_code,
            )
        )
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8"))
    except TypeError as error:
        raise _not_a_backup(path) from error
    except ValueError as error:
        raise KeyFileError(
            tr("The passphrase of the backup file is wrong, or the file {path} is damaged", path=str(path)),
            repr(error),
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise _not_a_backup(path)
    return key


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BACKUP_BYTES + 1)
    except OSError as error:
        raise KeyFileError(
            tr("The file {path} cannot be read: {reason}", path=str(path), reason=os_reason(error)),
            repr(error),
        ) from error
    if len(data) > MAX_BACKUP_BYTES:
        raise _not_a_backup(path)
    return data


def _header_unit(data: bytes) -> str | None:
    head = data.split(BEGIN, 1)[0].decode("utf-8", errors="replace")
    for line in head.splitlines():
        if line.startswith("Unit: "):
            parts = line[len("Unit: ") :].split()
            return parts[0] if parts else None
    return None


def _not_a_backup(path: Path | str) -> KeyFileError:
    return KeyFileError(tr("The file {path} is not a backup of an office key", path=str(path)))
