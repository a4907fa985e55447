"""This device's key card, and the keys this workspace trusts for other units.

A unit may have more than one trusted key (a commune with two computers, or a new computer whose key
was confirmed by phone): each one is trusted explicitly, from its key file, or on first use when the
officer allows it. A bundle signed by any other key of a known unit is refused.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from sqlalchemy import Select, Table, bindparam, select
from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Changes, Kind
from ntm_desktop.core.errors import NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.db import models as m
from ntm_desktop.db.base import new_uid, utcnow
from ntm_desktop.db.sql import insert_row
from ntm_desktop.sync.bundle.reader import VerifiedBundle
from ntm_desktop.sync.context import SyncContext
from ntm_desktop.sync.keys.office_trust import OFFICE, TrustedKey
from ntm_desktop.sync.keys.pairs import (
    PublicKeyCard,
    export_public_key,
    import_public_key,
    normalize_fingerprint,
    raw_public_key,
)
from ntm_desktop.sync.labels import unit_label

if TYPE_CHECKING:
    # sync.views (seven dataclasses) is imported where used: a bundle import never needs it
    from ntm_desktop.sync.views import KeyInfo, KnownKey


class KeysService:
    def __init__(self, ctx: SyncContext) -> None:
        self._ctx = ctx

    def show(self) -> KeyInfo:
        """This device's key (made now if it has none yet) and who it speaks for."""
        from ntm_desktop.sync.views import KeyInfo

        me = self._ctx.me()
        ident = self._ctx.identity
        return KeyInfo(me.code, me.name, ident.device_id, ident.fingerprint(), ident.key_path)

    def export(self, path: str | Path) -> Path:
        """Write this device's public key file (``.ntmkey``) for the other side to trust."""
        me = self._ctx.me()
        ident = self._ctx.identity
        return export_public_key(
            Path(path),
            unit_code=me.code,
            unit_name=me.name,
            device_id=ident.device_id,
            public_key=ident.private_key().public_key(),
        )

    def trust(self, path: str | Path) -> tuple[KnownKey, str, Changes]:
        """Trust the key in a public key file for its unit; returns it and a sentence for the officer."""
        card = import_public_key(Path(path))
        with self._ctx.db.write() as s:
            others = [k.fingerprint for k in _keys_of(s, card.unit_code) if k.fingerprint != card.fingerprint]
            row = remember(s, self._ctx, card, OFFICE if card.office else "key-file")
            known = _view(row)
        if card.office:
            message = tr(
                "Trusted the office key of {unit}, fingerprint {fingerprint}: bundles signed by the "
                "clerks whose computers this office key certified are accepted from now on",
                unit=unit_label(card.unit_code, card.unit_name),
                fingerprint=card.fingerprint,
            )
        elif others:
            message = tr(
                "Trusted key {fingerprint} for {unit}. Keys trusted before for this unit stay trusted: "
                "{others}",
                fingerprint=card.fingerprint,
                unit=unit_label(card.unit_code, card.unit_name),
                others=", ".join(others),
            )
        else:
            message = tr(
                "Trusted key {fingerprint} for {unit}",
                fingerprint=card.fingerprint,
                unit=unit_label(card.unit_code, card.unit_name),
            )
        return known, message, Changes.of(Kind.SYNC, action="sync.trust")

    def revoke(self, fingerprint: str) -> Changes:
        """Stop trusting a key (a lost or stolen laptop's): bundles it signs are refused from now on, and
        its unit's next key must be trusted from its key file (read over the phone), never on first use."""
        wanted = normalize_fingerprint(fingerprint)
        with self._ctx.db.write() as s:
            rows = list(s.scalars(select(m.SyncKnownKey).where(m.SyncKnownKey.fingerprint == wanted)))
            if not rows:
                raise NotFound(
                    tr("No trusted key has the fingerprint {fingerprint}", fingerprint=fingerprint)
                )
            for row in rows:
                mark_revoked(s, self._ctx, row)
        return Changes.of(Kind.SYNC, action="sync.revoke")

    def known(self) -> list[KnownKey]:
        with self._ctx.db.read() as s:
            rows = s.scalars(
                select(m.SyncKnownKey).order_by(m.SyncKnownKey.unit_code, m.SyncKnownKey.trusted_at)
            )
            return [_view(r) for r in rows]


def how_label(how: str) -> str:
    """How a key came to be trusted, in words (the lists of trusted keys, on screen and in the CLI)."""
    return {
        "key-file": tr("from its key file"),
        "first-use": tr("from its first bundle"),
        OFFICE: tr("office key: certifies its clerks' computers"),
        "vouched": tr("vouched for by its province"),
        REVOKED: tr("revoked"),
    }.get(how, how)


def known_map(s: Session, unit_code: str, fingerprint: str) -> dict[str, str]:
    """What :func:`~ntm_desktop.sync.keys.trust.check_trust` needs for a bundle of ``unit_code``: the key
    that signed it when it is one of the unit's trusted keys, else the unit's latest trusted key."""
    return known_among(_keys_of(s, unit_code), unit_code, fingerprint)


class KeyRow(NamedTuple):
    """The columns of a unit's key row a trust decision reads (:func:`unit_keys`)."""

    fingerprint: str
    public_key: str
    how: str


def unit_keys(s: Session, unit_code: str) -> list[KeyRow]:
    """Every key row of ``unit_code`` — trusted, office and revoked — oldest first: what the trust decision
    for one of its bundles reads, in one query instead of one per question; its columns only, read on the
    connection (every bundle: the ORM's objects cost more than the statement)."""
    s.flush()  # what the session holds goes first, as before an ORM query
    return [KeyRow._make(row) for row in s.connection().execute(_unit_keys(), {"unit": unit_code})]


@cache
def _unit_keys() -> Select[str, str, str]:
    """Built once: building a statement costs SQLAlchemy about as much as sending it (every bundle)."""
    keys = cast(Table, m.SyncKnownKey.__table__).c  # the table's: the ORM's first compiling costs more
    return (
        select(keys.fingerprint, keys.public_key, keys.how)
        .where(keys.unit_code == bindparam("unit"))
        .order_by(keys.trusted_at, keys.uid)
    )


def known_among(rows: Sequence[TrustedKey], unit_code: str, fingerprint: str) -> dict[str, str]:
    """:func:`known_map` from the unit's key rows (:func:`unit_keys`, oldest first)."""
    keys = [k for k in rows if k.how not in (REVOKED, OFFICE)]
    if not keys:
        return {}
    match = [k for k in keys if k.fingerprint == fingerprint]
    return {unit_code: (match or keys)[-1].fingerprint}


def remember(s: Session, ctx: SyncContext, card: PublicKeyCard, how: str) -> m.SyncKnownKey:
    """Trust ``card``'s key for its unit (inside the caller's transaction); idempotent."""
    row = s.scalar(
        select(m.SyncKnownKey).where(
            m.SyncKnownKey.unit_code == card.unit_code, m.SyncKnownKey.fingerprint == card.fingerprint
        )
    )
    if row is not None:
        if row.how == REVOKED and how in ("key-file", OFFICE):  # trusted again, explicitly, from its file
            row.how = how
        return row
    row = m.SyncKnownKey(**_new_key(ctx, card, how))
    s.add(row)
    ctx.db.audit(s, "sync.trust", "sync_key", row.uid, None, _trusted(card, how))
    return row


def remember_unseen(s: Session, ctx: SyncContext, card: PublicKeyCard, how: str) -> None:
    """:func:`remember` when the caller has just read, in this transaction, that the unit has no key row
    at all (a first use while importing a bundle): the row and its audit row go in at once, one statement
    each, without the unit of work's bookkeeping (every new commune's first bundle pays it)."""
    values = _new_key(ctx, card, how)
    insert_row(s, m.SyncKnownKey, values)
    ctx.db.audit(s, "sync.trust", "sync_key", str(values["uid"]), None, _trusted(card, how), at_once=True)


def _new_key(ctx: SyncContext, card: PublicKeyCard, how: str) -> dict[str, object]:
    """The columns of a newly trusted key's row."""
    return {
        "uid": new_uid(),
        "unit_code": card.unit_code,
        "unit_name": card.unit_name,
        "device_id": card.device_id,
        "fingerprint": card.fingerprint,
        "public_key": base64.b64encode(card.public_key).decode("ascii"),
        "how": how,
        "trusted_at": utcnow(),
        "trusted_by": ctx.db.actor(),
    }


def _trusted(card: PublicKeyCard, how: str) -> dict[str, object]:
    """What the audit row of a newly trusted key says."""
    return {"unit": card.unit_code, "fingerprint": card.fingerprint, "how": how}


def card_of(bundle: VerifiedBundle, unit_name: str) -> PublicKeyCard:
    manifest = bundle.manifest
    raw = raw_public_key(bundle.public_key)
    return PublicKeyCard(manifest.origin_unit_code, unit_name, manifest.device_id, raw)


REVOKED = "revoked"


def mark_revoked(s: Session, ctx: SyncContext, row: m.SyncKnownKey) -> None:
    if row.how == REVOKED:
        return
    before = {"unit": row.unit_code, "fingerprint": row.fingerprint, "how": row.how}
    row.how = REVOKED
    ctx.db.audit(s, "sync.revoke", "sync_known_key", row.uid, before, before | {"how": REVOKED})


def revoke_unit(s: Session, ctx: SyncContext, unit_code: str) -> list[str]:
    """Revoke every key trusted for ``unit_code`` (inside the caller's transaction); their fingerprints."""
    rows = _keys_of(s, unit_code)
    for row in rows:
        mark_revoked(s, ctx, row)
    return [r.fingerprint for r in rows]


def revoked(s: Session, unit_code: str) -> set[str]:
    """The fingerprints revoked for ``unit_code``."""
    query = select(m.SyncKnownKey.fingerprint).where(
        m.SyncKnownKey.unit_code == unit_code, m.SyncKnownKey.how == REVOKED
    )
    return set(s.scalars(query))


def _keys_of(s: Session, unit_code: str) -> list[m.SyncKnownKey]:
    query = (
        select(m.SyncKnownKey)
        .where(m.SyncKnownKey.unit_code == unit_code, m.SyncKnownKey.how.not_in((REVOKED, OFFICE)))
        .order_by(m.SyncKnownKey.trusted_at, m.SyncKnownKey.uid)
    )
    return list(s.scalars(query))


def _view(row: m.SyncKnownKey) -> KnownKey:
    from ntm_desktop.sync.views import KnownKey

    return KnownKey(
        row.unit_code, row.unit_name, row.device_id, row.fingerprint, row.how, row.trusted_at, row.trusted_by
    )
