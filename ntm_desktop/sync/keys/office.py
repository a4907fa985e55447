"""The office key of a receiving office: made once, kept encrypted, and certifying each clerk's computer.

A province office on a database server has several clerks, each signing with their own computer's key.
Rather than every commune trusting every clerk's key by phone, the head of office makes one office key
(``keys office create``), communes trust it once (``keys office export`` → ``keys trust``), and the office
certifies each clerk's device key with it (``keys office certify``) and revokes a lost or departed clerk's
(``keys office revoke``). Certifying and revoking need the office key's passphrase; signing bundles does
not (each clerk signs with their own device key, and the bundle carries their certificate). The key can be
backed up offline, restored and given a new passphrase without changing it (``office_backup``).
"""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from ntm_desktop.core import vntime
from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import InvalidInput, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.services.locks import lock_workspace
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.keys import office_backup as safe
from ntm_desktop.sync.keys import office_store as store
from ntm_desktop.sync.keys.certificates import (
    MAX_CLERK_BYTES,
    Office,
    issue_certificate,
    issue_revocations,
    read_certificate,
    utc_now,
)
from ntm_desktop.sync.keys.pairs import (
    export_office_key,
    fingerprint,
    import_public_key,
    normalize_fingerprint,
    raw_public_key,
)

MIN_PASSPHRASE = safe.MIN_PASSPHRASE
DEFAULT_DAYS = 730
CHANGES = Changes.of(Kind.SYNC, action="sync.office")
_unlock, _check_passphrase, _no_office_key = safe.unlock, safe.check_passphrase, safe.no_office_key


class OfficeService:
    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx

    def show(self) -> store.OfficeKeyInfo | None:
        """The office key, or None when this office has none."""
        with self._ctx.db.read() as s:
            value = store.office_key_row(s)
        return None if value is None else store.office_key_info(value)

    def create(self, passphrase: str, replace: bool = False) -> tuple[store.OfficeKeyInfo, Changes]:
        """Make the office key (once), its private key encrypted with ``passphrase``. ``replace`` makes a
        new one when the passphrase was lost or the key leaked: every certificate of the old key goes, the
        clerks' computers are certified again, and the communes trust the new key (and revoke the old)."""
        me = self._ctx.me()
        if not me.receiver:
            raise InvalidInput(tr("Only a receiving office has an office key"), field="role")
        _check_passphrase(passphrase)
        key = Ed25519PrivateKey.generate()
        pem = safe.encrypted_pem(key, passphrase)
        raw = raw_public_key(key.public_key())
        value = {
            "unit_code": me.code,
            "unit_name": me.name,
            "fingerprint": fingerprint(raw),
            "public_key": base64.b64encode(raw).decode("ascii"),
            "private_key": pem.decode("ascii"),
            "created_at": vntime.stamp(utc_now()),
            "created_by": self._ctx.db.actor(),
        }
        with self._ctx.db.write() as s:
            lock_workspace(s)  # made once, even by two clerks at the same moment
            old = store.office_key_row(s)
            if old is not None and not replace:
                raise InvalidInput(
                    tr(
                        "This office already has an office key; it is made only once (replace it with "
                        "“keys office create --replace” only if its passphrase was lost or it leaked)"
                    ),
                    field="office_key",
                )
            if old is not None:
                store.forget_office(s, self._ctx.db, old["fingerprint"])
            store.put(s, store.KEY, value)
            shown = {k: v for k, v in value.items() if k != "private_key"}
            self._ctx.db.audit(s, "sync.office.create", "office_key", value["fingerprint"], None, shown)
        return store.office_key_info(value), CHANGES

    def export(self, path: str | Path) -> Path:
        """Write the office key file (``.ntmkey``) that the communes trust once."""
        info = self._info()
        return export_office_key(
            Path(path), unit_code=info.unit_code, unit_name=info.unit_name, public_key=info.public_key
        )

    def certify(
        self, passphrase: str, clerk: str, key_file: str | Path | None = None, days: int = DEFAULT_DAYS
    ) -> tuple[store.ClerkCertificate, Changes]:
        """Certify a clerk's computer: this one's key, or the one in ``key_file`` (its ``keys export``)."""
        clerk = " ".join(clerk.split())
        if not clerk or len(clerk.encode("utf-8")) > MAX_CLERK_BYTES:
            raise InvalidInput(tr("Enter the clerk's name (at most 64 bytes)"), field="clerk")
        if not 1 <= days <= 3650:
            raise InvalidInput(tr("A certificate is valid for 1 to 3650 days"), field="days")
        device_id, device_key = self._device(key_file)
        with self._ctx.db.write() as s:
            lock_workspace(s)  # two clerks certifying at once: one after the other
            value = store.office_key_row(s)
            if value is None:
                raise _no_office_key()
            key, office = _unlock(value, passphrase), _office(value)
            _check_device(s, clerk, device_id, fingerprint(device_key))
            now = utc_now()
            der = issue_certificate(
                key,
                office,
                clerk=clerk,
                device_id=device_id,
                device_key=device_key,
                valid_from=now - timedelta(minutes=5),
                valid_until=now + timedelta(days=days),
            )
            row = _cert_row(der, self._ctx.db.actor())
            before = store.put(s, store.CERT_PREFIX + row["fingerprint"], row)
            shown = {k: v for k, v in row.items() if k != "der"}
            self._ctx.db.audit(s, "sync.office.certify", "office_certificate", row["serial"], before, shown)
        return store.certificate_view(row), CHANGES

    def revoke(self, passphrase: str, device: str) -> tuple[store.ClerkCertificate, Changes]:
        """Revoke a clerk's computer (by its key fingerprint or device id): a new revocation list, signed
        by the office key, travels in every bundle the office sends from now on."""
        with self._ctx.db.write() as s:
            lock_workspace(s)  # revocation lists are numbered one after the other
            value = store.office_key_row(s)
            if value is None:
                raise _no_office_key()
            key, office = _unlock(value, passphrase), _office(value)
            rows = store.certificate_rows(s)
            found = _find(rows, device)
            now = vntime.stamp(utc_now())
            row = found | {"revoked_at": found.get("revoked_at") or now}
            store.put(s, store.CERT_PREFIX + row["fingerprint"], row)
            rows[row["fingerprint"]] = row
            self._publish(s, key, office, rows, restored=bool(value.get("restored_at")))
            after = {"clerk": row["clerk"], "device_id": row["device_id"], "revoked_at": row["revoked_at"]}
            self._ctx.db.audit(s, "sync.office.revoke", "office_certificate", row["serial"], None, after)
        return store.certificate_view(row), CHANGES

    def backup(self, passphrase: str, path: str | Path, file_passphrase: str) -> Path:
        """Write the office key, encrypted with ``file_passphrase``, to keep offline (never overwrites)."""
        return safe.backup(self._ctx, passphrase, path, file_passphrase)

    def restore(
        self, path: str | Path, file_passphrase: str, passphrase: str
    ) -> tuple[store.OfficeKeyInfo, Changes]:
        """Put a backed-up office key back into a new or damaged office database (same key only)."""
        return safe.restore(self._ctx, path, file_passphrase, passphrase), CHANGES

    def change_passphrase(self, old: str, new: str) -> tuple[store.OfficeKeyInfo, Changes]:
        """A new passphrase for the same office key: communes and certificates are unaffected."""
        return safe.change_passphrase(self._ctx, old, new), CHANGES

    def certificates(self) -> list[store.ClerkCertificate]:
        with self._ctx.db.read() as s:
            rows = store.certificate_rows(s)
        return sorted(
            (store.certificate_view(v) for v in rows.values()), key=lambda c: (c.clerk, c.valid_from)
        )

    def _info(self) -> store.OfficeKeyInfo:
        info = self.show()
        if info is None:
            raise _no_office_key()
        return info

    def _device(self, key_file: str | Path | None) -> tuple[str, bytes]:
        if key_file is None:
            ident = self._ctx.identity
            return ident.device_id, raw_public_key(ident.private_key().public_key())
        card = import_public_key(Path(key_file))
        if card.office or card.unit_code != self._info().unit_code:
            raise InvalidInput(
                tr(
                    "The key file {path} is not a key of a computer of this office ({unit})",
                    path=str(key_file),
                    unit=self._info().unit_code,
                ),
                field="key_file",
            )
        return card.device_id, card.public_key

    def _publish(
        self,
        s: Session,
        key: Ed25519PrivateKey,
        office: Office,
        rows: dict[str, dict[str, Any]],
        restored: bool = False,
    ) -> None:
        previous = store.revocations_row(s)
        number = 1 if previous is None else previous.number + 1
        if previous is None and restored:
            # a key restored into a new database: the communes may hold a list of the old database,
            # numbered 1, 2, …; the clock's seconds number this one above any of those
            number = int(utc_now().timestamp())
        revoked = {
            int(r["serial"], 16): vntime.parse_stamp(r["revoked_at"])
            for r in rows.values()
            if r.get("revoked_at")
        }
        der = issue_revocations(key, office, number=number, revoked=revoked, issued=utc_now())
        store.put(s, store.REVOCATIONS, {"number": number, "der": base64.b64encode(der).decode("ascii")})


def _cert_row(der: bytes, actor: str) -> dict[str, Any]:
    cert = read_certificate(der)
    return {
        "der": base64.b64encode(der).decode("ascii"),
        "clerk": cert.clerk,
        "device_id": cert.device_id,
        "fingerprint": cert.fingerprint,
        "serial": format(cert.serial, "x"),
        "valid_from": vntime.stamp(cert.valid_from),
        "valid_until": vntime.stamp(cert.valid_until),
        "issued_by": actor,
        "revoked_at": None,
    }


def _check_device(s: Session, clerk: str, device_id: str, device_fp: str) -> None:
    """Device ids are never shared: one computer, one key, one clerk."""
    for fp, row in store.certificate_rows(s).items():
        if row.get("revoked_at"):
            continue
        if row["device_id"] == device_id and fp != device_fp:
            raise InvalidInput(
                tr(
                    "The device id {device} is already certified for another key (clerk {clerk}); each "
                    "clerk's computer has a device id of its own",
                    device=device_id,
                    clerk=row["clerk"],
                ),
                field="device",
            )
        if fp == device_fp and row["clerk"] != clerk:
            raise InvalidInput(
                tr(
                    "This computer's key is certified for clerk {clerk}; revoke it first",
                    clerk=row["clerk"],
                ),
                field="clerk",
            )


def _find(rows: dict[str, dict[str, Any]], device: str) -> dict[str, Any]:
    """The certificate of the computer named by its key fingerprint, its device id, or its short id as the
    screens show it (:func:`~ntm_desktop.sync.labels.short_device`: the first eight characters, when
    they name one computer only)."""
    wanted, given = normalize_fingerprint(device), device.strip()
    for fp, row in rows.items():
        if fp == wanted or row["device_id"] == given:
            return row
    short = [row for row in rows.values() if len(given) >= 8 and row["device_id"].startswith(given)]
    if len(short) == 1:
        return short[0]
    raise NotFound(tr("No clerk's computer with the key or device {device} is certified", device=device))


def _office(value: dict[str, Any]) -> Office:
    return Office(value["unit_code"], value["unit_name"])
