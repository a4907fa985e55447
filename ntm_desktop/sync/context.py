"""What the sync modules share: the workspace's services, and who this workspace is in a sync.

A commune workspace sends its home commune's records and takes in receipts, reverse bundles and bundles
from its other computers. A receiver workspace (settings role ``receiver``, e.g. a province's NTM
office) takes in the bundles of many communes and sends back receipts and reverse bundles. It signs
as its own unit: the ``receiver_code`` / ``receiver_name`` settings, else its home unit's province.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, cast

import msgspec
from sqlalchemy import Boolean, Dialect, Table
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from ntm_desktop.core.errors import Conflict, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import PROVINCES, UnitProfile, default_receiving_unit
from ntm_desktop.db import models as m
from ntm_desktop.db.driver import fetch, written
from ntm_desktop.services.criteria import CriteriaService
from ntm_desktop.services.db import Database
from ntm_desktop.services.evidence import EvidenceService
from ntm_desktop.services.settings import SettingsService
from ntm_desktop.services.unit import UnitService, profile_of
from ntm_desktop.sync.bundle.manifest import Receiver
from ntm_desktop.sync.keys.certificates import OfficeProof, utc_now
from ntm_desktop.sync.keys.device import Identity
from ntm_desktop.sync.labels import unit_label

RECEIVER = "receiver"
_ME_KEYS = ("role", "receiver_code", "receiver_name")


_HOME = (
    "code",
    "name",
    "province_code",
    "type",
    "province_name",
    "district_name",
    "region",
    "group",
    "villages",
    "predecessors",
    "receiving_unit_name",
    "receiving_unit_level",
    "extra",
    "groups",
)
"""The home unit's columns :func:`~ntm_desktop.services.unit.profile_of` reads."""
_OFFICER = ("uid", "name", "title", "signs_as", "is_signer")
"""An officer's columns it reads, after its key (not null where a row of the officers was joined)."""


class _Home(msgspec.Struct, frozen=True):
    """The home unit's row as :func:`~ntm_desktop.services.unit.profile_of` reads it (by name)."""

    code: str
    name: str
    province_code: str
    type: str
    province_name: str | None
    district_name: str | None
    region: str | None
    group: int | None
    villages: Any
    predecessors: Any
    receiving_unit_name: str | None
    receiving_unit_level: str | None
    extra: Any
    groups: Any


class _Officer(msgspec.Struct, frozen=True):
    uid: str
    name: str
    title: str
    signs_as: str | None
    is_signer: bool


@cache
def _me_statement() -> tuple[str, tuple[TypeEngine[Any], ...]]:
    """Written once: the settings of ``_ME_KEYS`` — each its value and whether it is set (a setting may
    hold JSON null), as subqueries — beside the home unit's columns, outer-joined to a row of one, and its
    officers outer-joined to that (one row per officer, oldest first; one row whether or not the
    workspace has a home unit or officers): one statement, one snapshot. With each column's type, whose
    result processor makes of the driver's value what SQLAlchemy's result would give."""
    units, settings, officers = (cast(Table, model.__table__) for model in (m.Unit, m.Setting, m.Officer))
    said: list[str] = []
    types: list[TypeEngine[Any]] = []
    for key in _ME_KEYS:
        where = f"""FROM {settings.name} WHERE {settings.name}."key" = '{key}'"""
        said += [f"(SELECT {settings.name}.value {where})", f"EXISTS (SELECT * {where})"]
        types += [settings.c.value.type, Boolean()]
    said += [f"{units.name}.{_quoted(name)}" for name in _HOME]
    types += [units.c[name].type for name in _HOME]
    said += [f"{officers.name}.{_quoted(name)}" for name in _OFFICER]
    types += [officers.c[name].type for name in _OFFICER]
    home = f"{units.name}.is_home AND {units.name}.deleted_at IS NULL"
    theirs = f"{officers.name}.unit_code = {units.name}.code AND {officers.name}.deleted_at IS NULL"
    sql = (
        f"SELECT {', '.join(said)} FROM (SELECT 1 AS one) AS one LEFT OUTER JOIN {units.name} ON {home} "
        f"LEFT OUTER JOIN {officers.name} ON {theirs} ORDER BY {officers.name}.created_at"
    )
    return sql, tuple(types)


_AT_HOME = 2 * len(_ME_KEYS)
"""Where the home unit's columns begin in a row of :func:`_me_statement` (its code first)."""
_AT_OFFICER = _AT_HOME + len(_HOME)
"""Where an officer's columns begin (its key first)."""
_PROCESSORS: dict[tuple[str, str], list[Callable[[Any], Any] | None]] = {}


def _processors(dialect: Dialect) -> list[Callable[[Any], Any] | None]:
    """The result processors of :func:`_me_statement`'s columns on ``dialect`` (made once per database)."""
    key = (dialect.name, dialect.driver)
    found = _PROCESSORS.get(key)
    if found is None:
        types = _me_statement()[1]
        found = [t.dialect_impl(dialect).result_processor(dialect, None) for t in types]
        _PROCESSORS[key] = found
    return found


def _profile(found: list[Any], rows: list[Any], processors: list[Callable[[Any], Any] | None]) -> UnitProfile:
    """The home unit's profile: its columns from the first row (``found``: processed already), an officer
    from each row that joined one."""
    unit = _Home(*found[_AT_HOME:_AT_OFFICER])
    theirs = processors[_AT_OFFICER:]
    officers = [
        _Officer(*(v if p is None else p(v) for v, p in zip(row[_AT_OFFICER:], theirs, strict=True)))
        for row in rows
        if row[_AT_OFFICER] is not None
    ]
    return profile_of(cast(Any, unit), cast(Any, officers))  # read by name, as the ORM's rows


def _quoted(name: str) -> str:
    return f'"{name}"'


class Me(msgspec.Struct, frozen=True):
    code: str
    name: str
    receiver: bool
    home: UnitProfile | None


class SyncContext(msgspec.Struct, frozen=True):
    db: Database
    identity: Identity
    settings: SettingsService
    unit: UnitService
    criteria: CriteriaService
    evidence: EvidenceService

    def me(self) -> Me:
        """This workspace's unit in a sync; :class:`NotFound` when it is not set up yet. Read in one
        statement (:func:`_me_statement`: the settings, the home unit and its officers; an import asks
        once per call, a receiver's batch of one bundle included), of the driver straight
        (:mod:`ntm_desktop.db.driver`) on a connection without a session: SQLAlchemy's executing of it and
        its result cost a receiver's import of one bundle 0.2 ms more than the statement."""
        with self.db.engine.connect() as conn:
            sql, params = written(_me_statement()[0], conn.dialect)
            rows = fetch(conn, sql, params({}))
            processors = _processors(conn.dialect)
        found = [v if p is None else p(v) for v, p in zip(rows[0], processors, strict=True)]
        home = None if found[_AT_HOME] is None else _profile(found, rows, processors)
        values = {key: found[2 * n] for n, key in enumerate(_ME_KEYS) if found[2 * n + 1]}
        if self.settings.role_of(values) != RECEIVER:
            if home is None:
                raise NotFound(tr("This data file has no commune yet. Set it up first."))
            return Me(home.code, home.name, False, home)
        code = values.get("receiver_code") or (home.province_code if home else None)
        if not code:
            raise NotFound(
                tr("This receiving workspace does not know its own unit yet: set its province code first.")
            )
        name = values.get("receiver_name") or (home.receiving_unit_name if home else "")
        name = name or default_receiving_unit(code) or PROVINCES.get(code, code)
        return Me(str(code), str(name), True, home)

    def national(self) -> bool:
        """The national office's workspace (``receiver setup --level national``; ``receiver/info.py``
        ``LEVEL``): it takes in the provinces' roll-ups and decides nothing for communes."""
        return bool(self.settings.get("receiver_level") == "national")

    def answering_communes(self) -> None:
        """Refuse, at the national office, what only a commune's own office sends it — receipts, bundles
        sent back, recovery bundles (:class:`Conflict`): the commune trusts its province's key, and the
        province's answers reach the national office in its roll-up."""
        if self.national():
            raise Conflict(
                tr(
                    "The province answers its communes (receipts, bundles sent back, recovery bundles); the "
                    "national office receives the provinces' roll-ups and sends nothing to communes."
                )
            )

    def sequence_device(self) -> str:
        """Whose sequence of bundles the next one continues: in a data file the file's (``""``), on a
        database server this clerk's device's (each clerk signs with a key of its own)."""
        return self.identity.device_id if self.settings.on_server else ""

    def office_proof(self, s: Session) -> OfficeProof | None:
        """What this computer's bundles carry when an office key certified it (a clerk of an office).
        Every bundle, receipt and roll-up an office writes asks for it before writing, so a computer its
        office key has not certified is refused here (:class:`Conflict`), nothing written: whoever trusts
        that key would refuse the file (``office_trust.uncertified``); so is one whose certificate the office
        revoked or that expired."""
        # what only writing a file needs (two dataclasses): a process that imports bundles never loads it
        from ntm_desktop.sync.keys.office_store import office_key_info, office_key_row, proof_for
        from ntm_desktop.sync.keys.office_wording import lapsed_here_text, uncertified_here_text

        fingerprint = self.identity.fingerprint()
        proof = proof_for(s, fingerprint)
        lapse = None if proof is None else proof.lapse(utc_now())  # revoked or expired: refused alike
        office = office_key_row(s) if proof is None or lapse else None
        if office is None:
            return proof
        unit = unit_label(office_key_info(office).unit_code)  # as the reader's refusal names it
        device = self.identity.device_id
        if lapse is None:
            raise Conflict(uncertified_here_text(device, fingerprint, unit))
        raise Conflict(lapsed_here_text(device, fingerprint, unit, *lapse))

    def require_certified(self) -> None:
        """Refuse early, before a folder is chosen or anything is built, what :meth:`office_proof` would
        refuse when writing (a read only)."""
        with self.db.read() as s:
            self.office_proof(s)

    def commune(self) -> UnitProfile:
        """The home commune, for what only a commune does (send its records)."""
        me = self.me()
        if me.receiver or me.home is None:
            raise NotFound(
                tr(
                    "This is a receiving workspace: it sends receipts and reverse bundles to communes, "
                    "not records bundles."
                )
            )
        return me.home

    def receiver_of(self, home: UnitProfile) -> Receiver:
        """Whom a commune's records bundles are addressed to: its province's office."""
        return Receiver(
            home.province_code, home.receiving_unit_name or default_receiving_unit(home.province_code)
        )
