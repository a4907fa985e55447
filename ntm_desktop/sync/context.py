"""What the sync modules share: the workspace's services, and who this workspace is in a sync.

A commune workspace sends its home commune's records and takes in receipts, reverse bundles and bundles
from its other computers. A receiver workspace (settings role ``receiver``, e.g. a province's NTM
office) takes in the bundles of many communes and sends back receipts and reverse bundles. It signs
as its own unit: the ``receiver_code`` / ``receiver_name`` settings, else its home unit's province.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

import msgspec
from sqlalchemy import Boolean, Table, TextualSelect, column, text
from sqlalchemy.orm import Session

from ntm_desktop.core.errors import Conflict, NotFound
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.units import PROVINCES, UnitProfile, default_receiving_unit
from ntm_desktop.db import models as m
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


@cache
def _me_query() -> TextualSelect:
    """Written once: the settings of ``_ME_KEYS`` — each its value and whether it is set (a setting may
    hold JSON null), as subqueries — beside the home unit's columns (``profile_of`` reads them by name),
    outer-joined to a row of one: one row whether or not the workspace has a home unit. Written out, its
    columns typed as the tables' (the values are JSON), as SQLAlchemy wrote it from the tables: its
    compiling cost 1.4 ms of the first import in a process (every import asks it)."""
    units, settings = (cast(Table, model.__table__) for model in (m.Unit, m.Setting))
    said: list[str] = []
    typed: list[Any] = []
    for n, key in enumerate(_ME_KEYS):
        where = f"""FROM {settings.name} WHERE {settings.name}."key" = '{key}'"""
        said += [
            f"(SELECT {settings.name}.value {where}) AS value_{n}",
            f"EXISTS (SELECT * {where}) AS set_{n}",
        ]
        typed += [column(f"value_{n}", settings.c.value.type), column(f"set_{n}", Boolean())]
    home = f"{units.name}.is_home AND {units.name}.deleted_at IS NULL"
    sql = (
        f"SELECT {', '.join(said)}, {', '.join(f'{units.name}.{_quoted(c.name)}' for c in units.c)} "
        f"FROM (SELECT 1 AS one) AS one LEFT OUTER JOIN {units.name} ON {home}"
    )
    return text(sql).columns(*typed, *units.c)


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
        transaction (an import asks once per call, a receiver's batch of one bundle included), in one
        statement (:func:`_me_query`; a commune's officers in a second), on a connection without a session:
        what the home unit and the settings services read, without their two statements and the session
        that cost a receiver's import of one bundle half a millisecond."""
        with self.db.engine.connect() as conn:  # a read of two statements: no session
            found = conn.execute(_me_query()).one()
            home = None if found.code is None else profile_of(found, self.unit.officers_on(conn, found.code))
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
